/**
 * The `train compare --format json` document (also `runs.json` of `--out`): every run with its
 * history, initial and final weights and timings, plus one summary per batch size (and learning
 * rate). Bump COMPARE_SCHEMA_VERSION on any incompatible change.
 */
import type { LossName } from '../core/loss.js';
import type { KerasWeights, LayerSpec } from '../core/model.js';
import type { OptimizerConfig } from '../core/optimizers.js';
import type { CompareRun, CompareSummary, Spread } from '../training/compare.js';
import type { Timings } from '../training/timer.js';

export const COMPARE_SCHEMA_VERSION = 1;

export interface CompareDocument {
  schemaVersion: number;
  tool: { name: 'batchsim'; version: string };
  config: {
    batchSizes: readonly number[];
    seeds: readonly number[];
    learningRates: readonly number[];
    epochs: number;
    optimizer: OptimizerConfig;
    loss: LossName;
    layers: readonly LayerSpec[];
    data: string;
    target: readonly string[] | null;
    shuffle: boolean;
    validationSplit: number;
    weights: string | null;
  };
  samples: { total: number; train: number; validation: number; features: number; outputs: number };
  warnings: string[];
  runs: Array<{
    batchSize: number;
    seed: number;
    learningRate: number;
    stepsPerEpoch: number;
    /** Size of each batch of an epoch, e.g. [4, 2]. */
    batches: readonly number[];
    updates: number;
    history: { loss: number[]; val_loss?: number[] };
    /** Keras's logged loss of the last epoch. */
    finalLoss: number;
    /** Loss on all training samples at the final weights. */
    endLoss: number;
    weights: { initial: KerasWeights; final: KerasWeights };
    /** null with --no-timings. */
    timings: Timings | null;
    /** Why the run ended early ("nan", "interrupt"), or null. */
    stopped: string | null;
  }>;
  /** True when Ctrl-C or SIGTERM cut the comparison short: `runs` holds the runs so far. */
  interrupted: boolean;
  summary: Array<{
    batchSize: number;
    learningRate: number;
    seeds: readonly number[];
    stepsPerEpoch: number;
    updates: number;
    finalLoss: Spread;
    bestLoss: Spread & { epoch: number };
    endLoss: Spread;
    finalValLoss?: Spread;
    /** Mean over seeds; null with --no-timings. */
    timings: CompareSummary['timings'] | null;
  }>;
}

export interface CompareDocumentInput {
  readonly version: string;
  readonly config: CompareDocument['config'];
  readonly samples: CompareDocument['samples'];
  readonly warnings: readonly string[];
  readonly runs: readonly CompareRun[];
  readonly summary: readonly CompareSummary[];
  readonly timings: boolean;
  /** Ctrl-C or SIGTERM stopped the comparison early. */
  readonly interrupted?: boolean;
}

export function compareDocument(input: CompareDocumentInput): CompareDocument {
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    tool: { name: 'batchsim', version: input.version },
    config: input.config,
    samples: input.samples,
    warnings: [...input.warnings],
    runs: input.runs.map((run) => {
      const { history } = run.result;
      return {
        batchSize: run.batchSize,
        seed: run.seed,
        learningRate: run.learningRate,
        stepsPerEpoch: run.stepsPerEpoch,
        batches: run.batches,
        updates: run.result.updates,
        history: { loss: history.loss, ...(history.val_loss ? { val_loss: history.val_loss } : {}) },
        finalLoss: history.loss[history.loss.length - 1] ?? NaN,
        endLoss: run.result.endLoss,
        weights: run.result.weights,
        timings: input.timings ? run.timings : null,
        stopped: run.result.stopReason,
      };
    }),
    summary: input.summary.map((s) => summaryJson(s, input.timings)),
    interrupted: input.interrupted ?? false,
  };
}

/** One summary as the JSON documents write it; timings null when they are off. */
export function summaryJson(s: CompareSummary, timings: boolean): CompareDocument['summary'][number] {
  return {
    batchSize: s.batchSize,
    learningRate: s.learningRate,
    seeds: s.seeds,
    stepsPerEpoch: s.stepsPerEpoch,
    updates: s.updates,
    finalLoss: s.finalLoss,
    bestLoss: s.bestLoss,
    endLoss: s.endLoss,
    ...(s.finalValLoss ? { finalValLoss: s.finalValLoss } : {}),
    timings: timings ? s.timings : null,
  };
}
