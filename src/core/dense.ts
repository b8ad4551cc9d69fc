/**
 * A fully connected layer with Keras `Dense` semantics: y = act(x·W + b).
 *
 * Shapes (row-major, one row per sample): x [B, in], W [in, units], b [units], y [B, units].
 * The layer owns no memory: W and b live in the model's flat parameter buffer at
 * `kernelOffset` / `biasOffset`, so an optimizer can update every parameter in one loop.
 *
 * Arithmetic is float32, as in Keras: each sum is rounded to float32 after every addition
 * (`Math.fround`) and adds its terms in a fixed order — z[r, j] adds x[r, i]·W[i, j] for
 * i = 0, 1, ... and then b[j], as Keras's Dense adds the bias to the finished matmul; a weight
 * gradient adds its rows r = 0, 1, .... The sums live
 * in local variables, and the loops compute four independent sums at a time: one running sum is
 * bound by the latency of its additions, four keep the processor busy. The numbers are the same
 * as one sum at a time.
 */
import { activate, backpropActivation, type ActivationName } from './activations.js';

export interface DenseLayer {
  readonly inputSize: number;
  readonly units: number;
  readonly activation: ActivationName;
  /** Offset of W (in·units values, row-major [in][units]) in the parameter buffer. */
  readonly kernelOffset: number;
  /** Offset of b (units values) in the parameter buffer. */
  readonly biasOffset: number;
}

const fround = Math.fround;

/**
 * y[r, j] = act((Σ_i x[r, i]·W[i, j]) + b[j]) for rows r in [0, rows).
 * `input` rows start at element `inputStart`; `output` is written from element 0, and the
 * pre-activation z to `logits` when given.
 */
export function denseForward(
  layer: DenseLayer,
  params: Float32Array,
  input: Float32Array,
  inputStart: number,
  rows: number,
  output: Float32Array,
  logits: Float32Array | null = null,
): void {
  const n = layer.inputSize;
  const u = layer.units;
  const w = layer.kernelOffset;
  const bias = layer.biasOffset;
  if (u === 1) {
    // One unit: z[r] = b + Σ_i x[r, i]·W[i], four rows at a time.
    const b = params[bias];
    let r = 0;
    if (n === 1) {
      const w0 = params[w];
      for (; r < rows; r++) output[r] = fround(fround(input[inputStart + r] * w0) + b);
    }
    for (; r + 4 <= rows; r += 4) {
      const x = inputStart + r * n;
      let z0 = 0;
      let z1 = 0;
      let z2 = 0;
      let z3 = 0;
      for (let i = 0; i < n; i++) {
        const wi = params[w + i];
        z0 = fround(z0 + input[x + i] * wi);
        z1 = fround(z1 + input[x + n + i] * wi);
        z2 = fround(z2 + input[x + 2 * n + i] * wi);
        z3 = fround(z3 + input[x + 3 * n + i] * wi);
      }
      output[r] = fround(z0 + b);
      output[r + 1] = fround(z1 + b);
      output[r + 2] = fround(z2 + b);
      output[r + 3] = fround(z3 + b);
    }
    for (; r < rows; r++) {
      let z = 0;
      for (let i = 0, x = inputStart + r * n; i < n; i++) z = fround(z + input[x + i] * params[w + i]);
      output[r] = fround(z + b);
    }
  } else {
    // Two rows at a time, so that each weight read serves both.
    let r = 0;
    for (; r + 2 <= rows; r += 2) twoRows(layer, params, input, inputStart + r * n, output, r * u);
    if (r < rows) oneRow(layer, params, input, inputStart + r * n, output, r * u);
  }
  if (logits !== null) for (let k = 0; k < rows * u; k++) logits[k] = output[k];
  activate(layer.activation, output, rows * u, u);
}

