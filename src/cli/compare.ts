/**
 * `train compare`: one training per batch size (× learning rate × seed) on the same data from the
 * same initial weights, then the views: summary table, terminal chart, JSON, CSV, Markdown, SVG.
 */
import { Command, Option } from 'commander';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { KerasWeights, LayerSpec } from '../core/model.js';
import { english, msg, type Translator } from '../i18n/message.js';
import { InputError } from '../io/errors.js';
import { checkFolderCreatable, writeFileGroup } from '../io/files.js';
import { checkFileSet, named } from '../io/file-set.js';
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
import { inLanguage, integerAtLeast, listOf, oneOf, positiveNumber } from './parsers.js';
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

/** Adds `compare` to the program (it inherits the program's output, help and exit settings). */
export function addCompareCommand(program: Command, io: CliIo, outcome: { code: number }, t: Translator = english): Command {
  const command = program
    .command('compare')
    .description(t('help.compare'))
    .addOption(
      new Option('--batch-sizes <list>', t('help.batchSizes'))
        .argParser(inLanguage(t, listOf(integerAtLeast(1, 'what.batchSize'), 'what.batchSizes', '6,3,1')))
        .makeOptionMandatory(),
    )
    .addOption(new Option('--seeds <k>', t('help.seeds')).argParser(inLanguage(t, integerAtLeast(1, 'what.seeds'))).default(1))
    .addOption(
      new Option('--lrs <list>', t('help.lrs')).argParser(inLanguage(t, listOf(positiveNumber('what.learningRate', '0.001'), 'what.learningRates', '0.001,0.01'))),
    )
    .addOption(new Option('--x <axis>', t('help.x', { names: X_AXES.join(', ') })).argParser(inLanguage(t, oneOf('what.xAxis', X_AXES))).default('epoch'))
    .addOption(new Option('--format <format>', t('help.format', { names: FORMATS.join(', ') })).argParser(inLanguage(t, oneOf('what.format', FORMATS))).default('table'))
    .addOption(new Option('--plot <file.svg>', t('help.plot')))
    .addOption(new Option('--out <dir>', t('help.out')))
    .addOption(new Option('-q, --quiet', t('help.quiet')));
  addTrainOptions(command, t, { batchSize: false });
  command.addHelpText('after', t('help.compare.examples'));
  command.action(async (_options, cmd: Command) => {
    outcome.code = await compareAction(resolveCompareConfig(cmd, io.cwd), io, t);
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
    throw new InputError(msg('compare.saveWeights'));
  }
  if (o.lrs !== undefined && o.lr !== undefined) throw new InputError(msg('compare.lrAndLrs'));
  if (o.seeds > MAX_SEEDS) throw new InputError(msg('compare.tooManySeeds', { seeds: o.seeds, max: MAX_SEEDS }));
  if (train.seed + o.seeds - 1 > 0xffffffff) {
    throw new InputError(msg('compare.seedOverflow', { seed: train.seed, seeds: o.seeds }));
  }
  if (train.json && command.getOptionValueSource('format') === 'cli' && o.format !== 'json') {
    throw new InputError(msg('compare.jsonAndFormat', { format: o.format }));
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

/** The chart's x-axis title. */
export function xTitle(axis: XAxis, t: Translator = english): string {
  switch (axis) {
    case 'epoch':
      return t('chart.x.epoch');
    case 'update':
      return t('chart.x.update');
    case 'samples':
      return t('chart.x.samples');
  }
}

/** Names and words shared by the table caption, the chart and the SVG. */
interface Captions {
  readonly title: string;
  readonly details: string;
  readonly yTitle: string;
}

function captions(config: CompareConfig, plan: ComparePlan, t: Translator): Captions {
  const data =
    config.data !== null
      ? basename(config.data)
      : config.synthetic !== null
        ? t('compare.syntheticData', { kind: config.synthetic.kind })
        : t('compare.sampleData');
  const seeds = msg('compare.seeds', { first: plan.seeds[0], last: plan.seeds.length > 1 ? plan.seeds[plan.seeds.length - 1] : null });
  return {
    title: t('compare.title', { data, model: describeModel(config.layers) }),
    details: t('compare.details', {
      loss: config.loss,
      optimizer: config.optimizer.name,
      rate: plan.learningRates.length === 1 ? formatRate(plan.learningRates[0]) : null,
      epochs: msg('compare.epochs', { epochs: config.epochs }),
      start: config.weightsFile === null ? seeds : msg('compare.weightsFile', { file: basename(config.weightsFile) }),
      shuffle: config.shuffle,
    }),
    yTitle: t('chart.loss', { loss: config.loss }),
  };
}

function chartSeriesOf(summary: readonly CompareSummary[], plan: ComparePlan, t: Translator): Array<{ label: string; summary: CompareSummary }> {
  const withRate = plan.learningRates.length > 1;
  return summary.map((s) => ({ label: seriesLabel(s.batchSize, s.learningRate, { withRate, seeds: s.seeds.length }, t), summary: s }));
}

function terminalChart(summary: readonly CompareSummary[], plan: ComparePlan, config: CompareConfig, paint: Paint, t: Translator): string[] {
  const { yTitle } = captions(config, plan, t);
  const series = chartSeriesOf(summary, plan, t).map(({ label, summary: s }) => ({
    label,
    points: s.curve.map((c, e) => [xOf(config.x, e + 1, s.stepsPerEpoch, plan.trainSamples), c.mean] as const),
  }));
  return lineChart(series, { xTitle: xTitle(config.x, t), yTitle, integerX: true, paint }, t);
}

async function svgChart(
  runs: readonly CompareRun[],
  summary: readonly CompareSummary[],
  plan: ComparePlan,
  config: CompareConfig,
  t: Translator,
): Promise<string> {
  const { title, details, yTitle } = captions(config, plan, t);
  const series = chartSeriesOf(summary, plan, t).map(({ label, summary: s }) => ({
    label,
    curves: runs
      .filter((r) => r.batchSize === s.batchSize && r.learningRate === s.learningRate)
      .map((r) => r.result.history.loss.map((loss, e) => [xOf(config.x, e + 1, r.stepsPerEpoch, plan.trainSamples), loss] as const)),
  }));
  return renderSvg(lossChartSpec({ title, subtitle: details, xTitle: xTitle(config.x, t), yTitle, legendTitle: t('compare.legend'), series }));
}

function markdownOf(summary: readonly CompareSummary[], plan: ComparePlan, config: CompareConfig, t: Translator): string {
  const { title, details } = captions(config, plan, t);
  const table = summaryMarkdown(summary, { timings: config.timings, withRate: plan.learningRates.length > 1 }, t);
  return `**${title}**; ${details}.\n\n${table.join('\n')}\n`;
}

/** Where the arithmetic lines and Keras logs go: stdout for the table; else stderr with --verbose, or nowhere. */
function notesWriter(config: CompareConfig, io: CliIo): Writer | null {
  if (config.format === 'table') return io.stdout;
  return config.verboseExplicit && config.verbose !== 0 ? io.stderr : null;
}

/** The files `--out` writes, in the order of `texts` in compareAction. */
function outFiles(out: string | null): string[] {
  return out === null ? [] : ['runs.json', 'history.csv', 'summary.md', 'loss.svg'].map((name) => join(out, name));
}

export async function compareAction(config: CompareConfig, io: CliIo, t: Translator = english): Promise<number> {
  // Check every output before any training.
  const outExists = config.out !== null && checkFolderCreatable(config.out, '--out');
  checkFileSet(
    named({ '--data': config.data, '--weights': config.weightsFile }),
    [...named({ '--plot': config.plot }), ...outFiles(config.out).map((path) => ({ option: '--out', path, inNewFolder: !outExists }))],
  );

  const data = await loadTrainingData(config);
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
  // The JSON document keeps the warnings in English, as every machine-read field; stderr has the user's language.
  const warnings = plan.warnings.map((warning) => warningText(warning));
  for (const warning of plan.warnings) io.stderr.write(`${errPaint.warning(t('cli.warning', { message: warningText(warning, t) }))}\n`);

  const showLog = sink !== null && !config.quiet && (config.verbose === 1 || config.verbose === 2);
  const severalPerBatch = plan.seeds.length > 1 || plan.learningRates.length > 1;
  const clock = clockOf(config, io);
  const interrupt = interruptWatcher(io, () => sink?.abandon?.(), t);
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
            sink.line(paint.bold(arithmeticLine(run, trainSamples, plan.epochs, t)));
          }
          if (showLog && severalPerBatch) sink.line(paint.dim(t('compare.runHeader', { seed: run.seed, rate: formatRate(run.learningRate) })));
        },
        callbacks(run) {
          const callbacks: FitCallback[] = [];
          if (showLog) callbacks.push(progressLogger({ verbose: config.verbose as 1 | 2, sink: sink!, clock, paint }));
          callbacks.push(
            invalidLossWatcher(config.onNan, ({ epoch, batch }) => {
              if (showLog && config.onNan === 'stop') sink!.line(paint.warning(`Batch ${batch}: Invalid loss, terminating training`));
              diverged.push(
                t('cli.warning', {
                  message: msg('compare.diverged', {
                    batchSize: run.batchSize,
                    rate: formatRate(run.learningRate),
                    seed: run.seed,
                    epoch: epoch + 1,
                    batch,
                    stopped: config.onNan === 'stop',
                  }),
                }),
              );
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
  for (const warning of diverged) io.stderr.write(`${errPaint.warning(warning)}\n`);

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
      const table = summaryTable(summary, { timings: config.timings, withRate }, t);
      const lines = ['', out.bold(table[0]), ...table.slice(1), '', ...terminalChart(summary, plan, config, out, t)];
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
      io.stdout.write(markdownOf(summary, plan, config, t));
      break;
  }

  if (config.plot !== null || config.out !== null) {
    const svg = await svgChart(runs, summary, plan, config, t);
    const texts = [document(), historyCsv(runs, { timings: config.timings }), markdownOf(summary, plan, config, t), svg];
    writeFileGroup([
      ...(config.plot === null ? [] : [{ path: config.plot, text: svg }]),
      ...outFiles(config.out).map((path, i) => ({ path, text: texts[i] })),
    ]);
  }
  if (interrupt.signal !== null) {
    // Like train: what was done is reported and written, marked, and the exit code tells.
    const finished = runs.filter((r) => r.result.stopReason !== 'interrupt').length;
    io.stderr.write(`${t('compare.interrupted', { signal: interrupt.signal, finished, total: plan.runs.length })}\n`);
    return exitCodeOf(interrupt.signal);
  }
  return diverged.length > 0 ? EXIT.training : EXIT.ok;
}
