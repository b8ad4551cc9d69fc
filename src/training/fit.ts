/**
 * The fit loop, with Keras `model.fit` semantics (Keras 3: keras/src/backend/tensorflow/trainer.py):
 * - each epoch is cut into ceil(n / b) batches, short batch last; with shuffling, a fresh
 *   permutation from the seeded "shuffle" stream every epoch;
 * - per batch: forward, batch loss, gradients, one optimizer update; the batch loss is taken
 *   before that batch's update;
 * - the epoch's `loss` is the running mean of batch losses weighted by batch size;
 * - `val_loss` is the loss over the validation rows (the last fraction, split before shuffling)
 *   at the end-of-epoch weights.
 *
 * Training never prints: it emits events to callbacks and returns the history. The per-step
 * path allocates nothing: batches are row ranges of the data, or rows gathered through the
 * permuted index array into buffers allocated once.
 */
import { targetColumns, type LossName } from '../core/loss.js';
import type { Metric } from '../core/metrics.js';
import type { ModelSpec, Sequential } from '../core/model.js';
import { NoiseScaleMeter, type NoiseScale } from '../core/noise-scale.js';
import type { Optimizer } from '../core/optimizers.js';
import { createRandom } from '../core/random.js';
import { identityOrder, shuffleInPlace, stepsPerEpoch } from './batcher.js';
import { splitValidation, type Dataset } from './dataset.js';
import type { WarmUp } from './lr-scaling.js';
import { checkInterval, onValidation, targetMetricName, type TargetCondition, type TargetField, type TargetOutcome } from './target.js';

export interface FitOptions {
  readonly batchSize: number;
  readonly epochs: number;
  readonly loss: LossName;
  /** Shuffle the training samples every epoch (Keras default: true). */
  readonly shuffle: boolean;
  /** Seed of the shuffle stream. */
  readonly seed: number;
  /** Fraction of the samples, taken from the end, held out for val_loss (0: none). */
  readonly validationSplit?: number;
  /**
   * Also evaluate the loss on all training samples at the end of each epoch (`end_loss`): the
   * logged running mean mixes losses taken at different weights, this one does not.
   */
  readonly evaluateEndLoss?: boolean;
  /**
   * Also measure the gradient noise scale over the training samples (core/noise-scale.ts) at the
   * initial weights and after every epoch. It reads the weights only: training is unchanged.
   */
  readonly noiseScale?: boolean;
  /**
   * A linear warm-up of the learning rate (training/lr-scaling.ts): from `fromLearningRate` to the
   * optimizer's own rate over the first `epochs` epochs' steps.
   */
  readonly warmUp?: WarmUp | null;
  /** Metrics tracked like the loss (running means over the epoch) and on the validation part. */
  readonly metrics?: readonly Metric[];
  /**
   * Watch for a target (steps to a target, see target.ts): checked at the initial weights, every
   * `checkInterval` steps and, for a validation field, at every epoch's end, until first reached.
   * Training goes on. An accuracy target needs the accuracy metric among `metrics`.
   */
  readonly target?: TargetCondition;
}

/** Why training ended early. */
export type StopReason = 'nan' | 'interrupt' | 'early-stopping' | (string & {});

export interface TrainBeginInfo {
  readonly epochs: number;
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  readonly trainSamples: number;
  readonly validationSamples: number;
  /** Names of the tracked metrics, in the order of `BatchLogs.metrics`. */
  readonly metricNames: readonly string[];
}

/** Logs of one batch. The object is reused from batch to batch: copy what you keep. */
export interface BatchLogs {
  /** 0-based index of the batch within the epoch. */
  batch: number;
  /** Samples in this batch. */
  size: number;
  /** This batch's loss, before its update. */
  batchLoss: number;
  /** Running mean of the epoch's batch losses, weighted by batch size (Keras's logged loss). */
  loss: number;
  /** Each metric's running mean over the epoch so far, in `TrainBeginInfo.metricNames` order. */
  readonly metrics: Float64Array;
}

