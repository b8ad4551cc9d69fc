/**
 * `train merge <files...> --experiment <file>`: joins the results files of a sweep's shards,
 * checks that they hold every grid point exactly once (exit 1 naming what is missing or
 * duplicated), and shows the runs with compare's views — table and chart, Markdown, JSON, CSV,
 * SVG — with the swept options as columns and the seeds of a grid point summarised together.
 */
import { Command, Option } from 'commander';
import { basename, resolve } from 'node:path';
import { english, msg, type Translator } from '../i18n/message.js';
import { writeFileAtomic } from '../io/files.js';
import { checkFileSet } from '../io/file-set.js';
import { readSweepFile } from '../io/sweep-file.js';
import { lineChart } from '../report/chart.js';
import { summaryJson } from '../report/compare-json.js';
import { formatRate } from '../report/compare-notes.js';
import { historyCsv, summaryMarkdown, summaryTable, type KeyColumn } from '../report/compare-table.js';
import { colorWanted, createPaint } from '../report/paint.js';
import { assertLines, mergeProblemLines, pointText } from '../report/sweep-lines.js';
import { lossChartSpec, renderSvg } from '../report/svg.js';
import { toJson } from '../report/train-json.js';
import { batchSizes as batchesOf } from '../training/batcher.js';
import { summarize, xOf, X_AXES, type CompareRun, type CompareSummary, type XAxis } from '../training/compare.js';
import { canonicalJson, type GridPoint, type GridValue } from '../training/grid.js';
import { checkMerge, mergeIsComplete } from '../training/merge.js';
import type { SweepRecord } from '../training/sweep.js';
import { parseAssertion } from './assertion.js';
import { describeModel, FORMATS, xTitle, type CompareFormat } from './compare.js';
import { loadExperiment, type Experiment } from './experiment.js';
import { EXIT, type CliIo } from './io.js';
import { inLanguage, oneOf } from './parsers.js';
import { assertionFailures, experimentFiles, shownPath } from './sweep.js';
import { langOption } from './train-options.js';
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

export function addMergeCommand(program: Command, io: CliIo, outcome: { code: number }, t: Translator = english): Command {
  const command = program
    .command('merge')
    .description(t('help.merge'))
    .argument('<files...>', t('help.merge.files'))
    .addOption(new Option('--experiment <file>', t('help.merge.experiment')).makeOptionMandatory())
    .addOption(new Option('--format <format>', t('help.format', { names: FORMATS.join(', ') })).argParser(inLanguage(t, oneOf('what.format', FORMATS))).default('table'))
    .addOption(new Option('--plot <file.svg>', t('help.plot')))
    .addOption(new Option('--x <axis>', t('help.x', { names: X_AXES.join(', ') })).argParser(inLanguage(t, oneOf('what.xAxis', X_AXES))).default('epoch'))
    .addOption(new Option('--assert <expr>', t('help.merge.assert')))
    .addOption(new Option('--no-timings', t('help.merge.noTimings')))
    .addOption(new Option('--no-color', t('help.merge.noColor')))
    .addOption(langOption(t))
    .addOption(new Option('--debug', t('help.debug')).hideHelp());
  command.addHelpText('after', t('help.merge.examples'));
  command.action(async (files: string[], options: Omit<MergeOptions, 'files'>) => {
    outcome.code = await mergeAction({ ...options, files }, io, t);
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

function rowLabel(row: MergedRow, t: Translator): string {
  const name = Object.keys(row.point).length > 0 ? pointText(row.point, t) : t('merge.allRuns');
  return row.seeds.length > 1 ? t('merge.meanOfSeeds', { name, seeds: row.seeds.length }) : name;
}

/** The options every run shares, for captions: `Dense(8, relu) → Dense(1), mae loss, adam, 20 epochs`. */
function sharedDetails(experiment: Experiment, runs: readonly MergedRun[], t: Translator): string {
  const axes = new Set(experiment.axes.map((a) => a.name));
  const first = runs[0].record.config;
  const parts: string[] = [];
  if (!axes.has('data')) parts.push(first.data === 'sample' ? t('compare.sampleData') : first.data);
  if (!axes.has('layers')) parts.push(describeModel(first.layers));
  if (!axes.has('loss')) parts.push(t('compare.lossName', { loss: first.loss }));
  if (!axes.has('optimizer')) parts.push(first.optimizer.name + (axes.has('learningRate') ? '' : ` lr ${formatRate(first.learningRate)}`));
  if (!axes.has('epochs')) parts.push(t('compare.epochs', { epochs: first.epochs }));
  return parts.join(', ');
}

export async function mergeAction(options: MergeOptions, io: CliIo, t: Translator = english): Promise<number> {
  const experiment = loadExperiment(options.experiment, io.cwd, VERSION);
  const assertion = options.assert === undefined ? null : parseAssertion(options.assert);
  const plot = options.plot === undefined ? null : resolve(io.cwd, options.plot);
  const paths = options.files.map((path) => resolve(io.cwd, path));
  checkFileSet(
    [...experimentFiles(experiment, options.experiment), ...paths.map((path, i) => ({ option: options.files[i], path }))],
    plot === null ? [] : [{ option: '--plot', path: plot }],
  );
  const files = paths.map((path) => readSweepFile(path));

  for (const file of files) {
    if (file.torn) io.stderr.write(`${t('cli.note', { message: msg('merge.tornLineIgnored', { file: shownPath(file.path, io.cwd) }) })}\n`);
  }
  const check = checkMerge(
    experiment.runs,
    files.map((file) => ({ name: shownPath(file.path, io.cwd), records: file.records })),
  );
  if (!mergeIsComplete(check)) {
    const lines = mergeProblemLines(experiment.name, experiment.runs.length, check, t);
    io.stderr.write(`${lines.map((line, i) => (i === 0 ? t('cli.error', { message: line }) : line)).join('\n')}\n`);
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
  const title = t('merge.title', { experiment: experiment.name, runs: runs.length });
  const details = sharedDetails(experiment, runs, t);
  const yTitle = t('chart.loss', { loss: axes.some((a) => a.name === 'loss') ? null : runs[0].config.loss });
  const series = rows.map((row) => ({ row, label: rowLabel(row, t), runs: runs.filter((run) => groupOf(run) === canonicalJson(row.point)) }));

  let failures: ReturnType<typeof assertionFailures> = [];
  if (assertion !== null) failures = assertionFailures(assertion, check.records);
  const assertText = assertion === null ? '' : `${assertLines(assertion.source, check.records.length, failures, assertion.fields, t).join('\n')}\n`;

  switch (options.format) {
    case 'table': {
      const paint = createPaint(colorWanted(io.stdout.isTTY === true, io.env, options.color));
      const table = summaryTable(rows, { timings, withRate: false, keys }, t);
      const chart = lineChart(
        series.map(({ row, label }) => ({ label, points: row.curve.map((c, e) => [xOf(options.x, e + 1, row.stepsPerEpoch, row.trainSamples), c.mean] as const) })),
        { xTitle: xTitle(options.x, t), yTitle, integerX: true, paint },
        t,
      );
      io.stdout.write(`${[paint.bold(title), details, '', paint.bold(table[0]), ...table.slice(1), '', ...chart].join('\n')}\n`);
      io.stdout.write(assertText);
      break;
    }
    case 'markdown':
      io.stdout.write(`**${title}**; ${details}.\n\n${summaryMarkdown(rows, { timings, withRate: false, keys }, t).join('\n')}\n`);
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
        xTitle: xTitle(options.x, t),
        yTitle,
        legendTitle: t('merge.legend'),
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
