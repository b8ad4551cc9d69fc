import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig } from '../../src/core/optimizers.js';
import { sampleDataset } from '../../src/training/dataset.js';
import { fit, type FitOptions } from '../../src/training/fit.js';

async function run(options: Partial<FitOptions>, onPlan?: (epoch: number, order: Uint32Array | null) => void) {
  const model = new Sequential({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }] });
  model.setWeights([[[0.5]], [0]]);
  const optimizer = createOptimizer(optimizerConfig('adam'), model.params.length);
  const result = await fit(
    model,
    optimizer,
    sampleDataset(),
    { batchSize: 3, epochs: 2, loss: 'mae', shuffle: false, seed: 1, ...options },
    onPlan ? [{ onEpochPlan: (epoch, order) => onPlan(epoch, order && Uint32Array.from(order)) }] : [],
  );
  return { result, model };
}

test('end_loss is the loss on all training samples at the end-of-epoch weights', async () => {
  const { result, model } = await run({ epochs: 1, evaluateEndLoss: true });
  // With one epoch, the end-of-epoch weights are the final weights.
  const [[[w]], [b]] = model.getWeights() as [number[][], number[]];
  const expected = [1, 2, 3, 4, 5, 6].reduce((sum, x) => sum + Math.abs(Math.fround(w * x + b) - x), 0) / 6;
  assert.ok(Math.abs(result.history.end_loss![0] - expected) < 1e-6, `${result.history.end_loss![0]} vs ${expected}`);
  // and it differs from the logged running mean, which mixes losses from before each update
  assert.notEqual(result.history.end_loss![0], result.history.loss[0]);
});

test('end_loss is absent unless asked for', async () => {
  const { result } = await run({});
  assert.equal(result.history.end_loss, undefined);
});

test('each epoch announces its sample order: null in order, a fresh permutation when shuffling', async () => {
  const plans: Array<[number, Uint32Array | null]> = [];
  await run({ epochs: 3 }, (epoch, order) => plans.push([epoch, order]));
  assert.deepEqual(plans, [[0, null], [1, null], [2, null]]);

  const shuffled: Uint32Array[] = [];
  await run({ epochs: 3, shuffle: true, seed: 5 }, (_epoch, order) => shuffled.push(order!));
  assert.equal(shuffled.length, 3);
  for (const order of shuffled) assert.deepEqual([...order].sort(), [0, 1, 2, 3, 4, 5]);
  assert.ok(shuffled.some((o) => o.join() !== shuffled[0].join()), 'the order changes between epochs');
});
