/**
 * What a lab's run records say, as numbers: for every batch size and learning rate the median
 * over seeds of the steps to the target, for every batch size the learning rate that needed the
 * fewest (Shallue et al. 2019 tune the learning rate per batch size the same way), the
 * steps–examples fit over those best rows (training/tradeoff.ts), the final losses and their
 * generalization gap (Keskar et al. 2017), and the facts the verdict states. Pure: records in,
 * numbers out.
 */
import { stepMemory } from '../core/step-memory.js';
import { median } from './summary.js';
import type { RunRecord } from '../training/record.js';
import type { TargetCondition } from '../training/target.js';
import { doublingSaves, fitTradeoff, type TradeoffFit } from '../training/tradeoff.js';

/** A lab run's numbers. */
export interface LabRunFacts {
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Steps to the target; Infinity when not reached. */
  readonly steps: number;
  /** Steps between target checks. */
  readonly checkEvery: number;
  /** The run's mean seconds per step × its steps to the target; null without timings or target. */
  readonly secondsToTarget: number | null;
  /** Loss on every training sample at the final weights. */
  readonly trainLoss: number;
  /** val_loss of the last epoch; NaN without a validation split. */
  readonly valLoss: number;
  /** The last epoch's accuracy as Keras logs it (its running mean) and val_accuracy; NaN when not tracked. */
  readonly trainAccuracy: number;
  readonly valAccuracy: number;
  readonly diverged: boolean;
}

/** The runs of one batch size and learning rate, over seeds (medians). */
export interface LabCell {
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seeds: number;
  /** Seeds whose run reached the target. */
  readonly reached: number;
  /** Median steps to the target; Infinity when half or more of the seeds never reached it. */
  readonly steps: number;
  /** batchSize × steps. */
  readonly examples: number;
  readonly checkEvery: number;
  readonly secondsToTarget: number | null;
  readonly trainLoss: number;
  readonly valLoss: number;
  /** valLoss − trainLoss: the generalization gap (NaN without validation). */
  readonly gap: number;
  readonly trainAccuracy: number;
  readonly valAccuracy: number;
  /** trainAccuracy − valAccuracy (NaN without both). */
  readonly accuracyGap: number;
  /** Bytes one training step needs at this batch size (core/step-memory.ts: activations, deltas, weights, gradients, optimizer state, the gathered batch). */
  readonly stepBytes: number;
}

/** The gradient noise scale a run measured (McCandlish et al. 2018): after `epoch[k]` epochs, 0 the initial weights. */
export interface NoiseScaleSeries {
  readonly epoch: readonly number[];
  readonly bSimple: readonly number[];
  readonly traceSigma: readonly number[];
  readonly gradNormSquared: readonly number[];
}

/** One best row's noise scale: the run of its first seed. */
export interface LabNoise extends NoiseScaleSeries {
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
}

export interface LabAnalysis {
  readonly target: TargetCondition;
  readonly cells: readonly LabCell[];
  /** Per batch size, ascending: the cell of the learning rate with the fewest median steps (ties: the smaller rate). */
  readonly best: readonly LabCell[];
  readonly fit: TradeoffFit | null;
  /** The noise scale along training, per batch size at its best rate; empty when no run measured it. */
  readonly noise: readonly LabNoise[];
  readonly facts: VerdictFacts;
}

