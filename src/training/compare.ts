/**
 * Several training runs that differ only in how the data is cut: one per batch size (× learning
 * rate × seed), each from the initial weights its seed gives — so every batch size starts from
 * the very same weights. Summaries across seeds are in report/summary.ts.
 *
 * Planning is pure. `runComparison` trains a plan through `trainRun` with an injected clock and
 * never prints (the caller hears about each run through `hooks`); it is for library users, while
 * `train compare` runs the plan through the application's run session (app/compare.ts).
 */
import type { KerasWeights } from '../core/model.js';
import { batchSizes as batchSizesOf, stepsPerEpoch } from './batcher.js';
import { sliceRows, type Dataset } from './dataset.js';
import type { FitCallback, Pacer } from './fit.js';
import { scaledLearningRate, type LrScaling } from './lr-scaling.js';
import { trainRun, type RunConfig, type RunResult } from './run.js';
import { timer, type Timings } from './timer.js';

/** A comparison with fewer optimizer updates than this in some run is flagged. */
export const MIN_UPDATES = 10;

export interface CompareConfig {
  /** Everything but the batch size, seed and learning rate, shared by every run. */
  readonly base: RunConfig;
  /** In the order given; duplicates are run once. */
  readonly batchSizes: readonly number[];
  /** Seeds to repeat every batch size with, e.g. [42, 43, 44]. */
  readonly seeds: readonly number[];
  /** Learning rates to pair with every batch size; empty means the base optimizer's. */
  readonly learningRates: readonly number[];
  /**
   * A learning-rate scaling rule (lr-scaling.ts): each learning rate is then the rate for
   * `baseBatchSize` and every run trains with it scaled to its batch size, `baseLearningRate`
   * standing in for an empty list. A warm-up in `base` starts each run from its unscaled rate.
   */
  readonly scaling?: { readonly rule: LrScaling; readonly baseBatchSize: number; readonly baseLearningRate: number } | null;
}

/** Something a careful user wants to know before trusting a comparison. */
export type CompareWarning =
  | { readonly kind: 'duplicate'; readonly batchSize: number; readonly times: number }
  | { readonly kind: 'larger-than-data'; readonly batchSize: number; readonly samples: number }
  | { readonly kind: 'few-updates'; readonly batchSize: number; readonly updates: number; readonly epochs: number; readonly stepsPerEpoch: number };

export interface PlannedRun {
  readonly batchSize: number;
  /** The rate the run trains with (after any warm-up). */
  readonly learningRate: number;
  /** The rate given for the base batch size, which a scaling rule scaled (without one: `learningRate`). */
  readonly baseLearningRate: number;
  readonly seed: number;
  readonly config: RunConfig;
  readonly stepsPerEpoch: number;
  /** Size of each batch of an epoch, e.g. [4, 2] for 6 samples in batches of 4. */
  readonly batches: readonly number[];
  readonly updates: number;
}

export interface ComparePlan {
  readonly trainSamples: number;
  readonly epochs: number;
  readonly batchSizes: readonly number[];
  readonly learningRates: readonly number[];
  readonly seeds: readonly number[];
  /** Batch size outermost, then learning rate, then seed. */
  readonly runs: readonly PlannedRun[];
  readonly warnings: readonly CompareWarning[];
}

