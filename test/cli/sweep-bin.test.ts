import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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
  writeFileSync(experiment, JSON.stringify({ epochs: 20, layers: '16:relu,1', batchSize: 1, grid: { seed: [1, 2, 3, 4, 5, 6, 7, 8] } }));
  const out = join(dir, 'slow.jsonl');
  const args = [bin, 'sweep', experiment, '--jobs', '2', '--no-timings', '--out', out];
  // The process SIGKILLs itself right after writing its third run: the other worker's run is
  // lost half-way, as in a real kill, and exactly three runs are in the file.
  const killed = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...env, BATCHSIM_SWEEP_KILL_AFTER: '3' }, stdio: 'ignore' });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  assert.deepEqual(killed, { code: null, signal: 'SIGKILL' });
  assert.equal(readSweepFile(out).records.length, 3);

  const { stdout } = await exec(process.execPath, args, { cwd: dir, env });
  assert.match(stdout, /8 runs; 3 already in slow\.jsonl; running 5 on 2 workers/);
  const trained = stdout.split('\n').filter((line) => /^\[\s*\d+\/\d+\]/.test(line)).length;
  assert.equal(trained, 5);
  const records = readSweepFile(out).records;
  assert.equal(records.length, 8);
  assert.equal(new Set(records.map((r) => r.id)).size, 8);
});

for (const [what, weights, problem] of [
  ['is not JSON', '[[[1, 2]], [0]', /bad-weights\.json is not valid JSON \(.*\); a weights file looks like \[\[\[0\.5\]\], \[0\]\]/],
  ['cannot be read', null, /cannot read weights file .*bad-weights\.json: no such file/],
] as const) {
  test(`an experiment whose weights file ${what}: one line naming the experiment file and the weights file, exit 2, no results file`, async () => {
    const sub = mkdtempSync(join(dir, 'weights-'));
    if (weights !== null) writeFileSync(join(sub, 'bad-weights.json'), weights);
    writeFileSync(join(sub, 'named.json'), JSON.stringify({ weights: 'bad-weights.json', grid: { batchSize: [1, 2] } }));
    const outcome = await exec(process.execPath, [bin, 'sweep', join(sub, 'named.json')], { cwd: sub, env }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    assert.equal(outcome.code, 2);
    assert.equal(outcome.stdout, '');
    assert.match(outcome.stderr, /^error: named\.json: grid point batchSize=1: /);
    assert.match(outcome.stderr, problem);
    assert.equal(outcome.stderr.split('\n').length, 2, outcome.stderr);
    assert.equal(existsSync(join(sub, 'named.jsonl')), false);
  });
}
