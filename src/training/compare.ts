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
import type { Dataset } from './dataset.js';
import type { FitCallback, Pacer } from './fit.js';
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
}

/** Something a careful user wants to know before trusting a comparison. */
export type CompareWarning =
  | { readonly kind: 'duplicate'; readonly batchSize: number; readonly times: number }
  | { readonly kind: 'larger-than-data'; readonly batchSize: number; readonly samples: number }
  | { readonly kind: 'few-updates'; readonly batchSize: number; readonly updates: number; readonly epochs: number; readonly stepsPerEpoch: number };

export interface PlannedRun {
  readonly batchSize: number;
  readonly learningRate: number;
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
  const learningRates = config.learningRates.length > 0 ? [...new Set(config.learningRates)] : [base.optimizer.learningRate];
  const runs: PlannedRun[] = [];
  for (const batchSize of unique) {
    const steps = stepsPerEpoch(trainSamples, batchSize);
    const updates = steps * base.epochs;
    if (batchSize > trainSamples) warnings.push({ kind: 'larger-than-data', batchSize, samples: trainSamples });
    if (updates < MIN_UPDATES) warnings.push({ kind: 'few-updates', batchSize, updates, epochs: base.epochs, stepsPerEpoch: steps });
    for (const learningRate of learningRates) {
      for (const seed of config.seeds) {
        runs.push({
          batchSize,
          learningRate,
          seed,
          config: { ...base, batchSize, seed, optimizer: { ...base.optimizer, learningRate } },
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
}

/** Trains every planned run in order. Runs with the same seed start from identical weights. */
export async function runComparison(data: Dataset, plan: ComparePlan, options: CompareOptions): Promise<CompareRun[]> {
  const runs: CompareRun[] = [];
  const hooks = options.hooks ?? {};
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
