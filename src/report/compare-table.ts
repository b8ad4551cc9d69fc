/**
 * A comparison as a table: aligned text for a terminal, Markdown for a CI job summary, and CSV
 * with one row per run and epoch. Every view takes `timings: false` to blank the wall-clock
 * columns, so that whole outputs can be diffed; the table and the Markdown then leave them out,
 * as any column blank in every row.
 */
import { english, type Translator } from '../i18n/message.js';
import type { RunRecord } from '../training/record.js';
import type { CompareSummary, Spread } from './summary.js';
import { rankableMetrics } from './metric-choice.js';
import { formatRate } from './compare-notes.js';
import { formatDuration, formatValue, nonFinite, pyFixed } from './format.js';
import { displayWidth, padStartColumns } from './width.js';
import { wrapWords } from './wrap.js';

/** A column that names what a row (or a CSV line) is, e.g. one per swept option. */
export interface KeyColumn<R> {
  readonly title: string;
  cell(row: R): string;
  /** A shorter title for a narrow terminal (`lr` for learningRate); the title when absent. */
  readonly short?: string;
}

export interface TableOptions<R extends CompareSummary = CompareSummary> {
  /** False blanks time/epoch, time/step and samples/s (and summaryTable leaves them out). */
  readonly timings: boolean;
  /** Adds an lr column (several learning rates compared). */
  readonly withRate: boolean;
  /** Columns naming each row, in place of batch (and lr). */
  readonly keys?: readonly KeyColumn<R>[];
  /**
   * summaryTable only: fit the rows in this many terminal columns, first by closing the gaps
   * to one space, then by the short titles and `mean±sd` without spaces, then by leaving out
   * the columns a learner needs least (samples/s, time/epoch, best loss, steps/epoch, end loss),
   * listed in a last line, and at last by splitting the rest into tables that each repeat the
   * columns naming the rows.
   */
  readonly columns?: number;
  /** summaryTable only: how each table's title row is drawn (bold on a terminal). */
  readonly heading?: (line: string) => string;
}

/** Titles of the columns summaryTable leaves out first when the table is too wide. */
const DROP_ORDER = ['table.samplesPerSecond', 'table.timePerEpoch', 'table.bestLoss', 'table.stepsPerEpoch', 'table.endLoss'] as const;

/** `1.7095`, or `1.7095 ± 0.0012` over several seeds (`1.7095±0.0012` when `tight`). */
function lossText(value: Spread, seeds: number, tight = false): string {
  // A spread of exactly 0 (every seed the same run) reads 0.0000, not Keras's 0.0000e+00.
  const sd = value.sd === 0 ? pyFixed(0, 4) : formatValue(value.sd);
  return seeds > 1 ? `${formatValue(value.mean)}${tight ? '±' : ' ± '}${sd}` : formatValue(value.mean);
}

/** The drop order when tracked metrics (accuracy, val_accuracy) take room: time/epoch is kept longest. */
const METRICS_DROP_ORDER = ['table.samplesPerSecond', 'table.timePerStep', 'table.bestLoss', 'table.stepsPerEpoch', 'table.endLoss'] as const;

/** What a cell shows when a run has no such number (no validation part, no timings). */
const BLANK = '-';

interface Column<R> {
  readonly title: string;
  /** The title on a narrow terminal. */
  readonly short: string;
  /** Whether it names the row (repeated in every part of a split table). */
  readonly key: boolean;
  /** The cell, `tight` on a narrow terminal (mean±sd without spaces). */
  cell(row: R, tight: boolean): string;
}

