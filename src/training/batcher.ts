/**
 * How an epoch is cut into batches, as Keras's fit loop does it: ceil(n / b) steps, batches
 * [i·b, min((i+1)·b, n)) over the (possibly permuted) sample order, the short batch last and
 * never dropped; b > n gives one batch of n.
 */
import type { Random } from '../core/random.js';

export function stepsPerEpoch(samples: number, batchSize: number): number {
  return Math.ceil(samples / batchSize);
}

/** The size of every batch of an epoch, e.g. (6, 4) → [4, 2]. */
export function batchSizes(samples: number, batchSize: number): number[] {
  const sizes: number[] = [];
  for (let start = 0; start < samples; start += batchSize) sizes.push(Math.min(batchSize, samples - start));
  return sizes;
}

/** `[start, end)` of every batch, e.g. (6, 4) → [[0, 4], [4, 6]]. */
export function batchRanges(samples: number, batchSize: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < samples; start += batchSize) ranges.push([start, Math.min(start + batchSize, samples)]);
  return ranges;
}

/** Fills `order` with 0..n−1. */
export function identityOrder(order: Uint32Array): Uint32Array {
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order;
}

/** Fisher–Yates shuffle in place, from the given stream. */
export function shuffleInPlace(order: Uint32Array, random: Random): Uint32Array {
  // The same swaps in the same order as the textbook loop, `j = nextInt(i + 1)` then swap
  // order[i] and order[j], so the same seed gives the same permutation. Only the memory access
  // is arranged differently: once the order no longer fits in the cache, every order[j] is a
  // cache miss, and one swap waits for it before the next may start. The j of a block of steps
  // depend only on the random stream, so they are drawn first, then order[j] of all of them is
  // read (independent loads the processor overlaps), and the swaps run on cached entries.
  const ahead = drawn;
  let i = order.length - 1;
  while (i > 0) {
    const count = Math.min(BLOCK, i);
    for (let k = 0; k < count; k++) ahead[k] = random.nextInt(i - k + 1);
    let touched = 0;
    for (let k = 0; k < count; k++) touched ^= order[ahead[k]];
    sink[0] ^= touched;
    for (let k = 0; k < count; k++, i--) {
      const j = ahead[k];
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
  return order;
}

const BLOCK = 1024;
const drawn = new Uint32Array(BLOCK);
/** Keeps the reads ahead of the swaps from being optimised away. */
const sink = new Uint32Array(1);
