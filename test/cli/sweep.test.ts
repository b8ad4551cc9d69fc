import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSweepFile } from '../../src/io/sweep-file.js';
import { runCli } from '../helpers/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-sweep-'));
/** 4 batch sizes × 2 seeds = 8 small runs on the sample data. */
const experiment = join(dir, 'tiny.json');
writeFileSync(experiment, JSON.stringify({ name: 'tiny', epochs: 3, layers: '4:tanh,1', grid: { batchSize: [1, 2, 3, 6], seed: [1, 2] } }));

const sweep = (args: string[], env: Record<string, string> = {}) => runCli(['sweep', experiment, '--no-timings', '--jobs', '2', ...args], { cwd: dir, env });
/** The `[k/n]` lines: one per run trained by this invocation. */
const trained = (stdout: string): string[] => stdout.split('\n').filter((line) => /^\[\s*\d+\/\d+\] /.test(line));
const lines = (path: string): string[] => readFileSync(path, 'utf8').trimEnd().split('\n');

test('a sweep trains every grid point and writes one JSON line per run to <name>.jsonl', async () => {
  const { code, stdout, stderr } = await sweep([]);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  assert.equal(trained(stdout).length, 8);
  assert.match(stdout, /^tiny: 8 runs; running 8 on 2 workers\n/);
  assert.match(stdout, /8 runs written to tiny\.jsonl; 8 of 8 runs done\n$/);
  const file = readSweepFile(join(dir, 'tiny.jsonl'));
  assert.equal(file.records.length, 8);
  const points = file.records.map((r) => `${r.point.batchSize}/${r.point.seed}`).sort();
  assert.deepEqual(points, ['1/1', '1/2', '2/1', '2/2', '3/1', '3/2', '6/1', '6/2']);
  const batch3 = file.records.find((r) => r.point.batchSize === 3 && r.point.seed === 1)!;
  assert.equal(batch3.stepsPerEpoch, 2);
  assert.equal(batch3.updates, 6);
  assert.equal(batch3.history.loss.length, 3);
  assert.equal(batch3.timings, null);
  assert.equal(batch3.weights.final.length, 4);
});

test('the same experiment gives byte-identical results files when timings are off, whatever the worker count', async () => {
  await sweep(['--out', 'one.jsonl', '--jobs', '1']);
  await sweep(['--out', 'three.jsonl', '--jobs', '3']);
  const sorted = (path: string) => lines(join(dir, path)).sort();
  assert.deepEqual(sorted('one.jsonl'), sorted('three.jsonl'));
});

test('shards 1/3, 2/3 and 3/3 together hold exactly the runs of the whole sweep, with the same numbers', async () => {
  await sweep(['--out', 'whole.jsonl']);
  const parts: string[] = [];
  for (const k of [1, 2, 3]) {
    const { code, stdout } = await sweep(['--shard', `${k}/3`]);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`shard ${k}/3 has ${k < 3 ? 3 : 2}`));
    parts.push(...lines(join(dir, `tiny.shard-${k}-of-3.jsonl`)));
  }
  assert.equal(parts.length, 8);
  assert.deepEqual(parts.sort(), lines(join(dir, 'whole.jsonl')).sort());
});

test('a killed sweep (some runs and a torn last line) completes on rerun without repeating finished runs', async () => {
  await sweep(['--out', 'full.jsonl']);
  const full = lines(join(dir, 'full.jsonl'));
  const killed = join(dir, 'killed.jsonl');
  writeFileSync(killed, `${full.slice(0, 3).join('\n')}\n${full[3].slice(0, 100)}`);

  const { code, stdout, stderr } = await sweep(['--out', 'killed.jsonl']);
  assert.equal(code, 0);
  assert.match(stderr, /killed\.jsonl: dropped a half-written last line left by an interrupted sweep/);
  assert.match(stdout, /8 runs; 3 already in killed\.jsonl; running 5 on 2 workers/);
  assert.equal(trained(stdout).length, 5);
  assert.deepEqual(lines(killed).sort(), [...full].sort());

  const again = await sweep(['--out', 'killed.jsonl']);
  assert.equal(trained(again.stdout).length, 0);
  assert.match(again.stdout, /8 already in killed\.jsonl; nothing left to run/);
  assert.equal(lines(killed).length, 8);
});

