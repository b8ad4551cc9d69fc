import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const exec = promisify(execFile);

test('the built executable trains on the sample and prints Keras lines', async () => {
  const { stdout, stderr } = await exec(process.execPath, [bin, '--batch-size', '3', '--epochs', '10'], { env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(stderr, '');
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 20);
  assert.equal(lines[18], 'Epoch 10/10');
  assert.match(lines[19], /^2\/2 \[==============================\] - \d+s \d+(us|ms|s)\/step - loss: \d+\.\d{4}$/);
});

test('the built executable exits 2 with one line for a bad flag', async () => {
  await assert.rejects(exec(process.execPath, [bin, '--batch-size', '0']), (error: { code: number; stderr: string; stdout: string }) => {
    assert.equal(error.code, 2);
    assert.equal(error.stdout, '');
    assert.equal(error.stderr.trimEnd().split('\n').length, 1);
    return true;
  });
});
