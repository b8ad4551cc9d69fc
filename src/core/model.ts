/**
 * A Sequential stack of Dense layers over one flat float32 parameter buffer, laid out in Keras
 * `model.get_weights()` order: [W0, b0, W1, b1, ...]. All working memory (activations and
 * deltas for up to `maxRows` samples) is allocated once here; forward and backward allocate
 * nothing.
 */
import { activate, backpropActivation, type ActivationName } from './activations.js';
import { denseBackward, denseForward, type DenseLayer } from './dense.js';
import { createWasmKernels, wasmKernelsModule, type WasmKernels, type WasmKernelsPool } from './kernels-wasm.js';
import { crossentropyInto } from './crossentropy.js';
import { isCrossentropy, lossAndGradientInto, targetColumns, type LossName } from './loss.js';
import { metricSum, type Metric } from './metrics.js';
import type { Random } from './random.js';

/** No metrics: evaluation's default, shared so that a call allocates nothing. */
const NO_METRICS: readonly Metric[] = [];

export interface LayerSpec {
  readonly units: number;
  readonly activation: ActivationName;
}

export interface ModelSpec {
  readonly inputSize: number;
  readonly layers: readonly LayerSpec[];
}

/**
 * Which kernels compute the Dense layers: `wasm-simd` (kernels-wasm.ts) or `js` (dense.ts). Both
 * give the same bits; WebAssembly is faster where a layer has more than one unit.
 */
export type KernelPath = 'wasm-simd' | 'js';

export interface ModelOptions {
  /** `auto` (the default): `wasm-simd` where it runs and some layer has more than one unit. */
  readonly kernels?: 'auto' | KernelPath;
  /** Where the WebAssembly instances come from: a pool shared by runs made one after another, or fresh ones. */
  readonly pool?: WasmKernelsPool;
}

