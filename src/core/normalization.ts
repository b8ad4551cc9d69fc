/**
 * Keras's `Normalization` layer, adapted on data and applied: each feature's mean and population
 * variance (ddof 0, as NumPy's `np.var` that `adapt` calls), then (x − mean) / max(√variance, ε)
 * with ε = 1e-7 (`backend.epsilon()`), every step rounded to float32 as the layer's `call` does.
 * The sums run in double and round once to float32; NumPy sums float32 pairwise, so the two can
 * differ in the last bit (test/oracle/standardize.test.ts holds them to real Keras).
 */
const EPSILON = 1e-7;

export interface Normalization {
  /** Per feature, float32 values. */
  readonly mean: number[];
  readonly variance: number[];
}

/** Mean and variance of each of `features` columns over the first `rows` rows of row-major x. */
export function adaptNormalization(x: Float32Array, features: number, rows: number): Normalization {
  const mean: number[] = [];
  const variance: number[] = [];
  for (let f = 0; f < features; f++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += x[r * features + f];
    const m = sum / rows;
    let squares = 0;
    for (let r = 0; r < rows; r++) {
      const d = x[r * features + f] - m;
      squares += d * d;
    }
    mean.push(Math.fround(m));
    variance.push(Math.fround(squares / rows));
  }
  return { mean, variance };
}

/** x normalised into a new array: (x − mean) / max(√variance, ε) in float32. */
export function normalize(x: Float32Array, features: number, normalization: Normalization): Float32Array {
  const out = new Float32Array(x.length);
  const scale = normalization.variance.map((v) => Math.max(Math.fround(Math.sqrt(v)), Math.fround(EPSILON)));
  for (let i = 0; i < x.length; i++) {
    const f = i % features;
    out[i] = Math.fround(x[i] - normalization.mean[f]) / scale[f];
  }
  return out;
}
