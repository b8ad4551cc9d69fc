/**
 * The seeded generator: deterministic per (seed, stream), independent across streams, and
 * producing values in the promised ranges.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../src/core/random.js';

const draw = (seed: number, stream: string, n = 20) => {
  const r = createRandom(seed, stream);
  return Array.from({ length: n }, () => r.next());
};

describe('createRandom', () => {
  test('the same seed and stream give the same sequence', () => {
    assert.deepEqual(draw(42, 'init'), draw(42, 'init'));
  });

  test('different seeds give different sequences', () => {
    assert.notDeepEqual(draw(42, 'init'), draw(43, 'init'));
  });

  test('streams of the same seed are unrelated sequences', () => {
    const init = draw(42, 'init');
    const shuffle = draw(42, 'shuffle');
    assert.ok(init.every((v, i) => v !== shuffle[i]));
  });

  test('drawing from one stream does not change what another stream sees', () => {
    const before = draw(9, 'shuffle');
    const init = createRandom(9, 'init');
    for (let i = 0; i < 1000; i++) init.next();
    assert.deepEqual(draw(9, 'shuffle'), before);
  });

  test('next is uniform in [0, 1) and nextInt in [0, n)', () => {
    const r = createRandom(1, 'data');
    let sum = 0;
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 10000; i++) {
      const v = r.next();
      assert.ok(v >= 0 && v < 1);
      sum += v;
      const k = r.nextInt(5);
      assert.ok(Number.isInteger(k) && k >= 0 && k < 5);
      counts[k]++;
    }
    assert.ok(Math.abs(sum / 10000 - 0.5) < 0.02);
    for (const c of counts) assert.ok(c > 1800 && c < 2200, `bucket count ${c}`);
  });

  test('nextNormal has mean about 0 and variance about 1', () => {
    const r = createRandom(2, 'data');
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const v = r.nextNormal();
      assert.ok(Number.isFinite(v));
      s += v;
      s2 += v * v;
    }
    assert.ok(Math.abs(s / n) < 0.03);
    assert.ok(Math.abs(s2 / n - 1) < 0.05);
  });
});
