/**
 * The seed's claim on real data, by the built executable: the same iris classifier at batch 1, 8,
 * 64 and full batch (120 training samples), validation accuracy and loss side by side, timings
 * hidden so the whole table is a golden file; and the target run reaching accuracy ≥ 0.9.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expectGolden } from '../helpers/golden.js';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const exec = promisify(execFile);
const env = { ...process.env, NO_COLOR: '1', COLUMNS: '80' };
const model = ['--dataset', 'iris', '--layers', '8:relu,3:softmax', '--loss', 'sparse_categorical_crossentropy', '--metrics', 'accuracy'];

test('iris at batch 1, 8, 64 and full batch: validation accuracy and loss side by side (golden)', async () => {
  const args = [bin, 'compare', ...model, '--batch-sizes', '1,8,64,120', '-e', '30', '--lr', '0.01', '--validation-split', '0.2', '--metric', 'val_accuracy', '-q', '--no-timings'];
  const { stdout, stderr } = await exec(process.execPath, args, { env });
  assert.match(stderr, /^(warning: .*\n)*$/);
  expectGolden('compare-iris.txt', stdout);
  for (const line of stdout.split('\n')) assert.ok([...line].length <= 80, `wider than the terminal: ${line}`);
  assert.match(stdout, /val_loss\s+accuracy\s+val_accuracy\n/);
  assert.doesNotMatch(stdout, /time\/epoch/, 'a column blank in every row is left out');
  const json = JSON.parse((await exec(process.execPath, [...args, '--format', 'json'], { env })).stdout) as {
    summary: Array<{ batchSize: number; finalMetrics: Record<string, { mean: number }> }>;
  };
  const markdown = (await exec(process.execPath, [...args, '--format', 'markdown'], { env })).stdout;
  assert.match(markdown, /^\*\*val_accuracy by batch size: iris, Dense\(8, relu\) → Dense\(3, softmax\)\*\*/);
  const valAccuracy = new Map(json.summary.map((s) => [s.batchSize, s.finalMetrics.val_accuracy.mean]));
  // In the same 30 epochs, the smallest batch generalises best and full batch has barely begun.
  assert.ok(valAccuracy.get(1)! >= 0.89, `batch 1: ${valAccuracy.get(1)}`);
  assert.ok(valAccuracy.get(1)! > valAccuracy.get(120)!, `batch 1 ${valAccuracy.get(1)} vs full ${valAccuracy.get(120)}`);
});

test('iris, 30 epochs of batch 16 at lr 0.01, reaches accuracy ≥ 0.9', async () => {
  const args = [bin, ...model, '-e', '30', '-b', '16', '--lr', '0.01', '--json'];
  const { stdout } = await exec(process.execPath, args, { env });
  const record = JSON.parse(stdout) as { history: { accuracy: number[] } };
  const accuracy = record.history.accuracy;
  assert.equal(accuracy.length, 30);
  assert.ok(accuracy[29] >= 0.9, `accuracy ${accuracy[29]}`);
});
