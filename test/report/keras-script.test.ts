import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { optimizerConfig } from '../../src/core/optimizers.js';
import { csvLogText } from '../../src/report/csv-log.js';
import { kerasScript, type KerasScriptInput } from '../../src/report/keras-script.js';
import { sampleDataset } from '../../src/training/dataset.js';

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

const base: KerasScriptInput = {
  data: sampleDataset(),
  dataName: 'the embedded sample',
  layers: [
    { units: 2, activation: 'relu' },
    { units: 1, activation: 'linear' },
  ],
  weights: [[[0.5, -0.25]], [0, 0], [[1.5], [Math.fround(0.1)]], [0]],
  optimizer: optimizerConfig('adam'),
  loss: 'mae',
  batchSize: 3,
  epochs: 10,
  shuffle: false,
  validationSplit: 0,
  version: '0.1.0',
};

test('the Keras script sets the exact weights, optimizer, loss and fit arguments', () => {
  const script = kerasScript(base);
  assert.match(script, /^x = np\.array\(\[\[1\.0\], \[2\.0\], \[3\.0\], \[4\.0\], \[5\.0\], \[6\.0\]\], dtype="float32"\)$/m);
  assert.match(script, /keras\.layers\.Dense\(2, activation="relu"\)/);
  assert.match(script, /np\.array\(\[\[0\.5, -0\.25\]\], dtype="float32"\)/);
  assert.match(script, /np\.array\(\[\[1\.5\], \[0\.10000000149011612\]\], dtype="float32"\)/); // 0.1 as float32, exactly
  assert.match(script, /keras\.optimizers\.Adam\(learning_rate=0\.001, beta_1=0\.9, beta_2=0\.999, epsilon=1e-07\)/);
  assert.match(script, /history = model\.fit\(x, y, batch_size=3, epochs=10, shuffle=False, verbose=1\)/);
  assert.doesNotMatch(script, /validation_split/);
});

test('every optimizer and loss is spelled as Keras spells it', () => {
  const sgd = kerasScript({ ...base, optimizer: optimizerConfig('sgd', { momentum: 0.9, nesterov: true }), loss: 'huber', shuffle: true, validationSplit: 0.25 });
  assert.match(sgd, /keras\.optimizers\.SGD\(learning_rate=0\.01, momentum=0\.9, nesterov=True\)/);
  assert.match(sgd, /loss=keras\.losses\.Huber\(delta=1\.0\)/);
  assert.match(sgd, /shuffle=True, validation_split=0\.25/);
  assert.match(sgd, /Run batchsim with --no-shuffle for an exact match/);
  const rms = kerasScript({ ...base, optimizer: optimizerConfig('rmsprop'), loss: 'mse' });
  assert.match(rms, /keras\.optimizers\.RMSprop\(learning_rate=0\.001, rho=0\.9, momentum=0\.0, epsilon=1e-07\)/);
  assert.match(rms, /loss="mse"/);
});

test('the Keras script is valid Python', { skip: python === null ? 'python3 is not installed: the script was not parsed' : false }, () => {
  for (const input of [base, { ...base, optimizer: optimizerConfig('sgd'), loss: 'huber' as const, shuffle: true, validationSplit: 0.5 }]) {
    const parsed = spawnSync(python!, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: kerasScript(input) });
    assert.equal(parsed.status, 0, parsed.stderr.toString());
  }
});

test('the CSV log has Keras CSVLogger rows: 0-based epochs, sorted keys, Python floats', () => {
  const text = csvLogText({ epoch: [0, 1], loss: [1.75, 1.7455000162124634], val_loss: [2, 1e-5] });
  assert.equal(text, 'epoch,loss,val_loss\n0,1.75,2.0\n1,1.7455000162124634,1e-05\n');
  const withEnd = csvLogText({ epoch: [0], loss: [1], end_loss: [0.5] });
  assert.equal(withEnd, 'epoch,end_loss,loss\n0,0.5,1.0\n');
});

test('the script compares loss, val_loss and the final weights with batchsim\'s and fails beyond the tolerances', () => {
  const script = kerasScript({
    ...base,
    validationSplit: 0.5,
    batchsimLoss: [1.5, 1.25],
    batchsimValLoss: [2, 1.75],
    batchsimWeights: [0.5, -0.25, 0, 0, 1.5, 0.1, 0],
  });
  assert.match(script, /^batchsim_val_loss = \[2\.0, 1\.75\]$/m);
  assert.match(script, /^batchsim_weights = \[0\.5, -0\.25, 0\.0, 0\.0, 1\.5, 0\.1, 0\.0\]$/m);
  assert.match(script, /limits = \{"loss": 1e-05, "val_loss": 1e-05, "test_loss": 1e-05, "weights": 0\.0001\}/);
  assert.match(script, /^ {4}sys\.exit\(1\)$/m);
  const shuffled = kerasScript({ ...base, shuffle: true, batchsimLoss: [1.5], batchsimWeights: [0] });
  assert.match(shuffled, /the differences are not checked/);
  assert.doesNotMatch(shuffled, /sys\.exit\(1\)/);
});

// Only defined when a Python with Keras is named: `npm test` itself needs no Python.
const kerasPython = process.env.BATCHSIM_KERAS_PYTHON;
if (kerasPython) {
  test('run with real Keras, the emitted script passes, and fails once batchsim\'s numbers are off', async () => {
    const { runCli } = await import('../helpers/fake-io.js');
    const emitted = await runCli(['--emit-keras', '--synthetic', 'sine', '--samples', '60', '--layers', '4:tanh,1', '-b', '7', '-e', '3', '--no-shuffle', '--validation-split', '0.2']);
    assert.equal(emitted.code, 0, emitted.stderr);
    const ok = spawnSync(kerasPython, ['-'], { input: emitted.stdout, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
    assert.equal(ok.status, 0, ok.stdout.toString() + ok.stderr.toString());
    assert.match(ok.stdout.toString(), /largest val_loss difference: .* relative \(tolerance 1e-05\)/);
    const off = emitted.stdout.replace(/^batchsim_weights = \[/m, 'batchsim_weights = [0.5 + ');
    const bad = spawnSync(kerasPython, ['-'], { input: off, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
    assert.equal(bad.status, 1, bad.stdout.toString());
    assert.match(bad.stdout.toString(), /differ beyond the tolerance in: weights/);
  });
}
