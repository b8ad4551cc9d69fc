/**
 * An independent float64 re-statement of the model's forward pass and losses, used as an oracle
 * by the gradient checks and the fit tests. It is written for clarity, not speed: nested arrays,
 * no shared buffers, and the loss reduced as "mean over outputs, then mean over the batch" in
 * two explicit steps rather than one sum divided by B·d.
 */
import type { ModelSpec } from '../../src/core/model.js';

export type Activation = 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'softmax';
export type Loss = 'mae' | 'mse' | 'huber' | 'binary_crossentropy' | 'categorical_crossentropy' | 'sparse_categorical_crossentropy';
type RegressionLoss = 'mae' | 'mse' | 'huber';

/** A layer's activation of its whole pre-activation row (softmax needs the row). */
export function actRow(name: Activation, z: readonly number[]): number[] {
  if (name !== 'softmax') return z.map((v) => act(name, v));
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

// Keras clips to [ε, 1 − ε] with float32 bounds: 1 − 1e-7 is 0.99999988 in float32.
const EPSILON = Math.fround(1e-7);
const clip = (p: number): number => Math.min(Math.max(p, EPSILON), Math.fround(1 - 1e-7));
const logSigmoid = (z: number): number => (z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z)));

/**
 * One sample's crossentropy, written from the definitions: after a softmax or sigmoid output
 * from the logits z (log-softmax, log-sigmoid, no clipping), otherwise from the output p
 * (normalised for categorical, clipped to [1e-7, 1 − 1e-7]).
 */
export function sampleCrossentropy(loss: Loss, activation: Activation, z: readonly number[], p: readonly number[], t: readonly number[]): number {
  const logits = activation === 'softmax' || activation === 'sigmoid';
  const d = z.length;
  if (loss === 'binary_crossentropy') {
    let s = 0;
    for (let j = 0; j < d; j++) {
      s += logits
        ? -(t[j] * logSigmoid(z[j]) + (1 - t[j]) * logSigmoid(-z[j]))
        : -(t[j] * Math.log(clip(p[j])) + (1 - t[j]) * Math.log(1 - clip(p[j])));
    }
    return s / d;
  }
  const onehot = loss === 'sparse_categorical_crossentropy' ? Array.from({ length: d }, (_, j) => +(j === t[0])) : t;
  let logProb: number[];
  if (logits) {
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
    logProb = z.map((v) => v - lse);
  } else if (loss === 'categorical_crossentropy') {
    const s = p.reduce((a, b) => a + b, 0);
    logProb = p.map((v) => Math.log(clip(v / s)));
  } else {
    const c = p.map(clip);
    const s = c.reduce((a, b) => a + b, 0);
    logProb = c.map((v) => Math.log(v / s));
  }
  return -onehot.reduce((a, tj, j) => a + tj * logProb[j], 0);
}

export function act(name: Exclude<Activation, 'softmax'>, z: number): number {
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
export function elementLoss(name: RegressionLoss, e: number): number {
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
    const y = actRow(activation, z);
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
  const activation = spec.layers[spec.layers.length - 1].activation;
  const columns = loss === 'sparse_categorical_crossentropy' ? 1 : outputs;
  let batchSum = 0;
  for (let r = firstRow; r < firstRow + rows; r++) {
    const { z, y: ys } = forwardSample(spec, params, row(x, inputs, r));
    const p = ys[ys.length - 1];
    const t = row(y, columns, r);
    if (loss !== 'mae' && loss !== 'mse' && loss !== 'huber') {
      batchSum += sampleCrossentropy(loss, activation, z[z.length - 1], p, t);
      continue;
    }
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

/**
 * Keras 3's Adam, one plainly written step at a time, as an oracle for long runs. It follows
 * `Adam.update_step` in keras/src/optimizers/adam.py (Keras 3.15) with the TensorFlow backend,
 * where every tensor operation rounds to float32 and Python-float constants are combined in
 * double first (so 1 − β1 is the double 0.09999999999999998 cast once to float32):
 *
 *   β1^t = pow(f32(β1), f32(t)),  β2^t = pow(f32(β2), f32(t))
 *   α    = f32(lr) · sqrt(1 − β2^t) / (1 − β1^t)                    (left to right)
 *   m   += (g − m) · f32(1 − β1)
 *   v   += (g² − v) · f32(1 − β2)
 *   θ   −= (m · α) / (sqrt(v) + f32(ε))       ε on the uncorrected sqrt(v): "epsilon hat",
 *                                             Kingma & Ba 2015 (arXiv 1412.6980), end of §2
 *
 * Every line rounds to float32 after each operation, and 1 − β^t is recomputed from scratch at
 * every step: no shortcut, no state but m, v and t.
 */
export class ReferenceAdam {
  readonly m: number[];
  readonly v: number[];
  t = 0;

  constructor(
    size: number,
    readonly learningRate = 0.001,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {
    this.m = new Array<number>(size).fill(0);
    this.v = new Array<number>(size).fill(0);
  }

  step(params: number[], grads: ArrayLike<number>): void {
    const f = Math.fround;
    this.t += 1;
    const t = f(this.t);
    const beta1Power = f(Math.pow(f(this.beta1), t));
    const beta2Power = f(Math.pow(f(this.beta2), t));
    const alpha = f(f(f(this.learningRate) * f(Math.sqrt(f(1 - beta2Power)))) / f(1 - beta1Power));
    for (let i = 0; i < params.length; i++) {
      const g = f(grads[i]);
      this.m[i] = f(this.m[i] + f(f(g - this.m[i]) * f(1 - this.beta1)));
      this.v[i] = f(this.v[i] + f(f(f(g * g) - this.v[i]) * f(1 - this.beta2)));
      params[i] = f(params[i] - f(f(this.m[i] * alpha) / f(f(Math.sqrt(this.v[i])) + f(this.epsilon))));
    }
  }
}
