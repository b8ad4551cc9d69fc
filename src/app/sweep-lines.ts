/**
 * The lines a sweep prints: what it is about to do, one line per finished run, and the outcome
 * of an `--assert` gate. Pure text; the command decides where it goes.
 */
import { english, type Translator } from '../i18n/message.js';
import { describePoint, type GridPoint, type Shard } from './grid.js';
import type { MergeCheck } from './merge-check.js';
import type { SweepRecord, SweepRecordSummary } from '../training/record.js';
import { formatDuration, formatValue, nonFinite } from '../report/format.js';

/** A grid point as `batchSize=2 seed=1`, or `(the single run)` when the experiment has no grid. */
export function pointText(point: GridPoint, t: Translator = english): string {
  return Object.keys(point).length > 0 ? describePoint(point) : t('sweep.singleRun');
}

/** `2/3` for a shard of several, null for none or the only one. */
function shardText(shard: Shard | null): string | null {
  return shard === null || shard.total === 1 ? null : `${shard.index}/${shard.total}`;
}

export interface PlanText {
  readonly experiment: string;
  readonly gridSize: number;
  readonly shard: Shard | null;
  readonly selected: number;
  readonly alreadyDone: number;
  readonly toRun: number;
  readonly workers: number;
  readonly out: string;
}

/**
 * `batch-vs-lr: 24 runs, shard 1/3 has 8; 2 already in out.jsonl; running 6 on 2 workers`
 */
export function planLine(p: PlanText, t: Translator = english): string {
  return t('sweep.plan', {
    experiment: p.experiment,
    gridSize: p.gridSize,
    shard: shardText(p.shard),
    selected: p.selected,
    alreadyDone: p.alreadyDone,
    toRun: p.toRun,
    workers: p.workers,
    file: p.out,
  });
}

/** `[3/6] batchSize=2 seed=1: loss 0.1234[, accuracy 0.9250], end loss 0.1200, 60 updates, 412ms` */
export function runLine(done: number, total: number, record: SweepRecordSummary, t: Translator = english): string {
  const width = String(total).length;
  const loss = record.history.loss[record.history.loss.length - 1] ?? NaN;
  return t('sweep.run', {
    counter: `[${String(done).padStart(width)}/${total}]`,
    point: pointText(record.point, t),
    loss: formatValue(loss),
    valLoss: record.history.val_loss ? formatValue(record.history.val_loss[record.history.val_loss.length - 1] ?? NaN) : null,
    metrics: metricsText(record),
    endLoss: formatValue(record.endLoss),
    updates: record.updates,
    time: record.timings === null ? null : formatDuration(record.timings.totalSeconds),
    diverged: record.stopped === 'nan',
  });
}

/** `accuracy 0.9250, val_accuracy 0.9333`: the tracked metrics' last epoch, in Keras's order; null without. */
function metricsText(record: SweepRecordSummary): string | null {
  const names = Object.keys(record.history).filter((name) => !['loss', 'val_loss', 'end_loss'].includes(name));
  names.sort((a, b) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
  if (names.length === 0) return null;
  return names.map((name) => { const values = record.history[name] ?? []; return `${name} ${formatValue(values[values.length - 1] ?? NaN)}`; }).join(', ');
}

/** `6 runs written to out.jsonl; 8 of 8 runs of shard 1/3 done`; `created` false: the file does not exist (nothing was to be written). */
export function doneLine(written: number, present: number, selected: number, out: string, shard: Shard | null, t: Translator = english, created = true): string {
  return t('sweep.done', { written, file: out, created, present, selected, shard: shardText(shard) });
}

export interface AssertFailure {
  readonly point: SweepRecord['point'];
  readonly values: Readonly<Record<string, number | boolean>>;
}

/**
 * `assert finalLoss < 0.5: 7 of 8 runs pass` and, for each failing run, its point and the
 * values the expression read: `  FAIL batchSize=6 seed=2: finalLoss = 0.6123`.
 */
export function assertLines(source: string, total: number, failures: readonly AssertFailure[], fields: readonly string[], t: Translator = english): string[] {
  return [
    t('assert.summary', { source, passed: total - failures.length, total }),
    ...failures.map((f) => {
      const values = fields.map((name) => {
        const v = f.values[name];
        return `${name} = ${typeof v === 'boolean' ? String(v) : formatNumber(v)}`;
      });
      return t('assert.fail', { point: pointText(f.point, t), values: values.join(', ') });
    }),
  ];
}

/** A field's value in full enough precision to see why a threshold was missed. */
function formatNumber(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return nonFinite(v ?? NaN);
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

/** At most this many lines per kind of merge problem; the rest are counted. */
const MAX_LISTED = 20;

function listed<T>(items: readonly T[], line: (item: T) => string, t: Translator): string[] {
  const lines = items.slice(0, MAX_LISTED).map(line);
  if (items.length > MAX_LISTED) lines.push(t('merge.more', { count: items.length - MAX_LISTED }));
  return lines;
}

/**
 * What is wrong with a merge, one line per grid point:
 * `batch-vs-lr: 24 grid points; 16 found, 8 missing` then `  missing: batchSize=1 seed=3`, ...
 */
export function mergeProblemLines(experiment: string, gridSize: number, check: MergeCheck, t: Translator = english): string[] {
  return [
    t('merge.summary', {
      experiment,
      gridSize,
      found: check.records.length,
      missing: check.missing.length,
      duplicated: check.duplicated.length,
      foreign: check.foreign.length,
    }),
    ...listed(check.missing, (point) => t('merge.missing', { point: pointText(point, t) }), t),
    ...listed(check.duplicated, (d) => t('merge.duplicated', { point: pointText(d.point, t), files: d.files.join(', ') }), t),
    ...listed(
      check.foreign,
      (f) => t('merge.foreign', { point: pointText(f.point, t), file: f.file, experiment: f.experiment, version: f.version }),
      t,
    ),
  ];
}
