/**
 * Messages as data: a key of the catalogue and its parameters, turned into text only where the
 * text is shown. Errors thrown deep in io/ and training carry a Message, so the CLI prints them in
 * the user's language while `error.message` stays English for library users and logs.
 */
import { en, type Catalogue, type MessageKey } from './en.js';
import type { Language } from './languages.js';

/** Where a catalogue function takes plain text, a Message may stand in: it is rendered first, in the same language. */
type Param<T> = [T] extends [string]
  ? string extends T
    ? string | Message
    : T
  : [T] extends [readonly string[]]
    ? ReadonlyArray<string | Message>
    : [T] extends [string | null]
      ? string extends Exclude<T, null>
        ? string | Message | null
        : T
      : T;

type Params<P> = { readonly [N in keyof P]: Param<P[N]> };

/** A message's arguments: none, or its parameters object. */
export type MessageArgs<K extends MessageKey> = Parameters<Catalogue[K]> extends [] ? [] : [Params<Parameters<Catalogue[K]>[0]>];

export class Message {
  private constructor(
    readonly key: MessageKey,
    readonly params: Readonly<Record<string, unknown>> | undefined,
  ) {}

  static of<K extends MessageKey>(key: K, ...args: MessageArgs<K>): Message {
    return new Message(key, args[0] as Readonly<Record<string, unknown>> | undefined);
  }
}

/** `msg('data.emptyCell', { ... })`: a message to render later, in whatever language the reader has. */
export const msg = Message.of;

/** The parameters with every nested Message rendered; the same object when there is none (the common case, kept cheap). */
function resolved(catalogue: Catalogue, params: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> | undefined {
  let out = params;
  for (const name in params) {
    const value = params[name];
    if (!(value instanceof Message || Array.isArray(value))) continue;
    if (out === params) out = { ...params };
    (out as Record<string, unknown>)[name] =
      value instanceof Message ? render(catalogue, value) : value.map((item: unknown) => (item instanceof Message ? render(catalogue, item) : item));
  }
  return out;
}

function call(catalogue: Catalogue, key: MessageKey, params: Readonly<Record<string, unknown>> | undefined): string {
  return (catalogue[key] as (params?: unknown) => string)(resolved(catalogue, params));
}

/** A message in the catalogue's language; plain text passes through. */
export function render(catalogue: Catalogue, text: Message | string): string {
  return typeof text === 'string' ? text : call(catalogue, text.key, text.params);
}

/**
 * Text in one language: `t('explain.title')`, `t('data.emptyCell', {...})`, or `t.render(message)`.
 * A Translator is resolved once at the CLI edge and passed to whatever renders text; nothing reads
 * a global language setting.
 */
export interface Translator {
  <K extends MessageKey>(key: K, ...args: MessageArgs<K>): string;
  render(text: Message | string): string;
  readonly language: Language;
}

export function translatorOf(language: Language, catalogue: Catalogue): Translator {
  const t = (<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string =>
    call(catalogue, key, args[0] as Readonly<Record<string, unknown>> | undefined)) as Translator;
  return Object.assign(t, { render: (text: Message | string) => render(catalogue, text), language });
}

/** English, the language of `error.message` and of every machine-read file. */
export const english: Translator = translatorOf('en', en);

/** Longest text a message echoes whole; a longer one (a 1 MB flag value, a 100,000-character cell) is cut. */
export const MAX_ECHO = 300;

/**
 * `text` as a message may echo it: whole up to MAX_ECHO characters, else its start and end around
 * an ellipsis, with its length (`cli.cut`), so that an error stays one readable line.
 */
export function cutText(text: string, max = MAX_ECHO): string | Message {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return Message.of('cli.cut', { start: chars.slice(0, 100).join(''), end: chars.slice(-40).join(''), length: chars.length });
}

/** The message with every text parameter (nested messages' too) cut as `cutText` does. */
export function cutEchoes(message: Message, max = MAX_ECHO): Message {
  const params = message.params;
  if (params === undefined) return message;
  const cut = (value: unknown): unknown =>
    typeof value === 'string' ? cutText(value, max) : value instanceof Message ? cutEchoes(value, max) : Array.isArray(value) ? value.map(cut) : value;
  const out: Record<string, unknown> = {};
  for (const name in params) out[name] = cut(params[name]);
  return (Message.of as (key: MessageKey, params: Readonly<Record<string, unknown>>) => Message)(message.key, out);
}