export function planComparison(trainSamples: number, config: CompareConfig): ComparePlan {
  const { base } = config;
  const unique: number[] = [];
  const warnings: CompareWarning[] = [];
  for (const b of config.batchSizes) {
    if (unique.includes(b)) continue;
    unique.push(b);
    const times = config.batchSizes.filter((x) => x === b).length;
    if (times > 1) warnings.push({ kind: 'duplicate', batchSize: b, times });
  }
  const scaling = config.scaling ?? null;
  const fallback = scaling?.baseLearningRate ?? base.optimizer.learningRate;
  const learningRates = config.learningRates.length > 0 ? [...new Set(config.learningRates)] : [fallback];
  const runs: PlannedRun[] = [];
  for (const batchSize of unique) {
    const steps = stepsPerEpoch(trainSamples, batchSize);
    const updates = steps * base.epochs;
    if (batchSize > trainSamples) warnings.push({ kind: 'larger-than-data', batchSize, samples: trainSamples });
    if (updates < MIN_UPDATES) warnings.push({ kind: 'few-updates', batchSize, updates, epochs: base.epochs, stepsPerEpoch: steps });
    for (const baseLearningRate of learningRates) {
      const learningRate = scaling === null ? baseLearningRate : scaledLearningRate(baseLearningRate, batchSize, scaling.baseBatchSize, scaling.rule);
      const warmUp = base.warmUp ? { ...base.warmUp, fromLearningRate: baseLearningRate } : null;
      for (const seed of config.seeds) {
        runs.push({
          batchSize,
          learningRate,
          baseLearningRate,
          seed,
          config: { ...base, batchSize, seed, optimizer: { ...base.optimizer, learningRate }, warmUp },
          stepsPerEpoch: steps,
          batches: batchSizesOf(trainSamples, batchSize),
          updates,
        });
      }
    }
  }
  return { trainSamples, epochs: base.epochs, batchSizes: unique, learningRates, seeds: config.seeds, runs, warnings };
}

export interface CompareRun extends PlannedRun {
  readonly result: RunResult;
  readonly timings: Timings;
}

export interface CompareHooks {
  /** Extra subscribers for one run (progress log, interrupt watcher, ...). */
  callbacks?(run: PlannedRun, index: number): readonly FitCallback[];
  /** Told before each run starts. */
  beforeRun?(run: PlannedRun, index: number): void;
  /** Asked after each run: false stops the comparison (e.g. on Ctrl-C). */
  shouldContinue?(): boolean;
}

export interface CompareOptions {
  /** Initial weights for every run; null draws them from each run's seed. */
  readonly weights: KerasWeights | null;
  /** Seconds, monotonic. */
  readonly clock: () => number;
  readonly pacer?: (run: PlannedRun) => Pacer | undefined;
  readonly hooks?: CompareHooks;
  /**
   * Trains each batch size untimed first (see warmUp), so that the first run timed does not
   * carry the compiler's warm-up. Off when timings are not shown: results never depend on it.
   */
  readonly warmUp?: boolean;
}

/** Steps and samples of a warm-up pass: enough for V8 to optimize the step, little next to a run. */
export const WARM_UP_STEPS = 1000;
const WARM_UP_SAMPLES = 256;

/**
 * One untimed pass per batch size, on at most the first WARM_UP_SAMPLES samples, for about
 * WARM_UP_STEPS steps, without callbacks. It changes no result: every run builds its own model
 * and optimizer from its initial weights.
 */
export async function warmUp(data: Dataset, plan: ComparePlan, pacer: Pacer | undefined, shouldContinue: () => boolean): Promise<void> {
  const sample = sliceRows(data, 0, Math.min(data.samples, WARM_UP_SAMPLES));
  const seen = new Set<number>();
  for (const run of plan.runs) {
    if (seen.has(run.batchSize) || !shouldContinue()) continue;
    seen.add(run.batchSize);
    const steps = stepsPerEpoch(sample.samples, run.batchSize);
    const config = { ...run.config, epochs: Math.ceil(WARM_UP_STEPS / steps), validationSplit: 0, evaluateEndLoss: false };
    await trainRun(sample, config, null, [], pacer);
  }
}

/** Trains every planned run in order. Runs with the same seed start from identical weights. */
export async function runComparison(data: Dataset, plan: ComparePlan, options: CompareOptions): Promise<CompareRun[]> {
  const runs: CompareRun[] = [];
  const hooks = options.hooks ?? {};
  const shouldContinue = hooks.shouldContinue ?? (() => true);
  if (options.warmUp === true && plan.runs.length > 0) {
    await warmUp(data, plan, options.pacer?.(plan.runs[0]), shouldContinue);
    if (!shouldContinue()) return runs;
  }
  for (const [index, run] of plan.runs.entries()) {
    hooks.beforeRun?.(run, index);
    const clock = timer(options.clock);
    const callbacks = [...(hooks.callbacks?.(run, index) ?? []), clock];
    const result = await trainRun(data, run.config, options.weights, callbacks, options.pacer?.(run));
    runs.push({ ...run, result, timings: clock.timings });
    if (hooks.shouldContinue && !hooks.shouldContinue()) break;
  }
  return runs;
}