export interface EpochLogs {
  /** Batches taken in the epoch: fewer than stepsPerEpoch when training stopped mid-epoch. */
  readonly steps?: number;
  readonly loss: number;
  readonly val_loss?: number;
  readonly end_loss?: number;
  /** Metrics by name (`accuracy`) and on the validation part (`val_accuracy`). */
  readonly [metric: string]: number | undefined;
}

export interface FitControl {
  /** Ends training after the current batch (Keras's `model.stop_training = True`). */
  requestStop(reason: StopReason): void;
  readonly stopReason: StopReason | null;
}

export interface FitCallback {
  onTrainBegin?(info: TrainBeginInfo, control: FitControl): void;
  /** `epoch` is 0-based. */
  onEpochBegin?(epoch: number, control: FitControl): void;
  /**
   * The epoch's sample order, right after shuffling: batch k is order[k·b, (k+1)·b). `order` is
   * null when shuffling is off (the order is 0, 1, …, n − 1). Do not keep or modify it.
   */
  onEpochPlan?(epoch: number, order: Uint32Array | null, control: FitControl): void;
  onBatchEnd?(logs: BatchLogs, control: FitControl): void;
  onEpochEnd?(epoch: number, logs: EpochLogs, control: FitControl): void;
  /**
   * With `noiseScale`: the gradient noise scale after `epochsDone` epochs, 0 being the initial
   * weights (told after onTrainBegin), then after each epoch's onEpochEnd.
   */
  onNoiseScale?(epochsDone: number, scale: NoiseScale, control: FitControl): void;
  onTrainEnd?(result: FitResult, control: FitControl): void;
}

export interface History {
  /** 0-based epoch numbers that ran. */
  readonly epoch: number[];
  readonly loss: number[];
  readonly val_loss?: number[];
  readonly end_loss?: number[];
  /** Metrics by name (`accuracy`) and on the validation part (`val_accuracy`). */
  readonly [metric: string]: number[] | undefined;
}

/** The noise scale after `epoch[k]` epochs: epoch 0 is the initial weights. */
export interface NoiseScaleHistory {
  readonly epoch: number[];
  readonly bSimple: number[];
  readonly traceSigma: number[];
  readonly gradNormSquared: number[];
}

export interface FitResult {
  readonly history: History;
  readonly stepsPerEpoch: number;
  readonly trainSamples: number;
  readonly validationSamples: number;
  /** Optimizer updates applied. */
  readonly updates: number;
  readonly stopReason: StopReason | null;
  /** The gradient noise scale at the initial weights and after every epoch; null unless asked for. */
  readonly noiseScale: NoiseScaleHistory | null;
  /** Where the target was first reached, when one was watched. */
  readonly target?: TargetOutcome;
  /**
   * The step an interrupt cut short (a guarded step, see StepGuard), when one was. Its epoch is in
   * the history only if an earlier step of it was completed.
   */
  readonly cut?: CutStep;
}

/**
 * Lets a long synchronous loop give the event loop a turn (so signals are heard) without
 * reading a clock on every step: `pause` is awaited every `everySteps` steps. A signal that comes
 * during a step is heard at the next turn, after the step; with a `guard`, long steps can be cut
 * short instead.
 */
export interface Pacer {
  readonly everySteps: number;
  pause(): Promise<void>;
  readonly guard?: StepGuard;
}

/**
 * Runs the arithmetic of long steps so that an interrupt can cut it short (given by whoever hears
 * signals: the CLI). `run` calls `work` and returns true, or false when an interrupt cut it short;
 * the loop then abandons the step and stops. Only steps of at least `fromWork` multiply-adds (see
 * stepWork) are run through it: a guarded call has a fixed cost of tens of microseconds.
 *
 * What `work` does is all that can be cut: gathering the batch's rows, the forward and backward
 * passes and the metric sums. These write only scratch buffers (the model's activations, deltas,
 * gradients and batch loss, the gathered rows, the batch's metric sums); the parameters, the
 * optimizer's state and the epoch's running sums change after it, outside the guard, so a cut step
 * leaves the run exactly as the previous step left it.
 */
