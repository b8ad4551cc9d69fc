/**
 * The data side through the built executable: `train datasets`, --dataset, text class labels,
 * --drop-missing, --standardize and --test-split, and every bad input they add (exit 2, one line,
 * before any training, nothing written).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempFolder } from '../helpers/temp.js';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const exec = promisify(execFile);
const env = { ...process.env, NO_COLOR: '1', COLUMNS: '80', LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
const { dir, file } = tempFolder('datasets');

async function train(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return exec(process.execPath, [bin, ...args], { env, cwd: dir });
}

async function refused(args: string[]): Promise<string> {
  let message = '';
  await assert.rejects(train(args), (error: { code: number; stderr: string; stdout: string }) => {
    assert.equal(error.code, 2, error.stderr);
    assert.equal(error.stdout, '');
    assert.equal(error.stderr.trimEnd().split('\n').length, 1, error.stderr);
    assert.doesNotMatch(error.stderr, /Epoch|\bat \w+ \(/);
    message = error.stderr;
    return true;
  });
  return message;
}

test('train datasets lists every embedded data set in a table fitting 80 columns', async () => {
  const { stdout, stderr } = await train(['datasets']);
  assert.equal(stderr, '');
  const lines = stdout.trimEnd().split('\n');
  assert.match(lines[0], /^name\s+rows\s+features\s+task\s+target\s+source\s+licence$/);
  for (const [name, rows, features, task, target] of <Array<[string, number, number, string, string]>>[
    ['iris', 150, 4, 'multiclass', 'species'],
    ['wine', 178, 13, 'multiclass', 'class'],
    ['digits', 1797, 64, 'multiclass', 'digit'],
    ['penguins', 342, 4, 'multiclass', 'species'],
    ['auto-mpg', 392, 7, 'regression', 'mpg'],
    ['diabetes', 442, 10, 'regression', 'progression'],
  ]) {
    assert.ok(lines.some((line) => new RegExp(`^${name}\\s+${rows}\\s+${features}\\s+${task}\\s+${target}\\s`).test(line)), String(name));
  }
  for (const line of lines) assert.ok(line.length <= 80, line);
  const narrow = await exec(process.execPath, [bin, 'datasets'], { env: { ...env, COLUMNS: '70' } });
  for (const line of narrow.stdout.trimEnd().split('\n')) assert.ok(line.length <= 70, line);
  const tight = await exec(process.execPath, [bin, 'datasets'], { env: { ...env, COLUMNS: '50' } });
  const tightLines = tight.stdout.trimEnd().split('\n');
  for (const line of tightLines) assert.ok(line.length <= 50, line);
  assert.match(tightLines[0], /^name\s+rows\s+features\s+task\s+target$/);
});

test('train compare --test-split evaluates the test part of every run and records it', async () => {
  const { stdout } = await train(['compare', '--dataset', 'diabetes', '--standardize', '--test-split', '0.2', '--batch-sizes', '8,64', '-e', '2', '--format', 'json', '--no-timings']);
  const doc = JSON.parse(stdout) as { runs: Array<{ test: { loss: number; samples: number }; samples: { total: number; test: number } }> };
  for (const run of doc.runs) {
    assert.equal(run.test.samples, 89);
    assert.equal(run.samples.total, 442);
    assert.ok(Number.isFinite(run.test.loss));
  }
  assert.notEqual(doc.runs[0].test.loss, doc.runs[1].test.loss);
});

test('train datasets --json gives the catalogue as data', async () => {
  const doc = JSON.parse((await train(['datasets', '--json'])).stdout) as { datasets: Array<{ name: string; licence: string; package: string }> };
  assert.deepEqual(doc.datasets.map((d) => d.name), ['iris', 'wine', 'digits', 'penguins', 'auto-mpg', 'diabetes']);
  assert.equal(doc.datasets.find((d) => d.name === 'penguins')!.licence, 'CC0 1.0');
  assert.match(doc.datasets[0].package, /^scikit-learn /);
});

test('--dataset auto-mpg trains a regression on mpg, input size from the data', async () => {
  const { stdout } = await train(['--dataset', 'auto-mpg', '--layers', '4:relu,1', '-e', '2', '--json', '--no-timings']);
  const doc = JSON.parse(stdout);
  assert.equal(doc.config.data, 'dataset auto-mpg');
  assert.deepEqual(doc.samples, { total: 392, train: 392, validation: 0, features: 7, outputs: 1 });
  assert.equal(doc.weights.initial[0].length, 7);
  assert.equal(doc.classes, undefined);
});

test('--dataset penguins shows and records the classes its text labels became', async () => {
  const { stdout } = await train(['--dataset', 'penguins', '-e', '1', '--no-timings']);
  assert.equal(stdout.split('\n')[0], 'classes: Adelie=0, Chinstrap=1, Gentoo=2');
  const doc = JSON.parse((await train(['--dataset', 'penguins', '-e', '1', '--json', '--no-timings'])).stdout);
  assert.deepEqual(doc.classes, ['Adelie', 'Chinstrap', 'Gentoo']);
  assert.equal(doc.samples.total, 342);
});

test('--dataset --target trains on another column', async () => {
  const doc = JSON.parse((await train(['--dataset', 'auto-mpg', '--target', 'horsepower', '-e', '1', '--json', '--no-timings'])).stdout);
  assert.deepEqual(doc.config.target, ['horsepower']);
  assert.equal(doc.samples.features, 7);
});

test('a --data CSV with text labels: ids in sorted order, shown and recorded', async () => {
  const data = file('pets.csv', 'size,kind\n1,dog\n2,cat\n3,emu\n4,cat\n');
  const args = ['--data', data, '--loss', 'sparse_categorical_crossentropy', '--layers', '3:softmax', '-e', '1', '--no-timings'];
  const { stdout } = await train(args);
  assert.equal(stdout.split('\n')[0], 'classes: cat=0, dog=1, emu=2');
  const doc = JSON.parse((await train([...args, '--json'])).stdout);
  assert.deepEqual(doc.classes, ['cat', 'dog', 'emu']);
  // From zero weights the softmax is uniform: every sample's loss is ln 3, whatever its id.
  const w = file('zero3.json', '[[[0, 0, 0]], [0, 0, 0]]');
  const zero = JSON.parse((await train([...args, '--weights', w, '-b', '4', '--json'])).stdout);
  assert.ok(Math.abs(zero.history.loss[0] - Math.log(3)) < 1e-6, String(zero.history.loss[0]));
  // The ids are the sorted labels': the run learns cat (id 0) twice as often as dog and emu.
  const { stdout: longer } = await train([...args, '-e', '200', '--lr', '0.05', '--json', '--no-shuffle', '--metrics', 'accuracy']);
  assert.ok(JSON.parse(longer).history.accuracy.at(-1) >= 0.5);
});

test('a classification data set trains as the usual Keras classifier unless told otherwise', async () => {
  const doc = JSON.parse((await train(['--dataset', 'iris', '-e', '30', '-b', '16', '--lr', '0.01', '--json', '--no-timings'])).stdout);
  assert.equal(doc.config.loss, 'sparse_categorical_crossentropy');
  assert.deepEqual(doc.config.layers, [{ units: 3, activation: 'softmax' }]);
  assert.deepEqual(doc.config.metrics, ['accuracy']);
  assert.equal(doc.history.accuracy.length, 30);
  // Given flags win: a hidden layer of our own, still sparse crossentropy and accuracy.
  const own = JSON.parse((await train(['--dataset', 'digits', '--layers', '16:relu,10:softmax', '-e', '1', '--json', '--no-timings'])).stdout);
  assert.deepEqual(own.config.layers, [{ units: 16, activation: 'relu' }, { units: 10, activation: 'softmax' }]);
  assert.deepEqual(own.config.metrics, ['accuracy']);
  // Another target is a regression unless said otherwise.
  const other = JSON.parse((await train(['--dataset', 'iris', '--target', 'petal_width', '-e', '1', '--json', '--no-timings'])).stdout);
  assert.equal(other.config.loss, 'mae');
  assert.equal(other.config.metrics, undefined);
});

test('the issue target: iris, 8:relu,3:softmax, 30 epochs at batch 16 reaches accuracy 0.9', async () => {
  const args = ['--dataset', 'iris', '--layers', '8:relu,3:softmax', '--loss', 'sparse_categorical_crossentropy', '--metrics', 'accuracy', '-e', '30', '-b', '16', '--lr', '0.01'];
  const doc = JSON.parse((await train([...args, '--json', '--no-timings'])).stdout);
  assert.ok(doc.history.accuracy.at(-1) >= 0.9, String(doc.history.accuracy.at(-1)));
});

test('--test-split on a classification data set prints and records the test accuracy', async () => {
  const args = ['--dataset', 'penguins', '--standardize', '--test-split', '0.2', '-e', '5', '-b', '8', '--lr', '0.01', '--no-timings'];
  const lines = (await train(args)).stdout.trimEnd().split('\n');
  assert.equal(lines.at(-2), 'test (69 held-out samples, never trained on):');
  assert.match(lines.at(-1)!, /^3\/3 \[=+\] - 0s 0s\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}$/);
  const doc = JSON.parse((await train([...args, '--json'])).stdout);
  assert.deepEqual(Object.keys(doc.test), ['loss', 'accuracy', 'samples']);
  assert.ok(lines.at(-1)!.endsWith(`accuracy: ${doc.test.accuracy.toFixed(4)}`));
  const keras3 = (await train([...args, '--style', 'keras3'])).stdout.trimEnd().split('\n');
  assert.match(keras3.at(-1)!, /^3\/3 ━+ 0s 0s\/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}$/);
});

test('--drop-missing leaves out rows with an empty cell, NA or NaN and says how many', async () => {
  const data = file('gaps.csv', 'x,y\n1,1\n2,\n3,NA\n4,4\nNaN,5\n6,6\n');
  const { stdout } = await train(['--data', data, '--drop-missing', '-e', '1', '--no-timings']);
  assert.equal(stdout.split('\n')[0], 'dropped 3 rows with a missing value (the first on line 3); 3 remain');
  const doc = JSON.parse((await train(['--data', data, '--drop-missing', '-e', '1', '--json', '--no-timings'])).stdout);
  assert.equal(doc.samples.total, 3);
  assert.equal(doc.samples.dropped, 3);
  assert.equal(doc.config.dropMissing, true);
});

test('--test-split holds out the last rows and prints them as model.evaluate does', async () => {
  const { stdout } = await train(['--dataset', 'diabetes', '--standardize', '--test-split', '0.1', '--validation-split', '0.2', '-e', '2', '--no-timings']);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.at(-2), 'test (45 held-out samples, never trained on):');
  assert.match(lines.at(-1)!, /^2\/2 \[==============================\] - 0s 0s\/step - loss: \d+\.\d{4}$/);
  const doc = JSON.parse((await train(['--dataset', 'diabetes', '--standardize', '--test-split', '0.1', '--validation-split', '0.2', '-e', '2', '--json', '--no-timings'])).stdout);
  // 442 rows: floor(442 · 0.9) = 397 go to fit(), which keeps floor(397 · 0.8) = 317 to train on.
  assert.deepEqual(doc.samples, { total: 442, train: 317, validation: 80, features: 10, outputs: 1, test: 45 });
  assert.equal(doc.test.samples, 45);
  assert.ok(Number.isFinite(doc.test.loss));
  assert.equal(doc.config.testSplit, 0.1);
  assert.equal(doc.config.standardize, true);
  // The test line's loss is the recorded one, as Keras's evaluate prints it.
  assert.ok(lines.at(-1)!.endsWith(`loss: ${doc.test.loss.toFixed(4)}`));
});

test('--standardize changes the features the model sees and nothing else', async () => {
  const plain = JSON.parse((await train(['--dataset', 'auto-mpg', '-e', '1', '--json', '--no-timings'])).stdout);
  const scaled = JSON.parse((await train(['--dataset', 'auto-mpg', '-e', '1', '--json', '--no-timings', '--standardize'])).stdout);
  assert.deepEqual(scaled.weights.initial, plain.weights.initial);
  // Raw features run to thousands (weight in lbs): the first loss is far larger unscaled.
  assert.ok(plain.history.loss[0] > 10 * scaled.history.loss[0], `${plain.history.loss[0]} vs ${scaled.history.loss[0]}`);
});

test('--emit-keras with --standardize and --test-split adapts a Normalization layer on the training rows and evaluates the test part', async () => {
  const { stdout } = await train(['--dataset', 'iris', '--target', 'petal_width', '--standardize', '--test-split', '0.2', '--validation-split', '0.25', '--emit-keras']);
  assert.match(stdout, /normalization = keras\.layers\.Normalization\(\)\nnormalization\.adapt\(x\[:90\]\)/);
  assert.match(stdout, /x_test = np\.asarray\(normalization\(x_test\)\)/);
  assert.match(stdout, /test = model\.evaluate\(x_test, y_test, verbose=1, return_dict=True\)\ntest_loss = test\["loss"\]/);
  // The species column is a label, not a feature: 3 measurements remain.
  assert.match(stdout, /keras\.Input\(shape=\(3,\)\)/);
});

const badCases: Array<[string, string[], RegExp]> = [
  ['an unknown data set', ['--dataset', 'mnist'], /--dataset: no embedded data set is called "mnist"; choose one of iris, wine, digits, penguins, auto-mpg, diabetes/],
  ['--dataset with --data', ['--dataset', 'iris', '--data', 'x.csv'], /--dataset names an embedded data set and --data another source of data; give one of them/],
  ['--dataset with --synthetic', ['--dataset', 'iris', '--synthetic', 'linear'], /--dataset names an embedded data set and --synthetic another/],
  ['--drop-missing without --data', ['--drop-missing'], /--drop-missing leaves out rows of a --data CSV file/],
  ['an unknown --target of a data set', ['--dataset', 'iris', '--target', 'colour'], /--dataset iris: --target names column "colour", which is not in the header/],
  ['a test split of 0', ['--test-split', '0'], /test split must be/],
  ['a test split of 1', ['--test-split', '1'], /test split must be/],
  ['a test split leaving no training rows', ['--test-split', '0.9'], /--test-split 0.9 leaves no sample for training or for the test part of 6 samples/],
  ['a missing value', ['--data', 'gap.csv'], /gap\.csv: line 3, column 2 \(y\): missing value "NA"; fill in a number, or leave such rows out with --drop-missing/],
  ['an empty cell', ['--data', 'blank.csv'], /line 2, column 1 \(x\): empty cell; fill in a number, or leave such rows out with --drop-missing/],
  ['a classification loss on a regression data set', ['--dataset', 'auto-mpg', '--loss', 'sparse_categorical_crossentropy'], /--loss sparse_categorical_crossentropy is a classification loss, but --dataset auto-mpg is a regression data set \(target mpg\); use --loss mae, mse or huber/],
  ['labels mixed with numbers', ['--data', 'mixed.csv', '--loss', 'sparse_categorical_crossentropy', '--layers', '2:softmax'], /line 3, column 2 \(kind\): "cat" is not a number, but the column held numbers above \(line 2\)/],
  ['a test-part label beyond the output layer', ['--data', 'labels.csv', '--loss', 'sparse_categorical_crossentropy', '--layers', '2:softmax', '--test-split', '0.25'], /sample 4/],
  ['text labels with a regression loss', ['--data', 'mixed.csv'], /line 3, column 2 \(kind\): "cat" is not a number; text class labels need a classification loss \(--loss sparse_categorical_crossentropy\)/],
  ['every row missing a value', ['--data', 'allgaps.csv', '--drop-missing'], /every one of the 2 rows has a missing value/],
  ['a text feature', ['--data', 'textfeature.csv'], /line 2, column 1 \(colour\): "red" is not a number/],
];

for (const [what, args, pattern] of badCases) {
  test(`refused before training: ${what}`, async () => {
    file('gap.csv', 'x,y\n1,1\n2,NA\n');
    file('blank.csv', 'x,y\n,1\n');
    file('mixed.csv', 'x,kind\n1,0\n2,cat\n');
    file('allgaps.csv', 'x,y\n1,\n,2\n');
    file('textfeature.csv', 'colour,y\nred,1\n');
    file('labels.csv', 'x,kind\n1,0\n2,1\n3,0\n4,2\n');
    const saved = join(dir, `never-${what.replace(/\W+/g, '-')}.json`);
    const message = await refused([...args, '--save-weights', saved]);
    assert.match(message, pattern);
    assert.equal(existsSync(saved), false);
  });
}

test('the embedded files ship with the package', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { files: string[] };
  assert.ok(pkg.files.includes('data/datasets'));
  assert.ok(pkg.files.includes('data/README.md'));
});
