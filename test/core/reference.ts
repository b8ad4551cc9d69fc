/**
 * An independent float64 re-statement of the model's forward pass and losses, used as an oracle
 * by the gradient checks and the fit tests. It is written for clarity, not speed: nested arrays,
 * no shared buffers, and the loss reduced as "mean over outputs, then mean over the batch" in
 * two explicit steps rather than one sum divided by B·d.
 */
import type { ModelSpec } from '../../src/core/model.js';

export type Activation = 'linear' | 'relu' | 'tanh' | 'sigmoid';
export type Loss = 'mae' | 'mse' | 'huber';

export function act(name: Activation, z: number): number {
  switch (name) {
    case 'linear':
      return z;
    case 'relu':
      return z > 0 ? z : 0;
    case 'tanh':
      return Math.tanh(z);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
  }
}

/** Per-element loss with e = prediction − target (Keras, huber delta 1). */
export function elementLoss(name: Loss, e: number): number {
  const a = Math.abs(e);
  switch (name) {
    case 'mae':
      return a;
    case 'mse':
      return e * e;
    case 'huber':
      return a <= 1 ? 0.5 * e * e : a - 0.5;
  }
}

/** One sample's rows, read from a row-major matrix. */
export function row(values: ArrayLike<number>, width: number, r: number): number[] {
  return Array.from({ length: width }, (_, j) => values[r * width + j]);
}

/**
 * Runs one sample through the stack with parameters laid out as [W0, b0, W1, b1, ...]
 * (W row-major [in][units]). Returns every layer's pre-activation z and output y.
 */
export function forwardSample(
  spec: ModelSpec,
  params: ArrayLike<number>,
  input: readonly number[],
): { z: number[][]; y: number[][] } {
  const zs: number[][] = [];
  const ys: number[][] = [];
  let x = input;
  let offset = 0;
  for (const { units, activation } of spec.layers) {
    const n = x.length;
    const z: number[] = [];
    for (let j = 0; j < units; j++) {
      let s = params[offset + n * units + j];
      for (let i = 0; i < n; i++) s += x[i] * params[offset + i * units + j];
      z.push(s);
    }
    offset += n * units + units;
    const y = z.map((v) => act(activation, v));
    zs.push(z);
    ys.push(y);
    x = y;
  }
  return { z: zs, y: ys };
}

export function predict(spec: ModelSpec, params: ArrayLike<number>, input: readonly number[]): number[] {
  const { y } = forwardSample(spec, params, input);
  return y[y.length - 1];
}

/** Keras's reduction: mean over the outputs of each sample, then mean over the samples. */
export function referenceLoss(
  spec: ModelSpec,
  params: ArrayLike<number>,
  loss: Loss,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  firstRow: number,
  rows: number,
): number {
  const inputs = spec.inputSize;
  const outputs = spec.layers[spec.layers.length - 1].units;
  let batchSum = 0;
  for (let r = firstRow; r < firstRow + rows; r++) {
    const p = predict(spec, params, row(x, inputs, r));
    const t = row(y, outputs, r);
    let sampleSum = 0;
    for (let j = 0; j < outputs; j++) sampleSum += elementLoss(loss, p[j] - t[j]);
    batchSum += sampleSum / outputs;
  }
  return batchSum / rows;
}

/** Flattens Keras-ordered weights `[W0, b0, ...]` into one array in the same order. */
export function flattenWeights(weights: (number[][] | number[])[]): number[] {
  const flat: number[] = [];
  for (const w of weights) for (const v of w) Array.isArray(v) ? flat.push(...v) : flat.push(v);
  return flat;
}

/** |a − b| ≤ rel·max(|a|, |b|) + abs, with a message naming what was compared. */
export function assertClose(actual: number, expected: number, rel: number, abs: number, what = 'value'): void {
  const tolerance = rel * Math.max(Math.abs(actual), Math.abs(expected)) + abs;
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`${what}: expected ${expected}, got ${actual} (|diff| ${Math.abs(actual - expected)} > ${tolerance})`);
  }
}

export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rel: number,
  abs: number,
  what = 'value',
): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length} ≠ ${expected.length}`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], rel, abs, `${what}[${i}]`);
}

/**
 * A small deterministic generator for test data (an LCG), kept separate from the library's own
 * PRNG so that changing that generator never silently changes what these tests exercise.
 */
export function testValues(seed: number, count: number, low: number, high: number): number[] {
  let s = seed >>> 0 || 1;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(low + ((s >>> 8) / 16777216) * (high - low));
  }
  return out;
}
