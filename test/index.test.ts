import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as batchsim from '../src/index.js';

test('the library API trains the reference run without the CLI', async () => {
  const { Sequential, createOptimizer, optimizerConfig, fit, sampleDataset } = batchsim;
  const model = new Sequential({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }] });
  model.setWeights([[[0.5]], [0]]);
  const optimizer = createOptimizer(optimizerConfig('adam'), model.params.length);
  const result = await fit(model, optimizer, sampleDataset(), { batchSize: 3, epochs: 2, loss: 'mae', shuffle: false, seed: 1 });
  assert.equal(result.history.loss[0].toFixed(4), '1.7470');
  assert.equal(result.history.loss[1].toFixed(4), '1.7385');
});

test('the library exports comparisons, synthetic data and the run helpers, and nothing from the CLI', () => {
  for (const name of ['planComparison', 'runComparison', 'syntheticDataset', 'trainRun', 'initialWeights', 'stepsPerEpoch', 'batchSizes', 'terminateOnNaN', 'runRecord', 'summarize', 'xOf']) {
    assert.equal(typeof (batchsim as Record<string, unknown>)[name], 'function', name);
  }
  for (const name of ['run', 'createProgram', 'trainAction']) assert.equal((batchsim as Record<string, unknown>)[name], undefined, name);
});