test('--shard auto takes the shard from GitLab, CircleCI or BATCHSIM_SHARD', async () => {
  const gitlab = await sweep(['--shard', 'auto', '--out', 'gl.jsonl'], { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '4' });
  assert.match(gitlab.stderr, /shard 2\/4 from CI_NODE_INDEX\/CI_NODE_TOTAL/);
  assert.deepEqual(readSweepFile(join(dir, 'gl.jsonl')).records.map((r) => r.point).sort((a, b) => Number(a.batchSize) - Number(b.batchSize)), [
    { batchSize: 1, seed: 2 },
    { batchSize: 3, seed: 2 },
  ]);
  const circle = await sweep(['--shard', 'auto'], { CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '2' });
  assert.match(circle.stderr, /shard 1\/2 from CIRCLE_NODE_INDEX/);
  assert.ok(existsSync(join(dir, 'tiny.shard-1-of-2.jsonl')));
  const own = await sweep(['--shard', 'auto', '--out', 'own.jsonl'], { BATCHSIM_SHARD: '8/8' });
  assert.match(own.stdout, /shard 8\/8 has 1/);
  const none = await sweep(['--shard', 'auto', '--out', 'none.jsonl']);
  assert.match(none.stderr, /no CI shard variables set .*running the whole grid/);
  assert.equal(trained(none.stdout).length, 8);
});

test('--shard auto in a Kubernetes Indexed Job: JOB_COMPLETION_INDEX from 0, the total from auto/N or BATCHSIM_SHARD_TOTAL', async () => {
  const flag = await sweep(['--shard', 'auto/4'], { JOB_COMPLETION_INDEX: '1' });
  assert.equal(flag.code, 0, flag.stderr);
  assert.match(flag.stderr, /shard 2\/4 from JOB_COMPLETION_INDEX/);
  assert.deepEqual(readSweepFile(join(dir, 'tiny.shard-2-of-4.jsonl')).records.map((r) => r.point).sort((a, b) => Number(a.batchSize) - Number(b.batchSize)), [
    { batchSize: 1, seed: 2 },
    { batchSize: 3, seed: 2 },
  ]);
  const variable = await sweep(['--shard', 'auto', '--out', 'k8s.jsonl'], { JOB_COMPLETION_INDEX: '0', BATCHSIM_SHARD_TOTAL: '8' });
  assert.match(variable.stdout, /shard 1\/8 has 1/);
  const missing = await runCli(['sweep', experiment, '--shard', 'auto', '--out', 'never-k8s.jsonl'], { cwd: dir, env: { JOB_COMPLETION_INDEX: '1' } });
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /^error: --shard auto: JOB_COMPLETION_INDEX=1 .*--shard auto\/N or set BATCHSIM_SHARD_TOTAL=N/);
  assert.equal(existsSync(join(dir, 'never-k8s.jsonl')), false);
});

test('--assert passes, or exits 3 listing the runs that fail it with the values it read', async () => {
  const pass = await sweep(['--out', 'gate.jsonl', '--assert', 'updates >= 3 && !diverged']);
  assert.equal(pass.code, 0);
  assert.match(pass.stdout, /assert updates >= 3 && !diverged: 8 of 8 runs pass\n$/);
  const fail = await sweep(['--out', 'gate.jsonl', '--assert', 'updates > 6']);
  assert.equal(fail.code, 3);
  assert.match(fail.stdout, /assert updates > 6: 4 of 8 runs pass\n/);
  assert.match(fail.stdout, /  FAIL batchSize=3 seed=1: updates = 6\n/);
  assert.match(fail.stdout, /  FAIL batchSize=6 seed=2: updates = 3\n/);
});

