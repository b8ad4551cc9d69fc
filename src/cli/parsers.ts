/**
 * Option parsers: each turns one flag's text into a typed value or throws an ArgumentError (a
 * commander InvalidArgumentError) with a message that says what is wrong and what to give
 * instead. The message is a catalogue key; `inLanguage` makes commander show it in the user's.
 */
import { InvalidArgumentError } from 'commander';
import { isActivation, ACTIVATIONS } from '../core/activations.js';
import type { LayerSpec } from '../core/model.js';
import type { MessageKey } from '../i18n/en.js';
import { english, msg, type Message, type Translator } from '../i18n/message.js';

/** A bad option value. `message` is English; `text` renders in any language. */
export class ArgumentError extends InvalidArgumentError {
  constructor(readonly text: Message) {
    super(english.render(text));
  }
}

/** The parser for commander's `argParser`: `parse`, with its ArgumentError in the translator's language. */
export function inLanguage<T>(t: Translator, parse: (text: string) => T): (text: string) => T {
  if (t === english) return parse;
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof ArgumentError) throw new InvalidArgumentError(t.render(error.text));
      throw error;
    }
  };
}

/** What an option's value is, for messages: `what.batchSize` → "batch size". */
export type What = Extract<MessageKey, `what.${string}`>;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Largest batch size, epoch count or unit count we accept (int32, as Keras's shapes). */
export const MAX_COUNT = 2 ** 31 - 1;

/** A whole number ≥ min, e.g. batch sizes and epochs. */
export function integerAtLeast(min: number, what: What): (text: string) => number {
  return (text) => {
    const value = Number(text.trim());
    if (!INTEGER.test(text.trim()) || !Number.isSafeInteger(value)) {
      throw new ArgumentError(msg('parse.wholeNumber', { what: msg(what), min, example: Math.max(min, 3) }));
    }
    if (value < min) throw new ArgumentError(msg('parse.atLeast', { what: msg(what), min, value }));
    if (value > MAX_COUNT) throw new ArgumentError(msg('parse.atMost', { what: msg(what), max: MAX_COUNT }));
    return value;
  };
}

/** A finite number strictly greater than 0, e.g. a learning rate. */
export function positiveNumber(what: What, example: string): (text: string) => number {
  return (text) => {
    const value = Number(text.trim());
    if (!DECIMAL.test(text.trim()) || !Number.isFinite(value)) {
      throw new ArgumentError(msg('parse.positiveNumber', { what: msg(what), example }));
    }
    if (!(value > 0)) throw new ArgumentError(msg('parse.notPositive', { what: msg(what), value: text.trim() }));
    return value;
  };
}

/** A number in [min, max) or (min, max) etc. */
export function numberInRange(what: What, min: number, max: number, options: { minOpen: boolean; maxOpen: boolean; example: string }): (text: string) => number {
  return (text) => {
    const value = Number(text.trim());
    const range = `${options.minOpen ? '(' : '['}${min}, ${max}${options.maxOpen ? ')' : ']'}`;
    if (!DECIMAL.test(text.trim()) || !Number.isFinite(value)) {
      throw new ArgumentError(msg('parse.numberInRange', { what: msg(what), range, example: options.example }));
    }
    const low = options.minOpen ? value > min : value >= min;
    const high = options.maxOpen ? value < max : value <= max;
    if (!(low && high)) throw new ArgumentError(msg('parse.outOfRange', { what: msg(what), range, value: text.trim() }));
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

/** The known name close enough to `text` to suggest ("did you mean …?"), or null. */
export function closest(text: string, names: readonly string[]): string | null {
  let best = '';
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(text.toLowerCase(), name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

/** One of a fixed set of names, with a suggestion for a near miss. */
export function oneOf<T extends string>(what: What, names: readonly T[]): (text: string) => T {
  return (text) => {
    const value = text.trim().toLowerCase();
    if ((names as readonly string[]).includes(value)) return value as T;
    throw new ArgumentError(msg('parse.unknownName', { what: msg(what), text, suggestion: closest(value, names), names: names.join(', ') }));
  };
}

/** A comma-separated list of `parse(item)`, e.g. `6,3,1`. */
export function listOf<T>(parse: (text: string) => T, what: What, example: string): (text: string) => T[] {
  return (text) => {
    const items = text.split(',').map((s) => s.trim());
    if (items.some((s) => s === '')) throw new ArgumentError(msg('parse.list', { what: msg(what), example }));
    return items.map(parse);
  };
}

/**
 * `--layers` spec: comma-separated `units[:activation]`, e.g. `8:relu,1`; the last entry is the
 * output layer. Activation defaults to linear, as Keras's Dense. `example` is how messages show
 * a good spec.
 */
export function parseLayers(text: string, example = '--layers 8:relu,1'): LayerSpec[] {
  const parts = text.split(',');
  return parts.map((part, index) => {
    const item = part.trim();
    const layer = msg('parse.layer', { index: index + 1, item, several: parts.length > 1 });
    if (item === '') throw new ArgumentError(msg('parse.layerEmpty', { index: index + 1, example }));
    const [unitsText, activationText, extra] = item.split(':');
    if (extra !== undefined) throw new ArgumentError(msg('parse.layerColons', { layer, example }));
    if (!/^\d+$/.test(unitsText.trim()) || Number(unitsText) < 1 || Number(unitsText) > 1e6) {
      throw new ArgumentError(msg('parse.layerUnits', { layer, example }));
    }
    const activation = (activationText ?? 'linear').trim().toLowerCase();
    if (!isActivation(activation)) {
      throw new ArgumentError(
        msg('parse.layerActivation', { layer, activation: activationText, suggestion: closest(activation, ACTIVATIONS), names: ACTIVATIONS.join(', ') }),
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
  if (names.some((n) => n === '')) throw new ArgumentError(msg('parse.emptyColumn'));
  if (new Set(names).size !== names.length) throw new ArgumentError(msg('parse.columnTwice'));
  return names;
}

/** A seed: a whole number from 0 to 2^32 − 1. */
export function parseSeed(text: string): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value > 0xffffffff) {
    throw new ArgumentError(msg('parse.seed'));
  }
  return value;
}
