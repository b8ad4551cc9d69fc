/**
 * Messages in the user's language. The CLI loads one catalogue with `loadTranslator` (load.ts);
 * `translator` here has every catalogue at hand, for tests and library users.
 */
import { en, type Catalogue } from './en.js';
import { ko } from './ko.js';
import type { Language } from './languages.js';
import { translatorOf, type Translator } from './message.js';

export { LANGUAGES, languageFromArgv, languageFromEnv, type Language } from './languages.js';
export { english, Message, msg, render, translatorOf, type MessageArgs, type Translator } from './message.js';
export type { Catalogue, MessageKey } from './en.js';

export const CATALOGUES: { readonly [L in Language]: Catalogue } = { en, ko };

export function translator(language: Language): Translator {
  return translatorOf(language, CATALOGUES[language]);
}
