/** The languages batchsim speaks, and the one the environment asks for. No catalogue is loaded here. */
export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The language from the environment, as gettext looks it up: LC_ALL, then LC_MESSAGES, then LANG
 * (`ko_KR.UTF-8` → ko). Anything else is English.
 */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): Language {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko(?:[_.@-]|$)/i.test(value) ? 'ko' : 'en';
}
