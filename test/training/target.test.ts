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
import { CHECK_BUDGET, checkInterval, meets, STEP_COST_PER_SAMPLE, type TargetCondition } from '../../src/training/target.js';
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
  // Batch 18 with a 4-sample validation part: a check costs at most 4 / (1.25·18) ≤ 1/4 of a step.
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

test('checked every k steps, S is the first multiple of k at or after the step that reached the target, never later by k steps or more', async () => {
  const options: FitOptions = { batchSize: 1, epochs: 8, loss: 'mse', shuffle: false, seed: 1 };
  const every = checkInterval(40, 1);
  assert.equal(every, 128); // 40 / (1.25 · 1 · 0.25)
  const probe = await trainWatching(options, { field: 'trainLoss', op: '<=', value: 1 });
  const goal = probe.losses[0] * 0.3;
  const { result, firstMet } = await trainWatching(options, { field: 'trainLoss', op: '<', value: goal });
  assert.equal(result.target!.everySteps, every);
  assert.ok(firstMet > 0 && firstMet <= 256, `first met at ${firstMet}`);
  // trainLoss is checked at multiples of k only: 320 steps give checks after steps 128 and 256.
  const expected = [128, 256].find((s) => s >= firstMet)!;
  const reached = result.target!.reached!;
  assert.equal(reached.steps, expected);
  assert.ok(reached.steps - firstMet <= every - 1);
  assert.equal(result.target!.checks, 1 + [128, 256].filter((s) => s <= expected).length);
});

test('a validation target is also checked at every epoch end, with the epoch\'s own val_loss', async () => {
  // 40 samples, a fifth held out: 8 validation samples, batch 4 → k = ceil(8 / 1.25) = 7; 8 steps an epoch.
  const options: FitOptions = { batchSize: 4, epochs: 3, loss: 'mse', shuffle: true, seed: 2, validationSplit: 0.2 };
  const { result } = await trainWatching(options, { field: 'valLoss', op: '<', value: -1 });
  assert.equal(result.target!.everySteps, 7);
  // 24 steps: at 0, after 7, 14, 21 and at the epoch ends 8, 16 and 24.
  assert.equal(result.target!.checks, 7);
  const probe = await trainWatching(options, { field: 'valLoss', op: '<=', value: 1e9 });
  assert.equal(probe.result.target!.reached!.steps, 0);
  // A goal the first epoch's val_loss meets, but no check inside it: reached at that epoch's end.
  const first = await fit(model(), createOptimizer(optimizerConfig('sgd', { learningRate: 0.05 }), model().params.length), data(40), options);
  const valLoss = first.history.val_loss![0];
  const { result: atEnd, losses } = await trainWatching(options, { field: 'valLoss', op: '<=', value: valLoss });
  // The float64 reference first reaches it after step 8, the epoch's last; the check after step 7 did not.
  assert.equal(losses.findIndex((loss) => loss <= valLoss * (1 + 1e-6)), 8);
  assert.equal(atEnd.target!.reached!.steps, 8);
  assert.equal(atEnd.target!.reached!.epoch, 1);
  assert.equal(atEnd.target!.reached!.value, valLoss);
});

test('a target the initial weights already reach takes 0 steps and 0 examples', async () => {
  const { result } = await trainWatching({ batchSize: 4, epochs: 1, loss: 'mse', shuffle: false, seed: 1 }, { field: 'trainLoss', op: '<', value: 1e9 });
  assert.deepEqual({ ...result.target!.reached!, value: 0 }, { steps: 0, examples: 0, epoch: 0, value: 0 });
  assert.equal(result.target!.checks, 1);
});

test('a target never reached is null, checked at the start and every k steps only', async () => {
  const { result } = await trainWatching({ batchSize: 8, epochs: 3, loss: 'mse', shuffle: true, seed: 1 }, { field: 'trainLoss', op: '<', value: -1 });
  const every = checkInterval(40, 8); // 40 / (1.25 · 8 · 0.25) = 16
  assert.equal(result.target!.everySteps, every);
  assert.equal(every, 16);
  assert.equal(result.target!.reached, null);
  // 15 steps: only the check at the start (trainLoss is not evaluated at epoch ends).
  assert.equal(result.target!.checks, 1);
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
      assert.ok(m / (STEP_COST_PER_SAMPLE * b * k) <= CHECK_BUDGET + 1e-12, `m ${m} b ${b} k ${k}`);
      if (k > 1) assert.ok(m / (STEP_COST_PER_SAMPLE * b * (k - 1)) > CHECK_BUDGET, `m ${m} b ${b}: ${k - 1} would do`);
    }
  }
});
