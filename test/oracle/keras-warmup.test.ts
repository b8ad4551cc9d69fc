/**
 * The learning-rate warm-up against real Keras 3.15 (test/fixtures/keras/warmup.json, written by
 * scripts/keras-warmup-fixtures.py with the LearningRateSchedule `train --emit-keras` writes):
 * every epoch's loss within 1e-5 relative and the final weights within 1e-4, as the rest of the
 * Keras fixtures, and the scaled rate itself computed as Keras's script computes it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Sequential, type LayerSpec } from '../../src/core/model.js';
import { createOptimizer, optimizerConfig, type OptimizerName } from '../../src/core/optimizers.js';
import type { LossName } from '../../src/core/loss.js';
import { fit } from '../../src/training/fit.js';
import { scaledLearningRate } from '../../src/training/lr-scaling.js';
import { LOSS_REL, WEIGHT_FLOOR, WEIGHT_REL } from './keras-fixture.js';

interface WarmUpRun {
  id: string;
  inputSize: number;
  layers: LayerSpec[];
  loss: LossName;
  optimizer: { name: OptimizerName; learningRate: number };
  warmUp: { fromLearningRate: number; epochs: number; steps: number };
  batchSize: number;
  epochs: number;
  x: number[];
  y: number[];
  initialWeights: number[];
  keras: { loss: number[]; weights: number[] };
}

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/keras/warmup.json', import.meta.url), 'utf8')) as { runs: WarmUpRun[] };

async function replay(run: WarmUpRun, warm: boolean): Promise<{ loss: number[]; weights: number[] }> {
  const model = new Sequential({ inputSize: run.inputSize, layers: run.layers });
  model.params.set(run.initialWeights);
  const optimizer = createOptimizer(optimizerConfig(run.optimizer.name, { learningRate: run.optimizer.learningRate }), model.params.length);
  const outputs = run.layers.at(-1)!.units;
  const samples = run.x.length / run.inputSize;
  const data = { x: Float32Array.from(run.x), y: Float32Array.from(run.y), samples, features: run.inputSize, outputs };
  const result = await fit(model, optimizer, data, {
    batchSize: run.batchSize,
    epochs: run.epochs,
    loss: run.loss,
    shuffle: false,
    seed: 1,
    warmUp: warm ? { fromLearningRate: run.warmUp.fromLearningRate, epochs: run.warmUp.epochs } : null,
  });
  return { loss: result.history.loss, weights: Array.from(model.params) };
}

test('the fixtures cover every optimizer and both scaling rules', () => {
  assert.deepEqual([...new Set(fixtures.runs.map((r) => r.optimizer.name))].sort(), ['adam', 'rmsprop', 'sgd']);
  assert.ok(fixtures.runs.some((r) => r.id.includes('/linear/')) && fixtures.runs.some((r) => r.id.includes('/sqrt/')));
});

for (const run of fixtures.runs) {
  test(`warm-up ${run.id}: batchsim matches Keras epoch by epoch`, async () => {
    // The scaled rate, from the id's rule, base batch size and the base rate.
    const [, rule, shape] = run.id.split('/');
    const base = Number(/from(\d+)/.exec(shape)![1]);
    assert.equal(scaledLearningRate(run.warmUp.fromLearningRate, run.batchSize, base, rule as 'linear' | 'sqrt'), run.optimizer.learningRate);
    const ours = await replay(run, true);
    run.keras.loss.forEach((k, e) => {
      const rel = Math.abs(ours.loss[e] - k) / Math.abs(k);
      assert.ok(rel <= LOSS_REL, `epoch ${e + 1}: loss ${ours.loss[e]} vs Keras ${k} (relative ${rel.toExponential(2)})`);
    });
    run.keras.weights.forEach((k, i) => {
      const rel = Math.abs(ours.weights[i] - k) / Math.max(Math.abs(k), WEIGHT_FLOOR);
      assert.ok(rel <= WEIGHT_REL, `weight ${i}: ${ours.weights[i]} vs Keras ${k}`);
    });
    // Without the warm-up the first epoch is visibly different: the fixture does test the ramp.
    const plain = await replay(run, false);
    assert.ok(Math.abs(plain.loss[1] - run.keras.loss[1]) / Math.abs(run.keras.loss[1]) > 1e-4, 'the warm-up changes the losses');
  });
}
