/**
 * The loss of an epoch that ends early, in each place a user reads it: the epoch's final
 * progress line, `--json`'s history and the `--csv-log` file. Keras ends an epoch stopped by
 * `model.stop_training` with the running mean over the batches that ran (keras/src/trainers/
 * epoch_iterator.py stops yielding, and the loss metric is a weighted Mean of what it saw).
 *
 * The runs start from W 0.5, b 0 on the sample data (x = y = 1..6), mae, batch 4, no shuffle.
 * Training gives the event loop its first turn right after step 1 (see the pacer in
 * src/training/run.ts), so a signal delivered there stops after exactly one batch:
 *   batch 0 (x 1..4): predictions 0.5, 1, 1.5, 2 → |e| 0.5, 1, 1.5, 2 → loss 1.25 over 4 samples.
 * Averaged over all 6 samples it would read 5/6 = 0.8333.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli, type FakeIo } from '../helpers/fake-io.js';
import { tempFolder } from '../helpers/temp.js';

const folder = tempFolder('stopped-epoch');
const weights = folder.file('w05.json', '[[[0.5]], [0]]');
const base = ['--weights', weights, '-b', '4', '-e', '3', '--no-shuffle', '--no-timings'];

/** Delivers the signal at the first event-loop turn of training, i.e. right after step 1. */
const atFirstTurn = (signal: 'SIGINT' | 'SIGTERM') => {
  let turns = 0;
  return (io: FakeIo) => {
    if (++turns === 1) io.interrupt(signal);
  };
};

for (const [signal, exit] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`an epoch stopped by ${signal} after one batch logs 1.2500, and --json and --csv-log say 1.25`, async () => {
    const shown = await runCli(base, { onPause: atFirstTurn(signal) });
    assert.equal(shown.code, exit);
    assert.equal(shown.stdout.trimEnd().split('\n').at(-1), '2/2 [==============================] - 0s 0s/step - loss: 1.2500');

    const csv = folder.file(`${signal}.csv`, '');
    const json = await runCli([...base, '--json', '--csv-log', csv], { onPause: atFirstTurn(signal) });
    assert.equal(json.code, exit);
    const doc = JSON.parse(json.stdout);
    assert.equal(doc.updates, 1);
    assert.equal(doc.stopped, 'interrupt');
    assert.deepEqual(doc.history.loss, [1.25]);
    assert.equal(readFileSync(csv, 'utf8'), 'epoch,loss\n0,1.25\n');
  });
}

// A loss that overflows stops training (--on-nan stop, Keras's TerminateOnNaN) after that batch.
// The epoch's running mean then holds an infinite batch loss, so the epoch logs inf whatever it is
// divided by; what is asserted is that each view says so. sgd with lr 1e6 on mse (batch 1, no shuffle) overflows at batch 3 of epoch 1.
test('an epoch stopped by an overflowing loss logs inf on its line, null in --json and inf in --csv-log', async () => {
  const csv = folder.file('nan.csv', '');
  const diverging = ['--loss', 'mse', '--optimizer', 'sgd', '--lr', '1e6', '-b', '1', '-e', '3', '--no-shuffle', '--no-timings', '--on-nan', 'stop'];
  const shown = await runCli(diverging);
  assert.equal(shown.code, 3);
  assert.deepEqual(shown.stdout.trimEnd().split('\n').slice(-2), ['Batch 3: Invalid loss, terminating training', '6/6 [==============================] - 0s 0s/step - loss: inf']);
  const json = await runCli([...diverging, '--json', '--csv-log', csv]);
  assert.equal(json.code, 3);
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.updates, 4);
  assert.deepEqual(doc.history.loss, [null]);
  assert.equal(readFileSync(csv, 'utf8'), 'epoch,loss\n0,inf\n');
});

