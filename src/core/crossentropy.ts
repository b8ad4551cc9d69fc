/**
 * Keras 3's crossentropy losses on TensorFlow, in float32 (keras/src/losses/losses.py and
 * keras/src/backend/tensorflow/nn.py).
 *
 * Keras marks the output of a softmax or sigmoid activation with its logits (`_keras_logits`),
 * and the TensorFlow backend's crossentropies then compute from those logits, whatever the loss:
 *   categorical         tf.nn.softmax_cross_entropy_with_logits(target, z)
 *                       L = Σ_j t_j·(log Σ_k e^(z_k − m) − (z_j − m)),  dL/dz = softmax(z) − t
 *   sparse categorical  tf.nn.sparse_softmax_cross_entropy_with_logits(label, z)
 *                       L = log Σ_k e^(z_k − m) − (z_label − m),        dL/dz = softmax(z) − onehot
 *   binary              tf.nn.sigmoid_cross_entropy_with_logits(target, z), per unit
 *                       L = max(z, 0) − z·t + log1p(e^−|z|),            dL/dz = σ(z) − t
 * (m = the row's largest logit). Without a softmax or sigmoid in front, the output p is taken as
 * probabilities:
 *   categorical         q = p / Σ p, clipped to [ε, 1 − ε], L = −Σ t·log q
 *   sparse categorical  p clipped, L = sparse softmax crossentropy of log p (so p is normalised)
 *   binary              p clipped, L = −(t·log p + (1 − t)·log(1 − p)), per unit
 * with ε = 1e-7; the clip passes no gradient outside [ε, 1 − ε].
 *
 * Reduction as the regression losses: binary crossentropy averages its units per sample
 * (`ops.mean(..., axis=-1)`), the categorical ones give one value per sample; the batch mean is
 * the float32 sum over samples divided by B, and the gradient is scaled by f32(1/B) (and /d for
 * binary), as TensorFlow's autodiff forms it.
 */
import type { CrossentropyLossName } from './loss.js';

const f = Math.fround;
const EPSILON = f(1e-7);
const ONE_MINUS_EPSILON = f(1 - 1e-7);

function clip(p: number): number {
  return p < EPSILON ? EPSILON : p > ONE_MINUS_EPSILON ? ONE_MINUS_EPSILON : p;
}

/** The clip's gradient mask: TensorFlow's clip_by_value passes gradient inside [ε, 1 − ε] only. */
function passes(p: number): boolean {
  return p >= EPSILON && p <= ONE_MINUS_EPSILON;
}

/**
 * Batch loss of `rows` samples into `result[0]` and, when `gradient` is given, dL/dz (from the
 * logits) or dL/dp (from probabilities) into gradient[0, rows·units).
 *
 * `values` holds the logits z when `fromLogits`, else the output p, from element 0, `units` per
 * row. Targets start at element `targetStart`: one class id per row for sparse categorical
 * crossentropy, `units` per row otherwise.
 */
export function crossentropyInto(
  name: CrossentropyLossName,
  fromLogits: boolean,
  values: Float32Array,
  target: Float32Array,
  targetStart: number,
  rows: number,
  units: number,
  gradient: Float32Array | null,
  result: Float64Array,
): void {
  let total = 0;
  const inverseRows = f(1 / rows);
  if (name === 'binary_crossentropy') {
    const scale = f(inverseRows / units);
    for (let r = 0, k = 0; r < rows; r++) {
      let row = 0;
      for (let j = 0; j < units; j++, k++) {
        const t = target[targetStart + k];
        const z = values[k];
        if (fromLogits) {
          // max(z, 0) − z·t + log1p(exp(−|z|)), as sigmoid_cross_entropy_with_logits writes it.
          const positive = z >= 0;
          const e = f(Math.exp(positive ? -z : z));
          row = f(row + f(f((positive ? z : 0) - f(z * t)) + f(Math.log1p(e))));
          if (gradient !== null) {
            const soft = f(f(scale / f(1 + e)) * e);
            gradient[k] = f(f((positive ? scale : 0) - f(scale * t)) + (positive ? -soft : soft));
          }
        } else {
          const p = clip(z);
          const bce = f(f(t * f(Math.log(p))) + f(f(1 - t) * f(Math.log(f(1 - p)))));
          row = f(row - bce);
          if (gradient !== null) gradient[k] = passes(z) ? f(-scale * (t / p - (1 - t) / (1 - p))) : 0;
        }
      }
      total += units === 1 ? row : f(row / units);
    }
  } else {
    const sparse = name === 'sparse_categorical_crossentropy';
    for (let r = 0, at = 0; r < rows; r++, at += units) {
      const label = sparse ? target[targetStart + r] : -1;
      const t0 = targetStart + at;
      if (fromLogits) softmaxCrossentropyRow(values, at, units, target, t0, label, inverseRows, gradient);
      else if (sparse) sparseFromProbabilitiesRow(values, at, units, label, inverseRows, gradient);
      else categoricalFromProbabilitiesRow(values, at, units, target, t0, inverseRows, gradient);
      total += rowLoss[0];
    }
  }
  result[0] = f(f(total) / rows);
}

