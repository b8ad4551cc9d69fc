/**
 * Weights files: a JSON array in Keras `model.get_weights()` order, `[W0, b0, W1, b1, ...]`,
 * with each W nested `[in][units]` and each b `[units]`.
 */
import { readTextBounded } from './safe-read.js';
import { parseJson } from './json.js';
import type { KerasWeights, ModelSpec } from '../core/model.js';
import { describeFsError } from './fs-errors.js';
import { msg, type Message } from '../i18n/message.js';
import { InputError } from './errors.js';

export function readWeightsFile(path: string, spec: ModelSpec): KerasWeights {
  let text: string;
  try {
    text = readTextBounded(path);
  } catch (error) {
    throw new InputError(msg('weights.cannotRead', { file: path, reason: describeFsError(error), hint: true }));
  }
  let doc: unknown;
  try {
    doc = parseJson(text);
  } catch (error) {
    throw new InputError(msg('weights.notJson', { file: path, message: (error as Error).message }));
  }
  return checkWeights(doc, spec, path);
}

/** The shape a weights value has, as `[2, 3]`, for messages. */
function shapeOf(value: unknown): Message | string {
  if (!Array.isArray(value)) return typeof value === 'number' ? msg('weights.aNumber') : (JSON.stringify(value) ?? String(value));
  if (value.length > 0 && Array.isArray(value[0])) return `[${value.length}, ${(value[0] as unknown[]).length}]`;
  return `[${value.length}]`;
}

/** Checks count, shapes and values of Keras-ordered weights against the model. `source` names the weights in messages. */
export function checkWeights(doc: unknown, spec: ModelSpec, source: string | Message): KerasWeights {
  const expected = 2 * spec.layers.length;
  if (!Array.isArray(doc)) {
    throw new InputError(msg('weights.notArray', { source }));
  }
  if (doc.length !== expected) {
    throw new InputError(msg('weights.count', { source, arrays: doc.length, layers: spec.layers.length, expected }));
  }
  let inputs = spec.inputSize;
  spec.layers.forEach(({ units }, l) => {
    const kernel = doc[2 * l] as unknown;
    const bias = doc[2 * l + 1] as unknown;
    const kernelOk =
      Array.isArray(kernel) && kernel.length === inputs && kernel.every((row) => Array.isArray(row) && row.length === units);
    if (!kernelOk) {
      throw new InputError(msg('weights.kernelShape', { source, layer: l + 1, index: l, shape: shapeOf(kernel), inputs, units }));
    }
    if (!(Array.isArray(bias) && bias.length === units && bias.every((v) => !Array.isArray(v)))) {
      throw new InputError(msg('weights.biasShape', { source, layer: l + 1, index: l, shape: shapeOf(bias), units }));
    }
    const check = (v: unknown, where: string): void => {
      if (typeof v !== 'number' || !Number.isFinite(v) || !Number.isFinite(Math.fround(v))) {
        throw new InputError(msg('weights.notFinite', { source, where, value: JSON.stringify(v) ?? String(v) }));
      }
    };
    (kernel as unknown[][]).forEach((row, i) => row.forEach((v, j) => check(v, `W${l}[${i}][${j}]`)));
    (bias as unknown[]).forEach((v, j) => check(v, `b${l}[${j}]`));
    inputs = units;
  });
  return doc as KerasWeights;
}
