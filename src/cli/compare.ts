/**
 * `train compare`: one training per batch size (× learning rate × seed) on the same data from the
 * same initial weights, then the views: summary table, terminal chart, JSON, CSV, Markdown, SVG.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { KerasWeights, LayerSpec } from '../core/model.js';
import { InputError } from '../io/errors.js';
import { checkWritableFile, ensureWritableFolder, writeFileAtomic } from '../io/files.js';
import { readWeightsFile } from '../io/weights.js';
import { lineChart } from '../report/chart.js';
import { compareDocument } from '../report/compare-json.js';
import { arithmeticLine, formatRate, seriesLabel, warningText } from '../report/compare-notes.js';
import { historyCsv, summaryMarkdown, summaryTable } from '../report/compare-table.js';
import type { LineSink, Writer } from '../report/output.js';
import { colorWanted, createPaint, type Paint } from '../report/paint.js';
import { progressLogger } from '../report/progress-logger.js';
import { lossChartSpec, renderSvg } from '../report/svg.js';
import { toJson } from '../report/train-json.js';
import {
  planComparison,
  runComparison,
  summarize,
  trainSampleCount,
  xOf,
  X_AXES,
  type ComparePlan,
  type CompareRun,
  type CompareSummary,
  type XAxis,
} from '../training/compare.js';
import type { FitCallback } from '../training/fit.js';
import { invalidLossWatcher } from '../training/invalid-loss.js';
import { timedPacer } from '../training/run.js';
import { EXIT, type CliIo } from './io.js';
import { integerAtLeast, oneOf, parseSeed, positiveNumber } from './parsers.js';
import { addTrainOptions, dataLabel, resolveTrainConfig, type TrainConfig } from './train-options.js';
import { checkModelSize, clockOf, exitCodeOf, interruptWatcher, loadTrainingData, pacingClock, runConfigOf, sinkFor } from './train.js';
import { VERSION } from './version.js';

export const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type CompareFormat = (typeof FORMATS)[number];

/** Most seeds one comparison repeats every batch size with. */
const MAX_SEEDS = 1000;

export interface CompareConfig extends TrainConfig {
  readonly batchSizes: readonly number[];
  readonly seedCount: number;
  readonly learningRates: readonly number[];
  readonly x: XAxis;
  readonly format: CompareFormat;
  readonly plot: string | null;
  readonly out: string | null;
  readonly quiet: boolean;
}

const EXAMPLES = `
Examples:
  $ train compare --batch-sizes 6,3,1 --epochs 10            full batch against mini-batches on the sample
  $ train compare --batch-sizes 6,3,1 --epochs 10 --x update   the same losses per optimizer update
  $ train compare -e 20 --batch-sizes 6,2 --seeds 5 --quiet    mean ± sd over seeds 42..46
  $ train compare -e 10 --batch-sizes 6,1 --lrs 0.001,0.01     every batch size × learning rate
  $ train compare -e 10 --batch-sizes 6,3,1 --format json > runs.json
  $ train compare -e 10 --batch-sizes 6,3,1 --out results/     runs.json, history.csv, summary.md, loss.svg`;

/** Comma-separated list of `parse(item)`, e.g. `6,3,1`. */
function listOf<T>(parse: (text: string) => T, what: string, example: string): (text: string) => T[] {
  return (text) => {
    const items = text.split(',').map((s) => s.trim());
    if (items.some((s) => s === '')) throw new InvalidArgumentError(`${what} must be a comma-separated list without empty items, e.g. ${example}.`);
    return items.map(parse);
  };
}

