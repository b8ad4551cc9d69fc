/**
 * Losses with Keras's default reduction: the mean over the output units of each sample, then
 * the mean over the batch — i.e. the sum of per-element losses divided by B·d
 * (B = rows in the batch, d = output units). With e = y_pred − y_true:
 *
 *   mae    |e|                                  ∂/∂y_pred = sign(e) / (B·d), sign(0) = 0
 *   mse    e²                                   ∂/∂y_pred = 2e / (B·d)
 *   huber  ½e² if |e| ≤ δ else δ(|e| − ½δ)      ∂/∂y_pred = e/(B·d) or δ·sign(e)/(B·d), δ = 1
 *
 * Keras computes the loss in float32, so each element loss and the mean are rounded to float32:
 * an element loss beyond float32's range (e² with |e| > 1.8e19) is infinite there, which is what
 * TerminateOnNaN reacts to, and so it is here. The float32 operations and their order are
 * Keras 3's (keras/src/losses/losses.py and loss.py); see docs/fidelity.md.
 */
export const REGRESSION_LOSSES = ['mae', 'mse', 'huber'] as const;
export const CROSSENTROPY_LOSSES = ['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy'] as const;
export const LOSSES = [...REGRESSION_LOSSES, ...CROSSENTROPY_LOSSES] as const;
export type RegressionLossName = (typeof REGRESSION_LOSSES)[number];
export type CrossentropyLossName = (typeof CROSSENTROPY_LOSSES)[number];
export type LossName = (typeof LOSSES)[number];

export function isLoss(name: string): name is LossName {
  return (LOSSES as readonly string[]).includes(name);
}

export function isCrossentropy(name: LossName): name is CrossentropyLossName {
  return (CROSSENTROPY_LOSSES as readonly string[]).includes(name);
}

/**
 * Target columns the loss reads per sample for a model with `units` outputs: one class id for
 * sparse categorical crossentropy, one per output otherwise.
 */
export function targetColumns(loss: LossName, units: number): number {
  return loss === 'sparse_categorical_crossentropy' ? 1 : units;
}

const HUBER_DELTA = 1;

/** The element loss of a float32 residual e, in float32 as Keras computes it. */
function elementLoss(name: RegressionLossName, e: number): number {
  switch (name) {
    case 'mae':
      return Math.abs(e);
    case 'mse':
      return Math.fround(e * e);
    case 'huber': {
      // where(|e| ≤ δ, 0.5·e², δ·|e| − 0.5·δ²), each product and difference in float32.
      const a = Math.abs(e);
      return a <= HUBER_DELTA
        ? Math.fround(0.5 * Math.fround(e * e))
        : Math.fround(Math.fround(HUBER_DELTA * a) - Math.fround(0.5 * HUBER_DELTA * HUBER_DELTA));
    }
  }
}

/** d(elementLoss)/de. */
function elementGradient(name: RegressionLossName, e: number): number {
  switch (name) {
    case 'mae':
      return e > 0 ? 1 : e < 0 ? -1 : 0;
    case 'mse':
      return 2 * e;
    case 'huber':
      return Math.abs(e) <= HUBER_DELTA ? e : e > 0 ? HUBER_DELTA : -HUBER_DELTA;
  }
}

const f = Math.fround;

/**
 * Keras 3's reduction in float32: each sample's element losses are averaged over its d outputs
 * (`ops.mean(..., axis=-1)`), the B sample means are summed and divided by B
 * ("sum_over_batch_size"). The batch sum is taken in double and rounded once, which is within an
 * ulp or two of TensorFlow's vectorised float32 sum; the sum overflows to ∞ beyond float32's
 * range as Keras's does.
 */
function batchMean(total: number, rows: number): number {
  return f(f(total) / rows);
}

/**
 * The gradient of that reduction with respect to each element loss, as TensorFlow's autodiff
 * forms it: 1/B (the division's gradient), then divided by d (the mean's), both in float32.
 */
function elementScale(rows: number, outputs: number): number {
  return f(f(1 / rows) / outputs);
}

/**
 * Mean loss of `count` = B·d predictions (from element 0 of `predicted`) against targets
 * starting at element `targetStart`, d = `outputs` per sample.
 */
export function lossValue(
  name: RegressionLossName,
  predicted: Float32Array,
  target: Float32Array,
  targetStart: number,
  count: number,
  outputs = 1,
): number {
  let total = 0;
  for (let r = 0; r < count; r += outputs) {
    let row = 0;
    for (let k = r; k < r + outputs; k++) row = f(row + elementLoss(name, f(predicted[k] - target[targetStart + k])));
    total += outputs === 1 ? row : f(row / outputs);
  }
  return batchMean(total, count / outputs);
}

/**
 * Mean loss, as `lossValue`, and its gradient with respect to each prediction, written to
 * `gradient[0, count)`.
 */
export function lossAndGradient(
  name: RegressionLossName,
  predicted: Float32Array,
  target: Float32Array,
  targetStart: number,
  count: number,
  gradient: Float32Array,
  outputs = 1,
): number {
  lossAndGradientInto(name, predicted, target, targetStart, count, gradient, scratch, outputs);
  return scratch[0];
}

const scratch = new Float64Array(1);

/**
 * `lossAndGradient` for the training step: the mean loss goes to `result[0]` instead of being
 * returned, because V8 boxes a returned fractional number in a fresh heap object unless the call
 * is inlined, and the step must allocate nothing. The element losses and gradients are float32
 * operations on the float32 residual e = f32(y_pred − y_true), as in Keras:
 *   mae    |e|                         gradient sign(e)·s
 *   mse    f32(e·e)                    gradient f32(2e·s)
 *   huber  f32(0.5·f32(e·e)) or |e| − 0.5   gradient f32(e·s) or sign(e)·s
 * with s = f32(f32(1/B)/d).
 */
export function lossAndGradientInto(
  name: RegressionLossName,
  predicted: Float32Array,
  target: Float32Array,
  targetStart: number,
  count: number,
  gradient: Float32Array,
  result: Float64Array,
  outputs = 1,
): void {
  const rows = count / outputs;
  const scale = elementScale(rows, outputs);
  // One loop per loss, so the per-element work has no switch in it. `row` is the current
  // sample's float32 sum, closed into `total` after its d-th element.
  let total = 0;
  let row = 0;
  let j = 0;
  switch (name) {
    case 'mae':
      for (let k = 0; k < count; k++) {
        const e = f(predicted[k] - target[targetStart + k]);
        row = f(row + Math.abs(e));
        // sign(e) from two comparisons, without a branch: the sign of a residual is unpredictable.
        gradient[k] = (+(e > 0) - +(e < 0)) * scale;
        if (++j === outputs) {
          total += outputs === 1 ? row : f(row / outputs);
          row = 0;
          j = 0;
        }
      }
      break;
    case 'mse':
      for (let k = 0; k < count; k++) {
        const e = f(predicted[k] - target[targetStart + k]);
        row = f(row + f(e * e));
        gradient[k] = 2 * e * scale;
        if (++j === outputs) {
          total += outputs === 1 ? row : f(row / outputs);
          row = 0;
          j = 0;
        }
      }
      break;
    case 'huber':
      for (let k = 0; k < count; k++) {
        const e = f(predicted[k] - target[targetStart + k]);
        row = f(row + elementLoss('huber', e));
        gradient[k] = elementGradient('huber', e) * scale;
        if (++j === outputs) {
          total += outputs === 1 ? row : f(row / outputs);
          row = 0;
          j = 0;
        }
      }
      break;
  }
  result[0] = batchMean(total, rows);
}
