/**
 * Steps to a target: the fit loop's checks against an independent float64 evaluation of the loss
 * after every single step (test/core/reference.ts), the check interval's cost budget, and the
 * edge cases (reached at the initial weights, never reached, a validation field without a split).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential, type ModelSpec } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig } from '../../src/core/optimizers.js';
import { createRandom } from '../../src/core/random.js';
import { FitError, fit, type FitOptions } from '../../src/training/fit.js';
import { CHECK_BUDGET, checkInterval, meets, type TargetCondition } from '../../src/training/target.js';
import type { Dataset } from '../../src/training/dataset.js';
import { referenceLoss, testValues } from '../core/reference.js';

const spec: ModelSpec = {
  inputSize: 2,
  layers: [
    { units: 4, activation: 'tanh' },
    { units: 1, activation: 'linear' },
  ],
};

function data(n: number): Dataset {
  const x = Float32Array.from(testValues(7, 2 * n, -1, 1));
  // y = 0.8·x0 − 0.5·x1 + 0.1: learnable, so the loss falls steadily.
  const y = Float32Array.from({ length: n }, (_, i) => 0.8 * x[2 * i] - 0.5 * x[2 * i + 1] + 0.1);
  return { x, y, samples: n, features: 2, outputs: 1 };
}

function model(): Sequential {
  const m = new Sequential(spec);
  m.initialize(createRandom(3, 'init'));
  return m;
}

/**
 * Trains with the target and, alongside, records the float64 reference loss of the target's part
 * after every step; returns fit's outcome and the first step whose reference loss meets the target.
 */
async function trainWatching(options: FitOptions, target: TargetCondition, n = 40) {
  const m = model();
  const d = data(n);
  const splitAt = options.validationSplit ? Math.floor(n * (1 - options.validationSplit)) : n;
  const [first, rows] = target.field === 'valLoss' ? [splitAt, n - splitAt] : [0, splitAt];
  const losses: number[] = [referenceLoss(spec, m.params, 'mse', d.x, d.y, first, rows)];
  const result = await fit(m, createOptimizer(optimizerConfig('sgd', { learningRate: 0.05 }), m.params.length), d, { ...options, target }, [
    { onBatchEnd: () => void losses.push(referenceLoss(spec, m.params, 'mse', d.x, d.y, first, rows)) },
  ]);
  const firstMet = losses.findIndex((loss) => meets(target, loss));
  return { result, losses, firstMet };
}

test('checked after every step when a check is cheap, S is the first step whose loss reaches the target', async () => {
  // 40 samples, batch 40: one check (40 rows) costs 40 / (3·40) = 1/3 of a step... over budget,
  // so every 2 steps; batch 20 with a 4-sample validation part: 4 / (3·18) ≤ 1/4, every step.
  const options: FitOptions = { batchSize: 18, epochs: 30, loss: 'mse', shuffle: true, seed: 5, validationSplit: 0.1 };
  const probe = await trainWatching(options, { field: 'valLoss', op: '<=', value: 1 });
  const start = probe.losses[0];
  const goal = start * 0.5;
  const { result, losses, firstMet } = await trainWatching(options, { field: 'valLoss', op: '<=', value: goal });
  assert.equal(result.target!.everySteps, 1);
  assert.ok(firstMet > 0, `the reference loss never halved: ${losses.slice(0, 5).join(', ')}…`);
  assert.equal(result.target!.reached!.steps, firstMet);
  assert.equal(result.target!.reached!.examples, 18 * firstMet);
  // 36 training samples in batches of 18: two steps per epoch.
  assert.equal(result.target!.reached!.epoch, Math.ceil(firstMet / 2));
  assert.ok(Math.abs(result.target!.reached!.value - losses[firstMet]) < 1e-5 * Math.max(1, losses[firstMet]));
});

test('checked every k steps, S is the first check at or after the step that reached the target, and never later than k − 1 steps', async () => {
  const options: FitOptions = { batchSize: 1, epochs: 4, loss: 'mse', shuffle: false, seed: 1 };
  const every = checkInterval(40, 1);
  assert.equal(every, 54); // ceil(40 / (3 · 1 · 0.25)) = ceil(53.3)
  const probe = await trainWatching(options, { field: 'trainLoss', op: '<=', value: 1 });
  const goal = probe.losses[0] * 0.3;
  const { result, firstMet } = await trainWatching(options, { field: 'trainLoss', op: '<', value: goal });
  const reached = result.target!.reached!;
  assert.equal(result.target!.everySteps, every);
  assert.ok(firstMet > 0);
  // The checks fall on multiples of k and on epoch ends (every 40 steps).
  const checks = [...Array(161).keys()].filter((s) => s % every === 0 || s % 40 === 0);
  const expected = checks.find((s) => s >= firstMet);
  assert.equal(reached.steps, expected);
  assert.ok(reached.steps - firstMet <= every - 1);
});

test('a target the initial weights already reach takes 0 steps and 0 examples', async () => {
  const { result } = await trainWatching({ batchSize: 4, epochs: 1, loss: 'mse', shuffle: false, seed: 1 }, { field: 'trainLoss', op: '<', value: 1e9 });
  assert.deepEqual({ ...result.target!.reached!, value: 0 }, { steps: 0, examples: 0, epoch: 0, value: 0 });
  assert.equal(result.target!.checks, 1);
});

test('a target never reached is null, after a check at the start, every k steps and at each epoch end', async () => {
  const { result } = await trainWatching({ batchSize: 8, epochs: 3, loss: 'mse', shuffle: true, seed: 1 }, { field: 'trainLoss', op: '<', value: -1 });
  const every = checkInterval(40, 8); // ceil(40 / 6) = 7
  assert.equal(result.target!.everySteps, 7);
  assert.equal(result.target!.reached, null);
  // 15 steps: checks at 0, 7, 14, and at the epoch ends 5, 10, 15.
  assert.equal(result.target!.checks, 6);
  assert.equal(every, 7);
});

test('a validation target without a validation split is refused', async () => {
  await assert.rejects(
    fit(model(), createOptimizer(optimizerConfig('sgd'), model().params.length), data(10), {
      batchSize: 2,
      epochs: 1,
      loss: 'mse',
      shuffle: false,
      seed: 1,
      target: { field: 'valLoss', op: '<', value: 1 },
    }),
    FitError,
  );
});

test('checking every checkInterval steps costs at most a quarter of training, and checking one step less often would not be needed', () => {
  for (const m of [1, 3, 40, 360, 1797]) {
    for (const b of [1, 2, 7, 32, 512]) {
      const k = checkInterval(m, b);
      assert.ok(m / (3 * b * k) <= CHECK_BUDGET + 1e-12, `m ${m} b ${b} k ${k}`);
      if (k > 1) assert.ok(m / (3 * b * (k - 1)) > CHECK_BUDGET, `m ${m} b ${b}: ${k - 1} would do`);
    }
  }
});