/** Adds `compare` to the program (it inherits the program's output and exit settings). */
export function addCompareCommand(program: Command, io: CliIo, outcome: { code: number }): Command {
  const command = program
    .command('compare')
    .description('Train once per batch size from the same initial weights and compare the losses side by side.')
    .addOption(
      new Option('--batch-sizes <list>', 'comma-separated batch sizes to compare, e.g. 6,3,1 (duplicates run once)')
        .argParser(listOf(integerAtLeast(1, 'batch size'), 'batch sizes', '6,3,1'))
        .makeOptionMandatory(),
    )
    .addOption(new Option('--seeds <k>', 'repeat every batch size with seeds seed, seed+1, …, seed+k−1; report mean ± sd').argParser(integerAtLeast(1, 'seeds')).default(1))
    .addOption(new Option('--lrs <list>', 'comma-separated learning rates: every batch size × learning rate').argParser(listOf(positiveNumber('learning rate', '0.001'), 'learning rates', '0.001,0.01')))
    .addOption(new Option('--x <axis>', `chart x axis: ${X_AXES.join(', ')}`).argParser(oneOf('x axis', X_AXES)).default('epoch'))
    .addOption(new Option('--format <format>', `what goes to stdout: ${FORMATS.join(', ')}`).argParser(oneOf('format', FORMATS)).default('table'))
    .addOption(new Option('--plot <file.svg>', 'write the loss chart as an SVG file'))
    .addOption(new Option('--out <dir>', 'write runs.json, history.csv, summary.md and loss.svg into this folder'))
    .addOption(new Option('-q, --quiet', "no Keras log of each run (the arithmetic, table and chart stay)"));
  addTrainOptions(command, { batchSize: false });
  command.addHelpText('after', EXAMPLES);
  command.action(async (_options, cmd: Command) => {
    outcome.code = await compareAction(resolveCompareConfig(cmd, io.cwd), io);
  });
  return command;
}

interface CompareOptionValues {
  batchSizes: number[];
  seeds: number;
  lrs?: number[];
  x: XAxis;
  format: CompareFormat;
  plot?: string;
  out?: string;
  quiet?: boolean;
  lr?: number;
}

export function resolveCompareConfig(command: Command, cwd: string): CompareConfig {
  const train = resolveTrainConfig(command, cwd);
  const o = command.opts<CompareOptionValues>();
  if (train.saveWeights !== null) {
    throw new InputError('--save-weights writes one run\'s weights; compare keeps every run\'s final weights in --format json or --out <dir>/runs.json');
  }
  if (o.lrs !== undefined && o.lr !== undefined) throw new InputError('give --lr or --lrs, not both: --lrs 0.001,0.01 compares several');
  if (o.seeds > MAX_SEEDS) throw new InputError(`--seeds ${o.seeds} is more than ${MAX_SEEDS}; fewer seeds already give a stable mean`);
  if (train.seed + o.seeds - 1 > 0xffffffff) {
    throw new InputError(`--seed ${train.seed} with --seeds ${o.seeds} goes past 4294967295; choose a smaller --seed`);
  }
  if (train.json && command.getOptionValueSource('format') === 'cli' && o.format !== 'json') {
    throw new InputError(`--json and --format ${o.format} disagree; give one of them`);
  }
  const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(cwd, path));
  return {
    ...train,
    batchSizes: o.batchSizes,
    seedCount: o.seeds,
    learningRates: o.lrs ?? [],
    x: o.x,
    format: train.json ? 'json' : o.format,
    plot: o.plot === undefined ? null : absolute(o.plot),
    out: o.out === undefined ? null : absolute(o.out),
    quiet: o.quiet === true || train.verbose === 0,
  };
}

/** `Dense(8, relu) → Dense(1)`. */
export function describeModel(layers: readonly LayerSpec[]): string {
  return layers.map((l) => (l.activation === 'linear' ? `Dense(${l.units})` : `Dense(${l.units}, ${l.activation})`)).join(' → ');
}

export const X_TITLES: Record<XAxis, string> = { epoch: 'epoch', update: 'optimizer updates', samples: 'training samples seen' };

/** Names and words shared by the table caption, the chart and the SVG. */
interface Captions {
  readonly title: string;
  readonly details: string;
  readonly yTitle: string;
}

function captions(config: CompareConfig, plan: ComparePlan): Captions {
  const data =
    config.data !== null ? basename(config.data) : config.synthetic !== null ? `synthetic ${config.synthetic.kind} data` : 'sample data (x = y = 1..6)';
  const rate = plan.learningRates.length === 1 ? ` lr ${formatRate(plan.learningRates[0])}` : '';
  const seeds = plan.seeds.length > 1 ? `seeds ${plan.seeds[0]}–${plan.seeds[plan.seeds.length - 1]}` : `seed ${plan.seeds[0]}`;
  const start = config.weightsFile === null ? seeds : `weights ${basename(config.weightsFile)}`;
  const epochs = `${config.epochs} epoch${config.epochs === 1 ? '' : 's'}`;
  return {
    title: `Training loss by batch size: ${data}, ${describeModel(config.layers)}`,
    details: `${config.loss} loss, ${config.optimizer.name}${rate}, ${epochs}, ${start}${config.shuffle ? '' : ', no shuffle'}`,
    yTitle: `loss (${config.loss})`,
  };
}

