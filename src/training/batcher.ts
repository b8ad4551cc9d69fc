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
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
