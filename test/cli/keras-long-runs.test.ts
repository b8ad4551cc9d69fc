/**
 * CLI commands with thousands of Adam steps against real Keras 3 (TensorFlow backend). The
 * fixture, test/fixtures/keras/long-runs.json, comes from scripts/keras-long-runs.mjs: Keras
 * starts from the initial weights batchsim draws for the command's seed and trains on the rows
 * in batchsim's order, epoch by epoch, so every difference is arithmetic.
 *
 * Tolerances: the logged loss within 2e-5 relative, the final weights within 2e-5 absolute (the
 * weights are of order 1). batchsim stays within 6.1e-6 (loss) and 3.8e-6 (weights) of Keras on
 * all three, while an Adam whose 1 − β2^t stops growing after step 356 logs 0.0980 instead of
 * 0.0871 in the first run's epoch 2, and one that adds ε to the bias-corrected sqrt(v̂) misses
 * the third run's epoch-7 loss by 5.8e-5 relative (1.2e-6 with ε where Keras puts it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tempFolder } from '../helpers/temp.js';
import { runCli } from '../helpers/fake-io.js';
import { flattenWeights } from '../core/reference.js';
import { fit, buildModel, createOptimizer, initialWeights, optimizerConfig, syntheticDataset } from '../../src/index.js';

interface Fixture {
  keras: string;
  tensorflow: string;
  runs: Array<{
    name: string;
    argv: string[];
    /** The initial weights are given with --weights rather than drawn from the seed. */
    weightsFile: boolean;
    initialWeights: (number[][] | number[])[];
    orders: number[][] | null;
    keras: { loss: number[]; finalWeights: (number[][] | number[])[]; iterations: number };
  }>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras/long-runs.json', import.meta.url), 'utf8')) as Fixture;
const folder = tempFolder('keras-long-runs');
const LOSS_REL = 2e-5;
const WEIGHT_ABS = 2e-5;

interface TrainJson {
  updates: number;
  history: { loss: number[] };
  weights: { initial: (number[][] | number[])[]; final: (number[][] | number[])[] };
}

test('the fixture holds three long runs, each well past step 356', () => {
  assert.equal(fixture.runs.length, 3);
  for (const run of fixture.runs) assert.ok(run.keras.iterations >= 1000, `${run.name}: ${run.keras.iterations} steps`);
});

for (const run of fixture.runs) {
  test(`train ${run.argv.join(' ')}${run.weightsFile ? ' --weights …' : ''}: every epoch's loss and the final weights match Keras ${fixture.keras}`, async () => {
    const weights = folder.file('weights.json', JSON.stringify(run.initialWeights));
    const { code, stdout, stderr } = await runCli([...run.argv, ...(run.weightsFile ? ['--weights', weights] : []), '--json', '--no-timings']);
    assert.equal(code, 0, stderr);
    const doc = JSON.parse(stdout) as TrainJson;
    // Same starting point as Keras, or the comparison means nothing.
    assert.deepEqual(flattenWeights(doc.weights.initial), flattenWeights(run.initialWeights).map(Math.fround));
    assert.equal(doc.updates, run.keras.iterations);
    assert.equal(doc.history.loss.length, run.keras.loss.length);
    doc.history.loss.forEach((loss, epoch) => {
      const keras = run.keras.loss[epoch];
      assert.ok(Math.abs(loss - keras) <= LOSS_REL * keras, `epoch ${epoch + 1}: batchsim logs ${loss}, Keras ${keras}`);
    });
    const final = flattenWeights(doc.weights.final);
    const keras = flattenWeights(run.keras.finalWeights);
    assert.equal(final.length, keras.length);
    final.forEach((w, i) => assert.ok(Math.abs(w - keras[i]) <= WEIGHT_ABS, `weight ${i}: batchsim ${w}, Keras ${keras[i]}`));
  });
}

test('the shuffled run\'s epochs visit the samples in the order the fixture gave Keras', async () => {
  // If this fails, batchsim's shuffling changed: regenerate the fixture (scripts/keras-long-runs.mjs).
  const run = fixture.runs.find((r) => r.orders !== null)!;
  const data = syntheticDataset({ kind: 'linear', samples: 1000, features: 1, noise: 0.1, seed: 42 });
  const layers = [{ units: 1, activation: 'linear' as const }];
  const model = buildModel(1, layers);
  model.setWeights(initialWeights(1, layers, 42));
  const orders: number[][] = [];
  await fit(model, createOptimizer(optimizerConfig('adam'), model.params.length), data, { batchSize: 1, epochs: 3, loss: 'mae', shuffle: true, seed: 42 }, [
    { onEpochPlan: (_epoch, order) => order && orders.push(Array.from(order)) },
  ]);
  assert.deepEqual(orders, run.orders);
});
