import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optimizerConfig } from '../../src/core/optimizers.js';
import {
  planComparison,
  runComparison,
  type CompareConfig,
} from '../../src/training/compare.js';
import { xOf } from '../../src/report/axes.js';
import { meanCurve, spread, summarize } from '../../src/report/summary.js';
import { recordsOf } from '../helpers/records.js';
import { sampleDataset } from '../../src/training/dataset.js';
import type { RunConfig } from '../../src/training/run.js';

const base: RunConfig = {
  layers: [{ units: 1, activation: 'linear' }],
  loss: 'mae',
  optimizer: optimizerConfig('adam'),
  batchSize: 32,
  epochs: 10,
  shuffle: false,
  seed: 42,
  validationSplit: 0,
};

function config(overrides: Partial<CompareConfig> = {}): CompareConfig {
  return { base, batchSizes: [6, 3, 1], seeds: [42], learningRates: [], ...overrides };
}

let time = 0;
const clock = (): number => (time += 0.001);

test('batch sizes 6, 3 and 1 on six samples plan 1, 2 and 6 steps and 10, 20 and 60 updates', () => {
  const plan = planComparison(6, config());
  assert.deepEqual(
    plan.runs.map((r) => [r.batchSize, r.stepsPerEpoch, r.updates]),
    [
      [6, 1, 10],
      [3, 2, 20],
      [1, 6, 60],
    ],
  );
  assert.deepEqual(plan.warnings, []);
});

test('a short last batch shows in the planned batches: 6 samples in batches of 4 are 4 + 2', () => {
  const plan = planComparison(6, config({ batchSizes: [4] }));
  assert.deepEqual(plan.runs[0].batches, [4, 2]);
});

test('a duplicate batch size runs once and is reported with how often it was given', () => {
  const plan = planComparison(6, config({ batchSizes: [3, 1, 3, 3] }));
  assert.deepEqual(plan.batchSizes, [3, 1]);
  assert.equal(plan.runs.length, 2);
  assert.deepEqual(plan.warnings, [{ kind: 'duplicate', batchSize: 3, times: 3 }]);
});

test('a batch size larger than the data is flagged and makes one step per epoch', () => {
  const plan = planComparison(6, config({ batchSizes: [32] }));
  assert.equal(plan.runs[0].stepsPerEpoch, 1);
  assert.deepEqual(plan.runs[0].batches, [6]);
  assert.deepEqual(plan.warnings, [{ kind: 'larger-than-data', batchSize: 32, samples: 6 }]);
});

test('a run with fewer than ten updates is flagged as too few to compare', () => {
  const plan = planComparison(6, config({ base: { ...base, epochs: 3 }, batchSizes: [6, 1] }));
  // batch 6: 1 step × 3 epochs = 3 updates; batch 1: 6 × 3 = 18.
  assert.deepEqual(plan.warnings, [{ kind: 'few-updates', batchSize: 6, updates: 3, epochs: 3, stepsPerEpoch: 1 }]);
});

test('seeds and learning rates multiply the runs, batch size outermost, and set each run’s config', () => {
  const plan = planComparison(6, config({ batchSizes: [6, 2], seeds: [42, 43], learningRates: [0.001, 0.01] }));
  assert.deepEqual(
    plan.runs.map((r) => [r.batchSize, r.learningRate, r.seed]),
    [
      [6, 0.001, 42],
      [6, 0.001, 43],
      [6, 0.01, 42],
      [6, 0.01, 43],
      [2, 0.001, 42],
      [2, 0.001, 43],
      [2, 0.01, 42],
      [2, 0.01, 43],
    ],
  );
  for (const run of plan.runs) {
    assert.equal(run.config.batchSize, run.batchSize);
    assert.equal(run.config.seed, run.seed);
    assert.equal(run.config.optimizer.learningRate, run.learningRate);
    assert.equal(run.config.optimizer.name, 'adam');
  }
});

test('without --lrs every run uses the optimizer’s own learning rate', () => {
  const plan = planComparison(6, config({ base: { ...base, optimizer: optimizerConfig('sgd') } }));
  assert.deepEqual(plan.learningRates, [0.01]);
});

test('every batch size starts from the same initial weights when they share a seed', async () => {
  const plan = planComparison(6, config({ batchSizes: [6, 3, 1], seeds: [42, 43], base: { ...base, epochs: 2 } }));
  const runs = await runComparison(sampleDataset(), plan, { weights: null, clock });
  const bySeed = (seed: number): string[] => runs.filter((r) => r.seed === seed).map((r) => JSON.stringify(r.result.weights.initial));
  assert.equal(new Set(bySeed(42)).size, 1);
  assert.equal(new Set(bySeed(43)).size, 1);
  assert.notEqual(bySeed(42)[0], bySeed(43)[0]);
});

