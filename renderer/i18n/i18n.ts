// The i18next instance of the renderer: Swedish, Norwegian (bokmål) and English, following the OS language until
// the receptionist switches, and remembering the switch.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { create } from 'zustand';
import { intlLocale, LANGUAGE_STORAGE_KEY, pickLanguage, type Language } from './locale.ts';
import { en, nb, sv } from './messages.ts';
import { translator, type Translate } from './translate.ts';

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

const osLanguages = (): readonly string[] => (navigator.languages.length > 0 ? navigator.languages : [navigator.language]);

const initial = pickLanguage(storedLanguage(), osLanguages());

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, sv: { translation: sv }, nb: { translation: nb } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
document.documentElement.lang = initial;

interface LocaleState {
  language: Language;
  /** Intl locale for dates and times. */
  locale: string;
  t: Translate;
  setLanguage(language: Language): void;
}

export const useLocale = create<LocaleState>((set) => ({
  language: initial,
  locale: intlLocale(initial, osLanguages()),
  t: translator(i18next.getFixedT(initial)),
  setLanguage(language) {
    void i18next.changeLanguage(language);
    document.documentElement.lang = language;
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // The choice still holds for this session.
    }
    set({ language, locale: intlLocale(language, osLanguages()), t: translator(i18next.getFixedT(language)) });
  },
}));

export { i18next };
