/**
 * The views of a comparison, assembled from its runs: the table with its chart, the JSON document,
 * the CSV history, the Markdown summary and the SVG chart, with the captions they share.
 */
import { basename } from 'node:path';
import { msg, type Translator } from '../i18n/message.js';
import { xOf, xTitle, type XAxis } from '../report/axes.js';
import { lineChart } from '../report/chart.js';
import { lessonLine, overheadNote } from '../report/compare-lesson.js';
import { wrapWords } from '../report/wrap.js';
import { compareDocument } from '../report/compare-json.js';
import { formatRate, seriesLabel } from '../report/compare-notes.js';
import { historyCsv, summaryMarkdown, summaryTable } from '../report/compare-table.js';
import type { Paint } from '../report/paint.js';
import { lossChartSpec, renderSvg } from '../report/svg.js';
import { higherIsBetter, rankBy } from '../report/metric-choice.js';
import type { CompareSummary } from '../report/summary.js';
import type { ComparePlan } from '../training/compare.js';
import { toJson, type RunRecord } from '../training/record.js';
import type { Dataset } from '../training/dataset.js';
import { describeModel } from './layers.js';
import type { RunSpec, TrainConfig } from './run-spec.js';

export const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type CompareFormat = (typeof FORMATS)[number];

export interface CompareConfig extends TrainConfig {
  readonly batchSizes: readonly number[];
  readonly seedCount: number;
  readonly learningRates: readonly number[];
  readonly x: XAxis;
  readonly format: CompareFormat;
  readonly plot: string | null;
  readonly out: string | null;
  readonly quiet: boolean;
  /** Explain the arithmetic of every batch size once, before training. */
  readonly explain: boolean;
  /** Rank the rows by this history (`val_accuracy`, `loss`, ...) and chart it; null: batch order, loss chart. */
  readonly metric: string | null;
}

/** A finished (or interrupted) comparison: what every view is made from. */
export interface CompareOutcome {
  readonly config: CompareConfig;
  readonly data: Dataset;
  readonly plan: ComparePlan;
  readonly runs: readonly RunRecord[];
  readonly summary: readonly CompareSummary[];
  /** The plan's warnings, in English as every machine-read field. */
  readonly warnings: readonly string[];
  readonly interrupted: boolean;
}

/** Names and words shared by the table caption, the chart and the SVG. */
interface Captions {
  readonly title: string;
  readonly details: string;
  readonly yTitle: string;
}

function captions({ config, plan }: CompareOutcome, t: Translator): Captions {
  const data =
    config.data !== null
      ? basename(config.data)
      : config.synthetic !== null
        ? t('compare.syntheticData', { kind: config.synthetic.kind })
        : config.dataset !== null
          ? config.dataset
          : t('compare.sampleData');
  const seeds = msg('compare.seeds', { first: plan.seeds[0], last: plan.seeds.length > 1 ? plan.seeds[plan.seeds.length - 1] : null });
  return {
    title: t('compare.title', { data, model: describeModel(config.layers), metric: config.metric === null || config.metric === 'loss' ? null : config.metric }),
    details: t('compare.details', {
      loss: config.loss,
      optimizer: config.optimizer.name,
      rate: plan.learningRates.length === 1 ? rateCaption(plan.learningRates[0], config.spec.lrScaling, t) : null,
      epochs: msg('compare.epochs', { epochs: config.epochs }),
      start: config.weightsFile === null ? seeds : msg('compare.weightsFile', { file: basename(config.weightsFile) }),
      shuffle: config.shuffle,
    }),
    yTitle: config.metric === null || config.metric === 'loss' ? t('chart.loss', { loss: config.loss }) : config.metric,
  };
}

/** The rate in the caption: as given, or as given for the base batch size and how it was scaled. */
function rateCaption(rate: number, scaling: RunSpec['lrScaling'], t: Translator): string {
  if (scaling === undefined) return formatRate(rate);
  return t('compare.scaledRate', { rate: formatRate(rate), rule: scaling.rule, baseBatchSize: scaling.baseBatchSize, warmupEpochs: scaling.warmupEpochs });
}

/** Each row's learning rate is shown when several were given, or when a rule scaled them per batch size. */
const withRateOf = ({ plan, config }: CompareOutcome): boolean => plan.learningRates.length > 1 || config.spec.lrScaling !== undefined;

function chartSeriesOf(outcome: CompareOutcome, t: Translator): Array<{ label: string; summary: CompareSummary }> {
  const withRate = withRateOf(outcome);
  return rankedSummary(outcome).map((s) => ({ label: seriesLabel(s.batchSize, s.learningRate, { withRate, seeds: s.seeds.length }, t), summary: s }));
}

