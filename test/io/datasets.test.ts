/**
 * The embedded data sets against their catalogue, and the CSV reader's class labels and missing
 * values, which every --data file and --dataset go through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMBEDDED_DATASETS, loadEmbeddedDataset } from '../../src/io/datasets.js';
import { parseCsvDataset } from '../../src/io/data.js';
import { InputError } from '../../src/io/errors.js';
import { embeddedOrder } from '../../src/app/inputs.js';

for (const entry of EMBEDDED_DATASETS) {
  test(`${entry.name}: ${entry.rows} rows × ${entry.features} features as listed, its default target ${entry.target}`, () => {
    const data = loadEmbeddedDataset(entry.name);
    assert.equal(data.samples, entry.rows);
    assert.equal(data.features, entry.features);
    assert.equal(data.outputs, 1);
    assert.deepEqual(data.targetNames, [entry.target]);
    if (entry.classes === null) {
      assert.equal(entry.task, 'regression');
      return;
    }
    // Every class 0..K−1 occurs, and nothing else.
    const seen = new Set(Array.from(data.y));
    assert.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: entry.classes }, (_, i) => i));
    if (data.classes !== undefined) assert.equal(data.classes.length, entry.classes);
  });
}

test('iris: the text species get scikit-learn ids (setosa 0, versicolor 1, virginica 2), 50 each', () => {
  const data = loadEmbeddedDataset('iris');
  assert.deepEqual(data.classes, ['setosa', 'versicolor', 'virginica']);
  assert.deepEqual([data.y[0], data.y[50], data.y[100]], [0, 1, 2]);
  assert.deepEqual(Array.from(data.x.subarray(0, 4)), [5.1, 3.5, 1.4, 0.2].map(Math.fround));
});

test('the rows of an embedded data set are put in one fixed order, a permutation, the same every time', () => {
  const order = embeddedOrder(150);
  assert.deepEqual([...order].sort((a, b) => a - b), Array.from({ length: 150 }, (_, i) => i));
  assert.deepEqual(order, embeddedOrder(150));
  assert.notDeepEqual(Array.from(order.subarray(0, 10)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // The last fifth of iris in that order holds all three species.
  const y = loadEmbeddedDataset('iris').y;
  assert.equal(new Set(Array.from(order.subarray(120), (i) => y[i])).size, 3);
});

test('text labels are numbered in sorted code-point order, whatever order they come in', () => {
  const data = parseCsvDataset('x,kind\n1,b\n2,Z\n3,a\n4,b\n5,é\n', 't.csv', { labels: true });
  assert.deepEqual(data.classes, ['Z', 'a', 'b', 'é']);
  assert.deepEqual(Array.from(data.y), [2, 0, 1, 2, 3]);
});

test('integer labels stay numbers and give no class names', () => {
  const data = parseCsvDataset('x,kind\n1,2\n2,0\n', 't.csv');
  assert.equal(data.classes, undefined);
  assert.deepEqual(Array.from(data.y), [2, 0]);
});

test('a label column mixing numbers and text is refused, naming both lines', () => {
  assert.throws(() => parseCsvDataset('x,kind\n1,cat\n2,3\n', 't.csv', { labels: true }), (e: InputError) => /line 3, column 2 \(kind\): 3 is a number, but the column held text labels above \(line 2\)/.test(e.message));
  assert.throws(() => parseCsvDataset('x,kind\n1,3\n2,cat\n', 't.csv', { labels: true }), (e: InputError) => /line 3, column 2 \(kind\): "cat" is not a number, but the column held numbers above \(line 2\)/.test(e.message));
});

test('text labels only for a single target column; a text feature is refused', () => {
  assert.throws(() => parseCsvDataset('x,a,b\n1,cat,dog\n', 't.csv', { target: ['a', 'b'], labels: true }), /"cat" is not a number/);
  assert.throws(() => parseCsvDataset('colour,y\nred,1\n', 't.csv'), /\(colour\): "red" is not a number/);
});

test('missing values: refused naming the line, or dropped with dropMissing', () => {
  const text = 'x,y\n1,1\n2, na \n3,3\n,4\n5,nan\n6,N/A\n7,7\n';
  assert.throws(() => parseCsvDataset(text, 't.csv'), /line 3, column 2 \(y\): missing value "na"/);
  const data = parseCsvDataset(text, 't.csv', { dropMissing: true });
  assert.equal(data.samples, 3);
  assert.deepEqual(Array.from(data.x), [1, 3, 7]);
  assert.deepEqual(Array.from(data.y), [1, 3, 7]);
  assert.equal(data.dropped, 4);
  assert.equal(data.firstDropped, 3);
});

test('a label seen only in a dropped row is not a class', () => {
  const data = parseCsvDataset('x,kind\n1,cat\n,ant\n2,dog\n', 't.csv', { dropMissing: true, labels: true });
  assert.deepEqual(data.classes, ['cat', 'dog']);
  assert.deepEqual(Array.from(data.y), [0, 1]);
});

test('without a classification loss, text in the target column is refused with the fix named', () => {
  assert.throws(() => parseCsvDataset('x,kind\n1,cat\n', 't.csv'), /line 2, column 2 \(kind\): "cat" is not a number; text class labels need a classification loss/);
});

test('an ignored column is neither a feature nor a target', () => {
  const data = parseCsvDataset('a,species,b\n1,x,2\n', 't.csv', { target: ['b'], ignore: ['species'] });
  assert.deepEqual(data.featureNames, ['a']);
  assert.deepEqual(Array.from(data.x), [1]);
});