export interface StepGuard {
  readonly fromWork: number;
  run(work: () => void): boolean;
  /**
   * Resolves once a signal that has already come has been told to the listeners. Awaited before
   * each guarded step, right before `run`: a guard may take the signal listeners off while it runs,
   * and one not yet heard then would be lost.
   */
  hearPending?(): Promise<void>;
}

/**
 * The work of one sample in a training step, in multiply-adds: per layer of n inputs and u units,
 * n·u for the forward pass, as many for the kernel gradients and, above the first layer, as many
 * for the gradients passed down; plus about 4 per unit (bias, activation and its derivative, the
 * delta) and 16 per sample (the loss and its gradient), which is what a one-unit model mostly does.
 * Measured with this project's kernels on a busy two-core machine, a step took 1.2 to 3 ns per
 * multiply-add so counted, from one feature into one unit to 784 inputs through 512 units.
 */
export function stepWork(spec: ModelSpec): number {
  let work = 16;
  let inputs = spec.inputSize;
  spec.layers.forEach(({ units }, l) => {
    work += (l === 0 ? 2 : 3) * inputs * units + 4 * units;
    inputs = units;
  });
  return work;
}

/** Where an interrupt cut a step short: 0-based epoch and batch of the abandoned step. */
export interface CutStep {
  readonly epoch: number;
  readonly batch: number;
}

export class FitError extends Error {}

