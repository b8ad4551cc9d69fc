/**
 * Summaries of run records: the runs of one batch size and learning rate (or, in a merged sweep,
 * of one grid point) across their seeds, as mean and spread. Pure: records in, numbers out.
 */
import { batchSizes } from '../training/batcher.js';
import type { RunRecord } from '../training/record.js';
import type { Timings } from '../training/timer.js';

/** Mean and sample standard deviation (n − 1; 0 for a single value). */
export interface Spread {
  readonly mean: number;
  readonly sd: number;
}

export function spread(values: readonly number[]): Spread {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const squares = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(squares / (n - 1)) };
}

/** The loss curve of one run, or the mean curve of several seeds, with its spread per epoch. */
export function meanCurve(curves: readonly (readonly number[])[]): Spread[] {
  const epochs = Math.min(...curves.map((c) => c.length));
  const out: Spread[] = [];
  for (let e = 0; e < epochs; e++) out.push(spread(curves.map((c) => c[e])));
  return out;
}

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A typical epoch's time (the median epoch of each run, averaged over seeds: the first epoch
 * still compiles code paths the warm-up did not take), and per step and samples per second
 * derived from it, so the three columns never contradict each other.
 */
function typicalTimings(secondsPerEpoch: number, stepsPerEpoch: number, batches: readonly number[]): CompareSummary['timings'] {
  const samples = batches.reduce((sum, b) => sum + b, 0);
  return {
    secondsPerEpoch,
    secondsPerStep: stepsPerEpoch > 0 ? secondsPerEpoch / stepsPerEpoch : 0,
    samplesPerSecond: secondsPerEpoch > 0 ? samples / secondsPerEpoch : 0,
  };
}

/** The histories every run of a group has, per epoch and at the last epoch. */
function historiesOf(group: readonly RunRecord[]): CompareSummary['histories'] {
  const out: Record<string, { final: Spread; curve: Spread[] }> = {};
  for (const name of Object.keys(group[0].history)) {
    const curves = group.map((r) => r.history[name]);
    if (!curves.every((c): c is number[] => Array.isArray(c))) continue;
    out[name] = { final: spread(curves.map((c) => c[c.length - 1] ?? NaN)), curve: meanCurve(curves) };
  }
  return out;
}

/** All runs of one batch size and learning rate, across seeds. */
export interface CompareSummary {
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seeds: readonly number[];
  readonly stepsPerEpoch: number;
  readonly batches: readonly number[];
  readonly updates: number;
  /** Epochs completed by every seed's run. */
  readonly epochs: number;
  /** `loss` of the last epoch (Keras's running mean over its batches). */
  readonly finalLoss: Spread;
  /** The lowest epoch loss of the mean curve, the spread across seeds at that epoch. */
  readonly bestLoss: Spread & { readonly epoch: number };
  /** Loss on all training samples at the end weights. */
  readonly endLoss: Spread;
  readonly finalValLoss: Spread | null;
  /** Per-epoch mean and spread of `loss` across seeds. */
  readonly curve: readonly Spread[];
  /**
   * Every history every run of the group has (`loss`, `val_loss`, `accuracy`, `val_accuracy`,
   * ...): its per-epoch mean curve and its last epoch's mean and spread across seeds.
   */
  readonly histories: Readonly<Record<string, { readonly final: Spread; readonly curve: readonly Spread[] }>>;
  readonly timings: { readonly secondsPerEpoch: number; readonly secondsPerStep: number; readonly samplesPerSecond: number };
  /** Why some run ended early ('nan', 'interrupt'), or null. */
  readonly stopped: string | null;
}

/**
 * One summary per group of runs, in order of first appearance. Runs are grouped by batch size and
 * learning rate unless `groupOf` says otherwise (a sweep groups by its grid point without the seed).
 */
export function summarize<R extends RunRecord>(runs: readonly R[], groupOf: (run: R) => string = (run) => `${run.config.batchSize}/${run.config.learningRate}`): CompareSummary[] {
  const groups = new Map<string, R[]>();
  for (const run of runs) {
    const key = groupOf(run);
    const group = groups.get(key);
    if (group) group.push(run);
    else groups.set(key, [run]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0];
    const curve = meanCurve(group.map((r) => r.history.loss));
    let best = 0;
    for (let e = 1; e < curve.length; e++) if (curve[e].mean < curve[best].mean) best = e;
    const last = (values: readonly number[]): number => values[values.length - 1] ?? NaN;
    const valCurves = group.map((r) => r.history.val_loss);
    // Runs without timings (--no-timings) count as zero, as a stopped clock reads.
    const meanOf = (pick: (t: Timings) => number): number => group.reduce((s, r) => s + (r.timings === null ? 0 : pick(r.timings)), 0) / group.length;
    const batches = batchSizes(first.samples.train, first.config.batchSize);
    return {
      batchSize: first.config.batchSize,
      learningRate: first.config.learningRate,
      seeds: group.map((r) => r.config.seed),
      stepsPerEpoch: first.stepsPerEpoch,
      batches,
      // Done, not planned: a run cut short (Ctrl-C, a NaN loss) made fewer.
      updates: Math.max(...group.map((r) => r.updates)),
      epochs: curve.length,
      finalLoss: spread(group.map((r) => last(r.history.loss))),
      bestLoss: curve.length > 0 ? { ...curve[best], epoch: best + 1 } : { mean: NaN, sd: NaN, epoch: 0 },
      endLoss: spread(group.map((r) => r.endLoss)),
      finalValLoss: valCurves.every((c) => c !== undefined) ? spread(valCurves.map((c) => last(c!))) : null,
      curve,
      histories: historiesOf(group),
      timings: typicalTimings(meanOf((t) => median(t.epochSeconds)), first.stepsPerEpoch, batches),
      stopped: group.find((r) => r.stopped !== null)?.stopped ?? null,
    };
  });
}
