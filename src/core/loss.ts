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
 * TerminateOnNaN reacts to, and so it is here.
 */
export const LOSSES = ['mae', 'mse', 'huber'] as const;
export type LossName = (typeof LOSSES)[number];

export function isLoss(name: string): name is LossName {
  return (LOSSES as readonly string[]).includes(name);
}

const HUBER_DELTA = 1;

function elementLoss(name: LossName, e: number): number {
  switch (name) {
    case 'mae':
      return Math.abs(e);
    case 'mse':
      return e * e;
    case 'huber': {
      const a = Math.abs(e);
      return a <= HUBER_DELTA ? 0.5 * e * e : HUBER_DELTA * (a - 0.5 * HUBER_DELTA);
    }
  }
}

/** d(elementLoss)/de. */
function elementGradient(name: LossName, e: number): number {
  switch (name) {
    case 'mae':
      return e > 0 ? 1 : e < 0 ? -1 : 0;
    case 'mse':
      return 2 * e;
    case 'huber':
      return Math.abs(e) <= HUBER_DELTA ? e : e > 0 ? HUBER_DELTA : -HUBER_DELTA;
  }
}

/** sum / count as a float32 reduction gives it: the sum overflows to ∞ beyond float32's range. */
function float32Mean(sum: number, count: number): number {
  return Math.fround(Math.fround(sum) / count);
}

/**
 * Mean loss of `count` = B·d predictions (from element 0 of `predicted`) against targets
 * starting at element `targetStart`.
 */
export function lossValue(
  name: LossName,
  predicted: Float32Array,
  target: Float32Array,
  targetStart: number,
  count: number,
): number {
  let sum = 0;
  switch (name) {
    case 'mae':
      for (let k = 0; k < count; k++) sum += Math.fround(Math.abs(predicted[k] - target[targetStart + k]));
      break;
    case 'mse':
      for (let k = 0; k < count; k++) {
        const e = predicted[k] - target[targetStart + k];
        sum += Math.fround(e * e);
      }
      break;
    case 'huber':
      for (let k = 0; k < count; k++) sum += Math.fround(elementLoss('huber', predicted[k] - target[targetStart + k]));
      break;
  }
  return float32Mean(sum, count);
}

/**
 * Mean loss, as `lossValue`, and its gradient with respect to each prediction, written to
 * `gradient[0, count)`.
 */
export function lossAndGradient(
  name: LossName,
  predicted: Float32Array,
  target: Float32Array,
  targetStart: number,
  count: number,
  gradient: Float32Array,
): number {
  lossAndGradientInto(name, predicted, target, targetStart, count, gradient, scratch);
  return scratch[0];
}

const scratch = new Float64Array(1);

/**
 * `lossAndGradient` for the training step: the mean loss goes to `result[0]` instead of being
 * returned, because V8 boxes a returned fractional number in a fresh heap object unless the call
 * is inlined, and the step must allocate nothing. One loop per loss, so the per-element work has
 * no switch in it.
 */
export function lossAndGradientInto(
  name: LossName,
  predicted: Float32Array,
  target: Float32Array,
  targetStart: number,
  count: number,
  gradient: Float32Array,
  result: Float64Array,
): void {
  let sum = 0;
  const scale = 1 / count;
  switch (name) {
    case 'mae':
      for (let k = 0; k < count; k++) {
        const e = predicted[k] - target[targetStart + k];
        sum += Math.fround(Math.abs(e));
        // sign(e) from two comparisons, without a branch: the sign of a residual is unpredictable.
        gradient[k] = (+(e > 0) - +(e < 0)) * scale;
      }
      result[0] = float32Mean(sum, count);
      return;
    case 'mse':
      for (let k = 0; k < count; k++) {
        const e = predicted[k] - target[targetStart + k];
        sum += Math.fround(e * e);
        gradient[k] = 2 * e * scale;
      }
      result[0] = float32Mean(sum, count);
      return;
    case 'huber':
      for (let k = 0; k < count; k++) {
        const e = predicted[k] - target[targetStart + k];
        sum += Math.fround(elementLoss('huber', e));
        gradient[k] = elementGradient('huber', e) * scale;
      }
      result[0] = float32Mean(sum, count);
      return;
  }
}
