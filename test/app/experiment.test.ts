import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { experimentJsonSchemaText } from '../../src/app/experiment-schema.js';
import { loadExperiment, parseExperiment } from '../../src/app/experiment.js';
import { InputError } from '../../src/io/errors.js';
import { updatingGolden } from '../helpers/golden.js';

const dir = mkdtempSync(join(tmpdir(), 'batchsim-experiment-'));
const repo = fileURLToPath(new URL('../..', import.meta.url));

/** The InputError message for an experiment text, or fails. */
function problem(doc: unknown, name = 'exp.json'): string {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  try {
    parseExperiment(text, join(dir, name), '0.1.0');
  } catch (error) {
    assert.ok(error instanceof InputError, `expected bad input, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the experiment was accepted');
}

test('the example grid expands to 4 × 2 × 3 = 24 runs in canonical order', () => {
  const text = readFileSync(join(repo, 'examples', 'batch-vs-lr.json'), 'utf8');
  const experiment = parseExperiment(text, join(repo, 'examples', 'batch-vs-lr.json'), '0.1.0');
  assert.equal(experiment.name, 'batch-vs-lr');
  assert.equal(experiment.runs.length, 24);
  assert.deepEqual(experiment.axes.map((a) => a.name), ['batchSize', 'learningRate', 'seed']);
  assert.deepEqual(experiment.runs[0].point, { batchSize: 1, learningRate: 0.01, seed: 1 });
  assert.deepEqual(experiment.runs[23].point, { batchSize: 6, learningRate: 0.1, seed: 3 });
  const run = experiment.runs[5].run;
  assert.equal(run.epochs, 20);
  assert.deepEqual(run.layers, [{ units: 1, activation: 'linear' }]);
  assert.equal(run.optimizer.learningRate, 0.1);
  assert.equal(new Set(experiment.runs.map((r) => r.id)).size, 24);
});

test('options left out take the train command defaults (Keras): batch 32, adam, mae, seed 42', () => {
  const [only] = parseExperiment('{}', join(dir, 'defaults.json'), '0.1.0').runs;
  assert.equal(only.config.batchSize, 32);
  assert.equal(only.config.epochs, 1);
  assert.equal(only.config.optimizer.name, 'adam');
  assert.equal(only.config.learningRate, 0.001);
  assert.equal(only.config.loss, 'mae');
  assert.equal(only.config.seed, 42);
  assert.equal(only.config.shuffle, true);
  assert.equal(only.config.data, 'sample');
  assert.deepEqual(only.point, {});
});

test('the name defaults to the file name without its extension', () => {
  assert.equal(parseExperiment('{}', join(dir, 'my-sweep.json'), '0.1.0').name, 'my-sweep');
});

test('data and weights paths are relative to the experiment file, not the working folder', () => {
  const sub = join(dir, 'nested');
  mkdirSync(join(sub, 'data'), { recursive: true });
  writeFileSync(join(sub, 'exp.json'), JSON.stringify({ data: 'data/points.csv', weights: '../w.json' }));
  const [run] = loadExperiment(join('nested', 'exp.json'), dir, '0.1.0').runs;
  assert.equal(run.dataFile, join(sub, 'data', 'points.csv'));
  assert.equal(run.weightsFile, join(dir, 'w.json'));
  assert.equal(run.config.data, 'data/points.csv');
  assert.equal(run.config.weights, '../w.json');
});

test('run ids do not depend on where the checkout is, so shards from different machines merge', () => {
  const a = parseExperiment('{"data": "d.csv"}', join(dir, 'a', 'exp.json'), '0.1.0').runs[0].id;
  const b = parseExperiment('{"data": "d.csv"}', join(dir, 'b', 'exp.json'), '0.1.0').runs[0].id;
  assert.equal(a, b);
});

test('YAML experiment files read the same as JSON', () => {
  const yaml = parseExperiment('name: y\nepochs: 3\ngrid:\n  batchSize: [1, 6]\n', join(dir, 'exp.yaml'), '0.1.0');
  const json = parseExperiment('{"name": "y", "epochs": 3, "grid": {"batchSize": [1, 6]}}', join(dir, 'exp.json'), '0.1.0');
  assert.deepEqual(yaml.runs.map((r) => r.id), json.runs.map((r) => r.id));
});

test('a typo in a key is an error naming the file and the key, with a suggestion', () => {
  assert.equal(problem({ epoch: 10 }), 'exp.json: unknown key "epoch". Did you mean "epochs"?');
  assert.match(problem({ grid: { bachSize: [1] } }), /^exp\.json: grid: unknown key "bachSize"\. Did you mean "batchSize"\?$/);
  assert.match(problem({ verbose: 2 }), /unknown key "verbose"\. Known keys: name, grid, batchSize/);
});

test('wrong types and ranges name the key, what was expected and what was found', () => {
  assert.equal(problem({ epochs: '10' }), 'exp.json: epochs: expected a whole number, got "10"');
  assert.equal(problem({ batchSize: 0 }), 'exp.json: batchSize: must be ≥ 1, got 0');
  assert.equal(problem({ batchSize: 2.5 }), 'exp.json: batchSize: expected a whole number, got 2.5');
  assert.equal(problem({ learningRate: 0 }), 'exp.json: learningRate: must be > 0, got 0');
  assert.equal(problem({ momentum: 1, optimizer: 'sgd' }), 'exp.json: momentum: must be < 1, got 1');
  assert.equal(problem({ optimizer: 'adamw' }), 'exp.json: "adamw" is not one of adam, sgd, rmsprop. Did you mean "adam"?'.replace('exp.json: ', 'exp.json: optimizer: '));
  assert.equal(problem({ grid: { batchSize: [1, 'two'] } }), 'exp.json: grid.batchSize[1]: expected a whole number, got "two"');
  assert.equal(problem({ grid: { seed: 3 } }), 'exp.json: grid.seed: expected an array, got 3');
  assert.equal(problem({ target: 3, data: 'x.csv' }), 'exp.json: target: expected a column name or an array of names, e.g. "y" or ["y1", "y2"]; got 3');
  assert.equal(problem({ name: 'a b' }), 'exp.json: name: "a b" may hold only letters, digits, ".", "_" and "-", starting with a letter or digit');
  assert.equal(problem([1, 2]), 'exp.json: the file must hold one object of options, e.g. {"epochs": 10}; it holds an array');
});

test('several problems are numbered on one line', () => {
  const message = problem({ epoch: 1, batchSize: 'x' });
  assert.equal(message, 'exp.json: 2 problems: (1) batchSize: expected a whole number, got "x" (2) unknown key "epoch". Did you mean "epochs"?');
});

test('an empty grid axis, a repeated value or an option set twice is an error', () => {
  assert.equal(problem({ grid: { batchSize: [] } }), 'exp.json: grid.batchSize: is empty; give at least 1 value');
  assert.equal(problem({ grid: { seed: [1, 2, 1] } }), 'exp.json: grid.seed lists 1 twice; give each value once');
  assert.equal(problem({ epochs: 5, grid: { epochs: [5, 10] } }), 'exp.json: epochs is set both at the top level and in grid; keep one');
});

test('a grid of more than 100000 points is refused before it is expanded', () => {
  const values = Array.from({ length: 400 }, (_, i) => i + 1);
  assert.equal(problem({ grid: { batchSize: values, seed: values } }), 'exp.json: grid has 160000 points, more than 100000; split the experiment into several files');
});

test('layer specs are checked with the --layers rules', () => {
  assert.match(problem({ layers: '8:relux,1' }), /^exp\.json: layers: layer 1 \("8:relux"\): unknown activation "relux"\. Did you mean "relu"\?/);
  assert.match(problem({ grid: { layers: ['1', '0'] } }), /^exp\.json: grid\.layers\[1\]: "0": units must be a whole number/);
});

test('conflicting options are errors naming the grid point', () => {
  assert.equal(
    problem({ momentum: 0.9, grid: { optimizer: ['sgd', 'adam'] } }),
    'exp.json: grid point optimizer=adam: momentum applies to optimizer sgd or rmsprop, not adam; drop momentum or choose sgd',
  );
  assert.match(problem({ optimizer: 'sgd', nesterov: true }), /nesterov needs momentum > 0/);
  assert.match(problem({ target: 'y' }), /target names columns of a data CSV file/);
});

test('a file that is not JSON, or not YAML, says so', () => {
  assert.match(problem('{"epochs": 10,}'), /^exp\.json is not valid JSON \(/);
  assert.match(problem('epochs: [1\n', 'exp.yml'), /^exp\.yml is not valid YAML \(/);
});

test('the published JSON Schema is the one generated from the zod schema', () => {
  const path = join(repo, 'schema', 'experiment.schema.json');
  const generated = experimentJsonSchemaText();
  if (updatingGolden) writeFileSync(path, generated);
  assert.equal(readFileSync(path, 'utf8'), generated, `${path} is out of date: run the tests with UPDATE_GOLDEN=1 to regenerate it`);
  const schema = JSON.parse(generated) as { additionalProperties: boolean; properties: Record<string, unknown> };
  assert.equal(schema.additionalProperties, false);
  assert.ok('batchSize' in schema.properties && 'grid' in schema.properties);
});

test('an embedded data set takes the defaults train gives it: a classification set becomes a K:softmax classifier with accuracy', () => {
  const [iris] = parseExperiment(JSON.stringify({ dataset: 'iris' }), join(dir, 'exp.json'), '0.1.0').runs;
  assert.equal(iris.dataset, 'iris');
  assert.equal(iris.dataFile, null);
  assert.equal(iris.config.data, 'dataset iris');
  assert.equal(iris.run.loss, 'sparse_categorical_crossentropy');
  assert.deepEqual(iris.run.layers, [{ units: 3, activation: 'softmax' }]);
  assert.deepEqual(iris.config.metrics, ['accuracy']);
  // One grid over data sets: each point takes its own set's classes.
  const runs = parseExperiment(JSON.stringify({ grid: { dataset: ['digits', 'auto-mpg'] } }), join(dir, 'exp.json'), '0.1.0').runs;
  const byName = new Map(runs.map((run) => [run.dataset, run]));
  assert.deepEqual(byName.get('digits')!.run.layers, [{ units: 10, activation: 'softmax' }]);
  // A regression set keeps train's regression defaults.
  const mpg = byName.get('auto-mpg')!;
  assert.equal(mpg.run.loss, 'mae');
  assert.deepEqual(mpg.run.layers, [{ units: 1, activation: 'linear' }]);
  assert.equal(mpg.config.metrics, undefined);
});

test('what the file gives is kept: its loss, layers and metrics, and another target than the set\'s own', () => {
  const resolve = (doc: object) => parseExperiment(JSON.stringify(doc), join(dir, 'exp.json'), '0.1.0').runs[0];
  const layered = resolve({ dataset: 'iris', layers: '8:relu,3:softmax' });
  assert.deepEqual(layered.run.layers, [{ units: 8, activation: 'relu' }, { units: 3, activation: 'softmax' }]);
  assert.deepEqual(layered.config.metrics, ['accuracy']);
  const mse = resolve({ dataset: 'iris', loss: 'mse' });
  assert.equal(mse.run.loss, 'mse');
  assert.deepEqual(mse.run.layers, [{ units: 1, activation: 'linear' }]);
  assert.equal(mse.config.metrics, undefined);
  const petal = resolve({ dataset: 'iris', target: 'petal_width' });
  assert.equal(petal.run.loss, 'mae');
  assert.deepEqual(petal.config.target, ['petal_width']);
  assert.deepEqual(resolve({ dataset: 'iris', metrics: ['mae'] }).config.metrics, ['mae']);
});

test('the data set and its options are part of every run id', () => {
  const id = (doc: object) => parseExperiment(JSON.stringify(doc), join(dir, 'exp.json'), '0.1.0').runs[0].id;
  const ids = [
    id({ dataset: 'iris' }),
    id({ dataset: 'wine' }),
    id({ dataset: 'iris', standardize: true }),
    id({ dataset: 'iris', testSplit: 0.2 }),
    id({ dataset: 'iris', testSplit: 0.3 }),
    id({ data: 'd.csv' }),
    id({ data: 'd.csv', dropMissing: true }),
  ];
  assert.equal(new Set(ids).size, ids.length);
  // Saying the default changes nothing.
  assert.equal(id({ dataset: 'iris', standardize: false }), id({ dataset: 'iris' }));
  assert.equal(id({ dataset: 'iris', loss: 'sparse_categorical_crossentropy', layers: '3:softmax', metrics: ['accuracy'] }), id({ dataset: 'iris' }));
});

test('bad data keys name the file, the key and the fix', () => {
  assert.equal(problem({ dataset: 'iris', data: 'd.csv' }), 'exp.json: "dataset" names an embedded data set and "data" a data file; keep one of them');
  assert.equal(
    problem({ grid: { dataset: ['iris', 'auto-mpg'] }, loss: 'sparse_categorical_crossentropy' }),
    'exp.json: grid point dataset=auto-mpg: loss sparse_categorical_crossentropy is a classification loss, but dataset auto-mpg is a regression data set (target mpg); use "loss": "mae", "mse" or "huber"',
  );
  assert.equal(problem({ dropMissing: true }), 'exp.json: dropMissing leaves out rows of a data CSV file; add "data" or drop "dropMissing"');
  assert.equal(problem({ dataset: 'Iris' }), 'exp.json: dataset: "Iris" is not one of iris, wine, digits, penguins, auto-mpg, diabetes. Did you mean "iris"?');
  assert.equal(problem({ dataset: 'iris', testSplit: 0 }), 'exp.json: testSplit: must be > 0, got 0');
  assert.equal(problem({ dataset: 'iris', standardize: 1 }, 'exp.yaml'), 'exp.yaml: standardize: expected true or false, got 1');
  assert.match(problem({ datset: 'iris' }), /unknown key "datset"\. Did you mean "dataset"\?/);
});
