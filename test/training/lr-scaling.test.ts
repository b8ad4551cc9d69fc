import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig } from '../../src/core/optimizers.js';
import { sampleDataset } from '../../src/training/dataset.js';
import { fit } from '../../src/training/fit.js';
import { planComparison } from '../../src/training/compare.js';
import { scaledLearningRate, warmUpRate } from '../../src/training/lr-scaling.js';

test('the linear rule multiplies the rate by B/B0, the square-root rule by sqrt(B/B0), none keeps it', () => {
  assert.equal(scaledLearningRate(0.1, 256, 32, 'linear'), 0.8);
  assert.equal(scaledLearningRate(0.1, 8, 32, 'linear'), 0.025);
  assert.equal(scaledLearningRate(0.001, 128, 32, 'sqrt'), 0.002);
  assert.equal(scaledLearningRate(0.001, 8, 32, 'sqrt'), 0.0005);
  assert.equal(scaledLearningRate(0.01, 32, 32, 'linear'), 0.01);
  assert.equal(scaledLearningRate(0.01, 1000, 32, 'none'), 0.01);
});

test('the warm-up starts at the base rate, climbs by equal steps and holds the target from step W on', () => {
  assert.equal(warmUpRate(0.1, 0.5, 0, 4), 0.1);
  assert.ok(Math.abs(warmUpRate(0.1, 0.5, 1, 4) - 0.2) < 1e-15);
  assert.ok(Math.abs(warmUpRate(0.1, 0.5, 3, 4) - 0.4) < 1e-15);
  assert.equal(warmUpRate(0.1, 0.5, 4, 4), 0.5);
  assert.equal(warmUpRate(0.1, 0.5, 99, 4), 0.5);
});

test('fit sets each update\'s rate from the warm-up: W = epochs × steps per epoch, float32', async () => {
  const data = sampleDataset(); // 6 samples: batch 2 → 3 steps per epoch, W = 2 × 3 = 6
  const model = new Sequential({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }] });
  model.setWeights([[[0.5]], [0]]);
  const optimizer = createOptimizer(optimizerConfig('sgd', { learningRate: 0.04 }), model.params.length);
  const seen: number[] = [];
  const step = optimizer.step.bind(optimizer);
  (optimizer as { step: typeof step }).step = (params, grads) => {
    seen.push(optimizer.rate[0]);
    step(params, grads);
  };
  await fit(model, optimizer, data, { batchSize: 2, epochs: 3, loss: 'mse', shuffle: false, seed: 1, warmUp: { fromLearningRate: 0.01, epochs: 2 } });
  const expected = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((t) => Math.fround(t < 6 ? 0.01 + ((0.04 - 0.01) * t) / 6 : 0.04));
  assert.deepEqual(seen, expected);
});

test('compare plans each batch size at its scaled rate, from the base rate, with the warm-up starting there', () => {
  const base = {
    layers: [{ units: 1, activation: 'linear' as const }],
    loss: 'mse' as const,
    optimizer: optimizerConfig('sgd', { learningRate: 0.999 }),
    batchSize: 32,
    epochs: 4,
    shuffle: true,
    seed: 1,
    validationSplit: 0,
    warmUp: { fromLearningRate: 0.999, epochs: 1 },
  };
  const plan = planComparison(6, {
    base,
    batchSizes: [1, 2, 6],
    seeds: [1],
    learningRates: [],
    scaling: { rule: 'linear', baseBatchSize: 2, baseLearningRate: 0.01 },
  });
  assert.deepEqual(
    plan.runs.map((r) => [r.batchSize, r.learningRate, r.baseLearningRate, r.config.optimizer.learningRate, r.config.warmUp?.fromLearningRate]),
    [
      [1, 0.005, 0.01, 0.005, 0.01],
      [2, 0.01, 0.01, 0.01, 0.01],
      [6, 0.03, 0.01, 0.03, 0.01],
    ],
  );
  // Two given rates, each scaled.
  const two = planComparison(6, { base, batchSizes: [4], seeds: [1], learningRates: [0.1, 0.2], scaling: { rule: 'sqrt', baseBatchSize: 1, baseLearningRate: 0.01 } });
  assert.deepEqual(two.runs.map((r) => r.learningRate), [0.2, 0.4]);
});
