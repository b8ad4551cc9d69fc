/**
 * The `train --json` document: one object with everything a script needs. Bump
 * TRAIN_SCHEMA_VERSION on any incompatible change.
 */
import type { LossName } from '../core/loss.js';
import type { LayerSpec } from '../core/model.js';
import type { OptimizerConfig } from '../core/optimizers.js';
import type { InvalidLoss } from '../training/invalid-loss.js';
import { runOutcome, type RunOutcome, type RunResult } from '../training/run.js';
import type { Timings } from '../training/timer.js';

export const TRAIN_SCHEMA_VERSION = 1;

export interface TrainDocument extends RunOutcome {
  schemaVersion: number;
  tool: { name: 'batchsim'; version: string };
  config: {
    batchSize: number;
    epochs: number;
    optimizer: OptimizerConfig;
    learningRate: number;
    loss: LossName;
    layers: readonly LayerSpec[];
    data: string;
    target: readonly string[] | null;
    seed: number;
    shuffle: boolean;
    validationSplit: number;
    weights: string | null;
  };
  timings: Timings;
  /** Why training ended early: "nan" (invalid loss) or "interrupt"; null when it ran to the end. */
  stopped: string | null;
  interrupted: boolean;
  /**
   * Where the loss first became NaN or infinite, as the log shows it (epoch 1-based as in
   * `Epoch 2/10`, batch 0-based as in `Batch 3: Invalid loss`); null when it never did.
   */
  diverged: { epoch: number; batch: number } | null;
}

export interface TrainDocumentInput {
  readonly version: string;
  readonly config: TrainDocument['config'];
  readonly samples: number;
  readonly features: number;
  readonly outputs: number;
  readonly result: RunResult;
  /** The first invalid loss, if any (0-based epoch and batch). */
  readonly invalidLoss?: InvalidLoss | null;
  readonly timings: Timings;
}

export function trainDocument(input: TrainDocumentInput): TrainDocument {
  const { result } = input;
  return {
    schemaVersion: TRAIN_SCHEMA_VERSION,
    tool: { name: 'batchsim', version: input.version },
    config: input.config,
    ...runOutcome(result, input),
    timings: input.timings,
    stopped: result.stopReason,
    interrupted: result.stopReason === 'interrupt',
    diverged: input.invalidLoss ? { epoch: input.invalidLoss.epoch + 1, batch: input.invalidLoss.batch } : null,
  };
}

/** JSON text with non-finite numbers written as null (JSON has no NaN). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