/** z[r, ·] for the row of x at `x`, into output at `y`: four units at a time, sharing x[r, i]. */
function oneRow(layer: DenseLayer, params: Float32Array, input: Float32Array, x: number, output: Float32Array, y: number): void {
  const n = layer.inputSize;
  const u = layer.units;
  const w = layer.kernelOffset;
  const bias = layer.biasOffset;
  let j = 0;
  for (; j + 4 <= u; j += 4) {
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    let z3 = 0;
    for (let i = 0, k = w + j; i < n; i++, k += u) {
      const xi = input[x + i];
      z0 = fround(z0 + xi * params[k]);
      z1 = fround(z1 + xi * params[k + 1]);
      z2 = fround(z2 + xi * params[k + 2]);
      z3 = fround(z3 + xi * params[k + 3]);
    }
    output[y + j] = fround(z0 + params[bias + j]);
    output[y + j + 1] = fround(z1 + params[bias + j + 1]);
    output[y + j + 2] = fround(z2 + params[bias + j + 2]);
    output[y + j + 3] = fround(z3 + params[bias + j + 3]);
  }
  for (; j < u; j++) {
    let z = 0;
    for (let i = 0, k = w + j; i < n; i++, k += u) z = fround(z + input[x + i] * params[k]);
    output[y + j] = fround(z + params[bias + j]);
  }
}

/** z for the two rows of x at `x` (rows a and b), into output at `y`: eight sums at a time. */
function twoRows(layer: DenseLayer, params: Float32Array, input: Float32Array, x: number, output: Float32Array, y: number): void {
  const n = layer.inputSize;
  const u = layer.units;
  const w = layer.kernelOffset;
  const bias = layer.biasOffset;
  let j = 0;
  for (; j + 4 <= u; j += 4) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let i = 0, k = w + j; i < n; i++, k += u) {
      const xa = input[x + i];
      const xb = input[x + n + i];
      const w0 = params[k];
      const w1 = params[k + 1];
      const w2 = params[k + 2];
      const w3 = params[k + 3];
      a0 = fround(a0 + xa * w0);
      a1 = fround(a1 + xa * w1);
      a2 = fround(a2 + xa * w2);
      a3 = fround(a3 + xa * w3);
      b0 = fround(b0 + xb * w0);
      b1 = fround(b1 + xb * w1);
      b2 = fround(b2 + xb * w2);
      b3 = fround(b3 + xb * w3);
    }
    output[y + j] = fround(a0 + params[bias + j]);
    output[y + j + 1] = fround(a1 + params[bias + j + 1]);
    output[y + j + 2] = fround(a2 + params[bias + j + 2]);
    output[y + j + 3] = fround(a3 + params[bias + j + 3]);
    output[y + u + j] = fround(b0 + params[bias + j]);
    output[y + u + j + 1] = fround(b1 + params[bias + j + 1]);
    output[y + u + j + 2] = fround(b2 + params[bias + j + 2]);
    output[y + u + j + 3] = fround(b3 + params[bias + j + 3]);
  }
  for (; j < u; j++) {
    let a = 0;
    let b = 0;
    for (let i = 0, k = w + j; i < n; i++, k += u) {
      a = fround(a + input[x + i] * params[k]);
      b = fround(b + input[x + n + i] * params[k]);
    }
    output[y + j] = fround(a + params[bias + j]);
    output[y + u + j] = fround(b + params[bias + j]);
  }
}

/**
 * Backward pass. On entry `delta` holds dL/dy for the rows (dL/dz already when
 * `deltaIsPreActivation`, as a cross-entropy loss from the logits gives it); on exit it holds dL/dz.
 * Writes dL/dW = xᵀ·dz and dL/db = Σ_r dz into `grads` (overwriting), and, when `inputDelta`
 * is given, dL/dx = dz·Wᵀ into it.
 */
