/**
 * The data side against real Keras 3 (test/fixtures/keras/datasets.json, from
 * scripts/keras-datasets.py): --standardize's features against a Normalization layer adapted on
 * the training part, a short training run on them, and the held-out test part's loss against
 * model.evaluate.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { LossName } from '../../src/core/loss.js';
import type { MetricName } from '../../src/core/metrics.js';
import type { KerasWeights, LayerSpec } from '../../src/core/model.js';
import { adaptNormalization, normalize } from '../../src/core/normalization.js';
import { optimizerConfig, type OptimizerName } from '../../src/core/optimizers.js';
import { loadEmbeddedDataset } from '../../src/io/datasets.js';
import { splitTest, trainSampleCount } from '../../src/training/dataset.js';
import { evaluateAt, trainRun } from '../../src/training/run.js';

interface Case {
  id: string;
  dataset: string;
  target: string;
  layers: LayerSpec[];
  loss: LossName;
  optimizer: { name: OptimizerName; learningRate: number };
  batchSize: number;
  epochs: number;
  testSplit: number;
  validationSplit: number;
  metrics?: MetricName[];
  initialWeights: KerasWeights;
  keras: {
    mean: number[];
    variance: number[];
    normalized: number[];
    normalizedTest: number[];
    loss: number[];
    valLoss: number[];
    testLoss: number;
    testAccuracy: number | null;
    accuracy: number[];
    valAccuracy: number[];
    weights: KerasWeights;
  };
}

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/keras/datasets.json', import.meta.url), 'utf8')) as { runs: Case[] };

function relative(a: number, b: number, floor = 1e-12): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), floor);
}

function worst(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-12): number {
  assert.equal(actual.length, expected.length);
  let most = 0;
  for (let i = 0; i < expected.length; i++) most = Math.max(most, relative(actual[i], expected[i], floor));
  return most;
}

for (const run of fixtures.runs) {
  test(`${run.id}: --standardize, training and the test part as real Keras`, async () => {
    const all = loadEmbeddedDataset(run.dataset, [run.target]);
    const parts = splitTest(all, run.testSplit)!;
    const trainRows = trainSampleCount(parts.fit.samples, run.validationSplit);
    const norm = adaptNormalization(parts.fit.x, parts.fit.features, trainRows);
    // Bit for bit: the same float32 sums in the same order as NumPy's, the same float32 call.
    assert.deepEqual(norm.mean, run.keras.mean);
    assert.deepEqual(norm.variance, run.keras.variance);
    const x = normalize(parts.fit.x, parts.fit.features, norm);
    const xTest = normalize(parts.test.x, parts.test.features, norm);
    assert.deepEqual(Array.from(x), run.keras.normalized);
    assert.deepEqual(Array.from(xTest), run.keras.normalizedTest);

    const config = {
      layers: run.layers,
      loss: run.loss,
      optimizer: optimizerConfig(run.optimizer.name, { learningRate: run.optimizer.learningRate }),
      batchSize: run.batchSize,
      epochs: run.epochs,
      shuffle: false,
      seed: 1,
      validationSplit: run.validationSplit,
      metrics: run.metrics ?? [],
    };
    const result = await trainRun({ ...parts.fit, x }, config, run.initialWeights);
    assert.ok(worst(result.history.loss, run.keras.loss) < 1e-5, `loss ${result.history.loss} vs ${run.keras.loss}`);
    assert.ok(worst(result.history.val_loss!, run.keras.valLoss) < 1e-5, `val_loss ${result.history.val_loss} vs ${run.keras.valLoss}`);
    const evaluation = evaluateAt({ ...parts.test, x: xTest }, run.layers, run.loss, result.weights.final, run.metrics ?? []);
    assert.ok(relative(evaluation.loss, run.keras.testLoss) < 1e-5, `test loss ${evaluation.loss} vs ${run.keras.testLoss}`);
    if (run.keras.testAccuracy !== null) {
      // Accuracy is a count over a float32 total: identical, not close.
      assert.deepEqual(result.history.accuracy, run.keras.accuracy);
      assert.deepEqual(result.history.val_accuracy, run.keras.valAccuracy);
      assert.deepEqual(evaluation.metrics, [['accuracy', run.keras.testAccuracy]]);
    }
  });
}

test('the fixtures include a classification run with accuracy', () => {
  assert.ok(fixtures.runs.some((run) => run.keras.testAccuracy !== null));
});

test('the test part is the last rows and the validation part the end of the rest: [train | validation | test]', () => {
  const all = loadEmbeddedDataset('auto-mpg');
  const parts = splitTest(all, 0.2)!;
  assert.equal(parts.fit.samples, 313);
  assert.equal(parts.test.samples, 79);
  assert.deepEqual(Array.from(parts.test.x.subarray(0, 7)), Array.from(all.x.subarray(313 * 7, 314 * 7)));
});
