/**
 * The gradient noise scale against an independent computation: every per-example gradient g_i
 * by central finite differences of sample i's own loss, in float64 with the reference forward
 * pass of reference.ts (no code shared with the model), then G, tr(Σ), |G|² and B_simple by
 * their definitions with a second pass over the stored g_i. With h = 1e-5 the truncation error is
 * O(h²) ≈ 1e-10 and the rounding error about 1e-16 / h ≈ 1e-11, far below the 1e-6 tolerance.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential, parameterCount, type ModelSpec } from '../../src/core/model.js';
import { NoiseScaleMeter, noiseScale } from '../../src/core/noise-scale.js';
import { forwardSample, referenceLoss, row, testValues, type Activation, type Loss } from './reference.js';

const H = 1e-5;
const REL = 1e-6;

function spec(inputSize: number, ...layers: Array<[number, Activation]>): ModelSpec {
  return { inputSize, layers: layers.map(([units, activation]) => ({ units, activation })) };
}

function byDefinition(s: ModelSpec, params: Float32Array, loss: Loss, x: Float32Array, y: Float32Array, n: number) {
  const base = Float64Array.from(params);
  const perExample: number[][] = [];
  for (let i = 0; i < n; i++) {
    const g: number[] = [];
    for (let k = 0; k < base.length; k++) {
      const plus = base.slice();
      const minus = base.slice();
      plus[k] += H;
      minus[k] -= H;
      g.push((referenceLoss(s, plus, loss, x, y, i, 1) - referenceLoss(s, minus, loss, x, y, i, 1)) / (2 * H));
    }
    perExample.push(g);
  }
  const G = base.map((_, k) => perExample.reduce((sum, g) => sum + g[k], 0) / n);
  const gradNormSquared = G.reduce((sum, v) => sum + v * v, 0);
  const traceSigma = perExample.reduce((sum, g) => sum + g.reduce((s2, v, k) => s2 + (v - G[k]) ** 2, 0), 0) / n;
  return { bSimple: traceSigma / gradNormSquared, traceSigma, gradNormSquared };
}

function relClose(actual: number, expected: number, what: string): void {
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(rel <= REL, `${what}: ${actual} vs ${expected} (relative ${rel.toExponential(2)} > ${REL})`);
}

/** The relu pre-activations and the mae/huber kinks stay clear of every perturbation. */
function assertAwayFromKinks(s: ModelSpec, params: Float32Array, loss: Loss, x: Float32Array, y: Float32Array, n: number): void {
  const outputs = s.layers.at(-1)!.units;
  for (let r = 0; r < n; r++) {
    const { z, y: out } = forwardSample(s, params, row(x, s.inputSize, r));
    s.layers.forEach((layer, l) => {
      if (layer.activation === 'relu') for (const v of z[l]) assert.ok(Math.abs(v) > 1e-3, `relu input ${v} near its kink`);
    });
    out.at(-1)!.forEach((p, j) => {
      const e = p - y[r * outputs + j];
      if (loss !== 'mse') assert.ok(Math.abs(e) > 1e-3, `error ${e} near 0`);
      if (loss === 'huber') assert.ok(Math.abs(Math.abs(e) - 1) > 1e-3, `error ${e} near |e| = 1`);
    });
  }
}

describe('B_simple matches per-example gradients by finite differences within 1e-6 relative', () => {
  const cases: Array<[string, ModelSpec, Loss, number]> = [
    ['Dense(4, tanh) → Dense(2) with mse', spec(3, [4, 'tanh'], [2, 'linear']), 'mse', 1],
    ['Dense(5, relu) → Dense(1, sigmoid) with mse', spec(2, [5, 'relu'], [1, 'sigmoid']), 'mse', 2],
    ['Dense(3, tanh) → Dense(2) with huber', spec(3, [3, 'tanh'], [2, 'linear']), 'huber', 3],
    ['Dense(1) with mae', spec(2, [1, 'linear']), 'mae', 4],
  ];
  for (const [name, s, loss, seed] of cases) {
    test(name, () => {
      const n = 7;
      const model = new Sequential(s, 1);
      model.params.set(testValues(seed, parameterCount(s), -1, 1));
      const x = Float32Array.from(testValues(seed + 10, n * s.inputSize, -2, 2));
      const y = Float32Array.from(testValues(seed + 20, n * s.layers.at(-1)!.units, -1.5, 1.5));
      assertAwayFromKinks(s, model.params, loss, x, y, n);
      const measured = noiseScale(model, loss, x, y, n);
      const expected = byDefinition(s, model.params, loss, x, y, n);
      assert.ok(expected.gradNormSquared > 1e-4 && expected.traceSigma > 1e-4, 'a case with no gradient or no noise proves nothing');
      relClose(measured.gradNormSquared, expected.gradNormSquared, '|G|²');
      relClose(measured.traceSigma, expected.traceSigma, 'tr(Σ)');
      relClose(measured.bSimple, expected.bSimple, 'B_simple');
    });
  }
});

