/**
 * The `train compare --format json` document (also `runs.json` of `--out`): what was compared,
 * every run as a run record (the shape `train --json` prints and a sweep writes), plus one
 * summary per batch size (and learning rate). Bump COMPARE_SCHEMA_VERSION on any incompatible
 * change.
 */
import type { LossName } from '../core/loss.js';
import type { LayerSpec } from '../core/model.js';
import type { OptimizerConfig } from '../core/optimizers.js';
import type { RunRecord } from '../training/record.js';
import type { CompareSummary, Spread } from './summary.js';

/** 2: each of `runs[]` is a run record. */
export const COMPARE_SCHEMA_VERSION = 2;

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
    /**
     * Present when a scaling rule set each batch size's rate: `learningRates` are then the rates
     * for `baseBatchSize`, and each run's `config.learningRate` (and each summary's) the rate it
     * trained with.
     */
    lrScaling?: RunRecord['config']['lrScaling'];
  };
  samples: { total: number; train: number; validation: number; features: number; outputs: number };
  warnings: string[];
  /** Every run, in the order trained: batch size outermost, then learning rate, then seed. */
  runs: readonly RunRecord[];
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
  readonly runs: readonly RunRecord[];
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
    runs: input.runs,
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
