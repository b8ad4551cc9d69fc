/**
 * One run, described once: the defaults every way of asking for a run starts from.
 */
import type { LossName } from '../core/loss.js';
import type { OptimizerName } from '../core/optimizers.js';
import type { ProgbarStyle } from '../report/progbar.js';
import type { OnNan } from '../training/invalid-loss.js';
import type { RunConfig } from '../training/run.js';
import type { SyntheticSpec } from '../training/synthetic.js';

/** Defaults, defined once: Keras's where Keras has one. */
export const DEFAULTS = {
  batchSize: 32,
  epochs: 1,
  optimizer: 'adam' as OptimizerName,
  loss: 'mae' as LossName,
  layers: '1',
  seed: 42,
  validationSplit: 0,
  /** --synthetic data: samples, features and the noise's standard deviation. */
  samples: 1000,
  features: 1,
  noise: 0.1,
} as const;

export type Verbosity = 0 | 1 | 2;

export interface TrainConfig extends RunConfig {
  /** Data file (absolute), or null for the embedded sample. */
  readonly data: string | null;
  /** Generated data (--synthetic), or null. */
  readonly synthetic: SyntheticSpec | null;
  readonly target: readonly string[] | null;
  /** Initial weights file (absolute), or null to draw them from the seed. */
  readonly weightsFile: string | null;
  readonly saveWeights: string | null;
  /** What a NaN or infinite loss does: stop training (TerminateOnNaN) or train on (Keras's default). */
  readonly onNan: OnNan;
  readonly verbose: Verbosity;
  /** Whether --verbose was given (with --json the log then goes to stderr). */
  readonly verboseExplicit: boolean;
  readonly json: boolean;
  readonly color: boolean;
  /** False with --no-timings: all times read as 0, for byte-identical output. */
  readonly timings: boolean;
  readonly debug: boolean;
}


/** How the data is named in reports: the file, `synthetic linear`, or `sample`. */
export function dataLabel(config: Pick<TrainConfig, 'data' | 'synthetic'>): string {
  if (config.data !== null) return config.data;
  return config.synthetic === null ? 'sample' : `synthetic ${config.synthetic.kind}`;
}

export function runConfigOf(config: TrainConfig): RunConfig {
  const { layers, loss, optimizer, batchSize, epochs, shuffle, seed, validationSplit } = config;
  return { layers, loss, optimizer, batchSize, epochs, shuffle, seed, validationSplit };
}


/** What `--loss-report` can ask for: Keras's running mean, or also the loss at the end of each epoch. */
export type LossReport = 'running' | 'end';

export interface LearnerConfig {
  /** Print the run's arithmetic in words before training. */
  readonly explain: boolean;
  /** List the sample indices of each batch, every epoch. */
  readonly showBatches: boolean;
  /** `end` also evaluates the loss on all training data after each epoch (end_loss). */
  readonly lossReport: LossReport;
  readonly style: ProgbarStyle;
  /** Print a Python/Keras script that repeats the run, instead of training. */
  readonly emitKeras: boolean;
  /** Keras CSVLogger file (absolute), or null. */
  readonly csvLog: string | null;
}

