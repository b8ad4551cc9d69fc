/**
 * batchsim against real Keras: the golden fixtures in test/fixtures/keras/runs.json were made by
 * scripts/keras-fixtures.py (`npm run fixtures:keras`) with Keras 3 on TensorFlow. Each run is
 * replayed here from the same data and initial weights without shuffling.
 *
 * Targets on every run Keras itself is stable on (float32 and float64 agree within 1e-6): each
 * epoch's loss and val_loss within 1e-5 relative, the final weights within 1e-4 relative (with a
 * 1e-3 floor on the denominator), and every loss and val_loss printed with 4 decimals exactly as
 * Keras prints it. Runs where Keras is not stable are held to 1e-3: there the last digits of
 * Keras's own float32 result are at the mercy of rounding.
 *
 * When BATCHSIM_KERAS_PYTHON names a Python with Keras, a live test regenerates a few runs with
 * it and holds batchsim to the same targets.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTIVATIONS } from '../../src/core/activations.js';
import { CROSSENTROPY_LOSSES, REGRESSION_LOSSES } from '../../src/core/loss.js';
import { differences, LOSS_REL, readFixtures, replay, WEIGHT_REL, type KerasRun } from './keras-fixture.js';
import { tempFolder } from '../helpers/temp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = readFixtures(join(root, 'test', 'fixtures', 'keras', 'runs.json'));
const classification = readFixtures(join(root, 'test', 'fixtures', 'keras', 'classification.json'));
const UNSTABLE_REL = 1e-3;

async function check(run: KerasRun): Promise<{ loss: number; weights: number }> {
  const d = differences(run, await replay(run));
  assert.deepEqual(d.accuracy, [], `${run.id}: accuracy differs from Keras's`);
  const lossLimit = run.stable ? LOSS_REL : UNSTABLE_REL;
  const weightLimit = run.stable ? WEIGHT_REL : UNSTABLE_REL;
  assert.ok(d.loss <= lossLimit, `${run.id}: loss differs from Keras's by ${d.loss.toExponential(2)} relative (limit ${lossLimit})`);
  assert.ok(d.weights <= weightLimit, `${run.id}: weights differ from Keras's by ${d.weights.toExponential(2)} (limit ${weightLimit})`);
  if (run.stable) assert.deepEqual(d.printed, [], `${run.id}: printed losses differ`);
  return d;
}

describe('the Keras fixtures', () => {
  test('were made by Keras 3 on TensorFlow and cover what the command line offers', () => {
    assert.match(fixtures.keras, /^3\./);
    assert.match(fixtures.tensorflow, /^2\./);
    const runs = fixtures.runs;
    assert.ok(runs.length >= 100, `${runs.length} runs`);
    assert.ok(runs.filter((r) => r.stable).length >= 100, 'at least 100 stable runs');
    const has = (what: string, p: (r: KerasRun) => boolean): void => assert.ok(runs.some(p), what);
    for (const loss of REGRESSION_LOSSES) has(loss, (r) => r.loss === loss);
    for (const activation of ACTIVATIONS.filter((a) => a !== 'softmax')) has(activation, (r) => r.layers.some((l) => l.activation === activation));
    has('adam', (r) => r.optimizer.name === 'adam');
    has('sgd', (r) => r.optimizer.name === 'sgd' && !r.optimizer.momentum);
    has('sgd with momentum', (r) => r.optimizer.name === 'sgd' && !!r.optimizer.momentum && !r.optimizer.nesterov);
    has('sgd with nesterov', (r) => r.optimizer.name === 'sgd' && r.optimizer.nesterov === true);
    has('rmsprop', (r) => r.optimizer.name === 'rmsprop' && !r.optimizer.momentum);
    has('rmsprop with momentum', (r) => r.optimizer.name === 'rmsprop' && !!r.optimizer.momentum);
    const trainRows = (r: KerasRun): number => {
      const n = r.y.length / r.layers.at(-1)!.units;
      return Math.floor(n * (1 - r.validationSplit));
    };
    has('batch size 1', (r) => r.batchSize === 1);
    has('a batch larger than the data', (r) => r.batchSize > trainRows(r));
    has('a short last batch', (r) => trainRows(r) % r.batchSize !== 0 && r.batchSize < trainRows(r));
    has('a validation split', (r) => r.validationSplit > 0 && r.keras.valLoss !== undefined);
    has('several outputs', (r) => r.layers.at(-1)!.units > 1);
    has('a deep stack', (r) => r.layers.length >= 4);
    has('thousands of Adam steps', (r) => r.optimizer.name === 'adam' && r.epochs * Math.ceil(trainRows(r) / r.batchSize) >= 3000);
    has("the seed's run from W = 1.3 at batch 1", (r) => r.id.startsWith('seed/W1.3/b1/'));
  });

  test('every run trains in batchsim to Keras\'s numbers', async (t) => {
    let worstLoss = 0;
    let worstWeights = 0;
    for (const run of fixtures.runs) {
      const d = await check(run);
      worstLoss = Math.max(worstLoss, d.loss);
      worstWeights = Math.max(worstWeights, d.weights);
    }
    t.diagnostic(`worst loss/val_loss ${worstLoss.toExponential(2)} relative, worst weight ${worstWeights.toExponential(2)}`);
  });
});

describe('the Keras classification fixtures', () => {
  const runs = classification.runs;
  test('cover every crossentropy after softmax, sigmoid and relu outputs, with accuracy and validation', () => {
    assert.match(classification.keras, /^3\./);
    assert.ok(runs.length >= 20, `${runs.length} runs`);
    const has = (what: string, p: (r: KerasRun) => boolean): void => assert.ok(runs.some(p), what);
    const output = (r: KerasRun): string => r.layers.at(-1)!.activation;
    for (const loss of CROSSENTROPY_LOSSES) {
      for (const activation of ['softmax', 'sigmoid', 'relu']) {
        if (loss === 'sparse_categorical_crossentropy' && activation === 'sigmoid') continue;
        has(`${loss} after ${activation}`, (r) => r.loss === loss && output(r) === activation);
      }
      has(`${loss} at batch size 1`, (r) => r.loss === loss && r.batchSize === 1);
      has(`${loss} on the full batch`, (r) => r.loss === loss && r.batchSize * (1 - r.validationSplit) >= r.y.length / (loss === 'sparse_categorical_crossentropy' ? 1 : r.layers.at(-1)!.units));
      has(`${loss} with a validation split`, (r) => r.loss === loss && r.keras.valAccuracy !== undefined);
    }
    has('adam', (r) => r.optimizer.name === 'adam');
    has('sgd', (r) => r.optimizer.name === 'sgd');
    assert.ok(runs.every((r) => r.keras.accuracy !== undefined && r.keras.accuracy.length === r.epochs), 'every run has accuracy per epoch');
  });

  test("every run trains in batchsim to Keras's loss, val_loss and weights, and exactly its accuracy and val_accuracy", async (t) => {
    let worstLoss = 0;
    let worstWeights = 0;
    for (const run of runs) {
      const d = await check(run);
      if (!run.stable) continue;
      worstLoss = Math.max(worstLoss, d.loss);
      worstWeights = Math.max(worstWeights, d.weights);
    }
    t.diagnostic(`stable runs: worst loss/val_loss ${worstLoss.toExponential(2)} relative, worst weight ${worstWeights.toExponential(2)}`);
  });
});

const python = process.env.BATCHSIM_KERAS_PYTHON;
// Only defined when a Keras is at hand: `npm test` itself needs no Python.
if (python) describe('live against the local Keras', () => {
  test("the seed's runs, regenerated now, match batchsim", async () => {
    const out = join(tempFolder('keras-live').dir, 'runs.json');
    execFileSync(python!, [join(root, 'scripts', 'keras-fixtures.py'), '--only', 'seed/W1.3', '--out', out], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const live = readFixtures(out);
    assert.ok(live.runs.length > 0);
    for (const run of live.runs) await check(run);
  });
});
