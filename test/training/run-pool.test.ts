/**
 * Runs that share a WasmKernelsPool (a sweep worker's) give the results of runs with fresh
 * WebAssembly instances, bit for bit, whatever ran before them: other architectures, other batch
 * sizes, other optimizers, and memories left full of garbage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WasmKernelsPool } from '../../src/core/kernels-wasm.js';
import type { LossName } from '../../src/core/loss.js';
import { optimizerConfig } from '../../src/core/optimizers.js';
import { createRandom } from '../../src/core/random.js';
import type { Dataset } from '../../src/training/dataset.js';
import { trainRun, type RunConfig } from '../../src/training/run.js';
import type { ActivationName } from '../../src/core/activations.js';

function dataset(samples: number, features: number, outputs: number, classes: number | null): Dataset {
  const random = createRandom(5, 'data');
  const x = Float32Array.from({ length: samples * features }, () => 2 * random.next() - 1);
  const y = Float32Array.from({ length: samples * outputs }, (_, i) => (classes === null ? Math.sin(x[i % x.length] * 3) : i % classes));
  return { x, y, samples, features, outputs };
}

const regression = dataset(40, 3, 1, null);
const classes = dataset(30, 3, 1, 3);

type Case = { layers: Array<[number, ActivationName]>; loss: LossName; optimizer: 'adam' | 'sgd' | 'rmsprop'; batchSize: number; validationSplit: number; data: Dataset };
const CASES: Case[] = [
  { layers: [[32, 'tanh'], [16, 'tanh'], [1, 'linear']], loss: 'mse', optimizer: 'adam', batchSize: 8, validationSplit: 0, data: regression },
  { layers: [[1, 'linear']], loss: 'mae', optimizer: 'adam', batchSize: 3, validationSplit: 0.25, data: regression },
  { layers: [[8, 'relu'], [3, 'softmax']], loss: 'sparse_categorical_crossentropy', optimizer: 'adam', batchSize: 1, validationSplit: 0.2, data: classes },
  { layers: [[5, 'sigmoid'], [2, 'relu'], [1, 'linear']], loss: 'huber', optimizer: 'rmsprop', batchSize: 40, validationSplit: 0, data: regression },
  { layers: [[64, 'relu'], [1, 'linear']], loss: 'mse', optimizer: 'adam', batchSize: 64, validationSplit: 0, data: regression },
  { layers: [[4, 'tanh'], [1, 'linear']], loss: 'mse', optimizer: 'sgd', batchSize: 2, validationSplit: 0.1, data: regression },
  { layers: [[6, 'relu'], [3, 'softmax']], loss: 'sparse_categorical_crossentropy', optimizer: 'adam', batchSize: 7, validationSplit: 0, data: classes },
];

const config = (c: Case, seed: number): RunConfig => ({
  layers: c.layers.map(([units, activation]) => ({ units, activation })),
  loss: c.loss,
  optimizer: optimizerConfig(c.optimizer, { learningRate: 0.01 }),
  batchSize: c.batchSize,
  epochs: 3,
  shuffle: true,
  seed,
  validationSplit: c.validationSplit,
  evaluateEndLoss: true,
});

test('runs sharing a pool of WebAssembly instances give the bits of runs with fresh ones', async () => {
  const pool = new WasmKernelsPool();
  // Twice through the cases, so that every run takes instances another shape used before.
  for (const seed of [1, 2]) {
    for (const c of CASES) {
      // Instances left idle full of garbage (NaN floats): the next run must not see it.
      const garbage = [pool.take(1 << 16), pool.take(1 << 12)];
      for (const kernels of garbage) new Uint8Array(kernels!.memory.buffer).fill(0xff);
      pool.release();
      const fresh = await trainRun(c.data, config(c, seed), null);
      const pooled = await trainRun(c.data, config(c, seed), null, [], undefined, pool);
      assert.deepEqual(pooled, fresh, `${JSON.stringify(c.layers)} ${c.optimizer} batch ${c.batchSize} seed ${seed}`);
      assert.ok(pooled.history.loss.every(Number.isFinite));
    }
  }
  // The instances were reused, not made afresh for every run.
  assert.ok(pool.size <= 4, `${pool.size} instances for ${2 * CASES.length} runs`);
});

test('given weights, a pooled run starts from them and ends as a fresh one does', async () => {
  const pool = new WasmKernelsPool();
  const c = CASES[0];
  const first = await trainRun(c.data, config(c, 3), null, [], undefined, pool);
  const fresh = await trainRun(c.data, config(c, 4), first.weights.final);
  const pooled = await trainRun(c.data, config(c, 4), first.weights.final, [], undefined, pool);
  assert.deepEqual(pooled.weights.initial, first.weights.final);
  assert.deepEqual(pooled, fresh);
});

test('a pool hands out a zeroed memory at least as large as asked, the smallest idle one first', () => {
  const pool = new WasmKernelsPool();
  const big = pool.take(200_000)!;
  const small = pool.take(100)!;
  assert.ok(big.memory.buffer.byteLength >= 200_000);
  new Uint8Array(big.memory.buffer).fill(7);
  new Uint8Array(small.memory.buffer).fill(7);
  // Both are in use: a third is made.
  assert.notEqual(pool.take(100), small);
  assert.equal(pool.size, 3);
  pool.release();
  const again = pool.take(100)!;
  assert.ok(again !== big, 'the smallest idle memory that fits');
  assert.ok(new Uint8Array(again.memory.buffer).every((b) => b === 0));
  const large = pool.take(150_000)!;
  assert.equal(large, big);
  assert.ok(new Uint8Array(large.memory.buffer).every((b) => b === 0));
  assert.equal(pool.size, 3);
});
