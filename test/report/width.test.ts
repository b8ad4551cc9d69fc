import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth, padStartColumns } from '../../src/report/width.js';

test('Hangul takes two terminal columns; ASCII, box drawing and Keras bar characters take one', () => {
  assert.equal(displayWidth('batch'), 5);
  assert.equal(displayWidth('배치'), 4);
  assert.equal(displayWidth('손실 (mae)'), 10);
  assert.equal(displayWidth('━━ ═ ─┤ ± … →'), 13);
});

test('padding counts columns, so a Korean heading lines up with the numbers under it', () => {
  assert.equal(padStartColumns('6', 4), '   6');
  assert.equal(padStartColumns('배치', 6), '  배치');
  assert.equal(padStartColumns('배치', 3), '배치');
});
