/**
 * The built executable trains a classifier from a CSV of integer class labels, with accuracy on
 * the Keras line, in the history of --json and in --csv-log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { tempFolder } from '../helpers/temp.js';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const exec = promisify(execFile);
const { dir, file } = tempFolder('classify');

/** 45 samples, four features, three well-separated classes labelled 0, 1, 2 in turn. */
function labelledCsv(): string {
  const rows = ['f1,f2,f3,f4,label'];
  for (let i = 0; i < 45; i++) {
    const label = i % 3;
    const jitter = ((i * 37) % 11) / 20 - 0.25;
    const centre = [label === 0 ? 2 : -1, label === 1 ? 2 : -1, label === 2 ? 2 : -1, 0.5];
    rows.push([...centre.map((c, k) => (c + jitter * (k % 2 === 0 ? 1 : -1)).toFixed(3)), String(label)].join(','));
  }
  return `${rows.join('\n')}\n`;
}

const data = file('classes.csv', labelledCsv());
const common = ['--data', data, '--layers', '8:relu,3:softmax', '--loss', 'sparse_categorical_crossentropy', '--metrics', 'accuracy', '--lr', '0.01', '-b', '4'];

test('the built executable trains a softmax classifier on integer labels and prints accuracy after the loss', async () => {
  const csvLog = join(dir, 'log.csv');
  const { stdout, stderr } = await exec(process.execPath, [bin, ...common, '-e', '15', '--validation-split', '0.2', '--csv-log', csvLog], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(stderr, '');
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 30);
  const last = lines[29];
  assert.match(last, /^9\/9 \[={30}\] - \d+s \d+(us|ms|s)\/step - loss: [\d.e-]+ - accuracy: \d\.\d{4} - val_loss: [\d.e-]+ - val_accuracy: \d\.\d{4}$/);
  // Separable classes: the model learns them.
  const accuracy = Number(/ - accuracy: (\d\.\d{4})/.exec(last)![1]);
  const valAccuracy = Number(/ - val_accuracy: (\d\.\d{4})/.exec(last)![1]);
  assert.ok(accuracy >= 0.9 && valAccuracy >= 0.9, last);
  const log = readFileSync(csvLog, 'utf8').trimEnd().split('\n');
  assert.equal(log[0], 'epoch,accuracy,loss,val_accuracy,val_loss');
  assert.equal(log.length, 16);
});

test('train --json records the accuracy history and the metrics asked for', async () => {
  const { stdout } = await exec(process.execPath, [bin, ...common, '-e', '3', '--validation-split', '0.2', '--json']);
  const record = JSON.parse(stdout) as { config: { metrics: string[] }; history: Record<string, number[]> };
  assert.deepEqual(record.config.metrics, ['accuracy']);
  assert.deepEqual(Object.keys(record.history), ['loss', 'accuracy', 'val_loss', 'val_accuracy']);
  for (const values of Object.values(record.history)) assert.equal(values.length, 3);
  // Accuracy over 36 training samples is a whole count of them.
  for (const a of record.history.accuracy) assert.equal(Math.fround(Math.round(a * 36) / 36), a);
});

test('--emit-keras compiles with the same metrics', async () => {
  const { stdout } = await exec(process.execPath, [bin, ...common, '-e', '1', '--emit-keras']);
  assert.match(stdout, /model\.compile\(.*loss="sparse_categorical_crossentropy", metrics=\["accuracy"\]\)/);
});
