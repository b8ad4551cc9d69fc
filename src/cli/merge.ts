/**
 * `train merge <files...> --experiment <file>`: joins the results files of a sweep's shards,
 * checks that they hold every grid point exactly once (exit 1 naming what is missing or
 * duplicated), and shows the runs with compare's views — table and chart, Markdown, JSON, CSV,
 * SVG — with the swept options as columns and the seeds of a grid point summarised together.
 */
import { Command, Option } from 'commander';
import { basename, resolve } from 'node:path';
import { checkWritableFile, writeFileAtomic } from '../io/files.js';
import { readSweepFile } from '../io/sweep-file.js';
import { lineChart } from '../report/chart.js';
import { summaryJson } from '../report/compare-json.js';
import { formatRate } from '../report/compare-notes.js';
import { historyCsv, summaryMarkdown, summaryTable, type KeyColumn } from '../report/compare-table.js';
import { colorWanted, createPaint } from '../report/paint.js';
import { assertLines, mergeProblemLines } from '../report/sweep-lines.js';
import { lossChartSpec, renderSvg } from '../report/svg.js';
import { toJson } from '../report/train-json.js';
import { batchSizes as batchesOf } from '../training/batcher.js';
import { summarize, xOf, X_AXES, type CompareRun, type CompareSummary, type XAxis } from '../training/compare.js';
import { canonicalJson, describePoint, type GridPoint, type GridValue } from '../training/grid.js';
import { checkMerge, mergeIsComplete } from '../training/merge.js';
import type { SweepRecord } from '../training/sweep.js';
import { parseAssertion } from './assertion.js';
import { describeModel, FORMATS, X_TITLES, type CompareFormat } from './compare.js';
import { loadExperiment, type Experiment } from './experiment.js';
import { EXIT, type CliIo } from './io.js';
import { oneOf } from './parsers.js';
import { assertionFailures, shownPath } from './sweep.js';
import { VERSION } from './version.js';

export interface MergeOptions {
  readonly files: readonly string[];
  readonly experiment: string;
  readonly format: CompareFormat;
  readonly plot?: string;
  readonly x: XAxis;
  readonly assert?: string;
  readonly timings: boolean;
  readonly color: boolean;
}

export const MERGE_SCHEMA_VERSION = 1;

const EXAMPLES = `
Examples:
  $ train merge part-*.jsonl --experiment exp.json                      table and chart of every run
  $ train merge part-*.jsonl --experiment exp.json --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ train merge part-*.jsonl --experiment exp.json --plot loss.svg --assert 'finalLoss < 0.5'

Exit codes: 0 done, 1 runs missing, duplicated or from elsewhere, 2 bad input, 3 an --assert failed.`;

export function addMergeCommand(program: Command, io: CliIo, outcome: { code: number }): Command {
  const command = program
    .command('merge')
    .description("Join a sweep's results files (one per shard), check them against the experiment and report the runs.")
    .argument('<files...>', 'results files written by train sweep')
    .addOption(new Option('--experiment <file>', 'the experiment file the sweep ran').makeOptionMandatory())
    .addOption(new Option('--format <format>', `what goes to stdout: ${FORMATS.join(', ')}`).argParser(oneOf('format', FORMATS)).default('table'))
    .addOption(new Option('--plot <file.svg>', 'write the loss chart as an SVG file'))
    .addOption(new Option('--x <axis>', `chart x axis: ${X_AXES.join(', ')}`).argParser(oneOf('x axis', X_AXES)).default('epoch'))
    .addOption(new Option('--assert <expr>', "exit 3 unless every run satisfies it, e.g. 'finalLoss < 0.5'"))
    .addOption(new Option('--no-timings', 'blank the time columns, so outputs can be diffed'))
    .addOption(new Option('--no-color', 'no colour, even on a terminal'))
    .addOption(new Option('--debug', 'show stack traces of unexpected errors').hideHelp());
  command.addHelpText('after', EXAMPLES);
  command.action(async (files: string[], options: Omit<MergeOptions, 'files'>) => {
    outcome.code = await mergeAction({ ...options, files }, io);
  });
  return command;
}

/** A run as compare's views take it, with its grid point and record. */
interface MergedRun extends CompareRun {
  readonly point: GridPoint;
  readonly record: SweepRecord;
}

