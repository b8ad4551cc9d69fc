/**
 * The memory one training step needs for a batch of B samples, counted from the model's own
 * buffers (core/model.ts, core/optimizers.ts), all float32 (4 bytes a value):
 *
 *   activations   B · Σ units          every layer's output, kept for the backward pass
 *   deltas        B · Σ units          the loss gradient with respect to every layer's output
 *   parameters    P                    kernels and biases, P = Σ (in + 1) · units
 *   gradients     P                    the batch's parameter gradients
 *   optimizer     k · P                Adam 2 (m, v); RMSprop 1 (v) + 1 with momentum;
 *                                      SGD 1 with momentum, else 0
 *   batch         B · (features + outputs)   the gathered rows of a shuffled batch (0 unshuffled)
 *
 * The first two grow with B, the rest do not: this is the part of a step's cost a bigger batch
 * changes. Not counted: the data set itself, the JavaScript engine and the process.
 */
import type { ModelSpec } from './model.js';
import { parameterCount } from './model.js';
import type { OptimizerConfig } from './optimizers.js';

export const BYTES_PER_VALUE = 4;

export interface StepMemory {
  readonly activations: number;
  readonly deltas: number;
  readonly parameters: number;
  readonly gradients: number;
  readonly optimizer: number;
  readonly batch: number;
  /** The sum of the above, in bytes. */
  readonly total: number;
}

/** Optimizer state values per parameter. */
export function optimizerSlots(config: OptimizerConfig): number {
  switch (config.name) {
    case 'adam':
      return 2;
    case 'rmsprop':
      return config.momentum > 0 ? 2 : 1;
    case 'sgd':
      return config.momentum > 0 ? 1 : 0;
  }
}

/** Bytes one step of batch size `batchSize` needs (see the module comment for what is counted). */
export function stepMemory(spec: ModelSpec, batchSize: number, optimizer: OptimizerConfig, shuffle = true): StepMemory {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const units = spec.layers.reduce((sum, layer) => sum + layer.units, 0);
  const outputs = spec.layers[spec.layers.length - 1].units;
  const p = parameterCount(spec);
  const activations = batchSize * units * BYTES_PER_VALUE;
  const deltas = batchSize * units * BYTES_PER_VALUE;
  const parameters = p * BYTES_PER_VALUE;
  const gradients = p * BYTES_PER_VALUE;
  const slots = optimizerSlots(optimizer) * p * BYTES_PER_VALUE;
  const batch = shuffle ? batchSize * (spec.inputSize + outputs) * BYTES_PER_VALUE : 0;
  return { activations, deltas, parameters, gradients, optimizer: slots, batch, total: activations + deltas + parameters + gradients + slots + batch };
}
