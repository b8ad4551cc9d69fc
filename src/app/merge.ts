/**
 * Merging a sweep's results files: the check that they hold every grid point exactly once, and
 * the views of the runs (compare's table and chart, Markdown, JSON, CSV, SVG) with the swept
 * options as columns and the seeds of a grid point summarised together.
 */
import { basename, resolve } from 'node:path';
import { msg, type Translator } from '../i18n/message.js';
import { checkFileSet } from '../io/file-set.js';
import { writeFileAtomic } from '../io/files.js';
import { readSweepFile } from '../io/sweep-file.js';
import { xOf, xTitle, type XAxis } from '../report/axes.js';
import { lineChart } from '../report/chart.js';
import { summaryJson } from '../report/compare-json.js';
import { formatRate } from '../report/compare-notes.js';
import { historyCsv, summaryMarkdown, summaryTable, type KeyColumn } from '../report/compare-table.js';
import { colorWanted, createPaint } from '../report/paint.js';
import { terminalColumns } from '../report/width.js';
import { wrapWords } from '../report/wrap.js';
import { higherIsBetter, rankableMetrics, rankBy } from '../report/metric-choice.js';
import { checkMetric } from './metric-option.js';
import { assertLines, mergeProblemLines, pointText } from './sweep-lines.js';
import { lossChartSpec, renderSvg } from '../report/svg.js';
import { summarize, type CompareSummary } from '../report/summary.js';
import { toJson, type SweepRecord } from '../training/record.js';
import { canonicalJson, runId, type GridPoint, type GridValue } from './grid.js';
import { checkMerge, mergeIsComplete } from './merge-check.js';
import { parseAssertion } from './assertion.js';
import type { CompareFormat } from './compare-views.js';
import { experimentFiles, loadExperiment, type Experiment } from './experiment.js';
import { EXIT, type CliIo } from './io.js';
import { interruptedBeforeOutput } from './session.js';
import { describeModel } from './layers.js';
import { assertionFailures, shownPath } from './sweep.js';

export interface MergeOptions {
  readonly files: readonly string[];
  readonly experiment: string;
  readonly format: CompareFormat;
  readonly plot?: string;
  readonly x: XAxis;
  readonly assert?: string;
  /** Rank the rows by this history and chart it (`val_accuracy`, `loss`, ...). */
  readonly metric?: string;
  readonly timings: boolean;
  readonly color: boolean;
}

/** 2: each of `runs[]` is a sweep's run record, schemaVersion 2. */
export const MERGE_SCHEMA_VERSION = 2;

