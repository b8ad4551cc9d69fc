/**
 * Finite-difference checks of Sequential.lossAndGradients.
 *
 * The analytic gradient (float32, from the model) is compared with central differences
 * (L(θ + ε·e_k) − L(θ − ε·e_k)) / 2ε, where L is the independent float64 reference in
 * reference.ts evaluated on a float64 copy of the model's float32 parameters. With ε = 1e-3 the
 * truncation error is O(ε²) ≈ 1e-7, far below the tolerance (relative 1e-3 plus 1e-5 absolute
 * for float32 accumulation), while a wrong factor, a missing activation derivative or a
 * transposed kernel shows up as an error of order one.
 *
 * The functions are not differentiable at relu's z = 0, at mae's e = 0 or at huber's |e| = 1;
 * every case asserts that its points stay at least MARGIN away from those, so a perturbation of
 * ±ε can never cross one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential, parameterCount, type ModelSpec } from '../../src/core/model.js';
import {
  assertClose,
  forwardSample,
  referenceLoss,
  row,
  testValues,
  type Activation,
  type Loss,
} from './reference.js';

const EPS = 1e-3;
const MARGIN = 0.02;
const REL = 1e-3;
const ABS = 1e-5;

interface Case {
  spec: ModelSpec;
  loss: Loss;
  params: number[];
  x: number[];
  y: number[];
  rows: number;
  firstRow?: number;
}

function spec(inputSize: number, ...layers: Array<[number, Activation]>): ModelSpec {
  return { inputSize, layers: layers.map(([units, activation]) => ({ units, activation })) };
}

/** Kernels in [−1, 1], biases in [−0.5, 0.5] (non-zero, so the bias path matters too). */
function someParams(s: ModelSpec, seed: number): number[] {
  const params = testValues(seed, parameterCount(s), -1, 1);
  let offset = 0;
  let inputs = s.inputSize;
  for (const { units } of s.layers) {
    offset += inputs * units;
    for (let j = 0; j < units; j++) params[offset + j] *= 0.5;
    offset += units;
    inputs = units;
  }
  return params;
}

/**
 * Targets placed at chosen errors e = prediction − target from the given cycle, so that the
 * points sit where the case wants them (both huber regimes, both signs, never at a kink).
 */
function targetsAtErrors(s: ModelSpec, params: number[], x: number[], rows: number, errors: number[]): number[] {
  const y: number[] = [];
  let k = 0;
  for (let r = 0; r < rows; r++) {
    for (const p of forwardSample(s, Float32Array.from(params), row(x, s.inputSize, r)).y.at(-1)!) {
      y.push(p - errors[k++ % errors.length]);
    }
  }
  return y;
}

function assertAwayFromKinks(c: Case, params: ArrayLike<number>): void {
  const outputs = c.spec.layers.at(-1)!.units;
  const first = c.firstRow ?? 0;
  for (let r = first; r < first + c.rows; r++) {
    const { z, y } = forwardSample(c.spec, params, row(c.x, c.spec.inputSize, r));
    c.spec.layers.forEach((layer, l) => {
      if (layer.activation !== 'relu') return;
      for (const v of z[l]) assert.ok(Math.abs(v) > MARGIN, `relu pre-activation ${v} is too close to its kink`);
    });
    if (c.loss.endsWith('crossentropy')) continue;
    const target = row(c.y, outputs, r);
    y.at(-1)!.forEach((p, j) => {
      const e = p - target[j];
      if (c.loss !== 'mse') assert.ok(Math.abs(e) > MARGIN, `error ${e} is too close to 0`);
      if (c.loss === 'huber') assert.ok(Math.abs(Math.abs(e) - 1) > MARGIN, `error ${e} is too close to |e| = 1`);
    });
  }
}

