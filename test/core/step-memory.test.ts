import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig } from '../../src/core/optimizers.js';
import { stepMemory } from '../../src/core/step-memory.js';

// 64 features → Dense(32, relu) → Dense(10): P = 65·32 + 33·10 = 2080 + 330 = 2410.
const digits = { inputSize: 64, layers: [{ units: 32, activation: 'relu' as const }, { units: 10, activation: 'linear' as const }] };

test('a step of 16 samples through 64 → 32 → 10 with Adam, counted by hand', () => {
  const m = stepMemory(digits, 16, optimizerConfig('adam'));
  assert.equal(m.activations, 16 * (32 + 10) * 4); // 2,688
  assert.equal(m.deltas, 16 * (32 + 10) * 4);
  assert.equal(m.parameters, 2410 * 4);
  assert.equal(m.gradients, 2410 * 4);
  assert.equal(m.optimizer, 2 * 2410 * 4);
  assert.equal(m.batch, 16 * (64 + 10) * 4);
  assert.equal(m.total, 2688 + 2688 + 9640 + 9640 + 19280 + 4736);
});

test('optimizer state: plain SGD keeps none, momentum one slot, RMSprop one or two, Adam two', () => {
  const one = { inputSize: 1, layers: [{ units: 1, activation: 'linear' as const }] }; // P = 2
  assert.equal(stepMemory(one, 1, optimizerConfig('sgd')).optimizer, 0);
  assert.equal(stepMemory(one, 1, optimizerConfig('sgd', { momentum: 0.9 })).optimizer, 8);
  assert.equal(stepMemory(one, 1, optimizerConfig('rmsprop')).optimizer, 8);
  assert.equal(stepMemory(one, 1, optimizerConfig('rmsprop', { momentum: 0.5 })).optimizer, 16);
  assert.equal(stepMemory(one, 1, optimizerConfig('adam')).optimizer, 16);
});

test('only activations, deltas and the gathered batch grow with the batch size; unshuffled batches gather nothing', () => {
  const a = stepMemory(digits, 8, optimizerConfig('sgd'));
  const b = stepMemory(digits, 16, optimizerConfig('sgd'));
  assert.equal(b.activations, 2 * a.activations);
  assert.equal(b.batch, 2 * a.batch);
  assert.equal(b.parameters, a.parameters);
  assert.equal(stepMemory(digits, 8, optimizerConfig('sgd'), false).batch, 0);
  assert.throws(() => stepMemory(digits, 0, optimizerConfig('sgd')), RangeError);
});

test('the count agrees with the buffers the model and the optimizer really allocate', () => {
  const model = new Sequential(digits, 16);
  const m = stepMemory(digits, 16, optimizerConfig('adam'));
  assert.equal(model.params.byteLength, m.parameters);
  assert.equal(model.grads.byteLength, m.gradients);
  // The model's activations and deltas: one buffer each per layer, 16 rows wide.
  const perLayer = (model as unknown as { outputs: Float32Array[]; deltas: Float32Array[] });
  assert.equal(perLayer.outputs.reduce((s, a) => s + a.byteLength, 0), m.activations);
  assert.equal(perLayer.deltas.reduce((s, a) => s + a.byteLength, 0), m.deltas);
  assert.ok(createOptimizer(optimizerConfig('adam'), model.params.length));
});