/** A summary row: the runs of one grid point across its seeds. */
interface MergedRow extends CompareSummary {
  readonly point: GridPoint;
  readonly trainSamples: number;
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
function sharedDetails(experiment: Experiment, runs: readonly SweepRecord[], t: Translator): string {
  const axes = new Set(experiment.axes.map((a) => a.name));
  const first = runs[0].config;
  const parts: string[] = [];
  if (!axes.has('data')) parts.push(first.data === 'sample' ? t('compare.sampleData') : first.data);
  if (!axes.has('layers')) parts.push(describeModel(first.layers));
  if (!axes.has('loss')) parts.push(t('compare.lossName', { loss: first.loss }));
  if (!axes.has('optimizer')) parts.push(first.optimizer.name + (axes.has('learningRate') ? '' : ` lr ${formatRate(first.learningRate)}`));
  if (!axes.has('epochs')) parts.push(t('compare.epochs', { epochs: first.epochs }));
  return parts.join(', ');
}

/** What every view of a merge is made from. */
interface MergeView {
  readonly experiment: Experiment;
  readonly runs: readonly SweepRecord[];
  readonly rows: readonly MergedRow[];
  readonly series: ReadonlyArray<{ readonly row: MergedRow; readonly label: string; readonly runs: readonly SweepRecord[] }>;
  readonly keys: KeyColumn<MergedRow>[] | undefined;
  readonly csvKeys: KeyColumn<SweepRecord>[];
  readonly title: string;
  readonly details: string;
  readonly yTitle: string;
  /** The history the rows are ranked by and the charts draw; null: grid order, loss. */
  readonly metric: string | null;
  readonly timings: boolean;
}

/** The rows (one per grid point without its seed), series, columns and captions of merged records. */
function mergeView(experiment: Experiment, runs: readonly SweepRecord[], options: MergeOptions, t: Translator): MergeView {
  const groupOf = (run: SweepRecord): string => canonicalJson(rowPoint(run.point));
  const points = new Map<string, { point: GridPoint; trainSamples: number }>();
  for (const run of runs) if (!points.has(groupOf(run))) points.set(groupOf(run), { point: rowPoint(run.point), trainSamples: run.samples.train });
  const groupInfo = [...points.values()];
  const summary: MergedRow[] = summarize(runs, groupOf).map((s, i) => ({ ...s, ...groupInfo[i] }));
  // Checked here, before any view: the metric must be a history every run has.
  const metric = options.metric === undefined ? null : checkMetric(options.metric, rankableMetrics(summary));
  const rows = metric === null ? summary : rankBy(summary, metric);
  const axes = experiment.axes.filter((a) => a.name !== 'seed');
  const keys: KeyColumn<MergedRow>[] | undefined = axes.length > 0 ? axes.map((a) => ({ title: a.name, cell: (row) => valueText(row.point[a.name]) })) : undefined;
  const csvKeys: KeyColumn<SweepRecord>[] = [
    ...experiment.axes.map((a) => ({ title: a.name, cell: (run: SweepRecord) => valueText(run.point[a.name]) })),
    ...(experiment.axes.some((a) => a.name === 'seed') ? [] : [{ title: 'seed', cell: (run: SweepRecord) => String(run.config.seed) }]),
  ];
  return {
    experiment,
    runs,
    rows,
    series: rows.map((row) => ({ row, label: rowLabel(row, t), runs: runs.filter((run) => groupOf(run) === canonicalJson(row.point)) })),
    keys,
    csvKeys,
    title: t('merge.title', { experiment: experiment.name, runs: runs.length }),
    details: sharedDetails(experiment, runs, t),
    yTitle: metric === null || metric === 'loss' ? t('chart.loss', { loss: axes.some((a) => a.name === 'loss') ? null : runs[0].config.loss }) : metric,
    metric,
    timings: options.timings && runs.every((r) => r.timings !== null),
  };
}

/** The view --format names, and where the --assert lines go beside it. */
function formatText(view: MergeView, options: MergeOptions, assertText: string, io: CliIo, t: Translator, version: string): { stdout: string; stderr: string } {
  const { title, details, rows, keys, timings, experiment } = view;
  switch (options.format) {
    case 'table': {
      const paint = createPaint(colorWanted(io.stdout.isTTY === true, io.env, options.color));
      const columns = terminalColumns(io.stdout, io.env);
      const table = summaryTable(rows, { timings, withRate: false, keys, columns }, t);
      const chart = lineChart(
        view.series.map(({ row, label }) => ({ label, points: (row.histories[view.metric ?? 'loss']?.curve ?? row.curve).map((c, e) => [xOf(options.x, e + 1, row.stepsPerEpoch, row.trainSamples), c.mean] as const) })),
        { xTitle: xTitle(options.x, t), yTitle: view.yTitle, integerX: true, paint, columns },
        t,
      );
      const ranked = view.metric === null ? [] : wrapWords(t('table.rankedBy', { metric: view.metric, higher: higherIsBetter(view.metric) }), columns, '  ').map((line) => paint.dim(line));
      return { stdout: `${[paint.bold(title), details, '', paint.bold(table[0]), ...table.slice(1), ...ranked, '', ...chart].join('\n')}\n${assertText}`, stderr: '' };
    }
    case 'markdown': {
      const gate = assertText === '' ? '' : `\n${assertText.trimEnd().split('\n').map((line, i) => (i === 0 ? `**${line}**` : `- ${line.trim()}`)).join('\n')}\n`;
      return { stdout: `**${title}**; ${details}.\n\n${summaryMarkdown(rows, { timings, withRate: false, keys }, t).join('\n')}\n${gate}`, stderr: '' };
    }
    case 'json': {
      const document = {
        schemaVersion: MERGE_SCHEMA_VERSION,
        tool: { name: 'batchsim', version },
        experiment: { name: experiment.name, file: basename(experiment.file), axes: experiment.axes },
        runs: view.runs.map((r) => (timings ? r : { ...r, timings: null })),
        summary: rows.map((row) => ({ point: row.point, ...summaryJson(row, timings) })),
      };
      return { stdout: toJson(document), stderr: assertText };
    }
    case 'csv':
      return { stdout: historyCsv(view.runs, { timings, keys: view.csvKeys }), stderr: assertText };
  }
}

function svgText(view: MergeView, options: MergeOptions, t: Translator): Promise<string> {
  return renderSvg(
    lossChartSpec({
      title: view.title,
      subtitle: view.details,
      xTitle: xTitle(options.x, t),
      yTitle: view.yTitle,
      legendTitle: t('merge.legend'),
      series: view.series.map(({ label, runs: group }) => ({
        label,
        curves: group.map((run) => (run.history[view.metric ?? 'loss'] ?? run.history.loss).map((loss, e) => [xOf(options.x, e + 1, run.stepsPerEpoch, run.samples.train), loss] as const)),
      })),
    }, t),
  );
}

export async function runMerge(options: MergeOptions, io: CliIo, t: Translator, version: string): Promise<number> {
  const experiment = loadExperiment(options.experiment, io.cwd, version);
  const assertion = options.assert === undefined ? null : parseAssertion(options.assert);
  const plot = options.plot === undefined ? null : resolve(io.cwd, options.plot);
  // --plot is checked against every file read by file identity, before any work.
  const paths = options.files.map((path) => resolve(io.cwd, path));
  checkFileSet(
    [...experimentFiles(experiment, options.experiment), ...paths.map((path, i) => ({ option: options.files[i], path }))],
    plot === null ? [] : [{ option: '--plot', path: plot }],
  );
  // Every record's id must be the one its configuration gives: an edited record is refused.
  const files = paths.map((path) => readSweepFile(path, { idOf: runId }));

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

  const view = mergeView(experiment, check.records, options, t);
  const failures = assertion === null ? [] : assertionFailures(assertion, check.records);
  const assertText = assertion === null ? '' : `${assertLines(assertion.source, check.records.length, failures, assertion.fields, t).join('\n')}\n`;
  const text = formatText(view, options, assertText, io, t, version);
  const svg = plot === null ? null : await svgText(view, options, t);
  const stopped = await interruptedBeforeOutput(io, t);
  if (stopped !== null) return stopped;
  io.stdout.write(text.stdout);
  if (text.stderr !== '') io.stderr.write(text.stderr);
  if (plot !== null) writeFileAtomic(plot, svg!);
  return failures.length > 0 ? EXIT.training : EXIT.ok;
}
