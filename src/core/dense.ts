/**
 * A fully connected layer with Keras `Dense` semantics: y = act(x·W + b).
 *
 * Shapes (row-major, one row per sample): x [B, in], W [in, units], b [units], y [B, units].
 * The layer owns no memory: W and b live in the model's flat parameter buffer at
 * `kernelOffset` / `biasOffset`, so an optimizer can update every parameter in one loop.
 * Inner loops run over `units`, which is contiguous in W, y and the gradients.
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

/**
 * y[r, j] = act(b[j] + Σ_i x[r, i]·W[i, j]) for rows r in [0, rows).
 * `input` rows start at element `inputStart`; `output` is written from element 0.
 */
export function denseForward(
  layer: DenseLayer,
  params: Float32Array,
  input: Float32Array,
  inputStart: number,
  rows: number,
  output: Float32Array,
): void {
  const { inputSize: n, units: u, kernelOffset: w, biasOffset: bias } = layer;
  for (let r = 0; r < rows; r++) {
    const y = r * u;
    for (let j = 0; j < u; j++) output[y + j] = params[bias + j];
    const x = inputStart + r * n;
    for (let i = 0; i < n; i++) {
      const xi = input[x + i];
      const wRow = w + i * u;
      for (let j = 0; j < u; j++) output[y + j] += xi * params[wRow + j];
    }
  }
  activate(layer.activation, output, rows * u);
}

/**
 * Backward pass. On entry `delta` holds dL/dy for the rows; on exit it holds dL/dz.
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
): void {
  const { inputSize: n, units: u, kernelOffset: w, biasOffset: bias } = layer;
  backpropActivation(layer.activation, output, delta, rows * u);
  grads.fill(0, w, bias + u);
  for (let r = 0; r < rows; r++) {
    const d = r * u;
    const x = inputStart + r * n;
    for (let i = 0; i < n; i++) {
      const xi = input[x + i];
      const wRow = w + i * u;
      for (let j = 0; j < u; j++) grads[wRow + j] += xi * delta[d + j];
    }
    for (let j = 0; j < u; j++) grads[bias + j] += delta[d + j];
  }
  if (inputDelta === null) return;
  for (let r = 0; r < rows; r++) {
    const d = r * u;
    for (let i = 0; i < n; i++) {
      const wRow = w + i * u;
      let s = 0;
      for (let j = 0; j < u; j++) s += delta[d + j] * params[wRow + j];
      inputDelta[r * n + i] = s;
    }
  }
}