export async function fit(
  model: Sequential,
  optimizer: Optimizer,
  data: Dataset,
  options: FitOptions,
  callbacks: readonly FitCallback[] = [],
  pacer?: Pacer,
): Promise<FitResult> {
  const { batchSize, epochs, loss } = options;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new FitError(`batch size must be a positive integer, got ${batchSize}`);
  if (!(Number.isInteger(epochs) && epochs >= 0)) throw new FitError(`epochs must be a non-negative integer, got ${epochs}`);
  if (data.features !== model.spec.inputSize || data.outputs !== targetColumns(loss, model.outputSize)) {
    throw new FitError(`the model maps ${model.spec.inputSize} → ${model.outputSize} values but the data has ${data.features} features and ${data.outputs} targets`);
  }
  const metrics = options.metrics ?? [];
  const metricCount = metrics.length;

  let train = data;
  let validation: Dataset | null = null;
  const fraction = options.validationSplit ?? 0;
  if (fraction > 0) {
    const parts = splitValidation(data, fraction);
    if (parts === null) throw new FitError(`validation split ${fraction} of ${data.samples} samples leaves an empty part`);
    ({ train, validation } = parts);
  }
  const n = train.samples;
  if (n === 0) throw new FitError('no training samples');
  const steps = stepsPerEpoch(n, batchSize);
  const rowsPerBatch = Math.min(batchSize, n);
  model.reserve(rowsPerBatch);

  // Gather buffers, used only when shuffling.
  const order = identityOrder(new Uint32Array(options.shuffle ? n : 0));
  const batchX = new Float32Array(options.shuffle ? rowsPerBatch * train.features : 0);
  const batchY = new Float32Array(options.shuffle ? rowsPerBatch * train.outputs : 0);
  const random = createRandom(options.seed, 'shuffle');

  let stopReason: StopReason | null = null;
  const control: FitControl = {
    requestStop(reason) {
      stopReason ??= reason;
    },
    get stopReason() {
      return stopReason;
    },
  };
  const history: Record<string, number[]> = { epoch: [], loss: [] };
  for (const m of metrics) history[m.name] = [];
  if (validation) {
    history.val_loss = [];
    for (const m of metrics) history[`val_${m.name}`] = [];
  }
  if (options.evaluateEndLoss) history.end_loss = [];
  const logs: BatchLogs = { batch: 0, size: 0, batchLoss: 0, loss: 0, metrics: new Float64Array(metricCount) };
  // The epoch's Σ L_i·n_i and Σ n_i, then each metric's float32 total. In a typed array rather
  // than in locals: this loop runs as on-stack-replaced code, where V8 keeps a fractional local
  // in a fresh heap object after every update, and the step must allocate nothing.
  const running = new Float64Array(2 + metricCount);
  const batchMetrics = new Float64Array(metricCount);
  const valMetrics = new Float64Array(metricCount);
  const noiseHistory: NoiseScaleHistory | null = options.noiseScale ? { epoch: [], bSimple: [], traceSigma: [], gradNormSquared: [] } : null;
  const meter = options.noiseScale ? new NoiseScaleMeter(model) : null;
  /** Measures the noise scale (with `noiseScale`), records it and tells the callbacks. */
  const measureNoise = (epochsDone: number): void => {
    if (meter === null || noiseHistory === null) return;
    const measured = meter.measure(loss, train.x, train.y, 0, n);
    noiseHistory.epoch.push(epochsDone);
    noiseHistory.bSimple.push(measured.bSimple);
    noiseHistory.traceSigma.push(measured.traceSigma);
    noiseHistory.gradNormSquared.push(measured.gradNormSquared);
    for (const c of callbacks) c.onNoiseScale?.(epochsDone, measured, control);
  };
  const batchEnd = batchEndHandler(callbacks);
  // The target: which part it evaluates, how often, and (in a typed array, for the reason above)
  // checks made, then steps, epoch and value where it was first reached (steps −1: not yet).
  const target = options.target;
  const targetPart = target === undefined ? null : onValidation(target.field) ? validation : train;
  if (target !== undefined && targetPart === null) throw new FitError(`the target ${target.field} needs a validation split`);
  const checkEvery = targetPart === null ? 0 : checkInterval(targetPart.samples, rowsPerBatch);
  const targetState = new Float64Array([0, -1, 0, NaN, NaN]);
  /** Judges the value in targetState[4], measured after `stepsDone` steps in 1-based `epoch`. */
  const judge = (stepsDone: number, epoch: number): void => {
    targetState[0]++;
    // The comparison written out here: passing the value to a function would box it.
    const value = targetState[4];
    const bound = target!.value;
    const op = target!.op;
    if (op === '<' ? value < bound : op === '<=' ? value <= bound : op === '>' ? value > bound : value >= bound) {
      targetState[1] = stepsDone;
      targetState[2] = epoch;
      targetState[3] = value;
    }
  };
  // The metric the target compares (its index in `metrics`), or −1 for the loss.
  const targetMetric = target === undefined ? -1 : targetMetricIndex(target.field, metrics);
  const targetMetrics = new Float64Array(metricCount);
  const checkTarget = (stepsDone: number, epoch: number): void => {
    if (targetMetric < 0) model.computeEvaluation(loss, targetPart!.x, targetPart!.y, 0, targetPart!.samples, batchSize);
    else model.computeEvaluation(loss, targetPart!.x, targetPart!.y, 0, targetPart!.samples, batchSize, metrics, targetMetrics);
    targetState[4] = targetMetric < 0 ? model.evaluation[0] : targetMetrics[targetMetric];
    judge(stepsDone, epoch);
  };
  if (targetPart !== null) checkTarget(0, 0);
  let stepsDone = 0;
  let sinceCheck = 0;
  const info: TrainBeginInfo = {
    epochs,
    batchSize,
    stepsPerEpoch: steps,
    trainSamples: n,
    validationSamples: validation?.samples ?? 0,
    metricNames: metrics.map((m) => m.name),
  };
  for (const c of callbacks) c.onTrainBegin?.(info, control);
  measureNoise(0);

  // The warm-up: W steps from `from` to the optimizer's rate, set before each of those updates.
  // [from, target]: in a typed array, as `running` below, so that no fractional local is boxed.
  const warm = Float64Array.of(options.warmUp?.fromLearningRate ?? optimizer.config.learningRate, optimizer.config.learningRate);
  const warmSteps = options.warmUp ? Math.round(options.warmUp.epochs * steps) : 0;
  /** A step's arithmetic before its update, on rows [start, start + rows) of the epoch's order. */
  const computeBatch = (start: number, rows: number): void => {
    if (options.shuffle) {
      gatherRows(train.x, train.features, order, start, rows, batchX);
      gatherRows(train.y, train.outputs, order, start, rows, batchY);
      model.computeGradients(loss, batchX, batchY, 0, rows);
      if (metricCount > 0) model.metricSums(metrics, loss, batchY, 0, rows, batchMetrics, 0);
    } else {
      model.computeGradients(loss, train.x, train.y, start, rows);
      if (metricCount > 0) model.metricSums(metrics, loss, train.y, start, rows, batchMetrics, 0);
    }
  };
  // Batches of at least `guardFrom` rows are computed under the pacer's guard, which an interrupt
  // can cut short (StepGuard); `guarded` holds the start and rows of the batch it computes.
  const guard = pacer?.guard;
  const guardFrom = guard === undefined ? Infinity : Math.max(1, Math.ceil(guard.fromWork / stepWork(model.spec)));
  const guarded = new Float64Array(2);
  const computeGuarded = (): void => computeBatch(guarded[0], guarded[1]);
  let cut: CutStep | undefined;
  let sincePause = 0;
  for (let epoch = 0; epoch < epochs && stopReason === null; epoch++) {
    for (const c of callbacks) c.onEpochBegin?.(epoch, control);
    if (options.shuffle) shuffleInPlace(order, random);
    for (const c of callbacks) c.onEpochPlan?.(epoch, options.shuffle ? order : null, control);
    running.fill(0);
    let stepsTaken = 0;
    for (let step = 0; step < steps; step++) {
      const start = step * batchSize;
      const rows = Math.min(batchSize, n - start);
      if (rows < guardFrom) {
        computeBatch(start, rows);
      } else {
        if (guard!.hearPending !== undefined) {
          await guard!.hearPending();
          if (stopReason !== null) break;
        }
        guarded[0] = start;
        guarded[1] = rows;
        if (!guard!.run(computeGuarded)) {
          // Cut short: nothing the step changed outside its scratch buffers, so the run stands
          // where the previous step left it.
          cut = { epoch, batch: step };
          stopReason ??= 'interrupt';
          break;
        }
      }
      const batchLoss = model.batchLoss[0];
      if (warmSteps > 0) {
        const t = optimizer.iterations;
        // warmUpRate, written out: a number returned from a call may be boxed, and the step allocates nothing.
        optimizer.rate[0] = t < warmSteps ? warm[0] + ((warm[1] - warm[0]) * t) / warmSteps : warm[1];
      }
      optimizer.step(model.params, model.grads);
      // Keras's Mean tracker: a float32 total of L·n and a float32 count, each sum rounded.
      running[0] = Math.fround(running[0] + Math.fround(batchLoss * rows));
      running[1] += rows;
      logs.batch = step;
      logs.size = rows;
      logs.batchLoss = batchLoss;
      logs.loss = Math.fround(running[0] / running[1]);
      // Each metric's Mean: a float32 total of the batch's summed values over the same count.
      for (let m = 0; m < metricCount; m++) {
        running[2 + m] = Math.fround(running[2 + m] + batchMetrics[m]);
        logs.metrics[m] = Math.fround(running[2 + m] / running[1]);
      }
      stepsTaken = step + 1;
      stepsDone++;
      if (checkEvery > 0 && targetState[1] < 0 && ++sinceCheck >= checkEvery) {
        sinceCheck = 0;
        checkTarget(stepsDone, epoch + 1);
      }
      batchEnd(logs, control);
      if (pacer !== undefined && ++sincePause >= pacer.everySteps) {
        sincePause = 0;
        await pacer.pause();
      }
      if (stopReason !== null) break;
    }
    // An epoch that took no step (its first was cut short, or a stop came just before it) is not
    // in the history.
    if (stepsTaken === 0) break;
    const epochLoss = Math.fround(running[0] / running[1]);
    // Keras's log order: loss, the metrics, then val_loss and the validation metrics.
    const epochLogs: Record<string, number> = { steps: stepsTaken, loss: epochLoss };
    history.epoch.push(epoch);
    history.loss.push(epochLoss);
    for (let m = 0; m < metricCount; m++) {
      const value = Math.fround(running[2 + m] / running[1]);
      epochLogs[metrics[m].name] = value;
      history[metrics[m].name].push(value);
    }
    if (validation !== null) {
      const valLoss = model.evaluate(loss, validation.x, validation.y, 0, validation.samples, batchSize, metrics, valMetrics);
      epochLogs.val_loss = valLoss;
      history.val_loss.push(valLoss);
      for (let m = 0; m < metricCount; m++) {
        epochLogs[`val_${metrics[m].name}`] = valMetrics[m];
        history[`val_${metrics[m].name}`].push(valMetrics[m]);
      }
    }
    if (options.evaluateEndLoss) {
      const endLoss = model.evaluate(loss, train.x, train.y, 0, n, batchSize);
      epochLogs.end_loss = endLoss;
      history.end_loss.push(endLoss);
    }
    if (checkEvery > 0 && targetState[1] < 0 && sinceCheck > 0 && validation !== null && targetPart === validation) {
      // The epoch's end, where the validation part was evaluated anyway: a check that costs nothing.
      targetState[4] = targetMetric < 0 ? epochLogs.val_loss : valMetrics[targetMetric];
      judge(stepsDone, epoch + 1);
    }
    for (const c of callbacks) c.onEpochEnd?.(epoch, epochLogs as unknown as EpochLogs, control);
    measureNoise(epoch + 1);
  }

  const result: FitResult = {
    history: history as unknown as History,
    stepsPerEpoch: steps,
    trainSamples: n,
    validationSamples: validation?.samples ?? 0,
    updates: optimizer.iterations,
    stopReason,
    noiseScale: noiseHistory,
    ...(cut === undefined ? {} : { cut }),
    ...(target === undefined
      ? {}
      : {
          target: {
            condition: target,
            everySteps: checkEvery,
            checks: targetState[0],
            reached: targetState[1] < 0 ? null : { steps: targetState[1], examples: targetState[1] * batchSize, epoch: targetState[2], value: targetState[3] },
          },
        }),
  };
  for (const c of callbacks) c.onTrainEnd?.(result, control);
  return result;
}

