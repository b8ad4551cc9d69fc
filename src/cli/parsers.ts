/**
 * Option parsers: each turns one flag's text into a typed value or throws commander's
 * InvalidArgumentError with a message that says what is wrong and what to give instead.
 */
import { InvalidArgumentError } from 'commander';
import { isActivation, ACTIVATIONS } from '../core/activations.js';
import type { LayerSpec } from '../core/model.js';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Largest batch size, epoch count or unit count we accept (int32, as Keras's shapes). */
export const MAX_COUNT = 2 ** 31 - 1;

/** A whole number ≥ min, e.g. batch sizes and epochs. */
export function integerAtLeast(min: number, what: string): (text: string) => number {
  return (text) => {
    const value = Number(text.trim());
    if (!INTEGER.test(text.trim()) || !Number.isSafeInteger(value)) {
      throw new InvalidArgumentError(`${what} must be a whole number ≥ ${min}, e.g. ${Math.max(min, 3)}.`);
    }
    if (value < min) throw new InvalidArgumentError(`${what} must be ≥ ${min}; got ${value}.`);
    if (value > MAX_COUNT) throw new InvalidArgumentError(`${what} must be at most ${MAX_COUNT} (2^31 − 1).`);
    return value;
  };
}

/** A finite number strictly greater than 0, e.g. a learning rate. */
export function positiveNumber(what: string, example: string): (text: string) => number {
  return (text) => {
    const value = Number(text.trim());
    if (!DECIMAL.test(text.trim()) || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`${what} must be a number > 0, e.g. ${example}.`);
    }
    if (!(value > 0)) throw new InvalidArgumentError(`${what} must be > 0; got ${text.trim()}.`);
    return value;
  };
}

/** A number in [min, max) or (min, max) etc. */
export function numberInRange(what: string, min: number, max: number, options: { minOpen: boolean; maxOpen: boolean; example: string }): (text: string) => number {
  return (text) => {
    const value = Number(text.trim());
    const range = `${options.minOpen ? '(' : '['}${min}, ${max}${options.maxOpen ? ')' : ']'}`;
    if (!DECIMAL.test(text.trim()) || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`${what} must be a number in ${range}, e.g. ${options.example}.`);
    }
    const low = options.minOpen ? value > min : value >= min;
    const high = options.maxOpen ? value < max : value <= max;
    if (!(low && high)) throw new InvalidArgumentError(`${what} must be in ${range}; got ${text.trim()}.`);
    return value;
  };
}

/** Edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** ` (did you mean "adam"?)` when a name is close to a known one, else ''. */
export function suggestion(text: string, names: readonly string[]): string {
  let best = '';
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(text.toLowerCase(), name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? ` Did you mean "${best}"?` : '';
}

/** One of a fixed set of names, with a suggestion for a near miss. */
export function oneOf<T extends string>(what: string, names: readonly T[]): (text: string) => T {
  return (text) => {
    const value = text.trim().toLowerCase();
    if ((names as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`unknown ${what} "${text}".${suggestion(value, names)} Choose one of: ${names.join(', ')}.`);
  };
}

/**
 * `--layers` spec: comma-separated `units[:activation]`, e.g. `8:relu,1`; the last entry is the
 * output layer. Activation defaults to linear, as Keras's Dense.
 */
export function parseLayers(text: string): LayerSpec[] {
  const example = 'e.g. --layers 8:relu,1';
  const parts = text.split(',');
  return parts.map((part, index) => {
    const item = part.trim();
    const where = parts.length > 1 ? `layer ${index + 1} ("${item}")` : `"${item}"`;
    if (item === '') throw new InvalidArgumentError(`layer ${index + 1} is empty: give units[:activation] for every layer, ${example}.`);
    const [unitsText, activationText, extra] = item.split(':');
    if (extra !== undefined) throw new InvalidArgumentError(`${where} has more than one ":"; write units[:activation], ${example}.`);
    if (!/^\d+$/.test(unitsText.trim()) || Number(unitsText) < 1 || Number(unitsText) > 1e6) {
      throw new InvalidArgumentError(`${where}: units must be a whole number from 1 to 1000000, ${example}.`);
    }
    const activation = (activationText ?? 'linear').trim().toLowerCase();
    if (!isActivation(activation)) {
      throw new InvalidArgumentError(
        `${where}: unknown activation "${activationText}".${suggestion(activation, ACTIVATIONS)} Choose one of: ${ACTIVATIONS.join(', ')}.`,
      );
    }
    return { units: Number(unitsText), activation };
  });
}

/** Formats layers back into the `--layers` syntax, e.g. `8:relu,1`. */
export function formatLayers(layers: readonly LayerSpec[]): string {
  return layers.map((l) => (l.activation === 'linear' ? `${l.units}` : `${l.units}:${l.activation}`)).join(',');
}

/** Comma-separated column names. */
export function parseColumns(text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new InvalidArgumentError('column names must be non-empty, e.g. --target y or --target y1,y2.');
  if (new Set(names).size !== names.length) throw new InvalidArgumentError('a column is named twice; name each target column once.');
  return names;
}

/** A seed: a whole number from 0 to 2^32 − 1. */
export function parseSeed(text: string): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value > 0xffffffff) {
    throw new InvalidArgumentError('seed must be a whole number from 0 to 4294967295, e.g. 42.');
  }
  return value;
}
