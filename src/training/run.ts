/**
 * One complete training run from a resolved configuration: builds the model, sets or draws its
 * initial weights, trains, and returns everything a report needs. `train`, `compare` and
 * sweeps all go through here, so a run means the same thing everywhere.
 */
import { targetColumns, type LossName } from '../core/loss.js';
import { resolveMetric, type MetricName } from '../core/metrics.js';
import { Sequential, type KerasWeights, type LayerSpec } from '../core/model.js';
import type { WasmKernelsPool } from '../core/kernels-wasm.js';
import { createOptimizer, type OptimizerConfig } from '../core/optimizers.js';
import { createRandom } from '../core/random.js';
import type { Dataset } from './dataset.js';
import type { WarmUp } from './lr-scaling.js';
import { fit, type FitCallback, type FitResult, type NoiseScaleHistory, type Pacer, type StepGuard } from './fit.js';
import type { TargetCondition, TargetOutcome } from './target.js';

export interface RunConfig {
  readonly layers: readonly LayerSpec[];
  readonly loss: LossName;
  readonly optimizer: OptimizerConfig;
  readonly batchSize: number;
  readonly epochs: number;
  readonly shuffle: boolean;
  /** Seeds the initial weights (when none are given) and the shuffles. */
  readonly seed: number;
  readonly validationSplit: number;
  /** Also evaluate end_loss, the loss on all training data, after every epoch. */
  readonly evaluateEndLoss?: boolean;
  /** Also measure the gradient noise scale at the initial weights and after every epoch. */
  readonly noiseScale?: boolean;
  /** A linear warm-up of the learning rate to the optimizer's rate (lr-scaling.ts), or none. */
  readonly warmUp?: WarmUp | null;
  /** Metrics as compile's `metrics=[...]` names them; `accuracy` resolves as Keras resolves it. */
  readonly metrics?: readonly MetricName[];
  /** A target whose steps and examples to reach are recorded (see target.ts); training goes on. */
  readonly goal?: TargetCondition;
}

/** Per-epoch history of a run as the records keep it: Keras's keys, metrics by name. */
export interface RunHistory {
  readonly loss: number[];
  readonly val_loss?: number[];
  readonly end_loss?: number[];
  /** Metrics (`accuracy`) and validation metrics (`val_accuracy`), when tracked. */
  readonly [metric: string]: number[] | undefined;
}

export interface RunResult extends FitResult {
  readonly weights: { readonly initial: KerasWeights; readonly final: KerasWeights };
  /** Loss over all training samples at the final weights (evaluated with the run's batch size). */
  readonly endLoss: number;
}

/** What every result document (train --json, sweep records) says about a run, in one shape. */
export interface RunOutcome {
  readonly samples: { readonly total: number; readonly train: number; readonly validation: number; readonly features: number; readonly outputs: number };
  readonly stepsPerEpoch: number;
  readonly updates: number;
  /** Per-epoch losses: Keras's logged loss, and val_loss / end_loss when they were computed. */
  readonly history: RunHistory;
  /** Loss on all training samples at the final weights. */
  readonly endLoss: number;
  readonly weights: { readonly initial: KerasWeights; readonly final: KerasWeights };
  /** The gradient noise scale at the initial weights and after every epoch; null unless asked for. */
  readonly noiseScale: NoiseScaleHistory | null;
  /** Where the run first reached its goal, when it had one. */
  readonly goal?: TargetOutcome;
}

export function runOutcome(result: RunResult, data: { readonly samples: number; readonly features: number; readonly outputs: number }): RunOutcome {
  const { history } = result;
  return {
    samples: {
      total: data.samples,
      train: result.trainSamples,
      validation: result.validationSamples,
      features: data.features,
      outputs: data.outputs,
    },
    stepsPerEpoch: result.stepsPerEpoch,
    updates: result.updates,
    history: historyOf(history),
    endLoss: result.endLoss,
    weights: result.weights,
    noiseScale: result.noiseScale,
    ...(result.target === undefined ? {} : { goal: result.target }),
  };
}

/** Keras's History keys in its order (loss, metrics, val_loss, validation metrics), then end_loss. */
function historyOf(history: FitResult['history']): RunHistory {
  const out: Record<string, number[]> = {};
  for (const [key, values] of Object.entries(history)) if (key !== 'epoch' && key !== 'end_loss' && values !== undefined) out[key] = values;
  if (history.end_loss) out.end_loss = history.end_loss;
  return out as unknown as RunHistory;
}

export function buildModel(inputSize: number, layers: readonly LayerSpec[], pool?: WasmKernelsPool): Sequential {
  return new Sequential({ inputSize, layers }, 1, pool === undefined ? {} : { pool });
}

/** Keras glorot-uniform weights drawn from the seed's "init" stream. */
export function initialWeights(inputSize: number, layers: readonly LayerSpec[], seed: number): KerasWeights {
  const model = buildModel(inputSize, layers);
  model.initialize(createRandom(seed, 'init'));
  return model.getWeights();
}

