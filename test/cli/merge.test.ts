import { displayWidth } from '../../src/report/width.js';
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { runCli } from '../helpers/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-merge-'));
/** 3 batch sizes × 2 learning rates × 2 seeds = 12 runs. */
const experiment = join(dir, 'grid.json');
writeFileSync(experiment, JSON.stringify({ name: 'grid', epochs: 4, layers: '4:tanh,1', grid: { batchSize: [1, 3, 6], learningRate: [0.01, 0.1], seed: [1, 2] } }));

const sweep = (args: string[]) => runCli(['sweep', experiment, '--no-timings', '--jobs', '2', '--quiet', ...args], { cwd: dir });
const merge = (args: string[], env: Record<string, string> = {}) => runCli(['merge', ...args, '--experiment', 'grid.json', '--no-timings'], { cwd: dir, env });
const shards = ['grid.shard-1-of-3.jsonl', 'grid.shard-2-of-3.jsonl', 'grid.shard-3-of-3.jsonl'];

before(async () => {
  assert.equal((await sweep(['--out', 'whole.jsonl'])).code, 0);
  for (const k of [1, 2, 3]) assert.equal((await sweep(['--shard', `${k}/3`])).code, 0);
});

interface MergeDocument {
  runs: Array<{ id: string; point: Record<string, unknown>; history: { loss: number[] }; endLoss: number; weights: unknown }>;
  summary: Array<{ point: Record<string, unknown>; seeds: number[]; finalLoss: { mean: number; sd: number } }>;
}

test('three merged shards give exactly the runs of the unsharded sweep, with the same numbers', async () => {
  const parts = await merge([...shards, '--format', 'json']);
  const whole = await merge(['whole.jsonl', '--format', 'json']);
  assert.equal(parts.code, 0, parts.stderr);
  assert.equal(whole.code, 0, whole.stderr);
  assert.equal(parts.stdout, whole.stdout);
  const doc = JSON.parse(parts.stdout) as MergeDocument;
  assert.equal(doc.runs.length, 12);
  assert.equal(new Set(doc.runs.map((r) => r.id)).size, 12);
  // One summary row per batch size × learning rate, the two seeds together.
  assert.equal(doc.summary.length, 6);
  assert.deepEqual(doc.summary[0].point, { batchSize: 1, learningRate: 0.01 });
  assert.deepEqual(doc.summary[0].seeds, [1, 2]);
  const [a, b] = doc.runs.filter((r) => r.point.batchSize === 1 && r.point.learningRate === 0.01).map((r) => r.history.loss.at(-1)!);
  assert.ok(Math.abs(doc.summary[0].finalLoss.mean - (a + b) / 2) < 1e-12);
});

test('merging two of three shards exits 1 and names every missing grid point', async () => {
  const { code, stdout, stderr } = await merge([shards[0], shards[2]]);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines[0], 'error: grid: 12 grid points; 8 found, 4 missing');
  assert.deepEqual(lines.slice(1), [
    // Shard 2 of 3 holds positions 1, 4, 7, 10 of the sorted grid.
    '  missing: batchSize=1 learningRate=0.01 seed=2',
    '  missing: batchSize=3 learningRate=0.01 seed=1',
    '  missing: batchSize=3 learningRate=0.1 seed=2',
    '  missing: batchSize=6 learningRate=0.1 seed=1',
  ]);
});

test('a shard given twice exits 1 naming the duplicated points and the files', async () => {
  const { code, stderr } = await merge([...shards, shards[1]]);
  assert.equal(code, 1);
  assert.match(stderr, /^error: grid: 12 grid points; 12 found, 4 duplicated\n/);
  assert.match(stderr, /\n {2}duplicated: batchSize=1 learningRate=0\.01 seed=2 \(in grid\.shard-2-of-3\.jsonl, grid\.shard-2-of-3\.jsonl\)\n/);
});