test('identical samples have no gradient noise: tr(Σ) = 0 and B_simple = 0', () => {
  const s = spec(2, [3, 'tanh'], [1, 'linear']);
  const model = new Sequential(s, 1);
  model.params.set(testValues(5, parameterCount(s), -1, 1));
  const x = Float32Array.from([0.3, -1.2, 0.3, -1.2, 0.3, -1.2, 0.3, -1.2]);
  const y = Float32Array.from([0.7, 0.7, 0.7, 0.7]);
  const result = noiseScale(model, 'mse', x, y, 4);
  assert.equal(result.traceSigma, 0);
  assert.equal(result.bSimple, 0);
  assert.ok(result.gradNormSquared > 0);
});

test('B_simple is never negative, over many random models and data', () => {
  for (let seed = 1; seed <= 30; seed++) {
    const s = spec(3, [4, seed % 2 ? 'relu' : 'tanh'], [2, 'linear']);
    const model = new Sequential(s, 1);
    model.params.set(testValues(seed, parameterCount(s), -1, 1));
    const n = 2 + (seed % 9);
    const x = Float32Array.from(testValues(seed + 100, n * 3, -3, 3));
    const y = Float32Array.from(testValues(seed + 200, n * 2, -3, 3));
    const loss: Loss = (['mse', 'mae', 'huber'] as const)[seed % 3];
    const r = noiseScale(model, loss, x, y, n);
    assert.ok(r.traceSigma >= 0 && r.gradNormSquared >= 0 && r.bSimple >= 0, `seed ${seed}: ${JSON.stringify(r)}`);
  }
});

test('measuring leaves the model as it was: parameters, gradients and batch loss', () => {
  const s = spec(2, [3, 'tanh'], [1, 'linear']);
  const model = new Sequential(s, 4);
  model.params.set(testValues(9, parameterCount(s), -1, 1));
  const x = Float32Array.from(testValues(19, 8, -1, 1));
  const y = Float32Array.from(testValues(29, 4, -1, 1));
  model.computeGradients('mse', x, y, 0, 4);
  const params = model.params.slice();
  const grads = model.grads.slice();
  const loss = model.batchLoss[0];
  const meter = new NoiseScaleMeter(model);
  const first = meter.measure('mse', x, y, 0, 4);
  assert.deepEqual(model.params, params);
  assert.deepEqual(model.grads, grads);
  assert.equal(model.batchLoss[0], loss);
  // The meter's buffers are reused: a second measurement gives the same numbers.
  assert.deepEqual(meter.measure('mse', x, y, 0, 4), first);
});

test('a sample range measures only its rows', () => {
  const s = spec(1, [1, 'linear']);
  const model = new Sequential(s, 1);
  model.params.set([2, 0]);
  // Rows 1 and 2 are identical, row 0 differs: the range [1, 3) has no noise.
  const x = Float32Array.from([5, 1, 1]);
  const y = Float32Array.from([0, 0, 0]);
  const meter = new NoiseScaleMeter(model);
  assert.equal(meter.measure('mse', x, y, 1, 2).traceSigma, 0);
  assert.ok(meter.measure('mse', x, y, 0, 3).traceSigma > 0);
});

test('crossentropy: a softmax classifier with sparse labels and a sigmoid one with binary targets match finite differences', () => {
  const cases: Array<[ModelSpec, 'sparse_categorical_crossentropy' | 'binary_crossentropy' | 'categorical_crossentropy', (n: number) => number[]]> = [
    [spec(3, [4, 'tanh'], [3, 'softmax']), 'sparse_categorical_crossentropy', (n) => Array.from({ length: n }, (_, i) => i % 3)],
    [spec(3, [4, 'tanh'], [3, 'softmax']), 'categorical_crossentropy', (n) => Array.from({ length: n * 3 }, (_, k) => (k % 3 === Math.floor(k / 3) % 3 ? 1 : 0))],
    [spec(2, [3, 'tanh'], [1, 'sigmoid']), 'binary_crossentropy', (n) => Array.from({ length: n }, (_, i) => i % 2)],
  ];
  for (const [s, loss, labels] of cases) {
    const n = 7;
    const model = new Sequential(s, 1);
    model.params.set(testValues(40, parameterCount(s), -1, 1));
    const x = Float32Array.from(testValues(41, n * s.inputSize, -2, 2));
    const y = Float32Array.from(labels(n));
    const measured = noiseScale(model, loss, x, y, n);
    const expected = byDefinition(s, model.params, loss, x, y, n);
    assert.ok(expected.gradNormSquared > 1e-4 && expected.traceSigma > 1e-4, loss);
    relClose(measured.gradNormSquared, expected.gradNormSquared, `${loss} |G|²`);
    relClose(measured.traceSigma, expected.traceSigma, `${loss} tr(Σ)`);
    relClose(measured.bSimple, expected.bSimple, `${loss} B_simple`);
  }
});
