import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readSweepFile } from '../../src/io/sweep-file.js';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'batchsim-sweep-bin-'));
const env = { ...process.env, NO_COLOR: '1' };

test('the built executable runs a sweep on worker threads and exits 0', async () => {
  const experiment = join(dir, 'small.json');
  writeFileSync(experiment, JSON.stringify({ epochs: 2, grid: { batchSize: [1, 3, 6], seed: [1, 2] } }));
  const { stdout, stderr } = await exec(process.execPath, [bin, 'sweep', experiment, '--jobs', '2'], { cwd: dir, env });
  assert.equal(stderr, '');
  assert.match(stdout, /^small: 6 runs; running 6 on 2 workers\n/);
  assert.equal(readSweepFile(join(dir, 'small.jsonl')).records.length, 6);
});

test('a sweep killed with SIGKILL completes on rerun, training only the runs that were missing', async () => {
  const experiment = join(dir, 'slow.json');
  writeFileSync(experiment, JSON.stringify({ epochs: 300, layers: '16:relu,1', batchSize: 1, grid: { seed: [1, 2, 3, 4, 5, 6, 7, 8] } }));
  const out = join(dir, 'slow.jsonl');
  const child = spawn(process.execPath, [bin, 'sweep', experiment, '--jobs', '2', '--no-timings', '--out', out], { cwd: dir, env, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for (let i = 0; i < 2000 && !(existsSync(out) && readFileSync(out, 'utf8').split('\n').length > 2); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  child.kill('SIGKILL');
  await exited;
  const saved = readSweepFile(out).records.length;
  assert.ok(saved >= 2 && saved < 8, `the kill came after ${saved} runs`);

  const { stdout } = await exec(process.execPath, [bin, 'sweep', experiment, '--jobs', '2', '--no-timings', '--out', out], { cwd: dir, env });
  const trained = stdout.split('\n').filter((line) => /^\[\s*\d+\/\d+\]/.test(line)).length;
  assert.equal(trained, 8 - saved);
  const records = readSweepFile(out).records;
  assert.equal(records.length, 8);
  assert.equal(new Set(records.map((r) => r.id)).size, 8);
});