export function denseBackward(
  layer: DenseLayer,
  params: Float32Array,
  input: Float32Array,
  inputStart: number,
  rows: number,
  output: Float32Array,
  delta: Float32Array,
  grads: Float32Array,
  inputDelta: Float32Array | null,
  deltaIsPreActivation = false,
): void {
  const n = layer.inputSize;
  const u = layer.units;
  if (!deltaIsPreActivation) backpropActivation(layer.activation, output, delta, rows * u, u);
  if (u === 1) unitGradients(layer, input, inputStart, rows, delta, grads);
  else kernelGradients(layer, input, inputStart, rows, delta, grads);
  if (inputDelta === null) return;
  // dx[r, i] = Σ_j dz[r, j]·W[i, j], summed in float64 and rounded once when stored.
  const w = layer.kernelOffset;
  if (u === 1) {
    for (let r = 0, x = 0; r < rows; r++, x += n) {
      const dr = delta[r];
      for (let i = 0; i < n; i++) inputDelta[x + i] = dr * params[w + i];
    }
    return;
  }
  for (let r = 0, d = 0, x = 0; r < rows; r++, d += u, x += n) inputGradientRow(params, w, n, u, delta, d, inputDelta, x);
}

/**
 * dx[r, ·] for one row: four inputs at a time, four running sums sharing each dz[r, j] read (one
 * sum alone waits on its own additions), each in the order j = 0, 1, ….
 */
function inputGradientRow(params: Float32Array, w: number, n: number, u: number, delta: Float32Array, d: number, inputDelta: Float32Array, x: number): void {
  let i = 0;
  for (let row = w; i + 4 <= n; i += 4, row += 4 * u) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < u; j++) {
      const dj = delta[d + j];
      s0 += dj * params[row + j];
      s1 += dj * params[row + u + j];
      s2 += dj * params[row + 2 * u + j];
      s3 += dj * params[row + 3 * u + j];
    }
    inputDelta[x + i] = s0;
    inputDelta[x + i + 1] = s1;
    inputDelta[x + i + 2] = s2;
    inputDelta[x + i + 3] = s3;
  }
  for (let row = w + i * u; i < n; i++, row += u) {
    let s = 0;
    for (let j = 0; j < u; j++) s += delta[d + j] * params[row + j];
    inputDelta[x + i] = s;
  }
}

/**
 * dW[i, j] = Σ_r x[r, i]·dz[r, j] and db[j] = Σ_r dz[r, j]: two inputs by four units at a time
 * (eight sums sharing the dz reads), then four units at a time.
 */
function kernelGradients(
  layer: DenseLayer,
  input: Float32Array,
  inputStart: number,
  rows: number,
  delta: Float32Array,
  grads: Float32Array,
): void {
  const n = layer.inputSize;
  let i = 0;
  for (; i + 2 <= n; i += 2) twoInputGradients(layer, input, inputStart, rows, delta, grads, i);
  if (i < n) oneInputGradients(layer, input, inputStart, rows, delta, grads, i);
  biasGradients(layer, rows, delta, grads);
}

/** db[j] = Σ_r dz[r, j], four units at a time, each sum in the order r = 0, 1, …. */
export function biasGradients(layer: DenseLayer, rows: number, delta: Float32Array, grads: Float32Array): void {
  const u = layer.units;
  const bias = layer.biasOffset;
  let j = 0;
  for (; j + 4 <= u; j += 4) {
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    for (let r = 0, d = j; r < rows; r++, d += u) {
      g0 = fround(g0 + delta[d]);
      g1 = fround(g1 + delta[d + 1]);
      g2 = fround(g2 + delta[d + 2]);
      g3 = fround(g3 + delta[d + 3]);
    }
    grads[bias + j] = g0;
    grads[bias + j + 1] = g1;
    grads[bias + j + 2] = g2;
    grads[bias + j + 3] = g3;
  }
  for (; j < u; j++) {
    let g = 0;
    for (let r = 0, d = j; r < rows; r++, d += u) g = fround(g + delta[d]);
    grads[bias + j] = g;
  }
}

/** dW[i, ·], four units at a time. */
function oneInputGradients(
  layer: DenseLayer,
  input: Float32Array,
  inputStart: number,
  rows: number,
  delta: Float32Array,
  grads: Float32Array,
  i: number,
): void {
  const n = layer.inputSize;
  const u = layer.units;
  const row = layer.kernelOffset + i * u;
  let j = 0;
  for (; j + 4 <= u; j += 4) {
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    for (let r = 0, x = inputStart + i, d = j; r < rows; r++, x += n, d += u) {
      const xi = input[x];
      g0 = fround(g0 + xi * delta[d]);
      g1 = fround(g1 + xi * delta[d + 1]);
      g2 = fround(g2 + xi * delta[d + 2]);
      g3 = fround(g3 + xi * delta[d + 3]);
    }
    grads[row + j] = g0;
    grads[row + j + 1] = g1;
    grads[row + j + 2] = g2;
    grads[row + j + 3] = g3;
  }
  for (; j < u; j++) {
    let g = 0;
    for (let r = 0, x = inputStart + i, d = j; r < rows; r++, x += n, d += u) g = fround(g + input[x] * delta[d]);
    grads[row + j] = g;
  }
}