function chartSeriesOf(summary: readonly CompareSummary[], plan: ComparePlan): Array<{ label: string; summary: CompareSummary }> {
  const withRate = plan.learningRates.length > 1;
  return summary.map((s) => ({ label: seriesLabel(s.batchSize, s.learningRate, { withRate, seeds: s.seeds.length }), summary: s }));
}

function terminalChart(summary: readonly CompareSummary[], plan: ComparePlan, config: CompareConfig, paint: Paint): string[] {
  const { yTitle } = captions(config, plan);
  const series = chartSeriesOf(summary, plan).map(({ label, summary: s }) => ({
    label,
    points: s.curve.map((c, e) => [xOf(config.x, e + 1, s.stepsPerEpoch, plan.trainSamples), c.mean] as const),
  }));
  return lineChart(series, { xTitle: X_TITLES[config.x], yTitle, integerX: true, paint });
}

async function svgChart(runs: readonly CompareRun[], summary: readonly CompareSummary[], plan: ComparePlan, config: CompareConfig): Promise<string> {
  const { title, details, yTitle } = captions(config, plan);
  const series = chartSeriesOf(summary, plan).map(({ label, summary: s }) => ({
    label,
    curves: runs
      .filter((r) => r.batchSize === s.batchSize && r.learningRate === s.learningRate)
      .map((r) => r.result.history.loss.map((loss, e) => [xOf(config.x, e + 1, r.stepsPerEpoch, plan.trainSamples), loss] as const)),
  }));
  return renderSvg(lossChartSpec({ title, subtitle: details, xTitle: X_TITLES[config.x], yTitle, legendTitle: 'runs', series }));
}

function markdownOf(summary: readonly CompareSummary[], plan: ComparePlan, config: CompareConfig): string {
  const { title, details } = captions(config, plan);
  const table = summaryMarkdown(summary, { timings: config.timings, withRate: plan.learningRates.length > 1 });
  return `**${title}**; ${details}.\n\n${table.join('\n')}\n`;
}

/** Where the arithmetic lines and Keras logs go: stdout for the table; else stderr with --verbose, or nowhere. */
function notesWriter(config: CompareConfig, io: CliIo): Writer | null {
  if (config.format === 'table') return io.stdout;
  return config.verboseExplicit && config.verbose !== 0 ? io.stderr : null;
}

