/**
 * Element-wise activations, applied in place to a layer's output buffer.
 *
 * Each derivative is written in terms of the activation's *output* y, which is what the
 * backward pass has at hand:
 *   linear  y = z             dy/dz = 1
 *   relu    y = max(0, z)     dy/dz = 1 if y > 0 else 0   (0 at z = 0, as TensorFlow)
 *   tanh    y = tanh(z)       dy/dz = 1 − y²
 *   sigmoid y = 1/(1 + e^−z)  dy/dz = y(1 − y)
 *
 * `softmax` is not element-wise: it normalises each sample's row of `units` values,
 *   softmax  y_j = e^(z_j − m) · (1 / Σ_k e^(z_k − m)),  m = max_k z_k
 * in float32 in TensorFlow's order (shift by the row maximum, exponentiate, multiply by the
 * reciprocal of the sum), and its backward pass goes through the Jacobian,
 *   dL/dz_j = y_j · (dL/dy_j − Σ_k y_k · dL/dy_k).
 * A cross-entropy loss right after a softmax or sigmoid output does not use these: it works from
 * the logits z, as Keras 3 does (see loss.ts).
 */
export const ACTIVATIONS = ['linear', 'relu', 'tanh', 'sigmoid', 'softmax'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export function isActivation(name: string): name is ActivationName {
  return (ACTIVATIONS as readonly string[]).includes(name);
}

/**
 * ReLU keeps or zeroes each value by its sign, which is as good as random in a hidden layer: a
 * branch on it is mispredicted half the time and costs more than the rest of the step. Instead
 * the float's bits are ANDed with a mask, all ones to keep the value and zero to write +0; the
 * mask comes from the comparison as a number, `(0 - +keep) | 0`, which compiles without a branch.
 * The Int32Array view of each buffer is made once and reused.
 */
const bitViews = new WeakMap<ArrayBufferLike, Int32Array>();

function bitsOf(values: Float32Array): Int32Array {
  let bits = bitViews.get(values.buffer);
  if (bits === undefined) {
    bits = new Int32Array(values.buffer, 0, values.buffer.byteLength >> 2);
    bitViews.set(values.buffer, bits);
  }
  return bits;
}

const fround = Math.fround;

/** Applies the activation to values[0, count) in place; `units` is the row width (softmax). */
export function activate(name: ActivationName, values: Float32Array, count: number, units = 1): void {
  switch (name) {
    case 'linear':
      return;
    case 'relu': {
      // values[i] < 0 ? 0 : values[i] (NaN and −0 are kept)
      const bits = bitsOf(values);
      const at = values.byteOffset >> 2;
      for (let i = 0; i < count; i++) bits[at + i] = bits[at + i] & ((0 - +!(values[i] < 0)) | 0);
      return;
    }
    case 'tanh':
      for (let i = 0; i < count; i++) values[i] = Math.tanh(values[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
      return;
    case 'softmax':
      for (let r = 0; r < count; r += units) softmaxRow(values, r, units, values, r);
      return;
  }
}

/**
 * out[at, at + units) ← softmax(z[from, from + units)) in float32, as TensorFlow's kernel:
 * e_j = exp(z_j − max), then e_j · (1 / Σ e). `out` may be `z`.
 */
export function softmaxRow(z: Float32Array, from: number, units: number, out: Float32Array, at: number): void {
  let max = z[from];
  for (let j = 1; j < units; j++) if (z[from + j] > max) max = z[from + j];
  let sum = 0;
  for (let j = 0; j < units; j++) {
    const e = fround(Math.exp(fround(z[from + j] - max)));
    out[at + j] = e;
    sum = fround(sum + e);
  }
  const inverse = fround(1 / sum);
  for (let j = 0; j < units; j++) out[at + j] = fround(out[at + j] * inverse);
}

/**
 * Turns dL/dy into dL/dz in place: delta[i] *= f'(z_i), written with the output y[i].
 */
export function backpropActivation(
  name: ActivationName,
  output: Float32Array,
  delta: Float32Array,
  count: number,
  units = 1,
): void {
  switch (name) {
    case 'linear':
      return;
    case 'relu': {
      // output[i] > 0 ? delta[i] : 0
      const bits = bitsOf(delta);
      const at = delta.byteOffset >> 2;
      for (let i = 0; i < count; i++) bits[at + i] = bits[at + i] & ((0 - +(output[i] > 0)) | 0);
      return;
    }
    case 'tanh':
      for (let i = 0; i < count; i++) delta[i] *= 1 - output[i] * output[i];
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) delta[i] *= output[i] * (1 - output[i]);
      return;
    case 'softmax':
      for (let r = 0; r < count; r += units) {
        let dot = 0;
        for (let j = r; j < r + units; j++) dot += output[j] * delta[j];
        for (let j = r; j < r + units; j++) delta[j] = output[j] * (delta[j] - dot);
      }
      return;
  }
}
