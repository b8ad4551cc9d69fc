/**
 * The views of a sweep's runs that merge prints and a sweep prints with --metric: one row per
 * grid point without its seed (the seeds summarised as mean ± sd), the swept options as columns,
 * ranked by a metric when one is asked for, and the table-and-chart text.
 */
import type { Translator } from '../i18n/message.js';
import { xOf, xTitle, type XAxis } from '../report/axes.js';
import { lineChart } from '../report/chart.js';
import { formatRate } from '../report/compare-notes.js';
import { summaryTable, type KeyColumn } from '../report/compare-table.js';
import { higherIsBetter, rankableMetrics, rankBy } from '../report/metric-choice.js';
import { colorWanted, createPaint } from '../report/paint.js';
import { summarize, type CompareSummary } from '../report/summary.js';
import { terminalColumns } from '../report/width.js';
import { wrapWords } from '../report/wrap.js';
import type { RunSpec, SweepRecord } from '../training/record.js';
import type { Experiment } from './experiment.js';
import { canonicalJson, type GridPoint, type GridValue } from './grid.js';
import type { CliIo } from './io.js';
import { describeModel } from './layers.js';
import { checkMetric } from './metric-option.js';
import { pointText } from './sweep-lines.js';

/** What the views are made with: the metric to rank by, and whether to show times. */
export interface ViewOptions {
  /** Rank the rows by this history and chart it (`val_accuracy`, `loss`, ...). */
  readonly metric?: string;
  readonly timings: boolean;
}

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
  const parts: ReadonlyArray<(config: RunSpec) => string> = [
    (c) => (c.data === 'sample' ? t('compare.sampleData') : c.data),
    (c) => describeModel(c.layers),
    (c) => t('compare.lossName', { loss: c.loss }),
    (c) => c.optimizer.name + (axes.has('learningRate') ? '' : ` lr ${formatRate(c.learningRate)}`),
    (c) => t('compare.epochs', { epochs: c.epochs }),
  ];
  // Only what every run shares: not a swept option, nor what a swept data set decides (the
  // output layer and the loss of a classification set).
  return parts
    .flatMap((text) => {
      const first = text(runs[0].config);
      return runs.every((run) => text(run.config) === first) ? [first] : [];
    })
    .join(', ');
}

/** What every view of a merge is made from. */
export interface MergeView {
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
export function mergeView(experiment: Experiment, runs: readonly SweepRecord[], options: ViewOptions, t: Translator): MergeView {
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

/** The table, the line saying how it is ranked, and the chart, for a terminal (`--format table`). */
export function tableText(view: MergeView, options: { readonly x: XAxis; readonly color: boolean }, io: CliIo, t: Translator): string {
  const { title, details, rows, keys, timings } = view;
  const paint = createPaint(colorWanted(io.stdout.isTTY === true, io.env, options.color));
  const columns = terminalColumns(io.stdout, io.env);
  const table = summaryTable(rows, { timings, withRate: false, keys, columns }, t);
  const chart = lineChart(
    view.series.map(({ row, label }) => ({ label, points: (row.histories[view.metric ?? 'loss']?.curve ?? row.curve).map((c, e) => [xOf(options.x, e + 1, row.stepsPerEpoch, row.trainSamples), c.mean] as const) })),
    { xTitle: xTitle(options.x, t), yTitle: view.yTitle, integerX: true, paint, columns },
    t,
  );
  const ranked = view.metric === null ? [] : wrapWords(t('table.rankedBy', { metric: view.metric, higher: higherIsBetter(view.metric) }), columns, '  ').map((line) => paint.dim(line));
  return [paint.bold(title), details, '', paint.bold(table[0]), ...table.slice(1), ...ranked, '', ...chart].join('\n');
}
