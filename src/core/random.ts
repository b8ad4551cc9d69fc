/**
 * Seeded pseudo-random numbers with independent named streams.
 *
 * One seed drives the whole run, but initialisation, shuffling and data generation each draw
 * from their own stream, so changing how many numbers one consumer draws never changes
 * what another sees (a run with shuffling off has the same initial weights as one with it on).
 *
 * Generator: mulberry32 (32-bit state, period 2^32) seeded through a string hash of
 * `${seed}:${stream}` mixed by splitmix32. Fast, tiny and plenty for shuffles and weight init.
 */
export type StreamName = 'init' | 'shuffle' | 'data' | (string & {});

export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
  /** Standard normal (Box–Muller). */
  nextNormal(): number;
}

function hashString(text: string): number {
  // FNV-1a, 32-bit
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function createRandom(seed: number, stream: StreamName): Random {
  let state = splitmix32(hashString(`${seed}:${stream}`));
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => nextUint32() / 4294967296;
  return {
    next,
    nextInt: (n) => Math.floor(next() * n),
    nextNormal: () => {
      const u = 1 - next(); // (0, 1]
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
