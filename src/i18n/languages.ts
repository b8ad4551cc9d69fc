/** The languages batchsim speaks, and the one the command line or the environment asks for. No catalogue is loaded here. */
export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

function asLanguage(text: string): Language | null {
  const value = text.trim().toLowerCase();
  return (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : null;
}

/**
 * The language from the environment, as gettext looks it up: LC_ALL, then LC_MESSAGES, then LANG
 * (`ko_KR.UTF-8` → ko). Anything else is English.
 */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): Language {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko(?:[_.@-]|$)/i.test(value) ? 'ko' : 'en';
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
