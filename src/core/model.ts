/**
 * A Sequential stack of Dense layers over one flat float32 parameter buffer, laid out in Keras
 * `model.get_weights()` order: [W0, b0, W1, b1, ...]. All working memory (activations and
 * deltas for up to `maxRows` samples) is allocated once here; forward and backward allocate
 * nothing.
 */
import type { ActivationName } from './activations.js';
import { denseBackward, denseForward, type DenseLayer } from './dense.js';
import { lossAndGradientInto, type LossName } from './loss.js';
import type { Random } from './random.js';

export interface LayerSpec {
  readonly units: number;
  readonly activation: ActivationName;
}

export interface ModelSpec {
  readonly inputSize: number;
  readonly layers: readonly LayerSpec[];
}

/** Keras weights: `[W0, b0, W1, b1, ...]`, W nested as [in][units], b as [units]. */
export type KerasWeights = (number[][] | number[])[];

export function parameterCount(spec: ModelSpec): number {
  let inputs = spec.inputSize;
  let count = 0;
  for (const { units } of spec.layers) {
    count += inputs * units + units;
    inputs = units;
  }
  return count;
}

export class Sequential {
  readonly spec: ModelSpec;
  readonly layers: readonly DenseLayer[];
  readonly params: Float32Array;
  readonly grads: Float32Array;
  /**
   * The batch loss of the last `computeGradients`. The training loop reads it here rather than as
   * a return value, which V8 would box in a fresh heap object on every step.
   */
  readonly batchLoss = new Float64Array(1);
  /** The last `computeEvaluation`'s mean loss. */
  readonly evaluation = new Float64Array(1);
  private readonly chunkLoss = new Float64Array(1);
  private capacity = 0;
  private outputs: Float32Array[] = [];
  private deltas: Float32Array[] = [];

  constructor(spec: ModelSpec, maxRows = 1) {
    if (spec.layers.length === 0) throw new RangeError('a model needs at least one layer');
    this.spec = spec;
    const layers: DenseLayer[] = [];
    let inputs = spec.inputSize;
    let offset = 0;
    for (const { units, activation } of spec.layers) {
      layers.push({ inputSize: inputs, units, activation, kernelOffset: offset, biasOffset: offset + inputs * units });
      offset += inputs * units + units;
      inputs = units;
    }
    this.layers = layers;
    this.params = new Float32Array(offset);
    this.grads = new Float32Array(offset);
    this.reserve(maxRows);
  }

  /** The most rows one forward or backward call may take. */
  get maxRows(): number {
    return this.capacity;
  }

  /** Makes room for batches of up to `rows` samples. Call before training, never per step. */
  reserve(rows: number): void {
    if (rows > this.capacity) this.grow(rows);
  }

  /**
   * Apart from `reserve`: a function whose closures capture `rows` allocates a context for it on
   * every call, even one that returns at once, and evaluation calls `reserve` between steps.
   */
  private grow(rows: number): void {
    this.capacity = rows;
    this.outputs = this.layers.map((l) => new Float32Array(rows * l.units));
    this.deltas = this.layers.map((l) => new Float32Array(rows * l.units));
  }

  get outputSize(): number {
    return this.layers[this.layers.length - 1].units;
  }

  /**
   * Keras's glorot_uniform kernels, W ~ U(−l, l) with l = sqrt(6 / (in + units)), drawn layer by
   * layer in row-major order; zero biases.
   */
  initialize(random: Random): void {
    for (const layer of this.layers) {
      const limit = Math.sqrt(6 / (layer.inputSize + layer.units));
      for (let k = layer.kernelOffset; k < layer.biasOffset; k++) this.params[k] = (2 * random.next() - 1) * limit;
      this.params.fill(0, layer.biasOffset, layer.biasOffset + layer.units);
    }
  }

  /**
   * Predictions for `rows` samples whose features start at row `firstRow` of `x`
   * (rows ≤ maxRows). The returned buffer is the model's own and is overwritten by the next call.
   */
  forward(x: Float32Array, firstRow: number, rows: number): Float32Array {
    let input = x;
    let start = firstRow * this.spec.inputSize;
    for (let l = 0; l < this.layers.length; l++) {
      denseForward(this.layers[l], this.params, input, start, rows, this.outputs[l]);
      input = this.outputs[l];
      start = 0;
    }
    return input;
  }

