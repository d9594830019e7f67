// Which language the receptionist reads: the OS (browser) language unless they chose one,
// and the Intl locale that dates and times are formatted in. Pure, for the tests.
export const LANGUAGES = ['sv', 'nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, for the switches. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { sv: 'Svenska', nb: 'Norsk', en: 'English' };

export const LANGUAGE_STORAGE_KEY = 'frontdesk.language';

const isLanguage = (value: unknown): value is Language => value === 'sv' || value === 'en' || value === 'nb';

/** The stored choice if any, else the first OS language we speak, else English. */
export function pickLanguage(stored: string | null, osLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of osLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
    // Norwegian in any of its tags (bokmål, nynorsk, plain Norwegian) reads bokmål.
    if (base === 'no' || base === 'nn') return 'nb';
    // Danish readers get Swedish before English.
    if (base === 'da') return 'sv';
  }
  return 'en';
}

/** The Intl locale for dates: the OS's own English variant when it has one, else en-GB (24-hour, day first). */
export function intlLocale(language: Language, osLanguages: readonly string[]): string {
  if (language === 'sv') return 'sv-SE';
  if (language === 'nb') return 'nb-NO';
  const english = osLanguages.find((tag) => tag.toLowerCase().startsWith('en-'));
  return english ?? 'en-GB';
}