test('bad input exits 2 with one line and writes nothing', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--assert', 'finalLoss <'], /^error: --assert "finalLoss <": column 12: /],
    [['--shard', '0/3'], /^error: option '--shard <i\/n\|auto>' argument '0\/3' is invalid\. shard 0 of 3/],
    [['--jobs', '0'], /jobs must be ≥ 1/],
    [['--shard', 'auto'], /^error: --shard auto: CI_NODE_INDEX\/CI_NODE_TOTAL gives shard 5 of 4/],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await runCli(['sweep', experiment, '--out', 'never.jsonl', ...args], { cwd: dir, env: { CI_NODE_INDEX: '5', CI_NODE_TOTAL: '4' } });
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.match(stderr, message);
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
  }
  assert.equal(existsSync(join(dir, 'never.jsonl')), false);
});

test('experiment file errors exit 2 naming the file and key, before anything is written', async () => {
  const bad = join(dir, 'typo.json');
  writeFileSync(bad, JSON.stringify({ epoch: 3, grid: { batchSize: [1] } }));
  const typo = await runCli(['sweep', bad], { cwd: dir });
  assert.equal(typo.code, 2);
  assert.equal(typo.stderr, 'error: typo.json: unknown key "epoch". Did you mean "epochs"?\n');
  assert.equal(existsSync(join(dir, 'typo.jsonl')), false);

  const types = join(dir, 'types.json');
  writeFileSync(types, JSON.stringify({ epochs: 'ten', shuffle: 'no', grid: { seed: [] } }));
  const wrong = await runCli(['sweep', types], { cwd: dir });
  assert.equal(wrong.code, 2);
  assert.equal(
    wrong.stderr,
    'error: types.json: 3 problems: (1) epochs: expected a whole number, got "ten" (2) shuffle: expected true or false, got "no" (3) grid.seed: is empty; give at least 1 value\n',
  );

  const data = join(dir, 'two-targets.json');
  writeFileSync(join(dir, 'two.csv'), 'x,y1,y2\n1,2,3\n2,3,4\n');
  writeFileSync(data, JSON.stringify({ data: 'two.csv', target: ['y1', 'y2'], grid: { layers: ['2', '1'] } }));
  const shapes = await runCli(['sweep', data], { cwd: dir });
  assert.equal(shapes.code, 2);
  assert.equal(shapes.stderr, 'error: two-targets.json: grid point layers=1: layers "1" ends with 1 unit(s) but two.csv has 2 target column(s); make the last layer 2\n');

  const missing = await runCli(['sweep', join(dir, 'nope.json')], { cwd: dir });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^error: cannot read experiment file .*nope\.json: no such file\n$/);
});

test('a results file from elsewhere is never overwritten: foreign lines are an error', async () => {
  const foreign = join(dir, 'foreign.jsonl');
  writeFileSync(foreign, 'a,b\n1,2\n3,4\n');
  const { code, stderr } = await sweep(['--out', 'foreign.jsonl']);
  assert.equal(code, 2);
  assert.match(stderr, /foreign\.jsonl is not a batchsim results file \(line 1 is not a run record\)/);
  assert.equal(readFileSync(foreign, 'utf8'), 'a,b\n1,2\n3,4\n');
});

test('an interrupt stops the sweep, keeps the finished runs and exits 130', async () => {
  const big = join(dir, 'big.json');
  writeFileSync(big, JSON.stringify({ epochs: 200, layers: '16:relu,1', grid: { batchSize: [1], seed: [1, 2, 3, 4, 5, 6, 7, 8] } }));
  // Ctrl-C right after the second run is written: exactly two runs are kept, however slow the machine.
  const { code, stderr } = await runCli(['sweep', big, '--jobs', '2', '--out', 'big.jsonl'], {
    cwd: dir,
    onSweepRunWritten: (count, io) => count === 2 && io.interrupt('SIGINT'),
  });
  assert.equal(code, 130);
  assert.match(stderr, /interrupted: 2 of 8 runs are in big\.jsonl; run the same command again to finish/);
  assert.equal(readSweepFile(join(dir, 'big.jsonl')).records.length, 2);
});

