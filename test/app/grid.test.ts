import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, describePoint, expandGrid, inShard, runId, sortAxes } from '../../src/app/grid.js';

test('the grid expands in canonical order: axes by name, values sorted, the first axis outermost', () => {
  const points = expandGrid([
    { name: 'seed', values: [2, 1] },
    { name: 'batchSize', values: [6, 1] },
  ]);
  assert.deepEqual(points, [
    { batchSize: 1, seed: 1 },
    { batchSize: 1, seed: 2 },
    { batchSize: 6, seed: 1 },
    { batchSize: 6, seed: 2 },
  ]);
});

test('a grid without axes is the single run of the fixed options', () => {
  assert.deepEqual(expandGrid([]), [{}]);
  assert.equal(describePoint({}), '(the single run)');
});

test('numbers sort numerically, not as text, and strings sort as text', () => {
  const [axis] = sortAxes([{ name: 'batchSize', values: [10, 9, 100] }]);
  assert.deepEqual(axis.values, [9, 10, 100]);
  const [layers] = sortAxes([{ name: 'layers', values: ['8:relu,1', '1', '16:tanh,1'] }]);
  assert.deepEqual(layers.values, ['1', '16:tanh,1', '8:relu,1']);
});

test('round-robin shards partition the grid: every point in exactly one shard, sizes within one', () => {
  for (const total of [1, 2, 3, 5, 7]) {
    const counts = Array.from({ length: total }, () => 0);
    for (let position = 0; position < 24; position++) {
      const owners = counts.map((_, i) => inShard(position, { index: i + 1, total })).filter(Boolean).length;
      assert.equal(owners, 1);
      for (let i = 0; i < total; i++) if (inShard(position, { index: i + 1, total })) counts[i]++;
    }
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `shards of 24 in ${total}: ${counts}`);
  }
  // Position k goes to shard (k mod n) + 1.
  assert.equal(inShard(0, { index: 1, total: 3 }), true);
  assert.equal(inShard(4, { index: 2, total: 3 }), true);
  assert.equal(inShard(5, { index: 3, total: 3 }), true);
});

test('canonical JSON sorts keys at every level, so key order never changes a run id', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } }), '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  assert.equal(runId({ a: 1, b: 2 }, '1.0.0'), runId({ b: 2, a: 1 }, '1.0.0'));
});

test('a run id is a sha256 of the configuration and the tool version', () => {
  const id = runId({ batchSize: 3 }, '0.1.0');
  assert.match(id, /^[0-9a-f]{64}$/);
  assert.notEqual(id, runId({ batchSize: 4 }, '0.1.0'));
  assert.notEqual(id, runId({ batchSize: 3 }, '0.2.0'));
});
