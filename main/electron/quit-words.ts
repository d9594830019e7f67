// The words of the quit question, a native dialog of main's (the renderer's messages cannot
// reach it), in the receptionist's language: the settings' choice, or the system's when the
// setting is "system". Swedish, English and Norwegian bokmål, as in the window.
import type { MessageBoxOptionsLike } from './electron-like.ts';

export type QuitLanguage = 'sv' | 'en' | 'nb';

const WORDS: Record<QuitLanguage, { title: string; one: string; other: string; detail: string; quit: string; cancel: string }> = {
  en: {
    title: 'Quit Frontdesk',
    one: '1 change is not sent yet. Quit anyway?',
    other: '{count} changes are not sent yet. Quit anyway?',
    detail: 'They are kept on this computer and will be sent next time Frontdesk starts.',
    quit: 'Quit anyway',
    cancel: 'Cancel',
  },
  sv: {
    title: 'Avsluta Frontdesk',
    one: '1 ändring är inte skickad än. Avsluta ändå?',
    other: '{count} ändringar är inte skickade än. Avsluta ändå?',
    detail: 'De sparas på den här datorn och skickas nästa gång Frontdesk startar.',
    quit: 'Avsluta ändå',
    cancel: 'Avbryt',
  },
  nb: {
    title: 'Avslutt Frontdesk',
    one: '1 endring er ikke sendt ennå. Avslutte likevel?',
    other: '{count} endringer er ikke sendt ennå. Avslutte likevel?',
    detail: 'De lagres på denne datamaskinen og sendes neste gang Frontdesk starter.',
    quit: 'Avslutt likevel',
    cancel: 'Avbryt',
  },
};

/** The language to ask in: the setting, or for "system" (or none) the OS locale's, English when it is none of ours. */
export function quitLanguage(setting: string | null, systemLocale: string): QuitLanguage {
  if (setting === 'sv' || setting === 'en' || setting === 'nb') return setting;
  const base = systemLocale.toLowerCase().split(/[-_]/)[0] ?? '';
  if (base === 'sv') return 'sv';
  if (base === 'nb' || base === 'no' || base === 'nn') return 'nb';
  return 'en';
}

/** The question's message box: Quit anyway (0) or Cancel (1, also Escape and the default). */
export function quitQuestion(count: number, language: QuitLanguage): MessageBoxOptionsLike {
  const words = WORDS[language];
  return {
    type: 'warning',
    title: words.title,
    message: count === 1 ? words.one : words.other.replace('{count}', String(count)),
    detail: words.detail,
    buttons: [words.quit, words.cancel],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

export const QUIT_ANYWAY = 0;
