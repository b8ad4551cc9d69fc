/**
 * Replaying a real-Keras fixture (scripts/keras-fixtures.py) in batchsim and measuring the
 * differences, shared by the fixture test and the live test.
 */
import { readFileSync } from 'node:fs';
import { Sequential, type LayerSpec } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig, type OptimizerName } from '../../src/core/optimizers.js';
import { targetColumns, type LossName } from '../../src/core/loss.js';
import { resolveMetric, type MetricName } from '../../src/core/metrics.js';
import { fit } from '../../src/training/fit.js';
import { formatValue } from '../../src/report/format.js';

export interface KerasRun {
  readonly id: string;
  readonly inputSize: number;
  readonly layers: readonly LayerSpec[];
  readonly loss: LossName;
  readonly optimizer: { name: OptimizerName; learningRate: number; momentum?: number; nesterov?: boolean };
  readonly batchSize: number;
  readonly epochs: number;
  readonly validationSplit: number;
  /** compile's metrics (classification runs). */
  readonly metrics?: MetricName[];
  readonly x: number[];
  readonly y: number[];
  readonly initialWeights: number[];
  readonly keras: { loss: number[]; valLoss?: number[]; weights: number[]; accuracy?: number[]; valAccuracy?: number[] };
  readonly float64Gap: number;
  readonly stable: boolean;
}

export interface KerasFixtures {
  readonly keras: string;
  readonly tensorflow: string;
  readonly stableGap: number;
  readonly runs: KerasRun[];
}

export function readFixtures(path: string): KerasFixtures {
  return JSON.parse(readFileSync(path, 'utf8')) as KerasFixtures;
}

/** The targets: per-epoch loss and val_loss relative, final weights relative with a floor. */
export const LOSS_REL = 1e-5;
export const WEIGHT_REL = 1e-4;
export const WEIGHT_FLOOR = 1e-3;

export interface Differences {
  /** Largest |a − k| / |k| over every epoch's loss and val_loss. */
  readonly loss: number;
  /** Largest |a − k| / max(|k|, 1e-3) over the final weights. */
  readonly weights: number;
  /** Epochs (1-based) whose loss or val_loss prints differently with 4 decimals. */
  readonly printed: string[];
  /** Epochs (1-based) whose accuracy or val_accuracy is not Keras's float32 value exactly. */
  readonly accuracy: string[];
}

export interface Replayed {
  loss: number[];
  valLoss?: number[];
  weights: number[];
  accuracy?: number[];
  valAccuracy?: number[];
}

export async function replay(run: KerasRun): Promise<Replayed> {
  const model = new Sequential({ inputSize: run.inputSize, layers: run.layers });
  model.params.set(run.initialWeights);
  const optimizer = createOptimizer(
    optimizerConfig(run.optimizer.name, {
      learningRate: run.optimizer.learningRate,
      momentum: run.optimizer.momentum,
      nesterov: run.optimizer.nesterov,
    }),
    model.params.length,
  );
  const outputs = run.layers.at(-1)!.units;
  const columns = targetColumns(run.loss, outputs);
  const samples = run.y.length / columns;
  const result = await fit(
    model,
    optimizer,
    { x: Float32Array.from(run.x), y: Float32Array.from(run.y), samples, features: run.inputSize, outputs: columns },
    {
      batchSize: run.batchSize,
      epochs: run.epochs,
      loss: run.loss,
      shuffle: false,
      seed: 0,
      ...(run.validationSplit > 0 ? { validationSplit: run.validationSplit } : {}),
      metrics: (run.metrics ?? []).map((name) => resolveMetric(name, outputs, columns)),
    },
  );
  const { history } = result;
  return { loss: history.loss, valLoss: history.val_loss, weights: Array.from(model.params), accuracy: history.accuracy, valAccuracy: history.val_accuracy };
}

function relative(a: number, k: number, floor: number): number {
  return a === k ? 0 : Math.abs(a - k) / Math.max(Math.abs(k), floor);
}

export function differences(
  run: KerasRun,
  ours: Replayed,
): Differences {
  let loss = 0;
  let weights = 0;
  const printed: string[] = [];
  const series: [string, number[], number[] | undefined][] = [
    ['loss', run.keras.loss, ours.loss],
    ['val_loss', run.keras.valLoss ?? [], ours.valLoss],
  ];
  for (const [name, keras, mine] of series) {
    keras.forEach((k, e) => {
      const a = mine?.[e] ?? Number.NaN;
      loss = Math.max(loss, Number.isNaN(a) ? Infinity : relative(a, k, 1e-30));
      // A value within 1e-6 of Keras's that prints differently sits on a rounding midpoint of the
      // fourth decimal (0.61205006 against 0.61204999): that one is not a difference in the line.
      if (formatValue(a) !== formatValue(k) && relative(a, k, 1e-30) > 1e-6) printed.push(`epoch ${e + 1} ${name} ${formatValue(a)} (Keras ${formatValue(k)})`);
    });
  }
  run.keras.weights.forEach((k, i) => {
    weights = Math.max(weights, relative(ours.weights[i], k, WEIGHT_FLOOR));
  });
  const accuracy: string[] = [];
  const metricSeries: [string, number[] | undefined, number[] | undefined][] = [
    ['accuracy', run.keras.accuracy, ours.accuracy],
    ['val_accuracy', run.keras.valAccuracy, ours.valAccuracy],
  ];
  for (const [name, keras, mine] of metricSeries) {
    keras?.forEach((k, e) => {
      // The fixture holds Keras's float32 value to 9 digits: rounded to float32 it is exact.
      if (mine?.[e] !== Math.fround(k)) accuracy.push(`epoch ${e + 1} ${name} ${mine?.[e]} (Keras ${k})`);
    });
  }
  return { loss, weights, printed, accuracy };
}
