import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-nan-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// sgd with lr 1e6 on mse overshoots more every step: on the sample (x = y = 1..6, batch 1, no
// shuffle) the running loss overflows float32 at batch 3 of epoch 1.
const diverging = ['--loss', 'mse', '--optimizer', 'sgd', '--lr', '1e6', '-b', '1', '-e', '3', '--no-shuffle', '--no-timings'];

test('a diverging run prints TerminateOnNaN\'s line, then the epoch\'s final line, and exits 3', async () => {
  const { code, stdout, stderr } = await runCli(diverging);
  assert.equal(code, 3);
  assert.equal(stderr, '');
  assert.deepEqual(stdout.trimEnd().split('\n'), [
    'Epoch 1/3',
    'Batch 3: Invalid loss, terminating training',
    '6/6 [==============================] - 0s 0s/step - loss: inf',
  ]);
});

test('with --json the history so far is kept, marked with where and why it stopped', async () => {
  const { code, stdout, stderr } = await runCli([...diverging, '--json']);
  assert.equal(code, 3);
  assert.equal(stderr, 'Batch 3: Invalid loss, terminating training\n');
  const doc = JSON.parse(stdout);
  assert.equal(doc.stopped, 'nan');
  assert.equal(doc.interrupted, false);
  assert.deepEqual(doc.diverged, { epoch: 1, batch: 3 });
  assert.deepEqual(doc.history.loss, [null]);
  assert.equal(doc.updates, 4);
});

test('a run that stays finite reports "diverged": null', async () => {
  const doc = JSON.parse((await runCli(['-b', '3', '-e', '2', '--json'])).stdout);
  assert.equal(doc.diverged, null);
});

test('adam moves each weight by about lr per step, so lr 1e6 stays finite; lr 1e20 overflows and stops', async () => {
  const finite = await runCli(['--loss', 'mse', '--lr', '1e6', '-e', '20', '--json']);
  assert.equal(finite.code, 0);
  assert.ok(JSON.parse(finite.stdout).history.loss.every((loss: number | null) => loss !== null && loss > 1));
  const overflow = await runCli(['--loss', 'mse', '--lr', '1e20', '-e', '20', '--json']);
  assert.equal(overflow.code, 3);
  assert.equal(JSON.parse(overflow.stdout).stopped, 'nan');
});

test('--on-nan continue trains every epoch as Keras does by default, warns once and still exits 3', async () => {
  const { code, stdout, stderr } = await runCli([...diverging, '--on-nan', 'continue']);
  assert.equal(code, 3);
  assert.deepEqual(stdout.trimEnd().split('\n'), [
    'Epoch 1/3',
    '6/6 [==============================] - 0s 0s/step - loss: inf',
    'Epoch 2/3',
    '6/6 [==============================] - 0s 0s/step - loss: nan',
    'Epoch 3/3',
    '6/6 [==============================] - 0s 0s/step - loss: nan',
  ]);
  assert.equal(stderr, 'warning: the loss became NaN or infinite in epoch 1, batch 3; training went on (--on-nan continue)\n');
});

test('--on-nan continue with --json has the whole history and no stop reason', async () => {
  const { code, stdout } = await runCli([...diverging, '--on-nan', 'continue', '--json']);
  assert.equal(code, 3);
  const doc = JSON.parse(stdout);
  assert.equal(doc.stopped, null);
  assert.deepEqual(doc.diverged, { epoch: 1, batch: 3 });
  assert.deepEqual(doc.history.loss, [null, null, null]);
  assert.equal(doc.updates, 18);
});

test('finite weights reached before the stop are saved; weights that became NaN are not', async () => {
  // Stopped at batch 3 the weights are huge but finite (the loss overflowed, not the weights).
  const stopped = join(dir, 'stopped.json');
  const first = await runCli([...diverging, '--save-weights', stopped, '--json']);
  assert.equal(first.code, 3);
  assert.deepEqual(JSON.parse(readFileSync(stopped, 'utf8')), JSON.parse(first.stdout).weights.final);
  // Trained on, they become NaN: no file, and stderr says why.
  const path = join(dir, 'w.json');
  const { code, stderr } = await runCli([...diverging, '--on-nan', 'continue', '--save-weights', path]);
  assert.equal(code, 3);
  assert.equal(existsSync(path), false);
  assert.match(stderr, /--save-weights: .*w\.json not written, the final weights are NaN or infinite/);
});

test('--verbose 0 prints nothing at all for a diverging run, and the exit code still tells', async () => {
  const { code, stdout, stderr } = await runCli([...diverging, '-v', '0']);
  assert.equal(code, 3);
  assert.equal(stdout, '');
  assert.equal(stderr, '');
});