/**
 * A row's loss, left here by the row functions: a returned fraction may be boxed in a fresh heap
 * object when the call is not inlined, and the training step allocates nothing.
 */
const rowLoss = new Float64Array(1);

/**
 * One row of TensorFlow's (sparse) softmax crossentropy kernel on logits z[at, at + units):
 * shifted = z − max, s = Σ exp(shifted), loss = Σ_j t_j·(log s − shifted_j), backprop
 * exp(shifted)/s − t, times the reduction's `scale`. `label` ≥ 0 gives a one-hot target (sparse).
 */
function softmaxCrossentropyRow(
  z: Float32Array,
  at: number,
  units: number,
  target: Float32Array,
  t0: number,
  label: number,
  scale: number,
  gradient: Float32Array | null,
): void {
  let max = z[at];
  for (let j = 1; j < units; j++) if (z[at + j] > max) max = z[at + j];
  let sum = 0;
  for (let j = 0; j < units; j++) sum = f(sum + f(Math.exp(f(z[at + j] - max))));
  const logSum = f(Math.log(sum));
  let loss = 0;
  for (let j = 0; j < units; j++) {
    const shifted = f(z[at + j] - max);
    const t = label >= 0 ? +(j === label) : target[t0 + j];
    if (label < 0 || j === label) loss = f(loss + f(t * f(logSum - shifted)));
    if (gradient !== null) gradient[at + j] = f(scale * f(f(f(Math.exp(shifted)) / sum) - t));
  }
  rowLoss[0] = loss;
}

/** Categorical crossentropy of a probability row: q = p / Σp, clipped, −Σ t·log q. */
function categoricalFromProbabilitiesRow(
  p: Float32Array,
  at: number,
  units: number,
  target: Float32Array,
  t0: number,
  scale: number,
  gradient: Float32Array | null,
): void {
  let sum = 0;
  for (let j = 0; j < units; j++) sum = f(sum + p[at + j]);
  let loss = 0;
  let weighted = 0;
  for (let j = 0; j < units; j++) {
    const q = f(p[at + j] / sum);
    const t = target[t0 + j];
    loss = f(loss + f(t * f(Math.log(clip(q)))));
    if (gradient !== null) {
      // dL/dq_j = −scale·t_j / q_j inside the clip, 0 outside; kept in gradient until the
      // division's gradient is applied below.
      const dq = passes(q) ? (-scale * t) / clip(q) : 0;
      gradient[at + j] = dq;
      weighted += dq * p[at + j];
    }
  }
  if (gradient !== null) {
    // q = p / s: dL/dp_j = dq_j / s − Σ_k dq_k·p_k / s².
    const correction = weighted / (sum * sum);
    for (let j = 0; j < units; j++) gradient[at + j] = f(gradient[at + j] / sum - correction);
  }
  rowLoss[0] = -loss;
}

/**
 * Sparse categorical crossentropy of a probability row: log of the clipped p, then the sparse
 * softmax crossentropy of those logs (which normalises p).
 */
function sparseFromProbabilitiesRow(
  p: Float32Array,
  at: number,
  units: number,
  label: number,
  scale: number,
  gradient: Float32Array | null,
): void {
  let max = -Infinity;
  for (let j = 0; j < units; j++) {
    const l = f(Math.log(clip(p[at + j])));
    if (l > max) max = l;
  }
  let sum = 0;
  for (let j = 0; j < units; j++) sum = f(sum + f(Math.exp(f(f(Math.log(clip(p[at + j]))) - max))));
  const logSum = f(Math.log(sum));
  let loss = 0;
  for (let j = 0; j < units; j++) {
    const c = clip(p[at + j]);
    const shifted = f(f(Math.log(c)) - max);
    if (j === label) loss = f(logSum - shifted);
    if (gradient !== null) {
      const dl = f(scale * f(f(f(Math.exp(shifted)) / sum) - +(j === label)));
      gradient[at + j] = passes(p[at + j]) ? f(dl / c) : 0;
    }
  }
  rowLoss[0] = loss;
}
