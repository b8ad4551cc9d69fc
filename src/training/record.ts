/**
 * What one run is and what it left: the run spec (its configuration as results record it and run
 * ids hash it) and the run record (everything a report needs about a finished run). `train
 * --json` prints one record, each of `compare --format json`'s `runs[]` is one, and each line of
 * a sweep's results file is one with its id and grid point added. Bump RUN_SCHEMA_VERSION on any
 * incompatible change.
 */
import type { LossName } from '../core/loss.js';
import type { MetricName } from '../core/metrics.js';
import type { KerasWeights, LayerSpec } from '../core/model.js';
import type { OptimizerConfig } from '../core/optimizers.js';
import type { NoiseScaleHistory } from './fit.js';
import type { InvalidLoss } from './invalid-loss.js';
import type { LrScaling } from './lr-scaling.js';
import { runOutcome, type RunHistory, type RunResult } from './run.js';
import type { TargetCondition, TargetOutcome } from './target.js';
import type { Timings } from './timer.js';

export const RUN_SCHEMA_VERSION = 2;

/** One run's configuration, resolved: every default applied, every rule checked. */
export interface RunSpec {
  readonly batchSize: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly optimizer: OptimizerConfig;
  readonly loss: LossName;
  readonly layers: readonly LayerSpec[];
  /**
   * How the data is named: "sample", "synthetic <kind>", or the file (as given to `train`; in a
   * sweep, relative to the experiment file, with "/" separators).
   */
  readonly data: string;
  readonly target: readonly string[] | null;
  readonly seed: number;
  readonly shuffle: boolean;
  readonly validationSplit: number;
  /** The initial weights file, named as `data` is, or null for weights drawn from the seed. */
  readonly weights: string | null;
  /**
   * Present only when a learning-rate scaling rule made `learningRate` (lr-scaling.ts): the rule,
   * the base batch size and the rate given for it, and the epochs of warm-up (0: none).
   */
  readonly lrScaling?: {
    readonly rule: LrScaling;
    readonly baseBatchSize: number;
    readonly baseLearningRate: number;
    readonly warmupEpochs: number;
  };
  /** Metrics tracked like the loss (absent when none). */
  readonly metrics?: readonly MetricName[];
  /** Present only when asked for, so that runs without them keep their ids. */
  readonly dropMissing?: true;
  readonly standardize?: true;
  readonly testSplit?: number;
  /** A lab's target (steps to reach it are recorded); absent for other runs. */
  readonly goal?: TargetCondition;
}

/** A finished (or stopped) run. */
export interface RunRecord {
  readonly schemaVersion: number;
  readonly tool: { readonly name: 'batchsim'; readonly version: string };
  /** The experiment the run belongs to (a sweep's), or null. */
  readonly experiment: string | null;
  readonly config: RunSpec;
  /** `test` with --test-split, `dropped` with --drop-missing. */
  readonly samples: {
    readonly total: number;
    readonly train: number;
    readonly validation: number;
    readonly features: number;
    readonly outputs: number;
    readonly test?: number;
    readonly dropped?: number;
  };
  readonly stepsPerEpoch: number;
  /** Optimizer updates applied. */
  readonly updates: number;
  /** Per-epoch losses: Keras's logged loss, and val_loss / end_loss when they were computed. */
  readonly history: RunHistory;
  /** Keras's logged loss of the last epoch. */
  readonly finalLoss: number;
  /** Loss on all training samples at the final weights. */
  readonly endLoss: number;
  readonly weights: { readonly initial: KerasWeights; readonly final: KerasWeights };
  /**
   * The gradient noise scale (B_simple, tr Σ, |G|²) over the training samples after `epoch[k]`
   * epochs, epoch 0 being the initial weights; null without --noise-scale.
   */
  readonly noiseScale: NoiseScaleHistory | null;
  /** Wall-clock figures; null with --no-timings. */
  readonly timings: Timings | null;
  /** Why training ended early: "nan" (invalid loss) or "interrupt"; null when it ran to the end. */
  readonly stopped: string | null;
  readonly interrupted: boolean;
  /**
   * Where the loss first became NaN or infinite, as the log shows it (epoch 1-based as in
   * `Epoch 2/10`, batch 0-based as in `Batch 3: Invalid loss`); null when it never did.
   */
  readonly diverged: { readonly epoch: number; readonly batch: number } | null;
  /** The class names of a target given as text labels, in id order (label i is class i). */
  readonly classes?: readonly string[];
  /** The held-out test part (--test-split), evaluated once at the final weights as Keras's `model.evaluate`. */
  readonly test?: TestResult;
  /** Where the run first reached its goal (config.goal); absent without one. */
  readonly goal?: TargetOutcome;
}

