// Which language the receptionist reads: the OS (browser) language unless they chose one,
// and the Intl locale that dates and times are formatted in. Pure, for the tests.
export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = 'frontdesk.language';

const isLanguage = (value: unknown): value is Language => value === 'sv' || value === 'en';

/** The stored choice if any, else the first OS language we speak, else English. */
export function pickLanguage(stored: string | null, osLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of osLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
    // Norwegian and Danish readers get Swedish before English.
    if (base === 'nb' || base === 'nn' || base === 'no' || base === 'da') return 'sv';
  }
  return 'en';
}

/** The Intl locale for dates: the OS's own English variant when it has one, else en-GB (24-hour, day first). */
export function intlLocale(language: Language, osLanguages: readonly string[]): string {
  if (language === 'sv') return 'sv-SE';
  const english = osLanguages.find((tag) => tag.toLowerCase().startsWith('en-'));
  return english ?? 'en-GB';
}
