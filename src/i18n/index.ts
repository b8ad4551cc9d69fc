/**
 * Messages in the user's language. A Translator is resolved once at the CLI edge and passed to
 * whatever renders text; nothing reads a global language setting.
 */
import { en, type Catalogue, type MessageKey } from './en.js';
import { ko } from './ko.js';
import type { Language } from './languages.js';

export { LANGUAGES, languageFromEnv, type Language } from './languages.js';

export const CATALOGUES: { readonly [L in Language]: Catalogue } = { en, ko };

export type Translator = <K extends MessageKey>(key: K, ...params: Parameters<Catalogue[K]>) => string;

export function translator(language: Language): Translator {
  const catalogue = CATALOGUES[language];
  return ((key: MessageKey, ...params: unknown[]) => (catalogue[key] as (...a: unknown[]) => string)(...params)) as Translator;
}

export type { Catalogue, MessageKey } from './en.js';
