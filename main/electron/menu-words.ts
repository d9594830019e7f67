// The words of the application menu, in the receptionist's language (the same choice as the
// quit question: the setting, else the system's). Main builds the menu, so the window's
// messages cannot reach it; the menu is built again when the language setting changes.
import type { QuitLanguage } from './quit-words.ts';

export interface MenuWords {
  about: string;
  settings: string;
  file: string;
  print: string;
  quit: string;
  edit: string;
  undo: string;
  redo: string;
  find: string;
  firstFree: string;
  view: string;
  today: string;
  zoomIn: string;
  zoomOut: string;
  zoomReset: string;
  window: string;
  help: string;
  openLogFolder: string;
}

export const MENU_WORDS: Record<QuitLanguage, MenuWords> = {
  en: {
    about: 'About Frontdesk',
    settings: 'Settings…',
    file: 'File',
    print: 'Print…',
    quit: 'Quit Frontdesk',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    find: 'Find patient…',
    firstFree: 'First free time…',
    view: 'View',
    today: 'Today',
    zoomIn: 'Zoom in on the day',
    zoomOut: 'Zoom out of the day',
    zoomReset: 'Actual size',
    window: 'Window',
    help: 'Help',
    openLogFolder: 'Open log folder',
  },
  sv: {
    about: 'Om Frontdesk',
    settings: 'Inställningar…',
    file: 'Arkiv',
    print: 'Skriv ut…',
    quit: 'Avsluta Frontdesk',
    edit: 'Redigera',
    undo: 'Ångra',
    redo: 'Gör om',
    find: 'Sök patient…',
    firstFree: 'Första lediga tid…',
    view: 'Visa',
    today: 'I dag',
    zoomIn: 'Zooma in dagen',
    zoomOut: 'Zooma ut dagen',
    zoomReset: 'Normal storlek',
    window: 'Fönster',
    help: 'Hjälp',
    openLogFolder: 'Öppna loggmappen',
  },
  nb: {
    about: 'Om Frontdesk',
    settings: 'Innstillinger…',
    file: 'Fil',
    print: 'Skriv ut…',
    quit: 'Avslutt Frontdesk',
    edit: 'Rediger',
    undo: 'Angre',
    redo: 'Gjør om',
    find: 'Søk pasient…',
    firstFree: 'Første ledige tid…',
    view: 'Vis',
    today: 'I dag',
    zoomIn: 'Zoom inn på dagen',
    zoomOut: 'Zoom ut av dagen',
    zoomReset: 'Normal størrelse',
    window: 'Vindu',
    help: 'Hjelp',
    openLogFolder: 'Åpne loggmappen',
  },
};
