/**
 * The gradient noise scale in its simple form (McCandlish et al. 2018, "An Empirical Model of
 * Large-Batch Training", arXiv:1812.06162), computed exactly from per-example gradients:
 *
 *   g_i      the gradient of sample i's own loss (a batch of one) with respect to every kernel
 *            and bias, at the current weights
 *   G        = (1/n) Σ g_i                      the full-batch gradient
 *   tr(Σ)    = (1/n) Σ |g_i − G|²               the trace of the per-example covariance
 *   B_simple = tr(Σ) / |G|²
 *
 * Each g_i comes from the model's own backward pass with one row, so every loss and activation
 * the model trains with is covered. The sums run in float64 with Welford's update: one pass over
 * the samples, no per-sample storage, and no cancellation between Σ|g_i|² and n·|G|² (identical
 * samples give tr(Σ) = 0 exactly). The model's gradient buffer and batch loss are restored
 * afterwards, so measuring between two training steps changes nothing the loop reads.
 */
import type { LossName } from './loss.js';
import type { Sequential } from './model.js';

export interface NoiseScale {
  /** tr(Σ) / |G|²: Infinity when |G|² is 0 and tr(Σ) is not, NaN when both are. */
  readonly bSimple: number;
  readonly traceSigma: number;
  readonly gradNormSquared: number;
}

/** A mutable result, so that a caller measuring many times can reuse one object. */
export interface NoiseScaleInto {
  bSimple: number;
  traceSigma: number;
  gradNormSquared: number;
}

/** Measures the noise scale of one model; its buffers are allocated once, here. */
export class NoiseScaleMeter {
  private readonly model: Sequential;
  private readonly mean: Float64Array;
  private readonly savedGrads: Float32Array;
  private readonly sums = new Float64Array(2);

  constructor(model: Sequential) {
    this.model = model;
    this.mean = new Float64Array(model.params.length);
    this.savedGrads = new Float32Array(model.params.length);
  }

  /**
   * The noise scale over samples [firstRow, firstRow + rows) of `x`/`y` (rows ≥ 1), written into
   * `out`, which is returned.
   */
  measureInto(loss: LossName, x: Float32Array, y: Float32Array, firstRow: number, rows: number, out: NoiseScaleInto): NoiseScaleInto {
    if (!(Number.isInteger(rows) && rows >= 1)) throw new RangeError(`the noise scale needs at least one sample, got ${rows}`);
    const { model, mean, sums } = this;
    const grads = model.grads;
    const p = grads.length;
    this.savedGrads.set(grads);
    const savedLoss = model.batchLoss[0];
    mean.fill(0);
    // sums[0]: Σ_i Σ_p (g_ip − mean_before)(g_ip − mean_after), Welford's M2 summed over parameters.
    sums[0] = 0;
    for (let i = 0; i < rows; i++) {
      model.computeGradients(loss, x, y, firstRow + i, 1);
      const k = i + 1;
      let m2 = 0;
      for (let j = 0; j < p; j++) {
        const g = grads[j];
        const delta = g - mean[j];
        const updated = mean[j] + delta / k;
        mean[j] = updated;
        m2 += delta * (g - updated);
      }
      sums[0] += m2;
    }
    let norm = 0;
    for (let j = 0; j < p; j++) norm += mean[j] * mean[j];
    grads.set(this.savedGrads);
    model.batchLoss[0] = savedLoss;
    const trace = sums[0] / rows;
    out.traceSigma = trace;
    out.gradNormSquared = norm;
    out.bSimple = trace / norm;
    return out;
  }

  measure(loss: LossName, x: Float32Array, y: Float32Array, firstRow: number, rows: number): NoiseScale {
    return this.measureInto(loss, x, y, firstRow, rows, { bSimple: 0, traceSigma: 0, gradNormSquared: 0 });
  }
}

/** The noise scale of `model` over the first `rows` samples of `x`/`y` (a one-off measurement). */
export function noiseScale(model: Sequential, loss: LossName, x: Float32Array, y: Float32Array, rows: number): NoiseScale {
  return new NoiseScaleMeter(model).measure(loss, x, y, 0, rows);
}
