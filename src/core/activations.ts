/**
 * Element-wise activations, applied in place to a layer's output buffer.
 *
 * Each derivative is written in terms of the activation's *output* y, which is what the
 * backward pass has at hand:
 *   linear  y = z             dy/dz = 1
 *   relu    y = max(0, z)     dy/dz = 1 if y > 0 else 0   (0 at z = 0, as TensorFlow)
 *   tanh    y = tanh(z)       dy/dz = 1 − y²
 *   sigmoid y = 1/(1 + e^−z)  dy/dz = y(1 − y)
 */
export const ACTIVATIONS = ['linear', 'relu', 'tanh', 'sigmoid'] as const;
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

/** Applies the activation to values[0, count) in place. */
export function activate(name: ActivationName, values: Float32Array, count: number): void {
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
  }
}

/**
 * Turns dL/dy into dL/dz in place: delta[i] *= f'(z_i), written with the output y[i].
 */
export function backpropActivation(
  name: ActivationName,
  output: Float32Array,
  delta: Float32Array,
  count: number,
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
  }
}
