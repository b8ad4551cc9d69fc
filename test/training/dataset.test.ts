/**
 * Row views and Keras's validation split: `train_validation_split` in Keras 3's
 * keras/src/trainers/data_adapters/array_slicing.py splits at floor(n·(1 − f)) and holds out the
 * last samples, before any shuffling.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleDataset, sliceRows, splitValidation, trainSampleCount, validationFits, type Dataset } from '../../src/training/dataset.js';

function rows(n: number, features: number, outputs: number): Dataset {
  return {
    x: Float32Array.from({ length: n * features }, (_, k) => k),
    y: Float32Array.from({ length: n * outputs }, (_, k) => 100 + k),
    samples: n,
    features,
    outputs,
  };
}

describe('datasets', () => {
  test('the sample data is x = y = 1..6 with one feature and one target', () => {
    const d = sampleDataset();
    assert.deepEqual(Array.from(d.x), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(Array.from(d.y), [1, 2, 3, 4, 5, 6]);
    assert.notEqual(d.x, d.y);
    assert.equal(d.samples, 6);
    assert.equal(d.features, 1);
    assert.equal(d.outputs, 1);
  });

  test('a row slice is a view of the same memory with the right width', () => {
    const d = rows(5, 2, 3);
    const s = sliceRows(d, 1, 3);
    assert.equal(s.samples, 2);
    assert.deepEqual(Array.from(s.x), [2, 3, 4, 5]);
    assert.deepEqual(Array.from(s.y), [103, 104, 105, 106, 107, 108]);
    assert.equal(s.x.buffer, d.x.buffer);
  });
});

describe('validation split', () => {
  // [samples, fraction, training samples]: split_at = floor(n·(1 − f))
  const table: Array<[number, number, number]> = [
    [8, 0.25, 6],
    [10, 0.25, 7],
    [6, 0.5, 3],
    [6, 0.1, 5],
    [3, 0.2, 2],
    [100, 0.2, 80],
  ];
  for (const [n, f, train] of table) {
    test(`a split of ${f} of ${n} samples trains on the first ${train} and validates on the last ${n - train}`, () => {
      const d = rows(n, 2, 1);
      const parts = splitValidation(d, f);
      assert.ok(parts);
      assert.equal(parts.train.samples, train);
      assert.equal(parts.validation.samples, n - train);
      assert.equal(parts.train.x[0], 0);
      assert.equal(parts.validation.x[0], 2 * train);
      assert.equal(parts.validation.y[0], 100 + train);
      assert.equal(parts.validation.y.at(-1), 100 + n - 1);
    });
  }

  test('a split that leaves either part empty is refused', () => {
    assert.equal(splitValidation(rows(6, 1, 1), 1), null);
    assert.equal(splitValidation(rows(6, 1, 1), 0.9), null); // floor(0.6) = 0 training samples
    assert.equal(splitValidation(rows(6, 1, 1), 1e-17), null); // 6·(1 − 1e-17) = 6: no validation
    assert.equal(splitValidation(rows(1, 1, 1), 0.5), null);
  });
});

test('the validation split leaves floor(n·(1 − f)) training samples, the count steps are cut from', () => {
  assert.equal(trainSampleCount(6, 0), 6);
  assert.equal(trainSampleCount(6, 0.2), 4); // floor(4.8)
  assert.equal(trainSampleCount(10, 0.25), 7); // floor(7.5)
});

test('a split fits when both parts keep a sample; no split always fits', () => {
  assert.equal(validationFits(6, 0), true);
  assert.equal(validationFits(6, 0.5), true); // 3 + 3
  assert.equal(validationFits(6, 0.1), true); // floor(5.4) = 5 train, 1 validation
  assert.equal(validationFits(6, 0.9), false); // floor(0.6) = 0 train
  assert.equal(validationFits(1, 0.5), false); // floor(0.5) = 0 train
});