/** Runs the check and returns the analytic gradient, for extra assertions by the caller. */
function checkGradients(c: Case): Float32Array {
  const rows = c.rows;
  const first = c.firstRow ?? 0;
  const model = new Sequential(c.spec, rows);
  assert.equal(model.params.length, c.params.length);
  model.params.set(c.params);
  const x = Float32Array.from(c.x);
  const y = Float32Array.from(c.y);
  const base = Float64Array.from(model.params);
  assertAwayFromKinks(c, base);

  const value = model.lossAndGradients(c.loss, x, y, first, rows);
  const analytic = model.grads.slice();
  const L = (p: Float64Array): number => referenceLoss(c.spec, p, c.loss, x, y, first, rows);
  assertClose(value, L(base), 1e-5, 1e-6, 'batch loss');

  let largest = 0;
  for (let k = 0; k < base.length; k++) {
    const plus = base.slice();
    const minus = base.slice();
    plus[k] += EPS;
    minus[k] -= EPS;
    const numeric = (L(plus) - L(minus)) / (2 * EPS);
    largest = Math.max(largest, Math.abs(numeric));
    assertClose(analytic[k], numeric, REL, ABS, `dL/dθ[${k}]`);
  }
  // A check where every gradient is ~0 would prove nothing.
  assert.ok(largest > 1e-2, `the largest gradient, ${largest}, is too small for the check to mean anything`);
  return analytic;
}

describe('gradients of a single Dense layer match finite differences', () => {
  // [activation, parameter seed, input seed]; seeds chosen so no relu input sits near 0.
  const cases: Array<[Activation, number, number]> = [
    ['linear', 11, 101],
    ['relu', 15, 105],
    ['tanh', 13, 103],
    ['sigmoid', 14, 104],
  ];
  for (const [activation, paramSeed, inputSeed] of cases) {
    test(`a Dense(3, ${activation}) layer on 4 inputs with mse has the right gradient for every kernel and bias entry`, () => {
      const s = spec(4, [3, activation]);
      const rows = 5;
      const params = someParams(s, paramSeed);
      const x = testValues(inputSeed, rows * 4, -2, 2);
      const y = testValues(inputSeed + 100, rows * 3, -1, 1);
      checkGradients({ spec: s, loss: 'mse', params, x, y, rows });
    });
  }

  test('relu units that are off for every sample get exactly zero gradient', () => {
    const s = spec(2, [3, 'relu']);
    // Unit 0 is on for positive inputs; unit 1 is off everywhere (large negative bias);
    // unit 2 is on everywhere (large positive bias).
    const params = [1, 0.5, -0.3, 0.4, -0.2, 0.6, /* b */ 0.1, -5, 5];
    const x = [1, 0.5, 0.8, 1.2, 0.3, 0.9];
    const y = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    const g = checkGradients({ spec: s, loss: 'mse', params, x, y, rows: 3 });
    // unit 1: kernel entries at [0][1] = 1 and [1][1] = 4, bias at 7
    assert.equal(g[1], 0);
    assert.equal(g[4], 0);
    assert.equal(g[7], 0);
    assert.notEqual(g[8], 0);
  });
});

describe('gradients of every loss match finite differences', () => {
  const s = spec(2, [3, 'tanh'], [2, 'linear']);
  const rows = 6;
  const params = someParams(s, 31);
  const x = testValues(32, rows * 2, -2, 2);
  // Errors on both sides of 0 and of |e| = 1, none near a kink.
  const errors = [0.3, -0.6, 1.7, -2.4, 0.9, -1.3, 0.15, 3.1];

  for (const loss of ['mae', 'mse', 'huber'] as const) {
    test(`${loss} on a 2 → 3 tanh → 2 model has the right gradient for every parameter`, () => {
      const y = targetsAtErrors(s, params, x, rows, errors);
      checkGradients({ spec: s, loss, params, x, y, rows });
    });
  }

  test('huber is checked on both sides of |e| = 1, with both signs', () => {
    const y = targetsAtErrors(s, params, x, rows, errors);
    const model = new Sequential(s, rows);
    model.params.set(params);
    const p = model.forward(Float32Array.from(x), 0, rows);
    const e = Array.from(p, (v, k) => v - y[k]);
    assert.ok(e.some((v) => v > 0 && v < 1));
    assert.ok(e.some((v) => v < 0 && v > -1));
    assert.ok(e.some((v) => v > 1));
    assert.ok(e.some((v) => v < -1));
    checkGradients({ spec: s, loss: 'huber', params, x, y, rows });
  });

  test('huber with every error inside |e| < 1 has the gradient of ½e², and outside that of |e| − ½', () => {
    // Separately, so a bug confined to one branch cannot hide behind the other.
    checkGradients({ spec: s, loss: 'huber', params, x, y: targetsAtErrors(s, params, x, rows, [0.4, -0.7, 0.2]), rows });
    checkGradients({ spec: s, loss: 'huber', params, x, y: targetsAtErrors(s, params, x, rows, [1.4, -2.7, 3.2]), rows });
  });
});