test('data files are found next to the experiment file and shared by every worker', async () => {
  const folder = join(dir, 'project');
  mkdirSync(join(folder, 'data'), { recursive: true });
  const rows = ['a,b,y', ...Array.from({ length: 12 }, (_, i) => `${i / 4},${(i % 3) - 1},${(i / 8) * ((i % 3) - 1)}`)];
  writeFileSync(join(folder, 'data', 'points.csv'), `${rows.join('\n')}\n`);
  writeFileSync(join(folder, 'exp.json'), JSON.stringify({ data: 'data/points.csv', epochs: 2, validationSplit: 0.25, grid: { batchSize: [2, 9], loss: ['mse', 'mae'] } }));
  const { code, stdout, stderr } = await runCli(['sweep', join('project', 'exp.json'), '--no-timings', '--jobs', '2', '--assert', 'finalValLoss >= 0 && trainSamples == 9'], { cwd: dir });
  assert.equal(code, 0, stderr);
  assert.match(stdout, /batchSize=2 loss=mae: loss \d\.\d{4}, val_loss \d\.\d{4}, end loss/);
  const records = readSweepFile(join(dir, 'exp.jsonl')).records;
  assert.equal(records.length, 4);
  for (const record of records) {
    assert.equal(record.config.data, 'data/points.csv');
    assert.deepEqual(record.samples, { total: 12, train: 9, validation: 3, features: 2, outputs: 1 });
    assert.equal(record.history.val_loss?.length, 2);
  }
  assert.equal(records.find((r) => r.point.batchSize === 9)!.stepsPerEpoch, 1);
});

test('a second signal during a sweep exits at once through the shared watcher, the first one having stopped the workers', async () => {
  const big = join(dir, 'twice.json');
  writeFileSync(big, JSON.stringify({ epochs: 200, layers: '16:relu,1', grid: { batchSize: [1], seed: [1, 2, 3, 4, 5, 6, 7, 8] } }));
  const { runCli } = await import('../helpers/fake-io.js');
  let exitCode: number | null = null;
  // Both signals arrive right after the first run is written: a pause point, not a race with the clock.
  const { code, stderr } = await runCli(['sweep', big, '--jobs', '1', '--out', 'twice.jsonl'], {
    cwd: dir,
    onSweepRunWritten: (count, fake) => {
      if (count !== 1) return;
      fake.interrupt('SIGINT');
      fake.interrupt('SIGTERM');
      exitCode = fake.exitCode;
    },
  });
  assert.equal(exitCode, 143, 'the second signal asks to exit at once with its own code');
  assert.match(stderr, /interrupted again \(SIGTERM\): exiting at once; the runs already in twice\.jsonl are kept\n/);
  // The fake's exit returns, so the sweep ends as the first signal left it.
  assert.equal(code, 130);
});

test('one worker training runs of different shapes one after another gives each run the numbers train gives it alone', async () => {
  const mixed = join(dir, 'mixed.json');
  // The grid's order alternates shapes, so the worker's reused instances change hands every run.
  writeFileSync(mixed, JSON.stringify({ name: 'mixed', epochs: 3, seed: 5, grid: { batchSize: [1, 6], layers: ['16:tanh,1', '1', '8:relu,3:sigmoid,1'], optimizer: ['adam', 'rmsprop'] } }));
  const { code, stderr } = await runCli(['sweep', mixed, '--no-timings', '--jobs', '1', '--quiet'], { cwd: dir });
  assert.equal(code, 0, stderr);
  const records = readSweepFile(join(dir, 'mixed.jsonl')).records;
  assert.equal(records.length, 12);
  for (const record of records) {
    const { batchSize, layers, optimizer } = record.point as { batchSize: number; layers: string; optimizer: string };
    const alone = await runCli(['-b', String(batchSize), '-e', '3', '--seed', '5', '--layers', layers, '--optimizer', optimizer, '--json', '--no-timings']);
    assert.equal(alone.code, 0, alone.stderr);
    const trained = JSON.parse(alone.stdout) as { history: unknown; endLoss: number; weights: unknown };
    const what = `batch ${batchSize}, ${layers}, ${optimizer}`;
    assert.deepEqual(record.history, trained.history, what);
    assert.equal(record.endLoss, trained.endLoss, what);
    assert.deepEqual(record.weights, trained.weights, what);
  }
});