/** What `model.evaluate` returned on the test part: the loss, each metric by name (`accuracy`), the samples. */
export type TestResult = { readonly loss: number; readonly samples: number } & { readonly [metric: string]: number };

/** A test result in Keras's key order: loss, the metrics, then the sample count. */
export function testResult(loss: number, metrics: ReadonlyArray<readonly [string, number]>, samples: number): TestResult {
  return { loss, ...Object.fromEntries(metrics), samples } as TestResult;
}

/** A value a swept axis can take: whatever an experiment file allows for that option. */
export type GridValue = number | string | boolean | readonly string[];
/** One point of a sweep's grid: axis name → value, keys in axis order. */
export type GridPoint = Readonly<Record<string, GridValue>>;

/** A run of a sweep: its record, with the run's id and its grid point. */
export interface SweepRecord extends RunRecord {
  /** sha256 of the tool version and `config` (see app/grid.ts runId). */
  readonly id: string;
  readonly point: GridPoint;
  /** A sweep's runs always belong to its experiment. */
  readonly experiment: string;
}

/** A sweep record without its weights: what progress lines, `--assert` and the sweep's summary read. */
export type SweepRecordSummary = Omit<SweepRecord, 'weights'>;

/** A sweep's results line: the run's record with its id and grid point. */
export function sweepRecord(record: RunRecord, run: { readonly id: string; readonly point: GridPoint }, experiment: string): SweepRecord {
  const { schemaVersion, ...rest } = record;
  return { schemaVersion, id: run.id, point: run.point, ...rest, experiment };
}

export interface RecordInput {
  readonly version: string;
  readonly spec: RunSpec;
  /** The training data; its total, dropped rows and class names, when it has them, go into the record. */
  readonly data: {
    readonly samples: number;
    readonly features: number;
    readonly outputs: number;
    readonly totalSamples?: number;
    readonly dropped?: number;
    readonly classes?: readonly string[];
  };
  readonly result: RunResult;
  /** null with --no-timings. */
  readonly timings: Timings | null;
  /** The first invalid loss, if any (0-based epoch and batch). */
  readonly invalidLoss: InvalidLoss | null;
  readonly experiment?: string | null;
  readonly test?: TestResult | null;
}

export function runRecord(input: RecordInput): RunRecord {
  const { result } = input;
  const { history } = result;
  // The fields the library's outcome already describes, in the record's own key order.
  const outcome = runOutcome(result, input.data);
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    tool: { name: 'batchsim', version: input.version },
    experiment: input.experiment ?? null,
    config: input.spec,
    samples: {
      ...outcome.samples,
      ...(input.data.totalSamples !== undefined ? { total: input.data.totalSamples } : {}),
      ...(input.test ? { test: input.test.samples } : {}),
      ...(input.data.dropped !== undefined ? { dropped: input.data.dropped } : {}),
    },
    stepsPerEpoch: outcome.stepsPerEpoch,
    updates: outcome.updates,
    history: outcome.history,
    finalLoss: history.loss[history.loss.length - 1] ?? NaN,
    endLoss: outcome.endLoss,
    weights: outcome.weights,
    noiseScale: outcome.noiseScale,
    timings: input.timings,
    stopped: result.stopReason,
    interrupted: result.stopReason === 'interrupt',
    diverged: input.invalidLoss ? { epoch: input.invalidLoss.epoch + 1, batch: input.invalidLoss.batch } : null,
    ...(input.data.classes !== undefined ? { classes: input.data.classes } : {}),
    ...(input.test ? { test: input.test } : {}),
    ...(outcome.goal === undefined ? {} : { goal: outcome.goal }),
  };
}

/**
 * JSON text of records and the documents that hold them, the one way they are written: NaN and
 * ±inf become null (JSON has no such numbers; JSON.stringify writes them so by itself), readers
 * turn null back into NaN. `indent` 0 writes one line (a sweep's results file), else a pretty
 * document; both end with a newline. No replacer function: one called for each of a record's
 * thousands of weights made writing a record several times slower than the stringify itself.
 */
export function toJson(value: unknown, indent = 2): string {
  return `${JSON.stringify(value, null, indent === 0 ? undefined : indent)}\n`;
}