  /**
   * One training step's arithmetic: forward, loss, and the gradient of the loss with respect to
   * every parameter into `grads`. Returns the batch loss (before any update).
   */
  lossAndGradients(loss: LossName, x: Float32Array, y: Float32Array, firstRow: number, rows: number): number {
    this.computeGradients(loss, x, y, firstRow, rows);
    return this.batchLoss[0];
  }

  /** `lossAndGradients` with the loss left in `batchLoss[0]`: allocates nothing. */
  computeGradients(loss: LossName, x: Float32Array, y: Float32Array, firstRow: number, rows: number): void {
    const last = this.layers.length - 1;
    const predicted = this.forward(x, firstRow, rows);
    const d = this.outputSize;
    lossAndGradientInto(loss, predicted, y, firstRow * d, rows * d, this.deltas[last], this.batchLoss, d);
    for (let l = last; l >= 0; l--) {
      const input = l === 0 ? x : this.outputs[l - 1];
      const start = l === 0 ? firstRow * this.spec.inputSize : 0;
      denseBackward(
        this.layers[l],
        this.params,
        input,
        start,
        rows,
        this.outputs[l],
        this.deltas[l],
        this.grads,
        l === 0 ? null : this.deltas[l - 1],
      );
    }
  }

  /**
   * Mean loss over samples [firstRow, firstRow + rows), computed in chunks of `batchSize` and
   * averaged weighted by chunk size, as Keras's `evaluate`: its Mean tracker adds L·n to a
   * float32 total and divides by the float32 count, each step rounded to float32.
   */
  evaluate(loss: LossName, x: Float32Array, y: Float32Array, firstRow: number, rows: number, batchSize: number): number {
    this.computeEvaluation(loss, x, y, firstRow, rows, batchSize);
    return this.evaluation[0];
  }

  /**
   * `evaluate` with the loss left in `evaluation[0]`: allocates nothing, so the fit loop can
   * check a target between steps. The running total lives in the typed array too (a fractional
   * local of a loop can be kept boxed in a fresh heap object after every update).
   */
  computeEvaluation(loss: LossName, x: Float32Array, y: Float32Array, firstRow: number, rows: number, batchSize: number): void {
    const chunk = Math.min(batchSize, rows);
    this.reserve(chunk);
    const total = this.evaluation;
    const chunkLoss = this.chunkLoss;
    total[0] = 0;
    const d = this.outputSize;
    for (let start = firstRow; start < firstRow + rows; start += chunk) {
      const n = Math.min(chunk, firstRow + rows - start);
      const predicted = this.forward(x, start, n);
      // The training step's loss function, its gradient left in a buffer the next step overwrites:
      // the same numbers as lossValue, without a call per element that would box each one.
      lossAndGradientInto(loss, predicted, y, start * d, n * d, this.deltas[this.layers.length - 1], chunkLoss, d);
      total[0] = Math.fround(total[0] + Math.fround(chunkLoss[0] * n));
    }
    total[0] = Math.fround(total[0] / rows);
  }

  getWeights(): KerasWeights {
    const weights: KerasWeights = [];
    for (const layer of this.layers) {
      const kernel: number[][] = [];
      for (let i = 0; i < layer.inputSize; i++) {
        const row = layer.kernelOffset + i * layer.units;
        kernel.push(Array.from(this.params.subarray(row, row + layer.units)));
      }
      weights.push(kernel, Array.from(this.params.subarray(layer.biasOffset, layer.biasOffset + layer.units)));
    }
    return weights;
  }

  /** Sets every parameter from Keras-ordered weights. Shapes must already have been checked. */
  setWeights(weights: KerasWeights): void {
    this.layers.forEach((layer, l) => {
      const kernel = weights[2 * l] as number[][];
      const bias = weights[2 * l + 1] as number[];
      for (let i = 0; i < layer.inputSize; i++) this.params.set(kernel[i], layer.kernelOffset + i * layer.units);
      this.params.set(bias, layer.biasOffset);
    });
  }
}
