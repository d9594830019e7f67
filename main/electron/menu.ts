// The application menu: its template as a pure function of the platform, whether the app is
// packaged and the words, so a test checks every item without Electron. macOS gets its app
// menu (About, Settings, Services, Hide, Quit) and a Window menu; Windows and Linux put
// Settings and Quit under File and About under Help. Developer tools and reload exist only in
// development builds. Items that act on the day (find, zoom, today…) send a command to the
// window (contract/menu.ts), which does what its own shortcut does; accelerators use
// CmdOrCtrl, and single letters (T, F) stay the window's own keys so typing is never taken.
import type { MenuCommand } from '../../preload/contract/index.ts';
import type { MenuWords } from './menu-words.ts';

export type MenuRole =
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'togglefullscreen'
  | 'minimize'
  | 'windowMenu';

export interface MenuItemLike {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  submenu?: MenuItemLike[];
  click?: () => void;
}

export interface MenuInput {
  platform: NodeJS.Platform;
  packaged: boolean;
  words: MenuWords;
  send(command: MenuCommand): void;
  openLogFolder(): void;
}

const separator: MenuItemLike = { type: 'separator' };

export function buildMenuTemplate({ platform, packaged, words, send, openLogFolder }: MenuInput): MenuItemLike[] {
  const mac = platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemLike => ({ label, click: () => send(name), ...(accelerator !== undefined && { accelerator }) });
  const about = command(words.about, 'about');
  const settings = command(words.settings, 'settings', 'CmdOrCtrl+,');
  const print = command(words.print, 'print', 'CmdOrCtrl+P');

  const appMenu: MenuItemLike = {
    label: 'Frontdesk',
    submenu: [about, separator, settings, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit', label: words.quit }],
  };
  const file: MenuItemLike = {
    label: words.file,
    submenu: mac ? [print, separator, { role: 'close' }] : [print, separator, settings, separator, { role: 'quit', label: words.quit, accelerator: 'Ctrl+Q' }],
  };
  const edit: MenuItemLike = {
    label: words.edit,
    // Undo and Redo are the window's (its steps, or the text of the field being typed in).
    submenu: [
      command(words.undo, 'undo', 'CmdOrCtrl+Z'),
      command(words.redo, 'redo', 'Shift+CmdOrCtrl+Z'),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      separator,
      command(words.find, 'find', 'CmdOrCtrl+F'),
      command(words.firstFree, 'first-free'),
    ],
  };
  const development: MenuItemLike[] = packaged ? [] : [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }];
  const view: MenuItemLike = {
    label: words.view,
    submenu: [
      command(words.today, 'today'),
      separator,
      command(words.zoomIn, 'zoom-in', 'CmdOrCtrl+Plus'),
      command(words.zoomOut, 'zoom-out', 'CmdOrCtrl+-'),
      command(words.zoomReset, 'zoom-reset', 'CmdOrCtrl+0'),
      separator,
      { role: 'togglefullscreen' },
      ...development,
    ],
  };
  const window: MenuItemLike = { label: words.window, role: 'windowMenu' };
  const help: MenuItemLike = {
    label: words.help,
    submenu: [{ label: words.openLogFolder, click: openLogFolder }, ...(mac ? [] : [separator, about])],
  };
  return mac ? [appMenu, file, edit, view, window, help] : [file, edit, view, help];
}
