/**
 * The lines a sweep prints: what it is about to do, one line per finished run, and the outcome
 * of an `--assert` gate. Pure text; the command decides where it goes.
 */
import { describePoint, type Shard } from '../training/grid.js';
import type { MergeCheck } from '../training/merge.js';
import type { SweepRecord } from '../training/sweep.js';
import { formatStepTime, formatValue } from './format.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A duration with Keras's units rule: `412ms`, `3s`, `150us`. */
export function duration(seconds: number): string {
  return formatStepTime(seconds, '').replace(/\/$/, '');
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
export function planLine(p: PlanText): string {
  const shard = p.shard === null || p.shard.total === 1 ? '' : `, shard ${p.shard.index}/${p.shard.total} has ${p.selected}`;
  const done = p.alreadyDone > 0 ? `; ${p.alreadyDone} already in ${p.out}` : '';
  const running = p.toRun === 0 ? '; nothing left to run' : `; running ${p.toRun} on ${plural(p.workers, 'worker')}`;
  return `${p.experiment}: ${plural(p.gridSize, 'run')}${shard}${done}${running}`;
}

/** `[3/6] batchSize=2 seed=1: loss 0.1234, end loss 0.1200, 60 updates, 412ms` */
export function runLine(done: number, total: number, record: SweepRecord): string {
  const width = String(total).length;
  const loss = record.history.loss[record.history.loss.length - 1] ?? NaN;
  const val = record.history.val_loss ? `, val_loss ${formatValue(record.history.val_loss[record.history.val_loss.length - 1] ?? NaN)}` : '';
  const time = record.timings === null ? '' : `, ${duration(record.timings.totalSeconds)}`;
  const diverged = record.stopped === 'nan' ? ' (diverged: NaN loss)' : '';
  return (
    `[${String(done).padStart(width)}/${total}] ${describePoint(record.point)}: ` +
    `loss ${formatValue(loss)}${val}, end loss ${formatValue(record.endLoss)}, ${plural(record.updates, 'update')}${time}${diverged}`
  );
}

/** `6 runs written to out.jsonl; 8 of 8 runs of shard 1/3 done` */
export function doneLine(written: number, present: number, selected: number, out: string, shard: Shard | null): string {
  const of = shard === null || shard.total === 1 ? '' : ` of shard ${shard.index}/${shard.total}`;
  return `${plural(written, 'run')} written to ${out}; ${present} of ${plural(selected, 'run')}${of} done`;
}

export interface AssertFailure {
  readonly point: SweepRecord['point'];
  readonly values: Readonly<Record<string, number | boolean>>;
}

/**
 * `assert finalLoss < 0.5: 7 of 8 runs pass` and, for each failing run, its point and the
 * values the expression read: `  FAIL batchSize=6 seed=2: finalLoss = 0.6123`.
 */
export function assertLines(source: string, total: number, failures: readonly AssertFailure[], fields: readonly string[]): string[] {
  const head = `assert ${source}: ${total - failures.length} of ${plural(total, 'run')} pass`;
  return [
    head,
    ...failures.map((f) => {
      const values = fields.map((name) => {
        const v = f.values[name];
        return `${name} = ${typeof v === 'boolean' ? String(v) : formatNumber(v)}`;
      });
      return `  FAIL ${describePoint(f.point)}${values.length > 0 ? `: ${values.join(', ')}` : ''}`;
    }),
  ];
}

/** A field's value in full enough precision to see why a threshold was missed. */
function formatNumber(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

/** At most this many lines per kind of merge problem; the rest are counted. */
const MAX_LISTED = 20;

function listed<T>(items: readonly T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, MAX_LISTED).map(line);
  if (items.length > MAX_LISTED) lines.push(`  … and ${items.length - MAX_LISTED} more`);
  return lines;
}

/**
 * What is wrong with a merge, one line per grid point:
 * `batch-vs-lr: 24 grid points; 16 found, 8 missing` then `  missing: batchSize=1 seed=3`, ...
 */
export function mergeProblemLines(experiment: string, gridSize: number, check: MergeCheck): string[] {
  const counts = [`${check.records.length} found`];
  if (check.missing.length > 0) counts.push(`${check.missing.length} missing`);
  if (check.duplicated.length > 0) counts.push(`${check.duplicated.length} duplicated`);
  if (check.foreign.length > 0) counts.push(`${check.foreign.length} not in the experiment`);
  return [
    `${experiment}: ${plural(gridSize, 'grid point')}; ${counts.join(', ')}`,
    ...listed(check.missing, (point) => `  missing: ${describePoint(point)}`),
    ...listed(check.duplicated, (d) => `  duplicated: ${describePoint(d.point)} (in ${d.files.join(', ')})`),
    ...listed(
      check.foreign,
      (f) => `  not in the experiment: ${describePoint(f.point)} in ${f.file} (experiment ${f.experiment}, version ${f.version}: another configuration or version)`,
    ),
  ];
}
