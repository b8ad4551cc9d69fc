/**
 * Synthetic data: shapes, determinism per seed, the formulas behind the targets, and that a
 * model learns what each kind is meant to teach.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig } from '../../src/core/optimizers.js';
import { createRandom } from '../../src/core/random.js';
import { fit } from '../../src/training/fit.js';
import { LINEAR_BIAS, linearWeights, syntheticDataset, type SyntheticSpec } from '../../src/training/synthetic.js';

const spec = (overrides: Partial<SyntheticSpec> = {}): SyntheticSpec => ({
  kind: 'linear',
  samples: 1000,
  features: 3,
  noise: 0.1,
  seed: 42,
  ...overrides,
});

describe('synthetic data', () => {
  test('x is samples × features and y one target per sample, as float32 arrays', () => {
    const data = syntheticDataset(spec({ samples: 7, features: 3 }));
    assert.ok(data.x instanceof Float32Array && data.y instanceof Float32Array);
    assert.equal(data.x.length, 21);
    assert.equal(data.y.length, 7);
    assert.deepEqual([data.samples, data.features, data.outputs], [7, 3, 1]);
    assert.deepEqual(data.featureNames, ['x1', 'x2', 'x3']);
    assert.deepEqual(syntheticDataset(spec({ features: 1 })).featureNames, ['x']);
  });

  test('the same seed gives the same data, another seed other data', () => {
    const a = syntheticDataset(spec({ kind: 'sine' }));
    const b = syntheticDataset(spec({ kind: 'sine' }));
    const c = syntheticDataset(spec({ kind: 'sine', seed: 43 }));
    assert.deepEqual(a.x, b.x);
    assert.deepEqual(a.y, b.y);
    assert.notDeepEqual(a.x, c.x);
  });

  test('the features depend on the seed and sizes only, not on the noise or the kind of target', () => {
    const base = syntheticDataset(spec());
    assert.deepEqual(syntheticDataset(spec({ noise: 0 })).x, base.x);
    assert.deepEqual(syntheticDataset(spec({ noise: 2 })).x, base.x);
    assert.deepEqual(syntheticDataset(spec({ kind: 'sine' })).x, base.x);
  });

  test('features are uniform in [−1, 1): all inside, mean near 0, variance near 1/3', () => {
    const { x } = syntheticDataset(spec({ samples: 20_000, features: 1 }));
    let sum = 0;
    let squares = 0;
    for (const v of x) {
      assert.ok(v >= -1 && v < 1, `${v}`);
      sum += v;
      squares += v * v;
    }
    assert.ok(Math.abs(sum / x.length) < 0.02);
    assert.ok(Math.abs(squares / x.length - 1 / 3) < 0.02);
  });

  test('linear without noise is y = x·w + b with w = (2, −1, 2/3) and b = 0.5', () => {
    assert.deepEqual(Array.from(linearWeights(3)), [2, -1, 2 / 3]);
    const { x, y } = syntheticDataset(spec({ noise: 0, samples: 50 }));
    for (let r = 0; r < 50; r++) {
      const expected = LINEAR_BIAS + 2 * x[3 * r] - x[3 * r + 1] + (2 / 3) * x[3 * r + 2];
      assert.equal(y[r], Math.fround(expected));
    }
  });

  test('sine without noise is y = sin(π·x) on one feature', () => {
    const { x, y } = syntheticDataset(spec({ kind: 'sine', noise: 0, features: 1, samples: 50 }));
    for (let r = 0; r < 50; r++) assert.equal(y[r], Math.fround(Math.sin(Math.PI * x[r])));
  });

  test('the noise has the requested standard deviation', () => {
    const clean = syntheticDataset(spec({ noise: 0, samples: 20_000 }));
    const noisy = syntheticDataset(spec({ noise: 0.5, samples: 20_000 }));
    let squares = 0;
    for (let r = 0; r < 20_000; r++) squares += (noisy.y[r] - clean.y[r]) ** 2;
    assert.ok(Math.abs(Math.sqrt(squares / 20_000) - 0.5) < 0.02);
  });

  test('sizes that are not whole positive numbers, and negative noise, are refused', () => {
    assert.throws(() => syntheticDataset(spec({ samples: 0 })), RangeError);
    assert.throws(() => syntheticDataset(spec({ features: 1.5 })), RangeError);
    assert.throws(() => syntheticDataset(spec({ noise: -1 })), RangeError);
  });
});

async function train(data: ReturnType<typeof syntheticDataset>, layers: Array<{ units: number; activation: 'linear' | 'relu' | 'tanh' }>, epochs: number, lr: number) {
  const model = new Sequential({ inputSize: data.features, layers });
  model.initialize(createRandom(1, 'init'));
  const optimizer = createOptimizer(optimizerConfig('adam', { learningRate: lr }), model.params.length);
  await fit(model, optimizer, data, { batchSize: 32, epochs, loss: 'mse', shuffle: true, seed: 1 });
  return { model, loss: model.evaluate('mse', data.x, data.y, 0, data.samples, 256) };
}

describe('what the data teaches', () => {
  test('Dense(1) recovers the linear weights and bias, and its loss falls to the noise', async () => {
    const data = syntheticDataset(spec({ samples: 4000, noise: 0.1 }));
    const { model, loss } = await train(data, [{ units: 1, activation: 'linear' }], 10, 0.05);
    const [kernel, bias] = model.getWeights() as [number[][], number[]];
    kernel.forEach(([w], j) => assert.ok(Math.abs(w - linearWeights(3)[j]) < 0.05, `w${j} = ${w}`));
    assert.ok(Math.abs(bias[0] - LINEAR_BIAS) < 0.05, `b = ${bias[0]}`);
    // mse of pure N(0, 0.1²) noise is 0.01.
    assert.ok(loss < 0.0125, `mse ${loss}`);
  });

  test('sine needs a hidden layer: an MLP fits it far better than a linear model can', async () => {
    const data = syntheticDataset(spec({ kind: 'sine', samples: 4000, features: 1, noise: 0 }));
    const linear = await train(data, [{ units: 1, activation: 'linear' }], 10, 0.05);
    const mlp = await train(data, [{ units: 16, activation: 'tanh' }, { units: 1, activation: 'linear' }], 10, 0.02);
    assert.ok(mlp.loss < linear.loss / 4, `mlp ${mlp.loss}, linear ${linear.loss}`);
  });
});
