/**
 * Weights files: a JSON array in Keras `model.get_weights()` order, `[W0, b0, W1, b1, ...]`,
 * with each W nested `[in][units]` and each b `[units]`.
 */
import { readFileSync } from 'node:fs';
import type { KerasWeights, ModelSpec } from '../core/model.js';
import { describeFsError } from './data.js';
import { InputError } from './errors.js';

export function readWeightsFile(path: string, spec: ModelSpec): KerasWeights {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read weights file ${path}: ${describeFsError(error)}; check the path given to --weights`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${path} is not valid JSON (${(error as Error).message}); a weights file looks like [[[0.5]], [0]]`);
  }
  return checkWeights(doc, spec, path);
}

/** The shape a weights value has, as `[2, 3]`, for messages. */
function shapeOf(value: unknown): string {
  if (!Array.isArray(value)) return typeof value === 'number' ? 'a number' : JSON.stringify(value) ?? String(value);
  if (value.length > 0 && Array.isArray(value[0])) return `[${value.length}, ${(value[0] as unknown[]).length}]`;
  return `[${value.length}]`;
}

/** Checks count, shapes and values of Keras-ordered weights against the model. */
export function checkWeights(doc: unknown, spec: ModelSpec, source: string): KerasWeights {
  const expected = 2 * spec.layers.length;
  if (!Array.isArray(doc)) {
    throw new InputError(`${source}: weights must be a JSON array [W0, b0, W1, b1, ...] (Keras get_weights() order)`);
  }
  if (doc.length !== expected) {
    throw new InputError(
      `${source}: ${doc.length} arrays but the model has ${spec.layers.length} layer(s) and needs ${expected} ([W0, b0, ...]); match --layers to the weights`,
    );
  }
  let inputs = spec.inputSize;
  spec.layers.forEach(({ units }, l) => {
    const kernel = doc[2 * l] as unknown;
    const bias = doc[2 * l + 1] as unknown;
    const kernelOk =
      Array.isArray(kernel) && kernel.length === inputs && kernel.every((row) => Array.isArray(row) && row.length === units);
    if (!kernelOk) {
      throw new InputError(
        `${source}: layer ${l + 1} kernel (W${l}) has shape ${shapeOf(kernel)} but the model needs [${inputs}, ${units}] (inputs × units); check --layers and the data's feature count`,
      );
    }
    if (!(Array.isArray(bias) && bias.length === units && bias.every((v) => !Array.isArray(v)))) {
      throw new InputError(`${source}: layer ${l + 1} bias (b${l}) has shape ${shapeOf(bias)} but the model needs [${units}]`);
    }
    const check = (v: unknown, where: string): void => {
      if (typeof v !== 'number' || !Number.isFinite(v) || !Number.isFinite(Math.fround(v))) {
        throw new InputError(`${source}: ${where} is ${JSON.stringify(v) ?? String(v)}, not a finite float32 number`);
      }
    };
    (kernel as unknown[][]).forEach((row, i) => row.forEach((v, j) => check(v, `W${l}[${i}][${j}]`)));
    (bias as unknown[]).forEach((v, j) => check(v, `b${l}[${j}]`));
    inputs = units;
  });
  return doc as KerasWeights;
}
