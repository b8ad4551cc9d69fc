/** The languages batchsim speaks, and the one the command line or the environment asks for. No catalogue is loaded here. */
export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The language a tag names by its primary subtag, as a BCP 47 tag (`ko-KR`) or a POSIX locale
 * (`ko_KR.UTF-8`, `ko_KR@euro`) writes it; null for a tag of another language or no tag.
 */
export function asLanguage(text: string): Language | null {
  const primary = /^([a-z]+)(?:[-_.@]|$)/i.exec(text.trim());
  const value = primary === null ? '' : primary[1].toLowerCase();
  return (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : null;
}

/**
 * The language from the environment, as gettext looks it up: LC_ALL, then LC_MESSAGES, then LANG
 * (`ko_KR.UTF-8` → ko). Anything else is English.
 */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): Language {
  return asLanguage(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ?? 'en';
}

/**
 * The language `--lang ko` or `--lang=ko` names anywhere on the command line (the last one wins,
 * as commander's does), or null. It is read before the commands are built, because their help
 * text is in that language; a value that is no language is left to the option's parser to refuse.
 */
export function languageFromArgv(argv: readonly string[]): Language | null {
  let found: Language | null = null;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--') break;
    if (word === '--lang' && i + 1 < argv.length) found = asLanguage(argv[++i]) ?? found;
    else if (word.startsWith('--lang=')) found = asLanguage(word.slice('--lang='.length)) ?? found;
  }
  return found;
}