/** The index in `metrics` of the metric a target field compares, or −1 for a loss field. */
function targetMetricIndex(field: TargetField, metrics: readonly Metric[]): number {
  const name = targetMetricName(field);
  if (name === null) return -1;
  const index = metrics.findIndex((m) => m.name === name);
  if (index < 0) throw new FitError(`the target ${field} needs the ${name} metric`);
  return index;
}

type BatchEndHandler = (logs: BatchLogs, control: FitControl) => void;

/**
 * The callbacks' onBatchEnd, in order, as one function. A loop calling `callbacks[c].onBatchEnd`
 * looks the method up on objects of different shapes and calls a different function every time
 * from one place, which V8 can neither cache nor inline: at batch size 1 that cost more than the
 * arithmetic of the step. Here each handler has a call site of its own.
 */
function batchEndHandler(callbacks: readonly FitCallback[]): BatchEndHandler {
  const handlers = callbacks.filter((c) => c.onBatchEnd !== undefined).map((c) => c.onBatchEnd!.bind(c) as BatchEndHandler);
  const [a, b, c, d] = handlers;
  switch (handlers.length) {
    case 0:
      return () => {};
    case 1:
      return a;
    case 2:
      return (logs, control) => {
        a(logs, control);
        b(logs, control);
      };
    case 3:
      return (logs, control) => {
        a(logs, control);
        b(logs, control);
        c(logs, control);
      };
    case 4:
      return (logs, control) => {
        a(logs, control);
        b(logs, control);
        c(logs, control);
        d(logs, control);
      };
    default:
      return (logs, control) => {
        for (let i = 0; i < handlers.length; i++) handlers[i](logs, control);
      };
  }
}

/** dst row k ← src row order[start + k], for k in [0, rows). */
function gatherRows(src: Float32Array, width: number, order: Uint32Array, start: number, rows: number, dst: Float32Array): void {
  if (width === 1) {
    for (let k = 0; k < rows; k++) dst[k] = src[order[start + k]];
    return;
  }
  for (let k = 0; k < rows; k++) {
    const from = order[start + k] * width;
    const to = k * width;
    for (let j = 0; j < width; j++) dst[to + j] = src[from + j];
  }
}