/** The summary rows best first by --metric, or in the order trained without it. */
function rankedSummary({ summary, config }: CompareOutcome): readonly CompareSummary[] {
  return config.metric === null ? summary : rankBy(summary, config.metric);
}

/** The history the charts draw: --metric's, or the loss. */
function chartedHistory({ config }: CompareOutcome): string {
  return config.metric ?? 'loss';
}

/** Weights and biases of a run's model. */
function parameterCount(run: RunRecord): number {
  return (run.weights.initial.flat(Infinity) as unknown[]).length;
}

/**
 * The summary table fitted to `columns`, a note on what the timings include, the terminal chart
 * of the mean loss per series, then the lesson the table teaches, in words.
 */
export function tableText(outcome: CompareOutcome, paint: Paint, t: Translator, columns = 80): string {
  const { config, plan } = outcome;
  const table = summaryTable(rankedSummary(outcome), { timings: config.timings, withRate: withRateOf(outcome), columns, heading: paint.bold }, t);
  const series = chartSeriesOf(outcome, t).map(({ label, summary: s }) => ({
    label,
    points: (s.histories[chartedHistory(outcome)]?.curve ?? s.curve).map((c, e) => [xOf(config.x, e + 1, s.stepsPerEpoch, plan.trainSamples), c.mean] as const),
  }));
  const chart = lineChart(series, { xTitle: xTitle(config.x, t), yTitle: captions(outcome, t).yTitle, integerX: true, paint, columns }, t);
  const lines = ['', ...table];
  if (config.metric !== null) lines.push(...wrapWords(t('table.rankedBy', { metric: config.metric, higher: higherIsBetter(config.metric) }), columns, '  ').map((line) => paint.dim(line)));
  const note = config.timings && outcome.runs.length > 0 ? overheadNote(plan.trainSamples, parameterCount(outcome.runs[0]), t) : null;
  if (note !== null) lines.push(...wrapWords(note, columns, '  ').map((line) => paint.dim(line)));
  lines.push('', ...chart);
  const lesson = lessonLine(outcome.summary, config.x, t);
  if (lesson !== null) lines.push('', ...wrapWords(lesson, columns));
  return `${lines.join('\n')}\n`;
}

export function svgText(outcome: CompareOutcome, t: Translator): Promise<string> {
  const { config, plan, runs } = outcome;
  const { title, details, yTitle } = captions(outcome, t);
  const series = chartSeriesOf(outcome, t).map(({ label, summary: s }) => ({
    label,
    curves: runs
      .filter((r) => r.config.batchSize === s.batchSize && r.config.learningRate === s.learningRate)
      .map((r) => (r.history[chartedHistory(outcome)] ?? r.history.loss).map((value, e) => [xOf(config.x, e + 1, r.stepsPerEpoch, plan.trainSamples), value] as const)),
  }));
  return renderSvg(lossChartSpec({ title, subtitle: details, xTitle: xTitle(config.x, t), yTitle, legendTitle: t('compare.legend'), series }, t));
}

export function markdownText(outcome: CompareOutcome, t: Translator): string {
  const { title, details } = captions(outcome, t);
  const table = summaryMarkdown(rankedSummary(outcome), { timings: outcome.config.timings, withRate: withRateOf(outcome) }, t);
  return `**${title}**; ${details}.\n\n${table.join('\n')}\n`;
}

export function csvText(outcome: CompareOutcome): string {
  return historyCsv(outcome.runs, { timings: outcome.config.timings });
}

export function jsonText(outcome: CompareOutcome, version: string): string {
  const { config, plan, data } = outcome;
  return toJson(
    compareDocument({
      version,
      config: {
        batchSizes: plan.batchSizes,
        seeds: plan.seeds,
        learningRates: plan.learningRates,
        epochs: config.epochs,
        optimizer: config.optimizer,
        loss: config.loss,
        layers: config.layers,
        data: config.spec.data,
        target: config.target,
        shuffle: config.shuffle,
        validationSplit: config.validationSplit,
        weights: config.weightsFile,
        ...(config.spec.lrScaling !== undefined ? { lrScaling: config.spec.lrScaling } : {}),
      },
      samples: { total: data.samples, train: plan.trainSamples, validation: data.samples - plan.trainSamples, features: data.features, outputs: data.outputs },
      warnings: outcome.warnings,
      runs: outcome.runs,
      summary: outcome.summary,
      timings: config.timings,
      interrupted: outcome.interrupted,
    }),
  );
}

/** The view `--format` names, as stdout gets it. */
export function formatText(outcome: CompareOutcome, paint: Paint, version: string, t: Translator, columns = 80): string {
  switch (outcome.config.format) {
    case 'table':
      return tableText(outcome, paint, t, columns);
    case 'json':
      return jsonText(outcome, version);
    case 'csv':
      return csvText(outcome);
    case 'markdown':
      return markdownText(outcome, t);
  }
}
