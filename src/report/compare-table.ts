/**
 * A comparison as a table: aligned text for a terminal, Markdown for a CI job summary, and CSV
 * with one row per run and epoch. Every view takes `timings: false` to blank the wall-clock
 * columns, so that whole outputs can be diffed.
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
}

export interface TableOptions<R extends CompareSummary = CompareSummary> {
  /** False blanks time/epoch, time/step and samples/s. */
  readonly timings: boolean;
  /** Adds an lr column (several learning rates compared). */
  readonly withRate: boolean;
  /** Columns naming each row, in place of batch (and lr). */
  readonly keys?: readonly KeyColumn<R>[];
  /**
   * summaryTable only: fit the rows in this many terminal columns, first by closing the gaps
   * to one space, then by leaving out the columns a learner needs least (samples/s, time/epoch,
   * best loss, steps/epoch, end loss), listed in a last line.
   */
  readonly columns?: number;
}

/** Titles of the columns summaryTable leaves out first when the table is too wide. */
const DROP_ORDER = ['table.samplesPerSecond', 'table.timePerEpoch', 'table.bestLoss', 'table.stepsPerEpoch', 'table.endLoss'] as const;

/** `1.7095`, or `1.7095 ± 0.0012` over several seeds. */
function lossText(value: Spread, seeds: number): string {
  // A spread of exactly 0 (every seed the same run) reads 0.0000, not Keras's 0.0000e+00.
  const sd = value.sd === 0 ? pyFixed(0, 4) : formatValue(value.sd);
  return seeds > 1 ? `${formatValue(value.mean)} ± ${sd}` : formatValue(value.mean);
}

/** The drop order when tracked metrics (accuracy, val_accuracy) take room: time/epoch is kept longest. */
const METRICS_DROP_ORDER = ['table.samplesPerSecond', 'table.timePerStep', 'table.bestLoss', 'table.stepsPerEpoch', 'table.endLoss'] as const;

type Column<R> = KeyColumn<R>;

/** The columns, headed in the translator's language. */
function columns<R extends CompareSummary>(summary: readonly R[], options: TableOptions<R>, t: Translator): Column<R>[] {
  const blank = '-';
  const list: Column<R>[] = [];
  if (options.keys !== undefined) list.push(...options.keys);
  else {
    list.push({ title: t('table.batch'), cell: (r) => String(r.batchSize) });
    if (options.withRate) list.push({ title: t('table.lr'), cell: (r) => formatRate(r.learningRate) });
  }
  list.push(
    { title: t('table.stepsPerEpoch'), cell: (r) => String(r.stepsPerEpoch) },
    { title: t('table.updates'), cell: (r) => String(r.updates) },
    { title: t('table.finalLoss'), cell: (r) => lossText(r.finalLoss, r.seeds.length) },
    { title: t('table.bestLoss'), cell: (r) => `${lossText(r.bestLoss, r.seeds.length)} (${r.bestLoss.epoch})` },
    { title: t('table.endLoss'), cell: (r) => lossText(r.endLoss, r.seeds.length) },
  );
  if (summary.some((r) => r.finalValLoss !== null)) {
    list.push({ title: t('table.valLoss'), cell: (r) => (r.finalValLoss === null ? blank : lossText(r.finalValLoss, r.seeds.length)) });
  }
  // Tracked metrics of the last epoch, named as Keras logs them (accuracy, val_accuracy).
  for (const name of trackedMetrics(summary)) {
    list.push({ title: name, cell: (r) => (r.histories[name] === undefined ? blank : lossText(r.histories[name].final, r.seeds.length)) });
  }
  list.push(
    { title: t('table.timePerEpoch'), cell: (r) => (options.timings ? formatDuration(r.timings.secondsPerEpoch) : blank) },
    { title: t('table.timePerStep'), cell: (r) => (options.timings ? formatDuration(r.timings.secondsPerStep) : blank) },
    { title: t('table.samplesPerSecond'), cell: (r) => (options.timings ? pyFixed(r.timings.samplesPerSecond, 0) : blank) },
  );
  return list;
}

/** The metrics (not losses) the runs tracked: accuracy, then val_accuracy. */
function trackedMetrics(summary: readonly CompareSummary[]): string[] {
  return rankableMetrics(summary).filter((name) => name !== 'loss' && name !== 'val_loss');
}

/** Right-aligned columns two spaces apart; the header row first. */
export function summaryTable<R extends CompareSummary>(summary: readonly R[], options: TableOptions<R>, t: Translator = english): string[] {
  let cols = columns(summary, options, t);
  const render = (gap: string): string[] => {
    const rows = [cols.map((c) => c.title), ...summary.map((r) => cols.map((c) => c.cell(r)))];
    const widths = cols.map((_, i) => Math.max(...rows.map((row) => displayWidth(row[i]))));
    return rows.map((row) => row.map((cell, i) => padStartColumns(cell, widths[i])).join(gap));
  };
  const limit = options.columns;
  const fits = (lines: readonly string[]): boolean => limit === undefined || lines.every((line) => displayWidth(line) <= limit);
  let lines = render('  ');
  if (fits(lines)) return lines;
  lines = render(' ');
  const hidden: string[] = [];
  // With tracked metrics, the classification comparison: time per epoch stays, time per step goes first.
  const order = trackedMetrics(summary).length > 0 ? METRICS_DROP_ORDER : DROP_ORDER;
  for (const key of order) {
    if (fits(lines)) break;
    const title = t(key);
    if (!cols.some((c) => c.title === title)) continue;
    cols = cols.filter((c) => c.title !== title);
    hidden.push(title);
    lines = render(' ');
  }
  return hidden.length > 0 ? [...lines, ...wrapWords(t('table.hidden', { columns: hidden.join(', ') }), limit!, ' ')] : lines;
}

/** A GitHub-flavoured Markdown table, numbers right-aligned. */
export function summaryMarkdown<R extends CompareSummary>(summary: readonly R[], options: TableOptions<R>, t: Translator = english): string[] {
  const cols = columns(summary, options, t);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(cols.map((c) => c.title)), line(cols.map(() => '---:')), ...summary.map((r) => line(cols.map((c) => c.cell(r))))];
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