test('from W = 0.5, b = 0 without shuffling the runs reproduce the TensorFlow.js reference losses', async () => {
  // The numbers of test/training/fit.test.ts ('reference numbers from TensorFlow.js 4.22'), with
  // the arithmetic there: batch 6 → 1.75 − 0.0045k, …, 1.7095; batch 3 → 1.7470, 1.73845, …, 1.67069.
  const runs = await runComparison(sampleDataset(), planComparison(6, config({ batchSizes: [6, 3] })), {
    weights: [[[0.5]], [0]],
    clock,
  });
  const batch6 = [1.75, 1.7455, 1.741, 1.7365, 1.732, 1.7275, 1.723, 1.7185, 1.714, 1.7095];
  const batch3 = [1.747, 1.73845, 1.72999, 1.72153, 1.71305, 1.70458, 1.69611, 1.68763, 1.67916, 1.67069];
  runs[0].result.history.loss.forEach((v, i) => assert.ok(Math.abs(v - batch6[i]) < 1e-4, `batch 6 epoch ${i + 1}: ${v}`));
  runs[1].result.history.loss.forEach((v, i) => assert.ok(Math.abs(v - batch3[i]) < 1e-4, `batch 3 epoch ${i + 1}: ${v}`));
  assert.ok(Math.abs((runs[0].result.weights.final[0] as number[][])[0][0] - 0.51) < 1e-5);
  assert.ok(Math.abs((runs[1].result.weights.final[0] as number[][])[0][0] - 0.518575) < 1e-5);
});

test('the hooks hear every run before it trains and can stop the comparison between runs', async () => {
  const seen: number[] = [];
  const runs = await runComparison(sampleDataset(), planComparison(6, config({ base: { ...base, epochs: 1 } })), {
    weights: null,
    clock,
    hooks: {
      beforeRun: (run) => seen.push(run.batchSize),
      shouldContinue: () => seen.length < 2,
    },
  });
  assert.deepEqual(seen, [6, 3]);
  assert.equal(runs.length, 2);
});

test('spread is the mean and the sample standard deviation, 0 for one value', () => {
  // [1, 2, 3, 4]: mean 2.5; squares 2.25 + 0.25 + 0.25 + 2.25 = 5; sd = sqrt(5 / 3) = 1.29099…
  const s = spread([1, 2, 3, 4]);
  assert.equal(s.mean, 2.5);
  assert.ok(Math.abs(s.sd - Math.sqrt(5 / 3)) < 1e-15);
  assert.deepEqual(spread([7]), { mean: 7, sd: 0 });
});

test('the mean curve averages seeds epoch by epoch over the epochs every seed completed', () => {
  const curve = meanCurve([
    [4, 2, 1],
    [2, 2],
  ]);
  assert.deepEqual(
    curve.map((c) => c.mean),
    [3, 2],
  );
  assert.ok(Math.abs(curve[0].sd - Math.SQRT2) < 1e-15); // (4 − 3)² + (2 − 3)² = 2, / 1, sqrt
});

test('the summary groups seeds per batch size and takes the best epoch from the mean curve', async () => {
  const plan = planComparison(6, config({ batchSizes: [6, 1], seeds: [1, 2, 3], base: { ...base, epochs: 4, shuffle: true } }));
  const runs = await runComparison(sampleDataset(), plan, { weights: null, clock });
  const summary = summarize(recordsOf(runs, sampleDataset()));
  assert.deepEqual(
    summary.map((s) => [s.batchSize, s.seeds, s.stepsPerEpoch, s.updates, s.epochs]),
    [
      [6, [1, 2, 3], 1, 4, 4],
      [1, [1, 2, 3], 6, 24, 4],
    ],
  );
  for (const s of summary) {
    const group = runs.filter((r) => r.batchSize === s.batchSize);
    const finals = group.map((r) => r.result.history.loss[3]);
    assert.deepEqual(s.finalLoss, spread(finals));
    assert.deepEqual(s.endLoss, spread(group.map((r) => r.result.endLoss)));
    const means = s.curve.map((c) => c.mean);
    assert.equal(s.bestLoss.mean, Math.min(...means));
    assert.equal(s.bestLoss.epoch, means.indexOf(Math.min(...means)) + 1);
    assert.equal(s.finalValLoss, null);
  }
});

test('the x of epoch e is e, e · steps per epoch updates, or e · n samples seen', () => {
  assert.equal(xOf('epoch', 3, 2, 6), 3);
  assert.equal(xOf('update', 3, 2, 6), 6);
  assert.equal(xOf('samples', 3, 2, 6), 18);
});
