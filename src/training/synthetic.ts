/**
 * Synthetic data sets, generated straight into Float32Arrays so that runs with millions of
 * samples need no file. Everything is drawn from the seed's "data" stream, sample by sample:
 * first the sample's features, then its noise. The features therefore depend only on the seed
 * and the sizes, never on the noise level or the kind of target.
 *
 *   x[r, j] ~ U(−1, 1)
 *   linear  y = x·w + b + ε,        w_j = (−1)^j · 2 / (j + 1)  (2, −1, 0.667, ...),  b = 0.5
 *   sine    y = sin(π · x·u) + ε,   u_j = (−1)^j / sqrt(features)
 *   ε ~ N(0, noise²)
 *
 * `linear` is what a single Dense(1) can fit exactly (down to the noise); `sine` is one smooth
 * period over the range of x·u (whose standard deviation is 1/sqrt(3) for any number of
 * features), which a small ReLU or tanh network can learn and a linear model cannot.
 */
import { createRandom } from '../core/random.js';
import type { Dataset } from './dataset.js';

export const SYNTHETIC_KINDS = ['linear', 'sine'] as const;
export type SyntheticKind = (typeof SYNTHETIC_KINDS)[number];

export interface SyntheticSpec {
  readonly kind: SyntheticKind;
  readonly samples: number;
  readonly features: number;
  /** Standard deviation of the Gaussian noise added to each target (0: none). */
  readonly noise: number;
  readonly seed: number;
}

/** The fixed weights of the `linear` target: w_j = (−1)^j · 2 / (j + 1). */
export function linearWeights(features: number): Float64Array {
  const w = new Float64Array(features);
  for (let j = 0; j < features; j++) w[j] = ((j % 2 === 0 ? 1 : -1) * 2) / (j + 1);
  return w;
}

/** The fixed bias of the `linear` target. */
export const LINEAR_BIAS = 0.5;

export function syntheticDataset(spec: SyntheticSpec): Dataset {
  const { kind, samples: n, features: f, noise } = spec;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`samples must be a whole number ≥ 1, got ${n}`);
  if (!(Number.isInteger(f) && f >= 1)) throw new RangeError(`features must be a whole number ≥ 1, got ${f}`);
  if (!(noise >= 0 && Number.isFinite(noise))) throw new RangeError(`noise must be a finite number ≥ 0, got ${noise}`);
  const random = createRandom(spec.seed, 'data');
  const x = new Float32Array(n * f);
  const y = new Float32Array(n);
  const w = kind === 'linear' ? linearWeights(f) : directions(f);
  const b = kind === 'linear' ? LINEAR_BIAS : 0;
  for (let r = 0, at = 0; r < n; r++) {
    let s = b;
    for (let j = 0; j < f; j++, at++) {
      const v = Math.fround(2 * random.next() - 1);
      x[at] = v;
      s += v * w[j];
    }
    const epsilon = noise * random.nextNormal();
    y[r] = (kind === 'linear' ? s : Math.sin(Math.PI * s)) + epsilon;
  }
  const featureNames = Array.from({ length: f }, (_, j) => (f === 1 ? 'x' : `x${j + 1}`));
  return { x, y, samples: n, features: f, outputs: 1, featureNames, targetNames: ['y'] };
}

/** u_j = (−1)^j / sqrt(f): a unit vector, so x·u has the same spread for any f. */
function directions(features: number): Float64Array {
  const u = new Float64Array(features);
  const scale = 1 / Math.sqrt(features);
  for (let j = 0; j < features; j++) u[j] = (j % 2 === 0 ? 1 : -1) * scale;
  return u;
}
