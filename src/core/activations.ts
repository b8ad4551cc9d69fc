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

/** Applies the activation to values[0, count) in place. */
export function activate(name: ActivationName, values: Float32Array, count: number): void {
  switch (name) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < count; i++) if (values[i] < 0) values[i] = 0;
      return;
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
    case 'relu':
      for (let i = 0; i < count; i++) if (!(output[i] > 0)) delta[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) delta[i] *= 1 - output[i] * output[i];
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) delta[i] *= output[i] * (1 - output[i]);
      return;
  }
}
