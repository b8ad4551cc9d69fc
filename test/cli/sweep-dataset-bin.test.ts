import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readSweepFile } from '../../src/io/sweep-file.js';
import type { RunRecord, SweepRecord } from '../../src/training/record.js';
import { tempFolder } from '../helpers/temp.js';

// Experiment files on the embedded data sets, through the built executable: a sweep's run is the
// run `train --dataset` makes with the same options, bad combinations are refused before
// anything is trained or written, and the data options are part of every run's id.

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const execAsync = promisify(execFile);
const { dir, file } = tempFolder('sweep-dataset');
const env = { ...process.env, NO_COLOR: '1', COLUMNS: '100' };

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: readonly string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execAsync(process.execPath, [bin, ...args], { cwd: dir, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Iris, scaled, with a test and a validation part: every data option that changes the numbers. */
const IRIS = { dataset: 'iris', standardize: true, testSplit: 0.2, validationSplit: 0.2, epochs: 4, learningRate: 0.01, seed: 7 };
const IRIS_FLAGS = ['--dataset', 'iris', '--standardize', '--test-split', '0.2', '--validation-split', '0.2', '-e', '4', '--lr', '0.01', '--seed', '7'];

/** A record without what only a sweep line has. */
function runPart(record: SweepRecord | RunRecord): Record<string, unknown> {
  const { id: _id, point: _point, experiment: _experiment, ...rest } = record as SweepRecord;
  return rest;
}

test('a sweep over iris at two batch sizes trains the runs train --dataset iris trains with the same options and seed', async () => {
  const experiment = file('iris.json', JSON.stringify({ ...IRIS, grid: { batchSize: [8, 32] } }));
  const swept = await cli(['sweep', experiment, '--no-timings', '--jobs', '2', '--out', 'iris.jsonl']);
  assert.equal(swept.code, 0, swept.stderr);
  assert.equal(swept.stderr, '');
  const records = readSweepFile(join(dir, 'iris.jsonl')).records;
  assert.equal(records.length, 2);
  for (const batchSize of [8, 32]) {
    const trained = await cli([...IRIS_FLAGS, '-b', String(batchSize), '--no-timings', '--json']);
    assert.equal(trained.code, 0, trained.stderr);
    const alone = JSON.parse(trained.stdout) as RunRecord;
    const line = records.find((r) => r.point.batchSize === batchSize)!;
    // The defaults of a classification set, and the data named as train names it.
    assert.equal(line.config.data, 'dataset iris');
    assert.equal(line.config.loss, 'sparse_categorical_crossentropy');
    assert.deepEqual(line.config.layers, [{ units: 3, activation: 'softmax' }]);
    assert.deepEqual(line.config.metrics, ['accuracy']);
    assert.equal(line.config.standardize, true);
    assert.equal(line.config.testSplit, 0.2);
    assert.deepEqual(line.samples, { total: 150, train: 96, validation: 24, features: 4, outputs: 1, test: 30 });
    assert.deepEqual(line.classes, ['setosa', 'versicolor', 'virginica']);
    // Epoch by epoch, the same loss and accuracy, float for float; and the same test evaluation.
    assert.equal(line.history.loss.length, 4);
    assert.deepEqual(line.history.loss, alone.history.loss);
    assert.deepEqual(line.history.accuracy, alone.history.accuracy);
    assert.deepEqual(line.history.val_accuracy, alone.history.val_accuracy);
    assert.ok(line.test !== undefined && line.test !== null && Number.isFinite(line.test.loss));
    assert.deepEqual(line.test, alone.test);
    // And the rest of the record too.
    assert.deepEqual(runPart(line), runPart(alone));
  }
  const [small, large] = [8, 32].map((b) => records.find((r) => r.point.batchSize === b)!);
  assert.notDeepEqual(small.history.loss, large.history.loss);
});

test('the same experiment in YAML gives the same runs, with the same ids', async () => {
  const yaml = file(
    'iris-yaml.yaml',
    'name: iris\ndataset: iris\nstandardize: true\ntestSplit: 0.2\nvalidationSplit: 0.2\nepochs: 4\nlearningRate: 0.01\nseed: 7\ngrid:\n  batchSize: [8, 32]\n',
  );
  const swept = await cli(['sweep', yaml, '--no-timings', '--jobs', '2', '--out', 'iris-yaml.jsonl']);
  assert.equal(swept.code, 0, swept.stderr);
  const byId = (path: string) => new Map(readSweepFile(join(dir, path)).records.map((r) => [r.id, runPart(r)]));
  const json = file('iris-named.json', JSON.stringify({ name: 'iris', ...IRIS, grid: { batchSize: [8, 32] } }));
  assert.equal((await cli(['sweep', json, '--no-timings', '--out', 'iris-named.jsonl'])).code, 0);
  assert.deepEqual(byId('iris-yaml.jsonl'), byId('iris-named.jsonl'));
});

test('bad combinations of the data keys exit 2 with one line naming the file, the key and the fix, before anything is written', async () => {
  const previous = file('kept.jsonl', '');
  writeFileSync(previous, readFileSync(join(dir, 'iris.jsonl')));
  const before = readFileSync(previous);
  file('points.csv', 'x,y\n1,2\n2,4\n3,6\n');
  const cases: Array<[object, RegExp]> = [
    [{ dataset: 'iris', data: 'points.csv' }, /^error: bad\.json: "dataset" names an embedded data set and "data" a data file; keep one of them\n$/],
    [{ dataset: 'iris', dropMissing: true }, /^error: bad\.json: dropMissing leaves out rows of a data CSV file; add "data" or drop "dropMissing"\n$/],
    [
      { dataset: 'diabetes', loss: 'sparse_categorical_crossentropy' },
      /^error: bad\.json: loss sparse_categorical_crossentropy is a classification loss, but dataset diabetes is a regression data set \(target progression\); use "loss": "mae", "mse" or "huber"\n$/,
    ],
    [{ grid: { dataset: ['iris', 'irsi'] } }, /^error: bad\.json: grid\.dataset\[1\]: "irsi" is not one of iris, wine, digits, penguins, auto-mpg, diabetes\. Did you mean "iris"\?\n$/],
    [{ dataset: 'iris', testSplit: 1 }, /^error: bad\.json: testSplit: must be < 1, got 1\n$/],
    [{ dataset: 'iris', standardize: 'yes' }, /^error: bad\.json: standardize: expected true or false, got "yes"\n$/],
    [{ dataset: 'iris', testSplit: 0.999 }, /^error: bad\.json: testSplit 0\.999 of 150 samples leaves no sample for training or for the test part; choose a fraction that keeps at least one in each, e\.g\. 0\.2\n$/],
    [{ dataset: 'iris', grid: { batchSize: [8, 16] } }, /^error: --metric val_accuracy: the runs do not track it; .*validation/],
  ];
  for (const [doc, expected] of cases) {
    const experiment = file('bad.json', JSON.stringify(doc));
    const metric = 'grid' in doc && (doc as { grid: object }).grid !== undefined && 'batchSize' in (doc as { grid: object }).grid ? ['--metric', 'val_accuracy'] : [];
    for (const out of [[], ['--out', 'kept.jsonl']]) {
      const { code, stdout, stderr } = await cli(['sweep', experiment, ...out, ...metric]);
      assert.equal(code, 2, `${JSON.stringify(doc)}: ${stderr}`);
      assert.match(stderr, expected, JSON.stringify(doc));
      assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
      assert.doesNotMatch(stderr, /\bat .*\.js:\d+/);
      assert.equal(stdout, '', 'nothing is trained');
    }
    assert.equal(existsSync(join(dir, 'bad.jsonl')), false, 'no results file is created');
    assert.deepEqual(readFileSync(previous), before, 'a results file is left as it was');
  }
});

test('changing standardize changes the run ids: a resumed sweep trains the runs anew and merge refuses the old ones', async () => {
  const plain = { ...IRIS, standardize: false, epochs: 2, grid: { batchSize: [8, 32] } };
  const experiment = file('resume.json', JSON.stringify(plain));
  const first = await cli(['sweep', experiment, '--no-timings', '--jobs', '2']);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /resume: 2 runs; running 2 on 2 workers/);
  const again = await cli(['sweep', experiment, '--no-timings', '--jobs', '2']);
  assert.match(again.stdout, /resume: 2 runs; 2 already in resume\.jsonl; nothing left to run/);

  writeFileSync(experiment, JSON.stringify({ ...plain, standardize: true }));
  const changed = await cli(['sweep', experiment, '--no-timings', '--jobs', '2']);
  assert.equal(changed.code, 0, changed.stderr);
  assert.match(changed.stdout, /resume: 2 runs; running 2 on 2 workers/);
  assert.match(changed.stderr, /^warning: resume\.jsonl holds 2 run\(s\) that are not part of this sweep/);
  const records = readSweepFile(join(dir, 'resume.jsonl')).records;
  assert.equal(records.length, 4);
  assert.equal(new Set(records.map((r) => r.id)).size, 4);
  const scaled = records.filter((r) => r.config.standardize === true);
  assert.equal(scaled.length, 2);
  for (const batchSize of [8, 32]) {
    const [before, after] = [false, true].map((s) => records.find((r) => r.point.batchSize === batchSize && (r.config.standardize === true) === s)!);
    assert.notDeepEqual(before.history.loss, after.history.loss);
  }
  const merged = await cli(['merge', 'resume.jsonl', '--experiment', experiment, '--no-timings']);
  assert.equal(merged.code, 1);
  assert.match(merged.stderr, /batchSize=8/);

  // Another data set is another run too.
  writeFileSync(experiment, JSON.stringify({ ...plain, dataset: 'wine' }));
  const wine = await cli(['sweep', experiment, '--no-timings', '--jobs', '2']);
  assert.equal(wine.code, 0, wine.stderr);
  assert.match(wine.stdout, /resume: 2 runs; running 2 on 2 workers/);
  const wineRecords = readSweepFile(join(dir, 'resume.jsonl')).records.filter((r) => r.config.data === 'dataset wine');
  assert.equal(wineRecords.length, 2);
  assert.deepEqual(wineRecords[0].config.layers, [{ units: 3, activation: 'softmax' }]);
  assert.equal(wineRecords[0].samples.features, 13);
});

test('shards of a sweep on a data set merge, and sweep --metric ranks its summary as merge --metric ranks it', async () => {
  const experiment = file('ranked.json', JSON.stringify({ ...IRIS, testSplit: undefined, learningRate: undefined, epochs: 3, grid: { batchSize: [8, 32], learningRate: [0.001, 0.1] } }));
  const whole = await cli(['sweep', experiment, '--no-timings', '--jobs', '2', '--quiet', '--metric', 'val_accuracy']);
  assert.equal(whole.code, 0, whole.stderr);
  const summary = whole.stdout.slice(whole.stdout.indexOf('Sweep ranked'));
  assert.match(summary, /^Sweep ranked: 4 runs\ndataset iris, Dense\(3, softmax\)/);
  assert.match(summary, /rows ranked by the last epoch's val_accuracy, best first \(higher is better\)/);
  const merged = await cli(['merge', 'ranked.jsonl', '--experiment', experiment, '--no-timings', '--metric', 'val_accuracy']);
  assert.equal(merged.code, 0, merged.stderr);
  assert.equal(summary, merged.stdout);
  // The rows are in val_accuracy order, best first (ties in grid order), which is not the grid's.
  const records = readSweepFile(join(dir, 'ranked.jsonl')).records;
  const last = (r: SweepRecord): number => r.history.val_accuracy![r.history.val_accuracy!.length - 1];
  const key = (r: SweepRecord): string => `${r.config.batchSize} ${r.config.learningRate}`;
  const gridOrder = ['8 0.001', '8 0.1', '32 0.001', '32 0.1'];
  const expected = [...records].sort((a, b) => last(b) - last(a) || gridOrder.indexOf(key(a)) - gridOrder.indexOf(key(b))).map(key);
  assert.notDeepEqual(expected, gridOrder);
  const lines = summary.split('\n');
  const header = lines.findIndex((line) => line.trimStart().startsWith('batchSize'));
  const rows = lines.slice(header + 1, header + 5).map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '));
  assert.deepEqual(rows, expected);
  // Without --metric the sweep prints no summary.
  const plain = await cli(['sweep', experiment, '--no-timings', '--out', 'ranked-plain.jsonl']);
  assert.doesNotMatch(plain.stdout, /Sweep ranked/);

  for (const shard of ['1/2', '2/2']) assert.equal((await cli(['sweep', experiment, '--no-timings', '--shard', shard])).code, 0);
  const shards = await cli(['merge', 'ranked.shard-1-of-2.jsonl', 'ranked.shard-2-of-2.jsonl', '--experiment', experiment, '--no-timings', '--format', 'markdown']);
  assert.equal(shards.code, 0, shards.stderr);
  assert.match(shards.stdout, /^\*\*Sweep ranked: 4 runs\*\*; dataset iris, /);
  assert.match(shards.stdout, /\| batchSize \|.* accuracy \| val_accuracy \|/);
});

test('a grid over data sets gives each point its own defaults, and the merged caption claims only what every run shares', async () => {
  const experiment = file('sets.json', JSON.stringify({ epochs: 1, batchSize: 64, grid: { dataset: ['iris', 'digits'] } }));
  const swept = await cli(['sweep', experiment, '--no-timings', '--jobs', '2']);
  assert.equal(swept.code, 0, swept.stderr);
  const records = readSweepFile(join(dir, 'sets.jsonl')).records;
  const of = (name: string) => records.find((r) => r.config.data === `dataset ${name}`)!;
  assert.deepEqual(of('iris').config.layers, [{ units: 3, activation: 'softmax' }]);
  assert.deepEqual(of('digits').config.layers, [{ units: 10, activation: 'softmax' }]);
  assert.equal(of('digits').samples.features, 64);
  const merged = await cli(['merge', 'sets.jsonl', '--experiment', experiment, '--no-timings', '--format', 'markdown']);
  assert.equal(merged.code, 0, merged.stderr);
  const caption = merged.stdout.split('\n')[0];
  assert.equal(caption, '**Sweep sets: 2 runs**; sparse_categorical_crossentropy loss, adam lr 0.001, 1 epoch.');
  assert.match(merged.stdout, /\n\| dataset \| /);
  assert.match(merged.stdout, /\n\| digits \| /);
});

test('dropMissing and text class labels in a data file train in a sweep as train trains them', async () => {
  const csv = file('flowers.csv', 'a,b,kind\n0.1,1.0,red\n0.2,0.9,red\n,0.8,blue\n0.9,0.1,blue\n0.8,0.2,blue\n0.3,0.7,red\n0.7,0.3,green\n0.6,0.5,green\n');
  const experiment = file('flowers.json', JSON.stringify({ data: 'flowers.csv', dropMissing: true, loss: 'sparse_categorical_crossentropy', layers: '3:softmax', metrics: ['accuracy'], epochs: 3, batchSize: 2 }));
  const swept = await cli(['sweep', experiment, '--no-timings']);
  assert.equal(swept.code, 0, swept.stderr);
  const [line] = readSweepFile(join(dir, 'flowers.jsonl')).records;
  assert.equal(line.samples.dropped, 1);
  assert.deepEqual(line.classes, ['blue', 'green', 'red']);
  const trained = await cli(['--data', csv, '--drop-missing', '--loss', 'sparse_categorical_crossentropy', '--layers', '3:softmax', '--metrics', 'accuracy', '-e', '3', '-b', '2', '--no-timings', '--json']);
  assert.equal(trained.code, 0, trained.stderr);
  const alone = JSON.parse(trained.stdout) as RunRecord;
  assert.deepEqual(line.history, alone.history);
  assert.deepEqual(line.samples, alone.samples);
  assert.deepEqual(line.weights, alone.weights);
});