/** A summary row: the runs of one grid point across its seeds. */
interface MergedRow extends CompareSummary {
  readonly point: GridPoint;
  readonly trainSamples: number;
}

const ZERO_TIMINGS = { totalSeconds: 0, epochSeconds: [], secondsPerStep: 0, samplesPerSecond: 0 };

function mergedRun(record: SweepRecord): MergedRun {
  const { config } = record;
  return {
    point: record.point,
    record,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    seed: config.seed,
    config: {
      layers: config.layers,
      loss: config.loss,
      optimizer: config.optimizer,
      batchSize: config.batchSize,
      epochs: config.epochs,
      shuffle: config.shuffle,
      seed: config.seed,
      validationSplit: config.validationSplit,
    },
    stepsPerEpoch: record.stepsPerEpoch,
    batches: batchesOf(record.samples.train, config.batchSize),
    updates: record.updates,
    result: {
      history: { epoch: record.history.loss.map((_, e) => e), loss: [...record.history.loss], ...(record.history.val_loss ? { val_loss: [...record.history.val_loss] } : {}) },
      stepsPerEpoch: record.stepsPerEpoch,
      trainSamples: record.samples.train,
      validationSamples: record.samples.validation,
      updates: record.updates,
      stopReason: record.stopped,
      weights: record.weights,
      endLoss: record.endLoss,
    },
    timings: record.timings ?? ZERO_TIMINGS,
  };
}

/** The point without its seed: the runs a row summarises. */
function rowPoint(point: GridPoint): GridPoint {
  const { seed: _seed, ...rest } = point;
  return rest;
}