/** What the verdict says, worked out from the numbers. */
export interface VerdictFacts {
  /** Batch sizes that never reached the target at any learning rate. */
  readonly unreached: readonly number[];
  /** The fit's B_crit, S_min and E_min; null without a fit. */
  readonly bCrit: number | null;
  readonly sMin: number | null;
  readonly eMin: number | null;
  /** Whether B_crit lies beyond the largest batch size measured (perfect scaling throughout). */
  readonly beyondRange: boolean;
  /** Whether B_crit is at or below the smallest batch size that reached the target. */
  readonly belowRange: boolean;
  readonly smallest: number;
  /** A measured doubling at or above B_crit (or the last one): steps saved and examples added, as fractions. */
  readonly aboveDoubling: { readonly from: number; readonly to: number; readonly stepsSaved: number; readonly examplesAdded: number } | null;
  /** A measured doubling below B_crit (the first one). */
  readonly belowDoubling: { readonly from: number; readonly to: number; readonly stepsSaved: number; readonly examplesAdded: number } | null;
  /** What the model says doubling saves at B_crit: always a quarter; here for the text. */
  readonly savesAtCrit: number | null;
  /** Fewest steps, and fewest examples, among the best rows. */
  readonly fewestSteps: { readonly batchSize: number; readonly steps: number } | null;
  readonly fewestExamples: { readonly batchSize: number; readonly examples: number } | null;
  /** The best final validation loss (or training loss without validation) among the best rows. */
  readonly bestFinal: { readonly batchSize: number; readonly loss: number; readonly validation: boolean } | null;
  /** The best final validation accuracy (or logged training accuracy without validation) among the best rows; null without accuracy. */
  readonly bestAccuracy: { readonly batchSize: number; readonly accuracy: number; readonly validation: boolean } | null;
  /** The accuracy gap (train − validation) at the smallest and the largest batch size that reached the target. */
  readonly accuracyGapSmall: { readonly batchSize: number; readonly gap: number } | null;
  readonly accuracyGapLarge: { readonly batchSize: number; readonly gap: number } | null;
  /** The gap at the smallest and the largest batch size that reached the target. */
  readonly gapSmall: { readonly batchSize: number; readonly gap: number } | null;
  readonly gapLarge: { readonly batchSize: number; readonly gap: number } | null;
  /** Fastest wall-clock time to the target (null without timings). */
  readonly fastest: { readonly batchSize: number; readonly seconds: number } | null;
  /** B_simple of the batch size nearest B_crit (or the smallest): at the start, at the end, and its range. */
  readonly noise: { readonly batchSize: number; readonly first: number; readonly last: number; readonly low: number; readonly high: number; readonly epochs: number } | null;
}

export function runFacts(record: RunRecord): LabRunFacts {
  const goal = record.goal;
  const steps = goal?.reached?.steps ?? Infinity;
  const perStep = record.timings !== null && record.updates > 0 ? record.timings.totalSeconds / record.updates : null;
  const val = record.history.val_loss;
  const last = (values: readonly number[] | undefined): number => (values === undefined || values.length === 0 ? NaN : values[values.length - 1]);
  return {
    batchSize: record.config.batchSize,
    learningRate: record.config.learningRate,
    seed: record.config.seed,
    steps,
    checkEvery: goal?.everySteps ?? 0,
    secondsToTarget: perStep === null || !Number.isFinite(steps) ? null : perStep * steps,
    trainLoss: record.endLoss,
    valLoss: last(val),
    trainAccuracy: last(record.history.accuracy),
    valAccuracy: last(record.history.val_accuracy),
    diverged: record.stopped === 'nan' || !Number.isFinite(record.endLoss),
  };
}

/** The median, counting a NaN as worst; Infinity when any value in the middle is infinite. */
function middle(values: readonly number[]): number {
  return median(values.map((v) => (Number.isNaN(v) ? Infinity : v)));
}

function cellOf(runs: readonly LabRunFacts[], record: RunRecord): LabCell {
  const { batchSize, learningRate } = runs[0];
  const { config } = record;
  const memory = stepMemory({ inputSize: record.samples.features, layers: config.layers }, Math.min(batchSize, record.samples.train), config.optimizer, config.shuffle);
  const steps = middle(runs.map((r) => r.steps));
  const times = runs.map((r) => r.secondsToTarget);
  const trainLoss = median(runs.map((r) => r.trainLoss));
  const valLoss = median(runs.map((r) => r.valLoss));
  const trainAccuracy = median(runs.map((r) => r.trainAccuracy));
  const valAccuracy = median(runs.map((r) => r.valAccuracy));
  return {
    batchSize,
    learningRate,
    seeds: runs.length,
    reached: runs.filter((r) => Number.isFinite(r.steps)).length,
    steps,
    examples: batchSize * steps,
    checkEvery: runs[0].checkEvery,
    secondsToTarget: Number.isFinite(steps) && times.every((s) => s !== null) ? middle(times.map((s) => s ?? Infinity)) : null,
    trainLoss,
    valLoss,
    gap: valLoss - trainLoss,
    trainAccuracy,
    valAccuracy,
    accuracyGap: trainAccuracy - valAccuracy,
    stepBytes: memory.total,
  };
}

