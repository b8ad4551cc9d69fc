/**
 * Keras's `Normalization` layer, adapted on data and applied: each feature's mean and population
 * variance (ddof 0, as NumPy's `np.var` that `adapt` calls), then (x − mean) / max(√variance, ε)
 * with ε = 1e-7 (`backend.epsilon()`), every step rounded to float32 as the layer's `call` does.
 * test/oracle/datasets.test.ts holds the features to a real Keras layer's.
 */
const EPSILON = 1e-7;

export interface Normalization {
  /** Per feature, float32 values. */
  readonly mean: number[];
  readonly variance: number[];
}

/**
 * Mean and variance of each of `features` columns over the first `rows` rows of row-major x, as
 * `adapt` gets them from NumPy for a float32 array: `np.mean(x, axis=0)` and `np.var(x, axis=0)`
 * add the rows one after another into a float32 total and divide in float32 (a reduction over the
 * outer axis is not pairwise), and the variance is the mean of the float32 squares of x − mean.
 */
export function adaptNormalization(x: Float32Array, features: number, rows: number): Normalization {
  const mean: number[] = [];
  const variance: number[] = [];
  const f32 = Math.fround;
  for (let f = 0; f < features; f++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum = f32(sum + x[r * features + f]);
    const m = f32(sum / rows);
    let squares = 0;
    for (let r = 0; r < rows; r++) {
      const d = f32(x[r * features + f] - m);
      squares = f32(squares + f32(d * d));
    }
    mean.push(m);
    variance.push(f32(squares / rows));
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