export async function compareAction(config: CompareConfig, io: CliIo): Promise<number> {
  // Check every output before any training.
  if (config.plot !== null) checkWritableFile(config.plot, '--plot');
  if (config.out !== null) ensureWritableFolder(config.out, '--out');

  const data = loadTrainingData(config);
  const weights: KerasWeights | null =
    config.weightsFile === null ? null : readWeightsFile(config.weightsFile, { inputSize: data.features, layers: config.layers });
  const trainSamples = trainSampleCount(data.samples, config.validationSplit);
  checkModelSize(data.features, config.layers, Math.min(Math.max(...config.batchSizes), data.samples));
  const plan = planComparison(trainSamples, {
    base: runConfigOf(config),
    batchSizes: config.batchSizes,
    seeds: Array.from({ length: config.seedCount }, (_, i) => config.seed + i),
    learningRates: config.learningRates,
  });

  const notes = notesWriter(config, io);
  const sink: LineSink | null = notes === null ? null : sinkFor(notes);
  const paint = createPaint(notes !== null && colorWanted(notes.isTTY === true, io.env, config.color));
  const errPaint = createPaint(colorWanted(io.stderr.isTTY === true, io.env, config.color));
  const warnings = plan.warnings.map(warningText);
  for (const warning of warnings) io.stderr.write(`${errPaint.warning(`warning: ${warning}`)}\n`);

  const showLog = sink !== null && !config.quiet && (config.verbose === 1 || config.verbose === 2);
  const severalPerBatch = plan.seeds.length > 1 || plan.learningRates.length > 1;
  const clock = clockOf(config, io);
  const interrupt = interruptWatcher(io, () => sink?.abandon?.());
  const diverged: string[] = [];
  let runs: CompareRun[];
  try {
    runs = await runComparison(data, plan, {
      weights,
      clock,
      pacer: () => timedPacer(pacingClock, io.pause),
      hooks: {
        beforeRun(run, index) {
          if (sink === null) return;
          if (index === 0 || plan.runs[index - 1].batchSize !== run.batchSize) {
            sink.line(paint.bold(arithmeticLine(run, trainSamples, plan.epochs)));
          }
          if (showLog && severalPerBatch) sink.line(paint.dim(`seed ${run.seed}, lr ${formatRate(run.learningRate)}`));
        },
        callbacks(run) {
          const callbacks: FitCallback[] = [];
          if (showLog) callbacks.push(progressLogger({ verbose: config.verbose as 1 | 2, sink: sink!, clock, paint }));
          callbacks.push(
            invalidLossWatcher(config.onNan, ({ epoch, batch }) => {
              if (showLog && config.onNan === 'stop') sink!.line(paint.warning(`Batch ${batch}: Invalid loss, terminating training`));
              diverged.push(`batch ${run.batchSize}, lr ${formatRate(run.learningRate)}, seed ${run.seed}: the loss became NaN or infinite in epoch ${epoch + 1}, batch ${batch}`);
            }),
            interrupt,
          );
          return callbacks;
        },
        shouldContinue: () => interrupt.signal === null,
      },
    });
  } catch (error) {
    sink?.abandon?.();
    throw error;
  } finally {
    interrupt.dispose();
  }
  const after = config.onNan === 'stop' ? 'training stopped' : 'training went on (--on-nan continue)';
  for (const run of diverged) io.stderr.write(`${errPaint.warning(`warning: ${run}; ${after}`)}\n`);

  const summary = summarize(runs);
  const withRate = plan.learningRates.length > 1;
  const document = (): string =>
    toJson(
      compareDocument({
        version: VERSION,
        config: {
          batchSizes: plan.batchSizes,
          seeds: plan.seeds,
          learningRates: plan.learningRates,
          epochs: config.epochs,
          optimizer: config.optimizer,
          loss: config.loss,
          layers: config.layers,
          data: dataLabel(config),
          target: config.target,
          shuffle: config.shuffle,
          validationSplit: config.validationSplit,
          weights: config.weightsFile,
        },
        samples: { total: data.samples, train: trainSamples, validation: data.samples - trainSamples, features: data.features, outputs: data.outputs },
        warnings,
        runs,
        summary,
        timings: config.timings,
        interrupted: interrupt.signal !== null,
      }),
    );

  switch (config.format) {
    case 'table': {
      const out = createPaint(colorWanted(io.stdout.isTTY === true, io.env, config.color));
      const table = summaryTable(summary, { timings: config.timings, withRate });
      const lines = ['', out.bold(table[0]), ...table.slice(1), '', ...terminalChart(summary, plan, config, out)];
      io.stdout.write(`${lines.join('\n')}\n`);
      break;
    }
    case 'json':
      io.stdout.write(document());
      break;
    case 'csv':
      io.stdout.write(historyCsv(runs, { timings: config.timings }));
      break;
    case 'markdown':
      io.stdout.write(markdownOf(summary, plan, config));
      break;
  }

  if (config.plot !== null || config.out !== null) {
    const svg = await svgChart(runs, summary, plan, config);
    if (config.plot !== null) writeFileAtomic(config.plot, svg);
    if (config.out !== null) {
      writeFileAtomic(join(config.out, 'runs.json'), document());
      writeFileAtomic(join(config.out, 'history.csv'), historyCsv(runs, { timings: config.timings }));
      writeFileAtomic(join(config.out, 'summary.md'), markdownOf(summary, plan, config));
      writeFileAtomic(join(config.out, 'loss.svg'), svg);
    }
  }
  if (interrupt.signal !== null) {
    // Like train: what was done is reported and written, marked, and the exit code tells.
    const finished = runs.filter((r) => r.result.stopReason !== 'interrupt').length;
    io.stderr.write(`interrupted (${interrupt.signal}): ${finished} of ${plan.runs.length} runs finished; the results cover the runs so far ("interrupted": true in JSON)\n`);
    return exitCodeOf(interrupt.signal);
  }
  return diverged.length > 0 ? EXIT.training : EXIT.ok;
}