/** dW[i, ·] and dW[i + 1, ·] (rows a and b of W), two by four at a time. */
function twoInputGradients(
  layer: DenseLayer,
  input: Float32Array,
  inputStart: number,
  rows: number,
  delta: Float32Array,
  grads: Float32Array,
  i: number,
): void {
  const n = layer.inputSize;
  const u = layer.units;
  const row = layer.kernelOffset + i * u;
  let j = 0;
  for (; j + 4 <= u; j += 4) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let r = 0, x = inputStart + i, d = j; r < rows; r++, x += n, d += u) {
      const xa = input[x];
      const xb = input[x + 1];
      const d0 = delta[d];
      const d1 = delta[d + 1];
      const d2 = delta[d + 2];
      const d3 = delta[d + 3];
      a0 = fround(a0 + xa * d0);
      a1 = fround(a1 + xa * d1);
      a2 = fround(a2 + xa * d2);
      a3 = fround(a3 + xa * d3);
      b0 = fround(b0 + xb * d0);
      b1 = fround(b1 + xb * d1);
      b2 = fround(b2 + xb * d2);
      b3 = fround(b3 + xb * d3);
    }
    grads[row + j] = a0;
    grads[row + j + 1] = a1;
    grads[row + j + 2] = a2;
    grads[row + j + 3] = a3;
    grads[row + u + j] = b0;
    grads[row + u + j + 1] = b1;
    grads[row + u + j + 2] = b2;
    grads[row + u + j + 3] = b3;
  }
  for (; j < u; j++) {
    let a = 0;
    let b = 0;
    for (let r = 0, x = inputStart + i, d = j; r < rows; r++, x += n, d += u) {
      a = fround(a + input[x] * delta[d]);
      b = fround(b + input[x + 1] * delta[d]);
    }
    grads[row + j] = a;
    grads[row + u + j] = b;
  }
}

/** The one-unit case: dW[i] = Σ_r x[r, i]·dz[r], four inputs at a time, and db = Σ_r dz[r]. */
function unitGradients(
  layer: DenseLayer,
  input: Float32Array,
  inputStart: number,
  rows: number,
  delta: Float32Array,
  grads: Float32Array,
): void {
  const n = layer.inputSize;
  const w = layer.kernelOffset;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    for (let r = 0, x = inputStart + i; r < rows; r++, x += n) {
      const d = delta[r];
      g0 = fround(g0 + input[x] * d);
      g1 = fround(g1 + input[x + 1] * d);
      g2 = fround(g2 + input[x + 2] * d);
      g3 = fround(g3 + input[x + 3] * d);
    }
    grads[w + i] = g0;
    grads[w + i + 1] = g1;
    grads[w + i + 2] = g2;
    grads[w + i + 3] = g3;
  }
  // The remaining inputs (all of them when n < 4) with the bias: db is dW of a constant input 1.
  let gb = 0;
  if (i === n - 1) {
    let g = 0;
    for (let r = 0, x = inputStart + i; r < rows; r++, x += n) {
      const d = delta[r];
      g = fround(g + input[x] * d);
      gb = fround(gb + d);
    }
    grads[w + i] = g;
  } else {
    for (; i < n; i++) {
      let g = 0;
      for (let r = 0, x = inputStart + i; r < rows; r++, x += n) g = fround(g + input[x] * delta[r]);
      grads[w + i] = g;
    }
    for (let r = 0; r < rows; r++) gb = fround(gb + delta[r]);
  }
  grads[layer.biasOffset] = gb;
}