/** The columns, headed in the translator's language; those blank in every row left out. */
function columns<R extends CompareSummary>(summary: readonly R[], options: TableOptions<R>, t: Translator): Column<R>[] {
  const list: Column<R>[] = [];
  const key = (k: KeyColumn<R>): Column<R> => ({ title: k.title, short: k.short ?? k.title, key: true, cell: (r) => k.cell(r) });
  const value = (title: string, cell: (r: R, tight: boolean) => string): Column<R> => ({ title, short: title, key: false, cell });
  if (options.keys !== undefined) list.push(...options.keys.map(key));
  else {
    list.push(key({ title: t('table.batch'), cell: (r) => String(r.batchSize) }));
    if (options.withRate) list.push(key({ title: t('table.lr'), cell: (r) => formatRate(r.learningRate) }));
  }
  list.push(
    value(t('table.stepsPerEpoch'), (r) => String(r.stepsPerEpoch)),
    value(t('table.updates'), (r) => String(r.updates)),
    value(t('table.finalLoss'), (r, tight) => lossText(r.finalLoss, r.seeds.length, tight)),
    value(t('table.bestLoss'), (r, tight) => `${lossText(r.bestLoss, r.seeds.length, tight)} (${r.bestLoss.epoch})`),
    value(t('table.endLoss'), (r, tight) => lossText(r.endLoss, r.seeds.length, tight)),
  );
  if (summary.some((r) => r.finalValLoss !== null)) {
    list.push(value(t('table.valLoss'), (r, tight) => (r.finalValLoss === null ? BLANK : lossText(r.finalValLoss, r.seeds.length, tight))));
  }
  // Tracked metrics of the last epoch, named as Keras logs them (accuracy, val_accuracy).
  for (const name of trackedMetrics(summary)) {
    list.push(value(name, (r, tight) => (r.histories[name] === undefined ? BLANK : lossText(r.histories[name].final, r.seeds.length, tight))));
  }
  list.push(
    value(t('table.timePerEpoch'), (r) => (options.timings ? formatDuration(r.timings.secondsPerEpoch) : BLANK)),
    value(t('table.timePerStep'), (r) => (options.timings ? formatDuration(r.timings.secondsPerStep) : BLANK)),
    value(t('table.samplesPerSecond'), (r) => (options.timings ? pyFixed(r.timings.samplesPerSecond, 0) : BLANK)),
  );
  // A column blank in every row (the timings with --no-timings) carries nothing.
  return list.filter((c) => c.key || summary.length === 0 || summary.some((r) => c.cell(r, false) !== BLANK));
}

/** The metrics (not losses) the runs tracked: accuracy, then val_accuracy. */
function trackedMetrics(summary: readonly CompareSummary[]): string[] {
  return rankableMetrics(summary).filter((name) => name !== 'loss' && name !== 'val_loss');
}

/** Right-aligned columns `gap` apart; the title row first. */
function render<R>(cols: readonly Column<R>[], rows: readonly R[], gap: string, narrow: boolean): string[] {
  const cells = [cols.map((c) => (narrow ? c.short : c.title)), ...rows.map((r) => cols.map((c) => c.cell(r, narrow)))];
  const widths = cols.map((_, i) => Math.max(...cells.map((row) => displayWidth(row[i]))));
  return cells.map((row) => row.map((cell, i) => padStartColumns(cell, widths[i])).join(gap));
}

/**
 * Right-aligned columns two spaces apart, the title row first, fitted to `options.columns` as
 * TableOptions.columns says. A split table's parts are separated by an empty line.
 */
export function summaryTable<R extends CompareSummary>(summary: readonly R[], options: TableOptions<R>, t: Translator = english): string[] {
  let cols = columns(summary, options, t);
  const limit = options.columns ?? Infinity;
  const heading = options.heading ?? ((line: string): string => line);
  const headed = (lines: readonly string[]): string[] => lines.map((line, i) => (i === 0 ? heading(line) : line));
  const fits = (lines: readonly string[]): boolean => lines.every((line) => displayWidth(line) <= limit);
  // The roomiest layout that fits: two spaces apart, then one, then short titles and mean±sd.
  const fitted = (): string[] | null => {
    for (const [gap, narrow] of [['  ', false], [' ', false], [' ', true]] as const) {
      const lines = render(cols, summary, gap, narrow);
      if (fits(lines)) return lines;
    }
    return null;
  };
  let lines = fitted();
  const hidden: string[] = [];
  // With tracked metrics, the classification comparison: time per epoch stays, time per step goes first.
  const order = trackedMetrics(summary).length > 0 ? METRICS_DROP_ORDER : DROP_ORDER;
  for (const key of order) {
    if (lines !== null) break;
    const title = t(key);
    if (!cols.some((c) => c.title === title)) continue;
    cols = cols.filter((c) => c.title !== title);
    hidden.push(title);
    lines = fitted();
  }
  const parts = lines !== null ? [lines] : splitTable(cols, summary, limit).map((part) => render(part, summary, ' ', true));
  const out = parts.flatMap((part, i) => [...(i > 0 ? [''] : []), ...headed(part)]);
  return hidden.length > 0 ? [...out, ...wrapWords(t('table.hidden', { columns: hidden.join(', ') }), limit, ' ')] : out;
}

