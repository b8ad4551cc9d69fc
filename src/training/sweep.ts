/**
 * A sweep's results: one record per finished run, as written one JSON line each to the results
 * file. A record carries everything needed to check it against its experiment (id, grid point),
 * to report it (history, losses, weights) and to gate on it (see `runFields`).
 */
import type { LossName } from '../core/loss.js';
import type { LayerSpec } from '../core/model.js';
import type { OptimizerConfig } from '../core/optimizers.js';
import type { GridPoint } from './grid.js';
import { runOutcome, type RunOutcome, type RunResult } from './run.js';
import type { Timings } from './timer.js';

export const SWEEP_SCHEMA_VERSION = 1;

/** A run's configuration as recorded in results and hashed into its id. */
export interface SweepConfig {
  readonly batchSize: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly optimizer: OptimizerConfig;
  readonly loss: LossName;
  readonly layers: readonly LayerSpec[];
  /** "sample", or the data file's path relative to the experiment file, with "/" separators. */
  readonly data: string;
  readonly target: readonly string[] | null;
  readonly seed: number;
  readonly shuffle: boolean;
  readonly validationSplit: number;
  /** The weights file's path relative to the experiment file, or null. */
  readonly weights: string | null;
}

export interface SweepRecord extends RunOutcome {
  readonly schemaVersion: number;
  /** sha256 of the tool version and `config` (see grid.ts runId). */
  readonly id: string;
  /** The experiment's name. */
  readonly experiment: string;
  /** The grid point: swept axis → value. */
  readonly point: GridPoint;
  readonly tool: { readonly name: 'batchsim'; readonly version: string };
  readonly config: SweepConfig;
  /** Wall-clock figures; null when the sweep ran with --no-timings. */
  readonly timings: Timings | null;
  /** Why training ended early ("nan"), or null. */
  readonly stopped: string | null;
}

export interface RecordInput {
  readonly id: string;
  readonly experiment: string;
  readonly point: GridPoint;
  readonly version: string;
  readonly config: SweepConfig;
  readonly samples: number;
  readonly features: number;
  readonly outputs: number;
  readonly result: RunResult;
  readonly timings: Timings | null;
}

export function sweepRecord(input: RecordInput): SweepRecord {
  const { result } = input;
  return {
    schemaVersion: SWEEP_SCHEMA_VERSION,
    id: input.id,
    experiment: input.experiment,
    point: input.point,
    tool: { name: 'batchsim', version: input.version },
    config: input.config,
    ...runOutcome(result, input),
    timings: input.timings,
    stopped: result.stopReason,
  };
}

export type FieldType = 'number' | 'boolean';

/** The fields a run offers, with their types and meaning (for help and messages). */
export const RUN_FIELDS = {
  finalLoss: { type: 'number', help: "Keras's logged loss of the last epoch" },
  bestLoss: { type: 'number', help: 'the lowest epoch loss' },
  endLoss: { type: 'number', help: 'loss on all training samples at the final weights' },
  finalValLoss: { type: 'number', help: 'val_loss of the last epoch (NaN without validationSplit)' },
  updates: { type: 'number', help: 'optimizer updates applied' },
  stepsPerEpoch: { type: 'number', help: 'ceil(train samples / batch size)' },
  batchSize: { type: 'number', help: 'batch size' },
  learningRate: { type: 'number', help: 'learning rate' },
  seed: { type: 'number', help: 'seed' },
  epochs: { type: 'number', help: 'epochs asked for' },
  epochsRun: { type: 'number', help: 'epochs completed' },
  validationSplit: { type: 'number', help: 'validation fraction' },
  trainSamples: { type: 'number', help: 'training samples' },
  seconds: { type: 'number', help: 'training time (NaN with --no-timings)' },
  diverged: { type: 'boolean', help: 'the loss became NaN or infinite' },
  shuffle: { type: 'boolean', help: 'samples were shuffled every epoch' },
} as const satisfies Record<string, { readonly type: FieldType; readonly help: string }>;

export type RunFieldName = keyof typeof RUN_FIELDS;

function last(values: readonly number[] | undefined): number {
  return values === undefined || values.length === 0 ? NaN : values[values.length - 1];
}

/** The numbers and flags of a run that `--assert` expressions and reports can use. */
export function runFields(record: SweepRecord): Record<RunFieldName, number | boolean> {
  const { config, history } = record;
  const finite = history.loss.filter(Number.isFinite);
  return {
    finalLoss: last(history.loss),
    bestLoss: finite.length > 0 ? Math.min(...finite) : NaN,
    endLoss: record.endLoss,
    finalValLoss: last(history.val_loss),
    updates: record.updates,
    stepsPerEpoch: record.stepsPerEpoch,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    seed: config.seed,
    epochs: config.epochs,
    epochsRun: history.loss.length,
    validationSplit: config.validationSplit,
    trainSamples: record.samples.train,
    seconds: record.timings?.totalSeconds ?? NaN,
    diverged: record.stopped === 'nan' || !history.loss.every(Number.isFinite) || !Number.isFinite(record.endLoss),
    shuffle: config.shuffle,
  };
}