/** The kernels an `auto` model of this shape uses on this JavaScript engine. */
export function kernelPathFor(spec: ModelSpec): KernelPath {
  return spec.layers.some((l) => l.units > 1) && wasmKernelsModule() !== null ? 'wasm-simd' : 'js';
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
  /** computeEvaluation's metric sums and totals, grown to the metrics it is given. */
  private metricScratch = new Float64Array(0);
  /** Which kernels compute the layers. */
  readonly kernels: KernelPath;
  private capacity = 0;
  private outputs: Float32Array[] = [];
  private deltas: Float32Array[] = [];
  /**
   * With WebAssembly kernels: the instance and its memory, where the parameters and gradients are
   * copied for each step and where the inputs, activations and deltas live. Byte addresses.
   */
  private wasm: WasmKernels | null = null;
  private wasmParams = new Float32Array(0);
  private wasmGrads = new Float32Array(0);
  private wasmInput = new Float32Array(0);
  /**
   * The staged input, and the last two arrays forward read (a training set and a validation set,
   * checked between steps), as 32-bit integers: rows are copied as bits, without a float
   * conversion per number. A view is made only for an array not among those two.
   */
  private wasmInputBits = new Int32Array(0);
  private readonly sources: (Float32Array | null)[] = [null, null];
  private readonly sourceBits: Int32Array<ArrayBufferLike>[] = [new Int32Array(0), new Int32Array(0)];
  private older = 0;
  /** Wᵀ of a layer as float64, the input gradient's operand. */
  private wasmTranspose = new Float64Array(0);
  private paramsAt = 0;
  /** The parameters again as float64, promoted once a step: the forward pass's weights. */
  private paramsWideAt = 0;
  /** A layer's deltas as float64, promoted once a step: the kernel gradient's operand. */
  private deltaWideAt = 0;
  /** Each layer's input rows as float64, promoted once a step: both products' operand. */
  private inputsWideAt: number[] = [];
  private gradsAt = 0;
  private inputAt = 0;
  private transposeAt = 0;
  private outputsAt: number[] = [];
  private deltasAt: number[] = [];
  /** The output layer's pre-activation z: crossentropy after softmax/sigmoid works from it. */
  private logits = new Float32Array(0);
  private readonly lossScratch = new Float64Array(1);
  private readonly pool: WasmKernelsPool | null;

  constructor(spec: ModelSpec, maxRows = 1, options: ModelOptions = {}) {
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
    const wanted = options.kernels ?? 'auto';
    if (wanted === 'wasm-simd' && wasmKernelsModule() === null) throw new RangeError('WebAssembly SIMD kernels are not available on this JavaScript engine');
    this.kernels = wanted === 'auto' ? kernelPathFor(spec) : wanted;
    this.pool = options.pool ?? null;
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
    this.logits = new Float32Array(rows * this.outputSize);
    if (this.kernels === 'wasm-simd') {
      this.reserveWasm(rows);
      return;
    }
    this.outputs = this.layers.map((l) => new Float32Array(rows * l.units));
    this.deltas = this.layers.map((l) => new Float32Array(rows * l.units));
  }

  /**
   * Whether `loss` works from the output layer's logits: a crossentropy after a softmax or
   * sigmoid output, as Keras 3 on TensorFlow does (the activation's output carries its logits).
   */
  fromLogits(loss: LossName): boolean {
    const activation = this.layers[this.layers.length - 1].activation;
    return isCrossentropy(loss) && (activation === 'softmax' || activation === 'sigmoid');
  }

  /**
   * The batch loss of the last forward pass into `result[0]`, and, when `gradient` is given, its
   * gradient with respect to the output (or to the logits, when `fromLogits`).
   */
  private lossOfForward(loss: LossName, y: Float32Array, firstRow: number, rows: number, gradient: Float32Array | null, result: Float64Array): void {
    const last = this.layers.length - 1;
    const d = this.outputSize;
    const predicted = this.outputs[last];
    if (isCrossentropy(loss)) {
      const logits = this.fromLogits(loss);
      crossentropyInto(loss, logits, logits ? this.logits : predicted, y, firstRow * targetColumns(loss, d), rows, d, gradient, result);
    } else {
      lossAndGradientInto(loss, predicted, y, firstRow * d, rows * d, gradient ?? this.deltas[last], result, d);
    }
  }

  /**
   * Float32 sums over the last forward pass's `rows` samples of each metric's per-sample values,
   * into `sums[offset + m]`.
   */
  metricSums(metrics: readonly Metric[], loss: LossName, y: Float32Array, firstRow: number, rows: number, sums: Float64Array, offset: number): void {
    const d = this.outputSize;
    const columns = targetColumns(loss, d);
    const predicted = this.outputs[this.layers.length - 1];
    for (let m = 0; m < metrics.length; m++) metricSum(metrics[m].kind, predicted, y, firstRow * columns, rows, d, columns, sums, offset + m);
  }

  /** Lays out a fresh WebAssembly memory for batches of up to `rows` samples. */
  private reserveWasm(rows: number): void {
    let at = 0;
    const take = (floats: number): number => {
      const start = at;
      at += 16 * Math.ceil(floats / 4); // whole vectors of four floats
      return start;
    };
    const size = this.params.length;
    this.paramsAt = take(size);
    this.paramsWideAt = take(2 * size + 4);
    this.gradsAt = take(size);
    this.inputAt = take(rows * this.spec.inputSize);
    const widest = Math.max(...this.layers.map((l) => l.inputSize * l.units));
    this.transposeAt = take(2 * widest);
    this.deltaWideAt = take(2 * rows * Math.max(...this.layers.map((l) => l.units)) + 4);
    this.inputsWideAt = this.layers.map((l) => take(2 * rows * l.inputSize + 4));
    this.outputsAt = this.layers.map((l) => take(rows * l.units));
    this.deltasAt = this.layers.map((l) => take(rows * l.units));
    const wasm = (this.pool === null ? createWasmKernels(at) : this.pool.take(at))!;
    const buffer = wasm.memory.buffer;
    this.wasm = wasm;
    this.wasmParams = new Float32Array(buffer, this.paramsAt, size);
    this.wasmGrads = new Float32Array(buffer, this.gradsAt, size);
    this.wasmInput = new Float32Array(buffer, this.inputAt, rows * this.spec.inputSize);
    this.wasmInputBits = new Int32Array(buffer, this.inputAt, rows * this.spec.inputSize);
    this.wasmTranspose = new Float64Array(buffer, this.transposeAt, widest);
    this.outputs = this.layers.map((l, i) => new Float32Array(buffer, this.outputsAt[i], rows * l.units));
    this.deltas = this.layers.map((l, i) => new Float32Array(buffer, this.deltasAt[i], rows * l.units));
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
    if (this.wasm !== null) return this.forwardWasm(this.wasm, x, firstRow, rows);
    let input = x;
    let start = firstRow * this.spec.inputSize;
    const last = this.layers.length - 1;
    for (let l = 0; l < this.layers.length; l++) {
      denseForward(this.layers[l], this.params, input, start, rows, this.outputs[l], l === last ? this.logits : null);
      input = this.outputs[l];
      start = 0;
    }
    return input;
  }

  /**
   * `forward` with the WebAssembly kernels: parameters and input rows copied into its memory, the
   * parameters and each layer's input promoted to float64 once for all the products that use them.
   */
  private forwardWasm(wasm: WasmKernels, x: Float32Array, firstRow: number, rows: number): Float32Array {
    this.wasmParams.set(this.params);
    wasm.promote(this.paramsAt, this.paramsWideAt, (this.params.length + 1) >> 1);
    let which = x === this.sources[0] ? 0 : x === this.sources[1] ? 1 : -1;
    if (which < 0) {
      which = this.older;
      this.sources[which] = x;
      this.sourceBits[which] = new Int32Array(x.buffer, x.byteOffset, x.length);
    }
    this.older = 1 - which;
    const staged = this.wasmInputBits;
    const source = this.sourceBits[which];
    for (let k = 0, from = firstRow * this.spec.inputSize, count = rows * this.spec.inputSize; k < count; k++) staged[k] = source[from + k];
    let input: Float32Array = this.wasmInput;
    // The output layer's z is kept only where a crossentropy reads it (softmax and sigmoid outputs).
    const lastActivation = this.layers[this.layers.length - 1].activation;
    const keepLogits = lastActivation === 'softmax' || lastActivation === 'sigmoid';
    let inputAt = this.inputAt;
    const last = this.layers.length - 1;
    for (let l = 0; l < this.layers.length; l++) {
      const layer = this.layers[l];
      const n = layer.inputSize;
      const u = layer.units;
      const wide = this.inputsWideAt[l];
      if (u > 1 || n > 1) wasm.promote(inputAt, wide, (rows * n + 1) >> 1);
      if (u === 1 && n > 1) {
        // One unit: eight rows at a time, two rows to a vector.
        const output = this.outputs[l];
        wasm.dotRows(wide, 8 * n, this.paramsWideAt + 8 * layer.kernelOffset, this.outputsAt[l], this.paramsAt + 4 * layer.biasOffset, rows, n);
        if (l === last && keepLogits) for (let k = 0; k < rows; k++) this.logits[k] = output[k];
        activate(layer.activation, output, rows, 1);
      } else if (u === 1) {
        denseForward(layer, this.wasmParams, input, 0, rows, this.outputs[l], l === last ? this.logits : null);
      } else {
        const kernel = this.paramsWideAt + 8 * layer.kernelOffset;
        const bias = this.paramsWideAt + 8 * layer.biasOffset;
        const output = this.outputs[l];
        if (layer.activation === 'relu' && l !== last) {
          // A hidden ReLU applied as each z is stored, without a pass of its own.
          wasm.accRoundBiasReluWide(wide, 8 * n, 8, kernel, 8 * u, this.outputsAt[l], 4 * u, bias, rows, n, u);
        } else {
          wasm.accRoundBiasWide(wide, 8 * n, 8, kernel, 8 * u, this.outputsAt[l], 4 * u, bias, rows, n, u);
          if (l === last && keepLogits) for (let k = 0; k < rows * u; k++) this.logits[k] = output[k];
          if (layer.activation === 'relu') wasm.relu(this.outputsAt[l], (rows * u + 3) >> 2);
          else activate(layer.activation, output, rows * u, u);
        }
      }
      input = this.outputs[l];
      inputAt = this.outputsAt[l];
    }
    return input;
  }

  /** The backward pass of `computeGradients` with the WebAssembly kernels, after `forwardWasm`. */
  private backwardWasm(wasm: WasmKernels, rows: number, logits: boolean): void {
    const last = this.layers.length - 1;
    for (let l = last; l >= 0; l--) {
      const layer = this.layers[l];
      const n = layer.inputSize;
      const u = layer.units;
      const inputAt = l === 0 ? this.inputAt : this.outputsAt[l - 1];
      const delta = this.deltas[l];
      // A crossentropy from the logits already left dL/dz in the output layer's delta.
      const preActivation = l === last && logits;
      if (u === 1) {
        // One unit: dW[i] = Σ_r dz[r]·x[r, i] with the inputs as the columns (eight at a time),
        // db = Σ_r dz[r], dx[r, i] = dz[r]·W[i], a single product rounded once.
        if (!preActivation) backpropActivation(layer.activation, this.outputs[l], delta, rows, 1);
        wasm.accRound(this.deltasAt[l], 0, 4, inputAt, 4 * n, this.gradsAt + 4 * layer.kernelOffset, 0, 0, 1, rows, n);
        wasm.biasGrad(this.deltasAt[l], this.gradsAt + 4 * layer.biasOffset, rows, 1);
        if (l > 0) wasm.accExact(this.deltasAt[l], 4, 4, this.paramsAt + 4 * layer.kernelOffset, 0, this.deltasAt[l - 1], 4 * n, 0, rows, 1, n);
        continue;
      }
      if (preActivation) {
        // dL/dz is there already.
      } else if (layer.activation === 'relu') wasm.reluBackprop(this.outputsAt[l], this.deltasAt[l], (rows * u + 3) >> 2);
      else backpropActivation(layer.activation, this.outputs[l], delta, rows * u, u);
      // dW[i, j] = Σ_r x[r, i]·dz[r, j]: A = xᵀ (rows of n inputs), B = dz, promoted once.
      wasm.promote(this.deltasAt[l], this.deltaWideAt, (rows * u + 1) >> 1);
      wasm.accRoundWide(this.inputsWideAt[l], 8, 8 * n, this.deltaWideAt, 8 * u, this.gradsAt + 4 * layer.kernelOffset, 4 * u, 0, n, rows, u);
      wasm.biasGrad(this.deltasAt[l], this.gradsAt + 4 * layer.biasOffset, rows, u);
      if (l === 0) continue;
      // dx[r, i] = Σ_j dz[r, j]·W[i, j], with Wᵀ laid out row by row in float64 first.
      const w = this.params;
      const t = this.wasmTranspose;
      for (let i = 0, k = layer.kernelOffset; i < n; i++) for (let j = 0; j < u; j++, k++) t[j * n + i] = w[k];
      wasm.accExactWideB(this.deltasAt[l], 4 * u, 4, this.transposeAt, 8 * n, this.deltasAt[l - 1], 4 * n, 0, rows, u, n);
    }
    this.grads.set(this.wasmGrads);
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
    this.forward(x, firstRow, rows);
    this.lossOfForward(loss, y, firstRow, rows, this.deltas[last], this.batchLoss);
    const logits = this.fromLogits(loss);
    if (this.wasm !== null) {
      this.backwardWasm(this.wasm, rows, logits);
      return;
    }
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
        l === last && logits,
      );
    }
  }

  /**
   * Mean loss over samples [firstRow, firstRow + rows), computed in chunks of `batchSize` and
   * averaged weighted by chunk size, as Keras's `evaluate`: its Mean tracker adds L·n to a
   * float32 total and divides by the float32 count, each step rounded to float32. Each metric's
   * mean goes to `metricResults[m]` the same way (its tracker adds the chunk's sum of values).
   */
  evaluate(
    loss: LossName,
    x: Float32Array,
    y: Float32Array,
    firstRow: number,
    rows: number,
    batchSize: number,
    metrics: readonly Metric[] = [],
    metricResults: Float64Array = new Float64Array(metrics.length),
  ): number {
    this.computeEvaluation(loss, x, y, firstRow, rows, batchSize, metrics, metricResults);
    return this.evaluation[0];
  }

  /**
   * `evaluate` with the loss left in `evaluation[0]` (and each metric's mean in
   * `metricResults[m]`): allocates nothing, so the fit loop can check a target between steps. The
   * running totals live in typed arrays too (a fractional local of a loop can be kept boxed in a
   * fresh heap object after every update).
   */
  computeEvaluation(
    loss: LossName,
    x: Float32Array,
    y: Float32Array,
    firstRow: number,
    rows: number,
    batchSize: number,
    metrics: readonly Metric[] = NO_METRICS,
    metricResults: Float64Array = this.evaluation,
  ): void {
    const chunk = Math.min(batchSize, rows);
    this.reserve(chunk);
    const count = metrics.length;
    if (this.metricScratch.length < 2 * count) this.metricScratch = new Float64Array(2 * count);
    // [0, count): the chunk's metric sums; [count, 2·count): their float32 totals.
    const scratch = this.metricScratch;
    const total = this.evaluation;
    total[0] = 0;
    for (let m = 0; m < count; m++) scratch[count + m] = 0;
    for (let start = firstRow; start < firstRow + rows; start += chunk) {
      const n = Math.min(chunk, firstRow + rows - start);
      this.forward(x, start, n);
      this.lossOfForward(loss, y, start, n, null, this.lossScratch);
      total[0] = Math.fround(total[0] + Math.fround(this.lossScratch[0] * n));
      if (count > 0) {
        this.metricSums(metrics, loss, y, start, n, scratch, 0);
        for (let m = 0; m < count; m++) scratch[count + m] = Math.fround(scratch[count + m] + scratch[m]);
      }
    }
    for (let m = 0; m < count; m++) metricResults[m] = Math.fround(scratch[count + m] / rows);
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