/** An axis value as a cell: numbers as typed (0.001, not 1e-3 noise), lists comma-separated. */
function valueText(value: GridValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return formatRate(value);
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

function rowLabel(row: MergedRow): string {
  const name = Object.keys(row.point).length > 0 ? describePoint(row.point) : 'all runs';
  return row.seeds.length > 1 ? `${name} (mean of ${row.seeds.length} seeds)` : name;
}

/** The options every run shares, for captions: `Dense(8, relu) → Dense(1), mae loss, adam, 20 epochs`. */
function sharedDetails(experiment: Experiment, runs: readonly MergedRun[]): string {
  const axes = new Set(experiment.axes.map((a) => a.name));
  const first = runs[0].record.config;
  const parts: string[] = [];
  if (!axes.has('data')) parts.push(first.data === 'sample' ? 'sample data (x = y = 1..6)' : first.data);
  if (!axes.has('layers')) parts.push(describeModel(first.layers));
  if (!axes.has('loss')) parts.push(`${first.loss} loss`);
  if (!axes.has('optimizer')) parts.push(first.optimizer.name + (axes.has('learningRate') ? '' : ` lr ${formatRate(first.learningRate)}`));
  if (!axes.has('epochs')) parts.push(`${first.epochs} epoch${first.epochs === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export async function mergeAction(options: MergeOptions, io: CliIo): Promise<number> {
  const experiment = loadExperiment(options.experiment, io.cwd, VERSION);
  const assertion = options.assert === undefined ? null : parseAssertion(options.assert);
  const plot = options.plot === undefined ? null : resolve(io.cwd, options.plot);
  if (plot !== null) checkWritableFile(plot, '--plot');
  const files = options.files.map((path) => readSweepFile(resolve(io.cwd, path)));

  for (const file of files) {
    if (file.torn) io.stderr.write(`note: ${shownPath(file.path, io.cwd)}: ignored a half-written last line left by an interrupted sweep\n`);
  }
  const check = checkMerge(
    experiment.runs,
    files.map((file) => ({ name: shownPath(file.path, io.cwd), records: file.records })),
  );
  if (!mergeIsComplete(check)) {
    io.stderr.write(`${mergeProblemLines(experiment.name, experiment.runs.length, check).map((line, i) => (i === 0 ? `error: ${line}` : line)).join('\n')}\n`);
    return EXIT.failure;
  }

  const runs = check.records.map(mergedRun);
  const timings = options.timings && check.records.every((r) => r.timings !== null);
  const groupOf = (run: CompareRun): string => canonicalJson(rowPoint((run as MergedRun).point));
  const points = new Map<string, { point: GridPoint; trainSamples: number }>();
  for (const run of runs) if (!points.has(groupOf(run))) points.set(groupOf(run), { point: rowPoint(run.point), trainSamples: run.result.trainSamples });
  const groupInfo = [...points.values()];
  const rows: MergedRow[] = summarize(runs, groupOf).map((s, i) => ({ ...s, ...groupInfo[i] }));

  const axes = experiment.axes.filter((a) => a.name !== 'seed');
  const keys: KeyColumn<MergedRow>[] | undefined = axes.length > 0 ? axes.map((a) => ({ title: a.name, cell: (row) => valueText(row.point[a.name]) })) : undefined;
  const csvKeys: KeyColumn<MergedRun>[] = [
    ...experiment.axes.map((a) => ({ title: a.name, cell: (run: MergedRun) => valueText(run.point[a.name]) })),
    ...(experiment.axes.some((a) => a.name === 'seed') ? [] : [{ title: 'seed', cell: (run: MergedRun) => String(run.seed) }]),
  ];
  const title = `Sweep ${experiment.name}: ${runs.length} run${runs.length === 1 ? '' : 's'}`;
  const details = sharedDetails(experiment, runs);
  const yTitle = axes.some((a) => a.name === 'loss') ? 'loss' : `loss (${runs[0].config.loss})`;
  const series = rows.map((row) => ({ row, label: rowLabel(row), runs: runs.filter((run) => groupOf(run) === canonicalJson(row.point)) }));

  let failures: ReturnType<typeof assertionFailures> = [];
  if (assertion !== null) failures = assertionFailures(assertion, check.records);
  const assertText = assertion === null ? '' : `${assertLines(assertion.source, check.records.length, failures, assertion.fields).join('\n')}\n`;

  switch (options.format) {
    case 'table': {
      const paint = createPaint(colorWanted(io.stdout.isTTY === true, io.env, options.color));
      const table = summaryTable(rows, { timings, withRate: false, keys });
      const chart = lineChart(
        series.map(({ row, label }) => ({ label, points: row.curve.map((c, e) => [xOf(options.x, e + 1, row.stepsPerEpoch, row.trainSamples), c.mean] as const) })),
        { xTitle: X_TITLES[options.x], yTitle, integerX: true, paint },
      );
      io.stdout.write(`${[paint.bold(title), details, '', paint.bold(table[0]), ...table.slice(1), '', ...chart].join('\n')}\n`);
      io.stdout.write(assertText);
      break;
    }
    case 'markdown':
      io.stdout.write(`**${title}**; ${details}.\n\n${summaryMarkdown(rows, { timings, withRate: false, keys }).join('\n')}\n`);
      if (assertion !== null) io.stdout.write(`\n${assertText.trimEnd().split('\n').map((line, i) => (i === 0 ? `**${line}**` : `- ${line.trim()}`)).join('\n')}\n`);
      break;
    case 'json':
      io.stdout.write(
        toJson({
          schemaVersion: MERGE_SCHEMA_VERSION,
          tool: { name: 'batchsim', version: VERSION },
          experiment: { name: experiment.name, file: basename(experiment.file), axes: experiment.axes },
          runs: check.records.map((r) => (timings ? r : { ...r, timings: null })),
          summary: rows.map((row) => ({ point: row.point, ...summaryJson(row, timings) })),
        }),
      );
      io.stderr.write(assertText);
      break;
    case 'csv':
      io.stdout.write(historyCsv(runs, { timings, keys: csvKeys }));
      io.stderr.write(assertText);
      break;
  }

  if (plot !== null) {
    const svg = await renderSvg(
      lossChartSpec({
        title,
        subtitle: details,
        xTitle: X_TITLES[options.x],
        yTitle,
        legendTitle: 'grid point',
        series: series.map(({ label, runs: group }) => ({
          label,
          curves: group.map((run) => run.result.history.loss.map((loss, e) => [xOf(options.x, e + 1, run.stepsPerEpoch, run.result.trainSamples), loss] as const)),
        })),
      }),
    );
    writeFileAtomic(plot, svg);
  }
  return failures.length > 0 ? EXIT.training : EXIT.ok;
}