describe('gradients through stacks of layers match finite differences', () => {
  for (const loss of ['mae', 'mse', 'huber'] as const) {
    test(`a 3 → 5 tanh → 4 relu → 2 stack with ${loss} has the right gradient for every parameter`, () => {
      const s = spec(3, [5, 'tanh'], [4, 'relu'], [2, 'linear']);
      const rows = 7;
      const params = someParams(s, 47);
      const x = testValues(48, rows * 3, -2, 2);
      const y = loss === 'mse' ? testValues(43, rows * 2, -1, 1) : targetsAtErrors(s, params, x, rows, [0.5, -1.5, 2.2, -0.35, 1.2]);
      checkGradients({ spec: s, loss, params, x, y, rows });
    });
  }

  test('a 2 → 4 tanh → 3 sigmoid → 2 stack with mse has the right gradient for every parameter', () => {
    const s = spec(2, [4, 'tanh'], [3, 'sigmoid'], [2, 'linear']);
    const rows = 4;
    checkGradients({ spec: s, loss: 'mse', params: someParams(s, 51), x: testValues(52, 8, -2, 2), y: testValues(53, 8, -1, 1), rows });
  });

  test('a 1 → 6 relu → 1 stack with mae has the right gradient for every parameter', () => {
    const s = spec(1, [6, 'relu'], [1, 'linear']);
    const rows = 5;
    const params = someParams(s, 61);
    const x = [-1.5, -0.7, 0.4, 1.1, 1.9];
    checkGradients({ spec: s, loss: 'mae', params, x, y: targetsAtErrors(s, params, x, rows, [0.5, -0.8]), rows });
  });
});

describe('multi-output models and batch offsets', () => {
  test('a 3 → 4 linear layer with mae divides the gradient by batch size times outputs', () => {
    const s = spec(3, [4, 'linear']);
    const rows = 3;
    const params = someParams(s, 71);
    const x = testValues(72, rows * 3, -2, 2);
    const y = targetsAtErrors(s, params, x, rows, [0.5, -0.25, 1.5, -2]);
    const g = checkGradients({ spec: s, loss: 'mae', params, x, y, rows });
    // Bias gradient of unit j is Σ_r sign(e_rj) / (B·d) = Σ_r sign(e_rj) / 12.
    // Errors cycle 0.5, −0.25, 1.5, −2 over the 12 elements, so every column has one sign.
    assertClose(g[12], 3 / 12, 1e-6, 0, 'db0');
    assertClose(g[13], -3 / 12, 1e-6, 0, 'db1');
    assertClose(g[14], 3 / 12, 1e-6, 0, 'db2');
    assertClose(g[15], -3 / 12, 1e-6, 0, 'db3');
  });

  test('a batch that starts at a later row uses exactly those rows', () => {
    const s = spec(2, [3, 'tanh'], [2, 'linear']);
    const all = 8;
    const params = someParams(s, 81);
    const x = testValues(82, all * 2, -2, 2);
    const y = testValues(83, all * 2, -1, 1);
    const g = checkGradients({ spec: s, loss: 'mse', params, x, y, rows: 3, firstRow: 4 });
    // The same rows copied to the front give the same gradient.
    const model = new Sequential(s, 3);
    model.params.set(params);
    model.lossAndGradients('mse', Float32Array.from(x.slice(8, 14)), Float32Array.from(y.slice(8, 14)), 0, 3);
    assert.deepEqual(Array.from(model.grads), Array.from(g));
  });

  test('a single-sample batch has the right gradient', () => {
    const s = spec(3, [2, 'sigmoid'], [3, 'linear']);
    checkGradients({ spec: s, loss: 'mse', params: someParams(s, 91), x: [0.3, -1.2, 0.8], y: [1, -1, 0.5], rows: 1 });
  });

  test('each call overwrites the gradient rather than adding to the previous one', () => {
    const s = spec(2, [3, 'tanh'], [1, 'linear']);
    const model = new Sequential(s, 4);
    model.params.set(someParams(s, 95));
    const x = Float32Array.from(testValues(96, 8, -2, 2));
    const y = Float32Array.from(testValues(97, 4, -1, 1));
    model.lossAndGradients('mse', x, y, 0, 4);
    const once = model.grads.slice();
    model.lossAndGradients('mse', x, y, 0, 4);
    assert.deepEqual(model.grads, once);
    model.lossAndGradients('mse', x, y, 2, 2);
    const other = model.grads.slice();
    const fresh = new Sequential(s, 4);
    fresh.params.set(model.params);
    fresh.lossAndGradients('mse', x, y, 2, 2);
    assert.deepEqual(other, fresh.grads);
  });
});