export function analyzeLab(records: readonly RunRecord[], target: TargetCondition): LabAnalysis {
  const facts = records.map(runFacts);
  const key = (r: { batchSize: number; learningRate: number }): string => `${r.batchSize} ${r.learningRate}`;
  const groups = new Map<string, { runs: LabRunFacts[]; record: RunRecord }>();
  facts.forEach((run, i) => {
    const group = groups.get(key(run));
    if (group) group.runs.push(run);
    else groups.set(key(run), { runs: [run], record: records[i] });
  });
  const cells = [...groups.values()].map((g) => cellOf(g.runs, g.record)).sort((a, b) => a.batchSize - b.batchSize || a.learningRate - b.learningRate);
  const batchSizes = [...new Set(cells.map((c) => c.batchSize))];
  const best = batchSizes.map((b) => {
    const mine = cells.filter((c) => c.batchSize === b);
    return mine.reduce((winner, c) => (c.steps < winner.steps ? c : winner), mine[0]);
  });
  const reached = best.filter((c) => Number.isFinite(c.steps) && c.steps > 0);
  const fit = fitTradeoff(reached.map((c) => ({ batchSize: c.batchSize, steps: c.steps, examples: c.examples })));
  const noise = noiseOf(records, best);
  return { target, cells, best, fit, noise, facts: verdictFacts(best, fit, noise) };
}

function noiseScaleOf(record: RunRecord): NoiseScaleSeries | null {
  return (record as RunRecord & { noiseScale?: NoiseScaleSeries | null }).noiseScale ?? null;
}

/** For each best row, the noise scale its lowest seed's run measured. */
function noiseOf(records: readonly RunRecord[], best: readonly LabCell[]): LabNoise[] {
  const out: LabNoise[] = [];
  for (const cell of best) {
    const runs = records
      .filter((r) => r.config.batchSize === cell.batchSize && r.config.learningRate === cell.learningRate && noiseScaleOf(r) !== null)
      .sort((a, b) => a.config.seed - b.config.seed);
    if (runs.length === 0) continue;
    const series = noiseScaleOf(runs[0])!;
    out.push({ batchSize: cell.batchSize, learningRate: cell.learningRate, seed: runs[0].config.seed, epoch: series.epoch, bSimple: series.bSimple, traceSigma: series.traceSigma, gradNormSquared: series.gradNormSquared });
  }
  return out;
}

function doubling(from: LabCell, to: LabCell): NonNullable<VerdictFacts['aboveDoubling']> {
  return { from: from.batchSize, to: to.batchSize, stepsSaved: 1 - to.steps / from.steps, examplesAdded: to.examples / from.examples - 1 };
}

