/**
 * One run, described once. A run is asked for by flags (`train`, `train compare`) or by an
 * experiment file (`train sweep`); both resolve here, through the same defaults and the same
 * option rules, into one RunSpec (what results record and run ids hash) and the RunConfig the
 * training loop takes. Only the wording of a problem differs: flags are named `--momentum`,
 * file keys `momentum`.
 */
import { isCrossentropy, type LossName } from '../core/loss.js';
import type { MetricName } from '../core/metrics.js';
import type { LayerSpec } from '../core/model.js';
import { optimizerConfig, type OptimizerName } from '../core/optimizers.js';
import { msg, type Message } from '../i18n/message.js';
import { embeddedDataset } from '../io/dataset-catalogue.js';
import type { ProgbarStyle } from '../report/progbar.js';
import type { OnNan } from '../training/invalid-loss.js';
import { DEFAULT_BASE_BATCH_SIZE, scaledLearningRate, type LrScaling } from '../training/lr-scaling.js';
import type { RunSpec } from '../training/record.js';
import type { RunConfig } from '../training/run.js';
import type { SyntheticKind, SyntheticSpec } from '../training/synthetic.js';
import { modelProblem } from './classification.js';
import { parseLayers } from './layers.js';

export type { RunSpec } from '../training/record.js';

/** Defaults, defined once: Keras's where Keras has one. */
export const DEFAULTS = {
  batchSize: 32,
  epochs: 1,
  optimizer: 'adam' as OptimizerName,
  loss: 'mae' as LossName,
  layers: '1',
  seed: 42,
  validationSplit: 0,
  shuffle: true,
  /** --synthetic data: samples, features and the noise's standard deviation. */
  samples: 1000,
  features: 1,
  noise: 0.1,
} as const;

export type Verbosity = 0 | 1 | 2;