test('runs of another experiment or configuration are not merged in silently', async () => {
  const other = join(dir, 'other.json');
  writeFileSync(other, JSON.stringify({ name: 'other', epochs: 2, grid: { seed: [7] } }));
  await runCli(['sweep', other, '--no-timings', '--quiet'], { cwd: dir });
  const { code, stderr } = await merge([...shards, 'other.jsonl']);
  assert.equal(code, 1);
  assert.match(stderr, /12 found, 1 not in the experiment\n {2}not in the experiment: seed=7 in other\.jsonl \(experiment other, version /);
});

test('the table shows the swept options as columns, mean ± sd over the seeds, then the chart', async () => {
  const { code, stdout } = await merge(shards, { COLUMNS: '160' });
  assert.equal(code, 0);
  const lines = stdout.split('\n');
  assert.equal(lines[0], 'Sweep grid: 12 runs');
  assert.equal(lines[1], 'sample data (x = y = 1..6), Dense(4, tanh) → Dense(1), mae loss, adam, 4 epochs');
  assert.match(lines[3], /^batchSize {2}learningRate {2}steps\/epoch {2}updates +final loss/);
  // Without timings the time columns would be blank in every row: they are left out.
  assert.match(lines[4], /^ +1 +0\.01 +6 +24 +\d\.\d{4} ± \d\.\d{4} +\d\.\d{4} ± \d\.\d{4} \(\d\) +\d\.\d{4} ± \d\.\d{4}$/);
  assert.match(lines[9], /^ +6 +0\.1 +1 +4 /);
  assert.match(stdout, /── batchSize=1 learningRate=0\.01 \(mean of 2 seeds\)/);
});

test('at 80 columns the merge table fits with short titles and mean±sd written tight, and the chart fits too', async () => {
  const { code, stdout } = await merge(shards);
  assert.equal(code, 0);
  const lines = stdout.split('\n');
  assert.match(lines[3], /^batch +lr steps\/epoch updates +final loss best loss \(epoch\) +end loss$/);
  assert.match(lines[4], /^ +1 +0\.01 +6 +24 \d\.\d{4}±\d\.\d{4} \d\.\d{4}±\d\.\d{4} \(\d\) \d\.\d{4}±\d\.\d{4}$/);
  assert.doesNotMatch(stdout, /not shown at this width/);
  for (const line of lines) assert.ok(displayWidth(line) <= 80, line);
  // At 50 the least needed columns go, named in a last line, and every line still fits.
  const narrow = await merge(shards, { COLUMNS: '50' });
  assert.match(narrow.stdout.replace(/\n +/g, ' '), /\n\(not shown at this width: best loss \(epoch\), steps\/epoch(, end loss)?; widen the terminal or use --format markdown\)\n/);
  const narrowLines = narrow.stdout.split('\n');
  const table = narrowLines.slice(0, narrowLines.indexOf('', 3));
  for (const line of table) assert.ok(displayWidth(line) <= 50, line);
});

test('--format markdown gives a GitHub table for the job summary, --format csv one line per run and epoch', async () => {
  const md = await merge([...shards, '--format', 'markdown', '--assert', 'updates >= 4']);
  assert.equal(md.code, 0);
  assert.match(md.stdout, /^\*\*Sweep grid: 12 runs\*\*; sample data/);
  assert.match(md.stdout, /\n\| batchSize \| learningRate \| steps\/epoch \| updates \| final loss \|/);
  assert.match(md.stdout, /\n\*\*assert updates >= 4: 12 of 12 runs pass\*\*\n$/);
  const csv = await merge([...shards, '--format', 'csv']);
  const rows = csv.stdout.trimEnd().split('\n');
  assert.equal(rows[0], 'batchSize,learningRate,seed,epoch,update,samples,loss,epoch_seconds');
  assert.equal(rows.length, 1 + 12 * 4);
  assert.match(rows[1], /^1,0\.01,1,1,6,6,\d/);
});

test('--plot writes the loss chart as SVG', async () => {
  const { code } = await merge([...shards, '--plot', 'loss.svg', '--format', 'json']);
  assert.equal(code, 0);
  const svg = readFileSync(join(dir, 'loss.svg'), 'utf8');
  assert.equal(XMLValidator.validate(svg), true);
  assert.ok(new XMLParser().parse(svg).svg !== undefined);
  assert.match(svg, /batchSize=6 learningRate=0\.1 \(mean of 2 seeds\)/);
});

test('--assert on merge exits 3 listing the failing runs after the report', async () => {
  const { code, stdout } = await merge([...shards, '--assert', 'batchSize < 6 || learningRate < 0.05']);
  assert.equal(code, 3);
  assert.match(stdout, /assert batchSize < 6 \|\| learningRate < 0\.05: 10 of 12 runs pass\n {2}FAIL batchSize=6 learningRate=0\.1 seed=1: batchSize = 6, learningRate = 0\.1\n {2}FAIL batchSize=6 learningRate=0\.1 seed=2/);
});

test('bad input to merge exits 2 with one line: no experiment, a missing file, a bad expression', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['merge', shards[0]], /required option '--experiment <file>' not specified/],
    [['merge', 'nope.jsonl', '--experiment', 'grid.json'], /cannot read results file .*nope\.jsonl: no such file/],
    [['merge', shards[0], '--experiment', 'grid.json', '--assert', 'updates >'], /--assert "updates >": column 10/],
    [['merge', shards[0], '--experiment', 'grid.json', '--format', 'html'], /unknown format "html"/],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await runCli(args, { cwd: dir });
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.match(stderr, message);
    assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
  }
  assert.equal(existsSync(join(dir, 'nope.jsonl')), false);
});
