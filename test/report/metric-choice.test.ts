/**
 * Ranking by a history: accuracies best when highest, losses and error metrics best when lowest,
 * ties in their order, runs without a finite value last.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { higherIsBetter, missingFix, plannedMetrics, rankableMetrics, rankBy } from '../../src/report/metric-choice.js';
import { summarize } from '../../src/report/summary.js';
import type { RunRecord } from '../../src/training/record.js';

/** The fields summarize reads, for a run at `batchSize` with these histories. */
function run(batchSize: number, history: Record<string, number[]>): RunRecord {
  return {
    config: { batchSize, learningRate: 0.01, seed: 1 },
    samples: { train: 8 },
    stepsPerEpoch: Math.ceil(8 / batchSize),
    updates: 1,
    history: { loss: [1, 0.5], ...history },
    endLoss: 0.4,
    timings: null,
    stopped: null,
  } as unknown as RunRecord;
}

const runs = [
  run(1, { loss: [1, 0.3], val_loss: [1, 0.6], accuracy: [0.5, 0.8], val_accuracy: [0.5, 0.7] }),
  run(4, { loss: [1, 0.2], val_loss: [1, 0.4], accuracy: [0.5, 0.9], val_accuracy: [0.5, 0.9] }),
  run(8, { loss: [1, 0.5], val_loss: [1, NaN], accuracy: [0.5, 0.6], val_accuracy: [0.5, 0.95] }),
];
const summary = summarize(runs);

test('accuracies are better higher; losses, mae and mse lower', () => {
  for (const name of ['accuracy', 'val_accuracy', 'sparse_categorical_accuracy', 'val_binary_accuracy']) assert.equal(higherIsBetter(name), true, name);
  for (const name of ['loss', 'val_loss', 'mae', 'val_mse']) assert.equal(higherIsBetter(name), false, name);
});

test('rows rank best first: highest val_accuracy, lowest loss; a NaN value goes last', () => {
  assert.deepEqual(rankBy(summary, 'val_accuracy').map((s) => s.batchSize), [8, 4, 1]);
  assert.deepEqual(rankBy(summary, 'accuracy').map((s) => s.batchSize), [4, 1, 8]);
  assert.deepEqual(rankBy(summary, 'loss').map((s) => s.batchSize), [4, 1, 8]);
  assert.deepEqual(rankBy(summary, 'val_loss').map((s) => s.batchSize), [4, 1, 8]);
});

test('ties keep the order trained', () => {
  const tied = summarize([run(2, { accuracy: [0.5] }), run(3, { accuracy: [0.5] }), run(1, { accuracy: [0.7] })]);
  assert.deepEqual(rankBy(tied, 'accuracy').map((s) => s.batchSize), [1, 2, 3]);
});

test('the histories a summary keeps: last-epoch mean over seeds and the mean curve', () => {
  const seeds = summarize([run(4, { accuracy: [0.25, 0.5] }), run(4, { accuracy: [0.75, 1] })]);
  assert.deepEqual(seeds[0].histories.accuracy.final.mean, 0.75);
  assert.deepEqual(seeds[0].histories.accuracy.curve.map((c) => c.mean), [0.5, 0.75]);
  assert.deepEqual(rankableMetrics(summary), ['loss', 'accuracy', 'val_loss', 'val_accuracy']);
});

test('planned histories and the fix a missing one needs', () => {
  assert.deepEqual(plannedMetrics(['accuracy'], true), ['loss', 'accuracy', 'val_loss', 'val_accuracy']);
  assert.deepEqual(plannedMetrics([], false), ['loss']);
  assert.equal(missingFix('val_accuracy', ['loss', 'accuracy']), 'validation');
  assert.equal(missingFix('accuracy', ['loss']), 'metrics');
  assert.equal(missingFix('val_accuracy', ['loss']), 'metrics');
  assert.equal(missingFix('speed', ['loss']), null);
});