describe('gradients of the crossentropy losses match finite differences, on every output path', () => {
  const rows = 6;
  const x = testValues(52, rows * 3, -2, 2);
  /** Targets of the loss for `units` outputs: class ids, one-hot rows or 0/1 values. */
  function targets(loss: Loss, units: number): number[] {
    const y: number[] = [];
    for (let r = 0; r < rows; r++) {
      const label = (r * 2 + 1) % units;
      if (loss === 'sparse_categorical_crossentropy') y.push(label);
      else if (loss === 'categorical_crossentropy') for (let j = 0; j < units; j++) y.push(+(j === label));
      else for (let j = 0; j < units; j++) y.push((r + j) % 2);
    }
    return y;
  }
  const losses = ['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy'] as const;
  // From the logits: softmax and sigmoid outputs, for every crossentropy (Keras takes the logits
  // of either activation whatever the loss).
  for (const loss of losses) {
    for (const activation of ['softmax', 'sigmoid'] as const) {
      test(`${loss} after a ${activation} output: 3 → 4 tanh → 3 ${activation}, every parameter`, () => {
        const s = spec(3, [4, 'tanh'], [3, activation]);
        checkGradients({ spec: s, loss, params: someParams(s, 61), x, y: targets(loss, 3), rows });
      });
    }
    test(`${loss} after a relu hidden layer and a softmax output, from row 2 of the data`, () => {
      const s = spec(3, [5, 'relu'], [3, 'softmax']);
      const y = targets(loss, 3);
      checkGradients({ spec: s, loss, params: someParams(s, 63), x: [...x, ...x.slice(0, 6)], y: [...y, ...y.slice(0, y.length / 3)], rows, firstRow: 2 });
    });
  }

  /**
   * The probability path: a linear output fed by sigmoid units, with small positive weights so
   * every output lies inside (1e-7, 1 − 1e-7), or (clipped) beyond 1 for the unit given a
   * large bias.
   */
  function probabilityParams(s: ModelSpec, clippedUnit: number | null): number[] {
    const params = someParams(s, 71);
    const [hidden, out] = [s.layers[0].units, s.layers[1].units];
    const w = s.inputSize * hidden + hidden;
    for (let k = 0; k < hidden * out; k++) params[w + k] = 0.05 + 0.2 * Math.abs(params[w + k]);
    for (let j = 0; j < out; j++) params[w + hidden * out + j] = j === clippedUnit ? 1.5 : 0.1;
    return params;
  }
  for (const loss of losses) {
    test(`${loss} on a linear output (probabilities normalised and clipped) has the right gradient`, () => {
      const s = spec(3, [3, 'sigmoid'], [3, 'linear']);
      const params = probabilityParams(s, null);
      const model = new Sequential(s, rows);
      model.params.set(params);
      for (const p of model.forward(Float32Array.from(x), 0, rows)) assert.ok(p > 0.05 && p < 0.95, `output ${p} is not a probability away from the clip`);
      checkGradients({ spec: s, loss, params, x, y: targets(loss, 3), rows });
    });
  }
  test('binary_crossentropy passes no gradient through an output clipped at 1 − 1e-7', () => {
    const s = spec(3, [3, 'sigmoid'], [3, 'linear']);
    const params = probabilityParams(s, 1);
    const g = checkGradients({ spec: s, loss: 'binary_crossentropy', params, x, y: targets('binary_crossentropy', 3), rows });
    const bias = parameterCount(s) - 3;
    assert.equal(g[bias + 1], 0);
    assert.notEqual(g[bias], 0);
  });
  test('softmax in a hidden layer is differentiated through its Jacobian', () => {
    const s = spec(3, [4, 'softmax'], [2, 'linear']);
    checkGradients({ spec: s, loss: 'mse', params: someParams(s, 81), x, y: testValues(82, rows * 2, -1, 1), rows });
  });
});