/**
 * The columns in parts of at most `limit` terminal columns, each part the key columns and as
 * many of the others, in order, as fit beside them (at least one).
 */
function splitTable<R>(cols: readonly Column<R>[], rows: readonly R[], limit: number): Array<Array<Column<R>>> {
  const keys = cols.filter((c) => c.key);
  const width = (c: Column<R>): number => Math.max(displayWidth(c.short), ...rows.map((r) => displayWidth(c.cell(r, true))));
  let used = keys.reduce((sum, c, i) => sum + width(c) + (i > 0 ? 1 : 0), 0);
  const base = used;
  const parts: Array<Array<Column<R>>> = [];
  let part: Array<Column<R>> = [];
  const gapBefore = (part: readonly Column<R>[]): number => (keys.length + part.length > 0 ? 1 : 0);
  for (const c of cols.filter((col) => !col.key)) {
    if (part.length > 0 && used + gapBefore(part) + width(c) > limit) {
      parts.push([...keys, ...part]);
      part = [];
      used = base;
    }
    used += gapBefore(part) + width(c);
    part.push(c);
  }
  if (part.length > 0 || parts.length === 0) parts.push([...keys, ...part]);
  return parts;
}

/** A GitHub-flavoured Markdown table, numbers right-aligned. */
export function summaryMarkdown<R extends CompareSummary>(summary: readonly R[], options: TableOptions<R>, t: Translator = english): string[] {
  const cols = columns(summary, options, t);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(cols.map((c) => c.title)), line(cols.map(() => '---:')), ...summary.map((r) => line(cols.map((c) => c.cell(r, false))))];
}

/**
 * One row per run and epoch: `batch_size,learning_rate,seed,epoch,update,samples,loss`
 * [`,val_loss`][`,accuracy,val_accuracy`, the tracked metrics]`,epoch_seconds`. Epochs count from 1 as in the log; update and samples are the
 * totals at the end of that epoch; losses are written in full precision.
 */
export function historyCsv<R extends RunRecord>(runs: readonly R[], options: { readonly timings: boolean; readonly keys?: readonly KeyColumn<R>[] }): string {
  const withVal = runs.some((r) => r.history.val_loss !== undefined);
  const keys: readonly KeyColumn<R>[] = options.keys ?? [
    { title: 'batch_size', cell: (run) => String(run.config.batchSize) },
    { title: 'learning_rate', cell: (run) => formatRate(run.config.learningRate) },
    { title: 'seed', cell: (run) => String(run.config.seed) },
  ];
  // Tracked metrics in Keras's order (accuracy, then val_accuracy), as the first run has them.
  const metricNames = Object.keys(runs[0]?.history ?? {}).filter((name) => !['loss', 'val_loss', 'end_loss'].includes(name));
  metricNames.sort((a, b) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
  const header = [...keys.map((k) => k.title), 'epoch', 'update', 'samples', 'loss', ...(withVal ? ['val_loss'] : []), ...metricNames, 'epoch_seconds'];
  const lines = [header.join(',')];
  for (const run of runs) {
    const { loss, val_loss } = run.history;
    const names = keys.map((k) => csvText(k.cell(run)));
    loss.forEach((value, e) => {
      const cells: Array<string | number> = [
        ...names,
        e + 1,
        (e + 1) * run.stepsPerEpoch,
        (e + 1) * run.samples.train,
        csvNumber(value),
      ];
      if (withVal) cells.push(val_loss === undefined ? '' : csvNumber(val_loss[e]));
      for (const name of metricNames) {
        const values = run.history[name];
        cells.push(values === undefined ? '' : csvNumber(values[e]));
      }
      cells.push(options.timings ? csvNumber(run.timings?.epochSeconds[e] ?? NaN) : '');
      lines.push(cells.join(','));
    });
  }
  return `${lines.join('\n')}\n`;
}

/** A text cell, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvText(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : nonFinite(value);
}