export interface TrainConfig extends RunConfig {
  /** The run as results record it. */
  readonly spec: RunSpec;
  /** Data file (absolute), or null for the embedded sample. */
  readonly data: string | null;
  /** An embedded data set (--dataset), or null. */
  readonly dataset: string | null;
  /** Leave out CSV rows with a missing value. */
  readonly dropMissing: boolean;
  /** Scale the features as a Keras Normalization layer adapted on the training part. */
  readonly standardize: boolean;
  /** Fraction held out as the test part (0: none). */
  readonly testSplit: number;
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


/** The options of one run, by their experiment-file names; what is missing takes its default. */
export interface RunOptions {
  readonly batchSize?: number;
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly optimizer?: OptimizerName;
  readonly momentum?: number;
  readonly nesterov?: boolean;
  readonly loss?: LossName;
  readonly layers?: readonly LayerSpec[];
  /** Metrics tracked like the loss, as compile's `metrics=[...]`. */
  readonly metrics?: readonly MetricName[];
  /** The data file as given (relative to `RunSource.folder`). */
  readonly data?: string;
  /** Generated data instead of a file (flags only). */
  readonly synthetic?: SyntheticKind;
  /** An embedded data set instead of a file. */
  readonly dataset?: string;
  readonly dropMissing?: boolean;
  readonly standardize?: boolean;
  readonly testSplit?: number;
  readonly target?: readonly string[];
  readonly seed?: number;
  readonly shuffle?: boolean;
  readonly validationSplit?: number;
  /** The initial weights file as given. */
  readonly weights?: string;
  /** A learning-rate scaling rule: `learningRate` is then the rate for `baseBatchSize` (flags only). */
  readonly lrScaling?: LrScaling;
  readonly baseBatchSize?: number;
  /** Epochs of linear warm-up from the base rate to the scaled rate (flags only). */
  readonly warmupEpochs?: number;
}

/** Where a run's options come from: how problems are worded and how file names resolve and read. */
export interface RunSource {
  readonly kind: 'flags' | 'file';
  /** The absolute path of a file named in the options. */
  resolve(path: string): string;
  /** How the spec names a file: absolute for flags, relative to the experiment file for a sweep. */
  label(file: string): string;
  /** Throws the InputError for a problem with these options. */
  fail(problem: Message): never;
}

export interface ResolvedRun {
  readonly spec: RunSpec;
  readonly run: RunConfig;
  /** Absolute paths, or null for the sample (or generated data) and weights drawn from the seed. */
  readonly dataFile: string | null;
  readonly weightsFile: string | null;
}

/**
 * The data options' rules, then what an embedded data set makes of the options not given. A
 * classification set with its default target becomes Keras's usual classifier:
 * sparse_categorical_crossentropy on the integer class ids, a `K:softmax` output layer for K
 * classes when no layers are given, and accuracy when no metrics are given (with a crossentropy
 * loss, which accuracy needs). Options given are kept as they are.
 */
function dataDefaults(o: RunOptions, source: RunSource): RunOptions {
  const flags = source.kind === 'flags';
  if (o.dataset !== undefined && o.data !== undefined) source.fail(flags ? msg('options.datasetAndData', { other: '--data' }) : msg('experiment.datasetAndData'));
  if (o.dropMissing === true && o.data === undefined) source.fail(msg(flags ? 'options.dropMissingWithoutData' : 'experiment.dropMissingWithoutData'));
  const entry = o.dataset === undefined ? undefined : embeddedDataset(o.dataset);
  if (entry === undefined) return o;
  const defaultTarget = o.target === undefined || (o.target.length === 1 && o.target[0] === entry.target);
  if (!defaultTarget) return o;
  if (entry.classes === null) {
    if (o.loss !== undefined && isCrossentropy(o.loss)) {
      const what = { dataset: entry.name, target: entry.target, loss: o.loss };
      source.fail(flags ? msg('options.classificationLossOnRegression', what) : msg('experiment.classificationLossOnRegression', what));
    }
    return o;
  }
  const loss: LossName = o.loss ?? 'sparse_categorical_crossentropy';
  return {
    ...o,
    loss,
    ...(o.layers !== undefined || loss !== 'sparse_categorical_crossentropy' ? {} : { layers: parseLayers(`${entry.classes}:softmax`) }),
    ...(o.metrics !== undefined || !isCrossentropy(loss) ? {} : { metrics: ['accuracy'] as MetricName[] }),
  };
}

/** The rules options obey together, checked in this order whichever way they were given. */
function checkRules(o: RunOptions, optimizer: OptimizerName, source: RunSource): void {
  const flags = source.kind === 'flags';
  if (o.momentum !== undefined && optimizer === 'adam') source.fail(msg(flags ? 'options.momentumWithAdam' : 'experiment.momentumWithAdam'));
  if (o.nesterov === true && optimizer !== 'sgd') source.fail(msg(flags ? 'options.nesterovOptimizer' : 'experiment.nesterovOptimizer', { optimizer }));
  if (o.nesterov === true && !(o.momentum !== undefined && o.momentum > 0)) {
    source.fail(msg(flags ? 'options.nesterovMomentum' : 'experiment.nesterovMomentum'));
  }
  if (o.target !== undefined && o.data === undefined && o.dataset === undefined) source.fail(msg(flags ? 'options.targetWithoutData' : 'experiment.targetWithoutData'));
  const scaling = o.lrScaling ?? 'none';
  if (scaling === 'none' && o.warmupEpochs !== undefined && o.warmupEpochs > 0) source.fail(msg('options.warmupWithoutScaling'));
  if (scaling === 'none' && o.baseBatchSize !== undefined) source.fail(msg('options.baseBatchSizeWithoutScaling'));
}

/** One run's options, defaults applied and rules checked. */
export function resolveRun(given: RunOptions, source: RunSource): ResolvedRun {
  const o = dataDefaults(given, source);
  const optimizerName = o.optimizer ?? DEFAULTS.optimizer;
  checkRules(o, optimizerName, source);
  const rule = o.lrScaling ?? 'none';
  const baseBatchSize = o.baseBatchSize ?? DEFAULT_BASE_BATCH_SIZE;
  const batchSize = o.batchSize ?? DEFAULTS.batchSize;
  const baseLearningRate = optimizerConfig(optimizerName, { learningRate: o.learningRate }).learningRate;
  const learningRate = scaledLearningRate(baseLearningRate, batchSize, baseBatchSize, rule);
  const optimizer = optimizerConfig(optimizerName, { learningRate, momentum: o.momentum, nesterov: o.nesterov });
  const warmupEpochs = rule === 'none' ? 0 : (o.warmupEpochs ?? 0);
  const dataFile = o.data === undefined ? null : source.resolve(o.data);
  const weightsFile = o.weights === undefined ? null : source.resolve(o.weights);
  const run: RunConfig = {
    layers: o.layers ?? parseLayers(DEFAULTS.layers),
    loss: o.loss ?? DEFAULTS.loss,
    optimizer,
    batchSize,
    epochs: o.epochs ?? DEFAULTS.epochs,
    shuffle: o.shuffle ?? DEFAULTS.shuffle,
    seed: o.seed ?? DEFAULTS.seed,
    validationSplit: o.validationSplit ?? DEFAULTS.validationSplit,
    warmUp: warmupEpochs > 0 ? { fromLearningRate: baseLearningRate, epochs: warmupEpochs } : null,
    ...(o.metrics !== undefined && o.metrics.length > 0 ? { metrics: o.metrics } : {}),
  };
  const problem = modelProblem(run.loss, run.layers, run.metrics ?? []);
  if (problem !== null) source.fail(problem);
  const data =
    dataFile !== null ? source.label(dataFile) : o.synthetic !== undefined ? `synthetic ${o.synthetic}` : o.dataset !== undefined ? `dataset ${o.dataset}` : 'sample';
  const spec: RunSpec = {
    batchSize: run.batchSize,
    epochs: run.epochs,
    learningRate: optimizer.learningRate,
    optimizer,
    loss: run.loss,
    layers: run.layers,
    data,
    target: o.target ?? null,
    seed: run.seed,
    shuffle: run.shuffle,
    validationSplit: run.validationSplit,
    weights: weightsFile === null ? null : source.label(weightsFile),
    // Only with a rule, so that the spec (and a sweep's run ids) of an unscaled run stay as they were.
    ...(rule !== 'none' ? { lrScaling: { rule, baseBatchSize, baseLearningRate, warmupEpochs } } : {}),
    ...(run.metrics !== undefined ? { metrics: run.metrics } : {}),
    ...(o.dropMissing === true ? { dropMissing: true as const } : {}),
    ...(o.standardize === true ? { standardize: true as const } : {}),
    ...(o.testSplit !== undefined && o.testSplit > 0 ? { testSplit: o.testSplit } : {}),
  };
  return { spec, run, dataFile, weightsFile };
}

/**
 * The spec of one run of a grid over batch size, learning rate and seed; `learningRate` is the
 * rate the run trains with, `baseLearningRate` the one a scaling rule scaled it from.
 */
export function specAt(
  spec: RunSpec,
  at: { readonly batchSize: number; readonly learningRate: number; readonly baseLearningRate?: number; readonly seed: number },
): RunSpec {
  const scaling = spec.lrScaling === undefined ? {} : { lrScaling: { ...spec.lrScaling, baseLearningRate: at.baseLearningRate ?? at.learningRate } };
  return { ...spec, batchSize: at.batchSize, learningRate: at.learningRate, optimizer: { ...spec.optimizer, learningRate: at.learningRate }, seed: at.seed, ...scaling };
}

export function runConfigOf(config: TrainConfig): RunConfig {
  const { layers, loss, optimizer, batchSize, epochs, shuffle, seed, validationSplit, metrics, warmUp } = config;
  return { layers, loss, optimizer, batchSize, epochs, shuffle, seed, validationSplit, warmUp: warmUp ?? null, ...(metrics !== undefined ? { metrics } : {}) };
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
  /** Measure the gradient noise scale at the initial weights and after every epoch. */
  readonly noiseScale: boolean;
}

