/**
 * The translator for a language, loading only its catalogue: English is part of every start
 * (error messages render in it), Korean is read from its own chunk when asked for.
 */
import type { Language } from './languages.js';
import { english, translatorOf, type Translator } from './message.js';

export async function loadTranslator(language: Language): Promise<Translator> {
  switch (language) {
    case 'en':
      return english;
    case 'ko':
      return translatorOf('ko', (await import('./ko.js')).ko);
  }
}