/**
 * Trains one run. With a `pool`, the model and optimizer take their WebAssembly instances from it
 * and give them back when the run is over, for the caller's next run (one run at a time per pool).
 */
export async function trainRun(
  data: Dataset,
  config: RunConfig,
  weights: KerasWeights | null,
  callbacks: readonly FitCallback[] = [],
  pacer?: Pacer,
  pool?: WasmKernelsPool,
): Promise<RunResult> {
  try {
    return await trainModel(data, config, weights, callbacks, pacer, pool);
  } finally {
    pool?.release();
  }
}

async function trainModel(
  data: Dataset,
  config: RunConfig,
  weights: KerasWeights | null,
  callbacks: readonly FitCallback[],
  pacer: Pacer | undefined,
  pool: WasmKernelsPool | undefined,
): Promise<RunResult> {
  const model = buildModel(data.features, config.layers, pool);
  // Drawn on the model itself: the same glorot draws as initialWeights, without a second model.
  if (weights === null) model.initialize(createRandom(config.seed, 'init'));
  else model.setWeights(weights);
  const initial = model.getWeights();
  const optimizer = createOptimizer(config.optimizer, model.params.length, 'auto', pool);
  const result = await fit(
    model,
    optimizer,
    data,
    {
      batchSize: config.batchSize,
      epochs: config.epochs,
      loss: config.loss,
      shuffle: config.shuffle,
      seed: config.seed,
      validationSplit: config.validationSplit,
      evaluateEndLoss: config.evaluateEndLoss,
      noiseScale: config.noiseScale,
      warmUp: config.warmUp ?? null,
      metrics: (config.metrics ?? []).map((name) => resolveMetric(name, model.outputSize, targetColumns(config.loss, model.outputSize))),
      ...(config.goal === undefined ? {} : { target: config.goal }),
    },
    callbacks,
    pacer,
  );
  const endLoss = model.evaluate(config.loss, data.x, data.y, 0, result.trainSamples, config.batchSize);
  return { ...result, weights: { initial, final: model.getWeights() }, endLoss };
}

/**
 * Suggested steps between event-loop turns: a few million multiply-adds of work, counting each
 * step's fixed cost (callbacks, optimizer call, epoch bookkeeping) as about a thousand, so that a
 * tiny model at batch size 1 still pauses every few thousand steps rather than every few million.
 */
export function pacerSteps(inputSize: number, layers: readonly LayerSpec[], batchSize: number): number {
  let params = 0;
  let inputs = inputSize;
  for (const { units } of layers) {
    params += (inputs + 1) * units;
    inputs = units;
  }
  return Math.max(1, Math.floor(4e6 / (params * batchSize + 1000)));
}

/**
 * A pacer that aims at one event-loop turn every `interval` seconds, whatever a step costs on this
 * machine: it starts with a turn after every step and, at each turn, rescales the step count by
 * how long the stretch since the previous turn took (at most doubling it, so it never overshoots
 * by much). It reads `clock` once per turn, never per step. A step longer than `interval` (a huge
 * batch through a huge model) is heard after that step, unless `guard` can cut it short.
 */
export function timedPacer(clock: () => number, pause: () => Promise<void>, interval = 0.02, guard?: StepGuard): Pacer {
  let everySteps = 1;
  let since = clock();
  return {
    ...(guard === undefined ? {} : { guard }),
    get everySteps() {
      return everySteps;
    },
    async pause() {
      const took = clock() - since;
      const scaled = took > 0 ? Math.floor((everySteps * interval) / took) : Infinity;
      everySteps = Math.max(1, Math.min(scaled, 2 * everySteps));
      await pause();
      since = clock();
    },
  };
}

/** Keras's `model.evaluate` batch size when none is given. */
export const EVALUATE_BATCH_SIZE = 32;

/** What `model.evaluate(x, y, return_dict=True)` returns: the loss, then each metric by name. */
export interface Evaluation {
  readonly loss: number;
  readonly metrics: ReadonlyArray<readonly [string, number]>;
}

/**
 * `model.evaluate(x, y)` at the given weights: the loss and the metrics over every sample of
 * `data`, averaged over batches of 32 weighted by their size, as Keras's evaluate does.
 */
export function evaluateAt(data: Dataset, layers: readonly LayerSpec[], loss: LossName, weights: KerasWeights, metrics: readonly MetricName[] = []): Evaluation {
  const model = buildModel(data.features, layers);
  model.setWeights(weights);
  const units = layers[layers.length - 1].units;
  const resolved = metrics.map((name) => resolveMetric(name, units, targetColumns(loss, units)));
  const values = new Float64Array(resolved.length);
  const value = model.evaluate(loss, data.x, data.y, 0, data.samples, EVALUATE_BATCH_SIZE, resolved, values);
  return { loss: value, metrics: resolved.map((metric, i) => [metric.name, values[i]] as const) };
}
