/**
 * Option parsers: each turns one flag's text into a typed value or throws an ArgumentError (a
 * commander InvalidArgumentError) with a message that says what is wrong and what to give
 * instead. The message is a catalogue key; `inLanguage` makes commander show it in the user's.
 */
import { InvalidArgumentError } from 'commander';
import type { MessageKey } from '../i18n/en.js';
import { english, msg, type Translator } from '../i18n/message.js';
import { ArgumentError, closest, MAX_COUNT } from '../app/argument-error.js';

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

/**
 * A learning rate: a number > 0 that float32 holds as neither infinity nor zero. Keras takes any
 * positive Python float but keeps the rate in a float32 variable, where 1e100 becomes infinite
 * (and 1e-50 becomes 0): its first update then makes every weight NaN (or none moves). Such a
 * rate is refused here, where it is given; a large rate that fits is taken, as Keras takes it.
 */
export function learningRate(example: string): (text: string) => number {
  const positive = positiveNumber('what.learningRate', example);
  return (text) => {
    const value = positive(text);
    const float32 = Math.fround(value);
    if (float32 === Infinity || float32 === 0) {
      throw new ArgumentError(msg('parse.rateNotFloat32', { value: text.trim(), infinite: float32 === Infinity, example }));
    }
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

/**
 * A file or folder name, as given: only the empty name is refused here (it would name the working
 * folder once resolved, and be reported as "a folder").
 */
export function pathName(kind: 'file' | 'folder'): (text: string) => string {
  return (text) => {
    if (text === '') throw new ArgumentError(msg('files.emptyPath', { folder: kind === 'folder' }));
    return text;
  };
}
