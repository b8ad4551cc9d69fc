/**
 * How an epoch is cut into batches (Keras 3's ArrayDataAdapter in
 * keras/src/trainers/data_adapters/array_data_adapter.py: ceil(n / b) batches, full ones first,
 * the partial one last) and how the sample order is shuffled.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { batchRanges, batchSizes, identityOrder, shuffleInPlace, stepsPerEpoch } from '../../src/training/batcher.js';
import { createRandom } from '../../src/core/random.js';

describe('batches of an epoch', () => {
  // [samples, batch size, steps, batch sizes]
  const table: Array<[number, number, number, number[]]> = [
    [6, 6, 1, [6]],
    [6, 3, 2, [3, 3]],
    [6, 4, 2, [4, 2]],
    [6, 32, 1, [6]],
    [6, 1, 6, [1, 1, 1, 1, 1, 1]],
    [7, 2, 4, [2, 2, 2, 1]],
    [7, 3, 3, [3, 3, 1]],
    [10, 4, 3, [4, 4, 2]],
    [1, 1, 1, [1]],
    [1, 32, 1, [1]],
  ];
  for (const [n, b, steps, sizes] of table) {
    test(`${n} samples in batches of ${b} take ${steps} step${steps > 1 ? 's' : ''} of sizes ${sizes.join(', ')}`, () => {
      assert.equal(stepsPerEpoch(n, b), steps);
      assert.deepEqual(batchSizes(n, b), sizes);
    });
  }

  test('1000 samples in batches of 32 take 32 steps, 31 full ones and a last one of 8', () => {
    const sizes = batchSizes(1000, 32);
    assert.equal(stepsPerEpoch(1000, 32), 32);
    assert.equal(sizes.length, 32);
    assert.ok(sizes.slice(0, 31).every((s) => s === 32));
    assert.equal(sizes[31], 8);
  });

  test('batch ranges are contiguous [start, end) pairs covering every sample once, short one last', () => {
    assert.deepEqual(batchRanges(6, 4), [
      [0, 4],
      [4, 6],
    ]);
    assert.deepEqual(batchRanges(7, 3), [
      [0, 3],
      [3, 6],
      [6, 7],
    ]);
    for (const [n, b] of [
      [1000, 32],
      [13, 5],
      [5, 13],
    ]) {
      const ranges = batchRanges(n, b);
      assert.equal(ranges.length, stepsPerEpoch(n, b));
      assert.equal(ranges[0][0], 0);
      assert.equal(ranges.at(-1)![1], n);
      for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i][0], ranges[i - 1][1]);
      assert.deepEqual(
        ranges.map(([s, e]) => e - s),
        batchSizes(n, b),
      );
    }
  });
});

describe('shuffling', () => {
  const shuffled = (n: number, seed: number, stream = 'shuffle', times = 1) => {
    const random = createRandom(seed, stream);
    const order = identityOrder(new Uint32Array(n));
    for (let i = 0; i < times; i++) shuffleInPlace(order, random);
    return Array.from(order);
  };

  test('the identity order is 0..n−1', () => {
    assert.deepEqual(Array.from(identityOrder(new Uint32Array(5))), [0, 1, 2, 3, 4]);
  });

  test('a shuffle is a permutation of the indices', () => {
    for (const n of [1, 2, 7, 100]) {
      const order = shuffled(n, 3);
      assert.deepEqual(
        [...order].sort((a, b) => a - b),
        Array.from({ length: n }, (_, i) => i),
      );
    }
  });

  test('the same seed shuffles the same way and a different seed differently', () => {
    assert.deepEqual(shuffled(50, 1), shuffled(50, 1));
    assert.notDeepEqual(shuffled(50, 1), shuffled(50, 2));
    assert.notDeepEqual(shuffled(50, 1), Array.from({ length: 50 }, (_, i) => i));
  });

  test('shuffling again from the same stream gives a fresh permutation', () => {
    assert.notDeepEqual(shuffled(50, 1, 'shuffle', 1), shuffled(50, 1, 'shuffle', 2));
  });

  test("the shuffle stream is independent of the init stream: createRandom(s, 'init') and (s, 'shuffle') differ", () => {
    assert.notDeepEqual(shuffled(50, 5, 'init'), shuffled(50, 5, 'shuffle'));
    // Consuming the init stream (initialising weights) leaves the shuffle unchanged.
    const expected = shuffled(50, 5, 'shuffle');
    const init = createRandom(5, 'init');
    for (let i = 0; i < 123; i++) init.next();
    assert.deepEqual(shuffled(50, 5, 'shuffle'), expected);
  });

  test('every position is reached by every index about equally often', () => {
    // 4 indices, 8000 shuffles: each (index, position) pair should appear ~2000 times.
    const counts = Array.from({ length: 4 }, () => new Array(4).fill(0));
    const random = createRandom(11, 'shuffle');
    const order = new Uint32Array(4);
    for (let k = 0; k < 8000; k++) {
      identityOrder(order);
      shuffleInPlace(order, random);
      order.forEach((index, position) => counts[index][position]++);
    }
    for (const row of counts) for (const c of row) assert.ok(c > 1800 && c < 2200, `count ${c}`);
  });

  test('the same swaps as the textbook Fisher–Yates loop, across the blocks the reads are arranged in', () => {
    const textbook = (n: number, seed: number): number[] => {
      const order = identityOrder(new Uint32Array(n));
      const random = createRandom(seed, 'shuffle');
      for (let i = n - 1; i > 0; i--) {
        const j = random.nextInt(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      return Array.from(order);
    };
    for (const n of [0, 1, 2, 3, 1023, 1024, 1025, 2049, 5000]) {
      for (const seed of [1, 42]) {
        const order = shuffleInPlace(identityOrder(new Uint32Array(n)), createRandom(seed, 'shuffle'));
        assert.deepEqual(Array.from(order), textbook(n, seed), `${n} samples, seed ${seed}`);
      }
    }
  });

  test('two epochs in a row draw on from where the first stopped, as one stream', () => {
    const random = createRandom(3, 'shuffle');
    const order = identityOrder(new Uint32Array(3000));
    shuffleInPlace(order, random);
    const second = Array.from(shuffleInPlace(order, random));
    // The textbook loop, twice, on one stream.
    const reference = identityOrder(new Uint32Array(3000));
    const stream = createRandom(3, 'shuffle');
    for (let epoch = 0; epoch < 2; epoch++) {
      for (let i = reference.length - 1; i > 0; i--) {
        const j = stream.nextInt(i + 1);
        const t = reference[i];
        reference[i] = reference[j];
        reference[j] = t;
      }
    }
    assert.deepEqual(second, Array.from(reference));
  });
});
