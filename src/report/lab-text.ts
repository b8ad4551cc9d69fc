/**
 * A lab's views as text: the table per batch size, the two terminal charts (steps against batch
 * size on log–log axes with the perfect-scaling line; steps against examples with the fitted
 * hyperbola), the verdict paragraph and the JSON document. Pure: analysis in, text out.
 */
import type { LabAnalysis, LabCell } from './lab-analysis.js';
import { english, type Translator } from '../i18n/message.js';
import type { DoublingText } from '../i18n/lab-en.js';
import { toJson } from '../training/record.js';
import { conditionText } from '../training/target.js';
import { stepsAt, type TradeoffFit } from '../training/tradeoff.js';
import { lineChart, type ChartSeries } from './chart.js';
import { formatRate } from './compare-notes.js';
import { formatDuration, formatValue } from './format.js';
import type { Paint } from './paint.js';
import { displayWidth, padStartColumns } from './width.js';
import { wrapWords } from './wrap.js';

/** A count that may be a median of two (x.5) or not reached (—). */
export function countText(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Two significant digits for a rough quantity: 24, 3.1, 1200. */
export function roughText(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  if (value >= 100) return String(Math.round(Number(value.toPrecision(2))));
  return String(Number(value.toPrecision(2)));
}

function lossText(value: number): string {
  return Number.isFinite(value) ? formatValue(value) : '—';
}

/** 412 B, 3.1 KiB, 2.0 MiB. */
export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** A gap with its sign: +0.0120, -9.2131e-05, — when unknown. */
function signed(value: number): string {
  return Number.isFinite(value) ? (value >= 0 ? '+' : '') + formatValue(value) : '—';
}

function percent(fraction: number): string {
  return String(Math.round(100 * fraction));
}

export interface LabTextOptions {
  readonly timings: boolean;
  readonly maxEpochs: number;
}

interface LabColumn {
  readonly title: string;
  cell(c: LabCell): string;
  /** `target`: what reaching the target took; `final`: where training ended. */
  readonly part: 'target' | 'final';
}

/** The columns: batch, then what reaching the target took, then the final losses and accuracies. */
function labColumns(analysis: LabAnalysis, options: LabTextOptions, t: Translator): LabColumn[] {
  const validation = analysis.best.some((c) => Number.isFinite(c.valLoss));
  const accuracy = analysis.best.some((c) => Number.isFinite(c.trainAccuracy));
  const target = (title: string, cell: (c: LabCell) => string): LabColumn => ({ title, cell, part: 'target' });
  const final = (title: string, cell: (c: LabCell) => string): LabColumn => ({ title, cell, part: 'final' });
  return [
    target(t('lab.col.batch'), (c) => String(c.batchSize)),
    target(t('lab.col.bestLr'), (c) => (Number.isFinite(c.steps) ? formatRate(c.learningRate) : '—')),
    target(t('lab.col.steps'), (c) => countText(c.steps)),
    target(t('lab.col.examples'), (c) => countText(c.examples)),
    target(t('lab.col.reached'), (c) => `${c.reached}/${c.seeds}`),
    target(t('lab.col.every'), (c) => String(c.checkEvery)),
    target(t('lab.col.memory'), (c) => bytesText(c.stepBytes)),
    ...(options.timings ? [target(t('lab.col.time'), (c) => (c.secondsToTarget === null ? '—' : formatDuration(c.secondsToTarget)))] : []),
    final(t('lab.col.trainLoss'), (c) => lossText(c.trainLoss)),
    ...(validation ? [final(t('lab.col.valLoss'), (c) => lossText(c.valLoss))] : []),
    ...(accuracy
      ? [final(t('lab.col.trainAccuracy'), (c) => lossText(c.trainAccuracy)), ...(validation ? [final(t('lab.col.valAccuracy'), (c) => lossText(c.valAccuracy))] : [])]
      : []),
    ...(validation ? [final(t('lab.col.gap'), (c) => signed(c.gap))] : []),
  ];
}

/** Right-aligned columns `gap` apart, the title row first. */
function renderLab(cols: readonly LabColumn[], cells: readonly LabCell[], gap: string): string[] {
  const rows = [cols.map((c) => c.title), ...cells.map((cell) => cols.map((c) => c.cell(cell)))];
  const widths = cols.map((_, i) => Math.max(...rows.map((row) => displayWidth(row[i]))));
  return rows.map((row) => row.map((cell, i) => padStartColumns(cell, widths[i])).join(gap));
}

/**
 * The table: one row per batch size, at its best learning rate, in `columns` terminal columns.
 * When it is wider, it is two tables, each led by the batch column: what reaching the target
 * took, then where training ended; each two spaces apart, or one, and a part still too wide is
 * split again, as many columns to a table as fit. Parts are separated by an empty line.
 */
export function labTable(analysis: LabAnalysis, options: LabTextOptions, t: Translator = english, columns = Infinity): string[] {
  const cols = labColumns(analysis, options, t);
  const fits = (lines: readonly string[]): boolean => lines.every((line) => displayWidth(line) <= columns);
  const whole = renderLab(cols, analysis.best, '  ');
  if (fits(whole)) return whole;
  const [batch, ...rest] = cols;
  const width = (c: LabColumn): number => Math.max(displayWidth(c.title), ...analysis.best.map((cell) => displayWidth(c.cell(cell))));
  const tables: string[][] = [];
  for (const part of ['target', 'final'] as const) {
    const group = rest.filter((c) => c.part === part);
    if (group.length === 0) continue;
    const two = renderLab([batch, ...group], analysis.best, '  ');
    const one = renderLab([batch, ...group], analysis.best, ' ');
    if (fits(two)) tables.push(two);
    else if (fits(one)) tables.push(one);
    else {
      // As many columns beside the batch as fit, one space apart; at least one.
      let chunk: LabColumn[] = [];
      let used = width(batch);
      for (const c of group) {
        if (chunk.length > 0 && used + 1 + width(c) > columns) {
          tables.push(renderLab([batch, ...chunk], analysis.best, ' '));
          chunk = [];
          used = width(batch);
        }
        chunk.push(c);
        used += 1 + width(c);
      }
      tables.push(renderLab([batch, ...chunk], analysis.best, ' '));
    }
  }
  return tables.flatMap((table, i) => [...(i > 0 ? [''] : []), ...table]);
}

/** The table's titles, then its rows, as cells: every column, whatever the width. */
export function labTableCells(analysis: LabAnalysis, options: LabTextOptions, t: Translator = english): string[][] {
  const columns = labColumns(analysis, options, t);
  return [columns.map((c) => c.title), ...analysis.best.map((cell) => columns.map((c) => c.cell(cell)))];
}

/** Points of the fitted S(B) from the smallest to the largest batch size, log-spaced. */
export function fittedCurve(fit: Pick<TradeoffFit, 'sMin' | 'eMin'>, low: number, high: number, count = 40): Array<{ batchSize: number; steps: number; examples: number }> {
  const out: Array<{ batchSize: number; steps: number; examples: number }> = [];
  for (let i = 0; i < count; i++) {
    const batchSize = low * (high / low) ** (i / (count - 1));
    const steps = stepsAt(fit, batchSize);
    out.push({ batchSize, steps, examples: batchSize * steps });
  }
  return out;
}

/** The best rows that reached the target in more than zero steps: the ones a log axis can show. */
export function plottable(analysis: LabAnalysis): LabCell[] {
  return analysis.best.filter((c) => Number.isFinite(c.steps) && c.steps > 0);
}

/** Terminal charts: steps against batch size (log₂–log₂) and steps against examples. */
export function labCharts(analysis: LabAnalysis, options: { readonly paint?: Paint; readonly columns?: number }, t: Translator = english): string[] {
  const points = plottable(analysis);
  if (points.length < 2) return [];
  const log2 = Math.log2;
  const first = points[0];
  const low = points[0].batchSize;
  const high = points[points.length - 1].batchSize;
  const measured: ChartSeries = { label: t('lab.chart.measured'), points: points.map((c) => [log2(c.batchSize), log2(c.steps)] as const) };
  const perfect: ChartSeries = {
    label: t('lab.chart.perfect', { batch: first.batchSize }),
    points: [low, high].map((b) => [log2(b), log2((first.steps * first.batchSize) / b)] as const),
  };
  const curve = analysis.fit === null ? [] : fittedCurve(analysis.fit, low, high);
  const fitted: ChartSeries[] =
    analysis.fit === null ? [] : [{ label: t('lab.chart.fit', { bCrit: roughText(analysis.fit.bCrit) }), points: curve.map((p) => [log2(p.batchSize), log2(p.steps)] as const) }];
  const stepsByBatch = lineChart([measured, perfect, ...fitted], { xTitle: t('lab.chart.log2Batch'), yTitle: t('lab.chart.log2Steps'), ...options }, t);
  const byExamples = [...points].sort((a, b) => a.examples - b.examples);
  const measuredSE: ChartSeries = { label: t('lab.chart.measured'), points: byExamples.map((c) => [log2(c.examples), log2(c.steps)] as const) };
  const hyperbola: ChartSeries[] =
    analysis.fit === null ? [] : [{ label: t('lab.chart.hyperbola'), points: [...curve].sort((a, b) => a.examples - b.examples).map((p) => [log2(p.examples), log2(p.steps)] as const) }];
  const stepsByExamples = lineChart([measuredSE, ...hyperbola], { xTitle: t('lab.chart.log2Examples'), yTitle: t('lab.chart.log2Steps'), ...options }, t);
  return [...chartTitle(t('lab.chart.stepsByBatch'), options.columns), ...stepsByBatch, '', ...chartTitle(t('lab.chart.stepsByExamples'), options.columns), ...stepsByExamples, ...noiseChart(analysis, options, t)];
}

/** A chart's title, wrapped to the terminal's width when there is one. */
function chartTitle(title: string, columns: number | undefined): string[] {
  return columns === undefined ? [title] : wrapWords(title, columns, '  ');
}

/** B_simple over epochs, one line per batch size, with the fit's B_critical as a level line. */
function noiseChart(analysis: LabAnalysis, options: { readonly paint?: Paint; readonly columns?: number }, t: Translator): string[] {
  const series: ChartSeries[] = analysis.noise.map((n) => ({
    label: t('lab.chart.atBatch', { batch: n.batchSize }),
    points: n.epoch.map((e, k) => [e, Math.log2(n.bSimple[k])] as const),
  }));
  if (series.length === 0) return [];
  const last = Math.max(...analysis.noise.map((n) => n.epoch[n.epoch.length - 1]));
  const fit = analysis.fit;
  if (fit !== null && Number.isFinite(fit.bCrit) && fit.bCrit > 0) {
    series.push({ label: t('lab.chart.bCrit', { bCrit: roughText(fit.bCrit) }), points: [[0, Math.log2(fit.bCrit)], [last, Math.log2(fit.bCrit)]] });
  }
  return ['', ...chartTitle(t('lab.chart.noise'), options.columns), ...lineChart(series, { xTitle: t('lab.chart.epoch'), yTitle: t('lab.chart.log2BSimple'), integerX: true, ...options }, t)];
}

/** The verdict's sentences, computed from the numbers. */
export function verdictSentences(analysis: LabAnalysis, options: LabTextOptions, t: Translator = english): string[] {
  const f = analysis.facts;
  const out: string[] = [];
  const pair = (d: NonNullable<typeof f.aboveDoubling>): DoublingText => ({
    from: d.from,
    to: d.to,
    saved: percent(Math.abs(d.stepsSaved)),
    moreSteps: d.stepsSaved < 0,
    added: percent(Math.abs(d.examplesAdded)),
    fewer: d.examplesAdded < 0,
  });
  if (analysis.best.length > 0 && analysis.best.every((c) => c.steps === 0)) {
    out.push(t('lab.verdict.atStart'));
  } else if (f.bCrit === null) {
    out.push(t('lab.verdict.noFit'));
  } else if (f.beyondRange) {
    out.push(t('lab.verdict.beyond', { largest: Math.max(...plottable(analysis).map((c) => c.batchSize)), bCrit: roughText(f.bCrit) }));
  } else if (f.belowRange) {
    out.push(t('lab.verdict.belowRange', { bCrit: roughText(f.bCrit), smallest: f.smallest, above: f.aboveDoubling === null ? null : pair(f.aboveDoubling) }));
  } else {
    out.push(
      t('lab.verdict.critical', {
        bCrit: roughText(f.bCrit),
        sMin: roughText(f.sMin!),
        eMin: roughText(f.eMin!),
        below: f.belowDoubling === null ? null : pair(f.belowDoubling),
        above: f.aboveDoubling === null ? null : pair(f.aboveDoubling),
      }),
    );
  }
  if (f.fewestSteps !== null && f.fewestExamples !== null) {
    out.push(
      t('lab.verdict.fewest', {
        stepsBatch: f.fewestSteps.batchSize,
        steps: countText(f.fewestSteps.steps),
        examplesBatch: f.fewestExamples.batchSize,
        examples: countText(f.fewestExamples.examples),
      }),
    );
  }
  if (f.bestFinal !== null) {
    out.push(
      t('lab.verdict.bestFinal', {
        validation: f.bestFinal.validation,
        batch: f.bestFinal.batchSize,
        loss: formatValue(f.bestFinal.loss),
        gap: gapPair(f.gapSmall, f.gapLarge),
      }),
    );
  }
  if (f.bestAccuracy !== null) {
    out.push(
      t('lab.verdict.bestAccuracy', {
        validation: f.bestAccuracy.validation,
        batch: f.bestAccuracy.batchSize,
        accuracy: formatValue(f.bestAccuracy.accuracy),
        gap: gapPair(f.accuracyGapSmall, f.accuracyGapLarge),
      }),
    );
  }
  if (f.noise !== null) {
    const n = f.noise;
    out.push(
      t('lab.verdict.noise', {
        batch: n.batchSize,
        first: roughText(n.first),
        last: roughText(n.last),
        low: roughText(n.low),
        high: roughText(n.high),
        epochs: n.epochs,
        bCrit: f.bCrit === null || f.beyondRange ? null : roughText(f.bCrit),
      }),
    );
  }
  if (options.timings && f.fastest !== null) out.push(t('lab.verdict.fastest', { batch: f.fastest.batchSize, time: formatDuration(f.fastest.seconds) }));
  if (f.unreached.length > 0) out.push(t('lab.verdict.unreached', { batches: f.unreached.join(', '), count: f.unreached.length, epochs: options.maxEpochs }));
  return out;
}

export function verdictText(analysis: LabAnalysis, options: LabTextOptions, t: Translator = english): string {
  return verdictSentences(analysis, options, t).join(' ');
}

export interface LabTextInput {
  readonly analysis: LabAnalysis;
  readonly options: LabTextOptions;
  /** `lab: 64 runs on digits, Dense(32, relu) → Dense(10, softmax), adam` */
  readonly title: string;
  readonly paint: Paint;
  readonly columns: number;
}

/** Table, fit, charts and verdict, for the terminal. */
export function labText(input: LabTextInput, t: Translator = english): string {
  const { analysis, options, paint, columns } = input;
  const table = labTable(analysis, options, t, columns);
  const lines = [
    ...wrapWords(input.title, columns, '  ').map((line) => paint.bold(line)),
    ...wrapWords(t('lab.targetLine', { target: conditionText(analysis.target) }), columns, '  '),
    '',
    // Each table's title row in bold: the first line and every line after an empty one.
    ...table.map((line, i) => (i === 0 || table[i - 1] === '' ? paint.bold(line) : line)),
  ];
  if (analysis.fit !== null) {
    const fit = t('lab.fitLine', { sMin: roughText(analysis.fit.sMin), eMin: roughText(analysis.fit.eMin), bCrit: roughText(analysis.fit.bCrit), rms: percent(analysis.fit.rmsResidual) });
    lines.push('', ...wrapWords(fit, columns, '  '));
  }
  const charts = labCharts(analysis, { paint, columns }, t);
  if (charts.length > 0) lines.push('', ...charts);
  lines.push('', ...wrapWords(verdictText(analysis, options, t), columns));
  return `${lines.join('\n')}\n`;
}

/** 1: the first lab document. */
export const LAB_SCHEMA_VERSION = 1;

export interface LabJsonInput {
  readonly analysis: LabAnalysis;
  readonly options: LabTextOptions;
  readonly version: string;
  readonly lab: Readonly<Record<string, unknown>>;
}

function cellJson(c: LabCell, timings: boolean): Record<string, unknown> {
  return {
    batchSize: c.batchSize,
    learningRate: c.learningRate,
    seeds: c.seeds,
    reached: c.reached,
    steps: c.steps,
    examples: c.examples,
    checkEvery: c.checkEvery,
    secondsToTarget: timings ? c.secondsToTarget : null,
    trainLoss: c.trainLoss,
    valLoss: c.valLoss,
    gap: c.gap,
    trainAccuracy: c.trainAccuracy,
    valAccuracy: c.valAccuracy,
    accuracyGap: c.accuracyGap,
    stepBytes: c.stepBytes,
  };
}

/** The --json document: rows, best, fit, noiseScale and the verdict (in English, as every machine-read text). */
export function labJson(input: LabJsonInput): string {
  const { analysis, options } = input;
  const fit = analysis.fit;
  return toJson({
    schemaVersion: LAB_SCHEMA_VERSION,
    tool: { name: 'batchsim', version: input.version },
    lab: { ...input.lab, target: { ...analysis.target, text: conditionText(analysis.target) } },
    rows: analysis.cells.map((c) => cellJson(c, options.timings)),
    best: analysis.best.map((c) => cellJson(c, options.timings)),
    fit:
      fit === null
        ? null
        : {
            sMin: fit.sMin,
            eMin: fit.eMin,
            bCrit: fit.bCrit,
            rmsResidual: fit.rmsResidual,
            residuals: fit.rows.map((r) => ({ batchSize: r.batchSize, steps: r.steps, fittedSteps: r.fittedSteps, residual: r.residual })),
          },
    noiseScale: analysis.noise.length === 0 ? null : { series: analysis.noise },
    verdict: verdictText(analysis, options, english),
  });
}

/** The generalization gap at the smallest and the largest batch size, as the verdict words it. */
function gapPair(
  small: { readonly batchSize: number; readonly gap: number } | null,
  large: { readonly batchSize: number; readonly gap: number } | null,
): { small: number; smallGap: string; large: number; largeGap: string } | null {
  return small === null || large === null ? null : { small: small.batchSize, smallGap: formatValue(small.gap), large: large.batchSize, largeGap: formatValue(large.gap) };
}
