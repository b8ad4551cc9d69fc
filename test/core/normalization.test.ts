import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adaptNormalization, normalize } from '../../src/core/normalization.js';

test('adapt takes the population variance (ddof 0) of the first rows only', () => {
  // Two features; the third row is left out of adapt, as a validation row is.
  const x = Float32Array.from([1, 10, 3, 30, 100, 1000]);
  const norm = adaptNormalization(x, 2, 2);
  assert.deepEqual(norm.mean, [2, 20]);
  assert.deepEqual(norm.variance, [1, 100]);
  assert.deepEqual(Array.from(normalize(x, 2, norm)), [-1, -1, 1, 1, 98, 98]);
});

test('a constant feature divides by epsilon (1e-7) as Keras does, giving 0, not NaN', () => {
  const x = Float32Array.from([5, 5, 5]);
  const norm = adaptNormalization(x, 1, 3);
  assert.deepEqual(norm.variance, [0]);
  assert.deepEqual(Array.from(normalize(x, 1, norm)), [0, 0, 0]);
  // A value off the constant is scaled by 1/epsilon.
  assert.equal(normalize(Float32Array.from([5.5]), 1, norm)[0], Math.fround(0.5 / Math.fround(1e-7)));
});
