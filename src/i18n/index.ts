/**
 * Messages in the user's language. A Translator is resolved once at the CLI edge and passed to
 * whatever renders text; nothing reads a global language setting.
 */
import { en, type Catalogue, type MessageKey } from './en.js';
import { ko } from './ko.js';

export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: { readonly [L in Language]: Catalogue } = { en, ko };

export type Translator = <K extends MessageKey>(key: K, ...params: Parameters<Catalogue[K]>) => string;

export function translator(language: Language): Translator {
  const catalogue = CATALOGUES[language];
  return ((key: MessageKey, ...params: unknown[]) => (catalogue[key] as (...a: unknown[]) => string)(...params)) as Translator;
}

/**
 * The language from the environment, as gettext looks it up: LC_ALL, then LC_MESSAGES, then LANG
 * (`ko_KR.UTF-8` → ko). Anything else is English.
 */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): Language {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko(?:[_.@-]|$)/i.test(value) ? 'ko' : 'en';
}

export type { Catalogue, MessageKey } from './en.js';