function verdictFacts(best: readonly LabCell[], fit: TradeoffFit | null, noise: readonly LabNoise[]): VerdictFacts {
  const reached = best.filter((c) => Number.isFinite(c.steps));
  const unreached = best.filter((c) => !Number.isFinite(c.steps)).map((c) => c.batchSize);
  // Consecutive measured pairs where the batch doubles.
  const pairs: Array<[LabCell, LabCell]> = [];
  for (let i = 1; i < reached.length; i++) if (reached[i].batchSize === 2 * reached[i - 1].batchSize && reached[i - 1].steps > 0) pairs.push([reached[i - 1], reached[i]]);
  const bCrit = fit === null ? null : fit.bCrit;
  const largest = reached.length > 0 ? reached[reached.length - 1].batchSize : 0;
  const beyondRange = bCrit !== null && bCrit > largest;
  const smallest = reached.length > 0 ? reached[0].batchSize : 0;
  // Below: a doubling that stays at or under B_crit (the model: it saves a third to a half).
  const below = bCrit === null ? null : (pairs.find(([, b]) => b.batchSize <= bCrit) ?? null);
  const above = bCrit === null ? null : (pairs.find(([a]) => a.batchSize >= bCrit) ?? null);
  const min = <T>(items: readonly T[], by: (item: T) => number): T | null =>
    items.reduce<T | null>((m, item) => (m === null || by(item) < by(m) ? item : m), null);
  const fewestSteps = min(reached, (c) => c.steps);
  const fewestExamples = min(reached, (c) => c.examples);
  const validation = best.some((c) => Number.isFinite(c.valLoss));
  const finalOf = (c: LabCell): number => (validation ? c.valLoss : c.trainLoss);
  const bestFinal = min(best.filter((c) => Number.isFinite(finalOf(c))), finalOf);
  const withGap = reached.filter((c) => Number.isFinite(c.gap));
  const valAccuracy = best.some((c) => Number.isFinite(c.valAccuracy));
  const accuracyOf = (c: LabCell): number => (valAccuracy ? c.valAccuracy : c.trainAccuracy);
  const max = <T>(items: readonly T[], by: (item: T) => number): T | null => min(items, (item) => -by(item));
  const bestAccuracy = max(best.filter((c) => Number.isFinite(accuracyOf(c))), accuracyOf);
  const withAccuracyGap = reached.filter((c) => Number.isFinite(c.accuracyGap));
  const timed = reached.filter((c) => c.secondsToTarget !== null);
  const fastest = min(timed, (c) => c.secondsToTarget!);
  const nearest = min(noise, (n) => (bCrit !== null && Number.isFinite(bCrit) ? Math.abs(Math.log(n.batchSize / bCrit)) : n.batchSize));
  const finiteB = nearest === null ? [] : nearest.bSimple.filter(Number.isFinite);
  return {
    unreached,
    bCrit,
    sMin: fit?.sMin ?? null,
    eMin: fit?.eMin ?? null,
    beyondRange,
    belowRange: bCrit !== null && bCrit <= smallest,
    smallest,
    belowDoubling: below === null ? null : doubling(...below),
    aboveDoubling: above === null ? null : doubling(...above),
    savesAtCrit: fit === null || !Number.isFinite(fit.bCrit) ? null : doublingSaves(fit, fit.bCrit),
    fewestSteps: fewestSteps && { batchSize: fewestSteps.batchSize, steps: fewestSteps.steps },
    fewestExamples: fewestExamples && { batchSize: fewestExamples.batchSize, examples: fewestExamples.examples },
    bestFinal: bestFinal && { batchSize: bestFinal.batchSize, loss: finalOf(bestFinal), validation },
    bestAccuracy: bestAccuracy && { batchSize: bestAccuracy.batchSize, accuracy: accuracyOf(bestAccuracy), validation: valAccuracy },
    accuracyGapSmall: withAccuracyGap.length >= 2 ? { batchSize: withAccuracyGap[0].batchSize, gap: withAccuracyGap[0].accuracyGap } : null,
    accuracyGapLarge: withAccuracyGap.length >= 2 ? { batchSize: withAccuracyGap[withAccuracyGap.length - 1].batchSize, gap: withAccuracyGap[withAccuracyGap.length - 1].accuracyGap } : null,
    gapSmall: withGap.length >= 2 ? { batchSize: withGap[0].batchSize, gap: withGap[0].gap } : null,
    gapLarge: withGap.length >= 2 ? { batchSize: withGap[withGap.length - 1].batchSize, gap: withGap[withGap.length - 1].gap } : null,
    fastest: fastest && { batchSize: fastest.batchSize, seconds: fastest.secondsToTarget! },
    noise:
      nearest === null || finiteB.length === 0
        ? null
        : {
            batchSize: nearest.batchSize,
            first: nearest.bSimple[0],
            last: nearest.bSimple[nearest.bSimple.length - 1],
            low: Math.min(...finiteB),
            high: Math.max(...finiteB),
            epochs: nearest.epoch[nearest.epoch.length - 1],
          },
  };
}
