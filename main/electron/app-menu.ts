// Puts the application menu in place (menu.ts) and keeps it in the receptionist's language:
// it is built again whenever the settings change the language. Its commands reach the window
// through main's event bus, like every other event.
import type { EventBus } from '../events/bus.ts';
import { toDisposable, type IDisposable } from '../lifecycle/disposable.ts';
import type { Logger } from '../log/logger.ts';
import type { ElectronLike } from './electron-like.ts';
import { buildMenuTemplate } from './menu.ts';
import { MENU_WORDS } from './menu-words.ts';
import { quitLanguage } from './quit-words.ts';

export interface AppMenuOptions {
  bus: Pick<EventBus, 'emit' | 'subscribe'>;
  /** The language setting ('system', 'sv', 'en', 'nb'); null when not known. */
  language(): string | null;
  platform: NodeJS.Platform;
  log: Logger;
}

export function installAppMenu(electron: Pick<ElectronLike, 'app' | 'Menu' | 'shell'>, options: AppMenuOptions): IDisposable {
  const { app, Menu, shell } = electron;
  const { bus, log } = options;
  let builtFor: string | null = null;
  const build = (): void => {
    const language = quitLanguage(options.language(), app.getLocale());
    if (language === builtFor) return;
    builtFor = language;
    const template = buildMenuTemplate({
      platform: options.platform,
      packaged: app.isPackaged,
      words: MENU_WORDS[language],
      send: (command) => bus.emit('menu.command', { command }),
      openLogFolder: () => {
        void shell.openPath(app.getPath('logs')).then((problem) => {
          if (problem !== '') log.warn({ problem }, 'the log folder could not be opened');
        });
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  build();
  const stop = bus.subscribe((event) => {
    if (event === 'settings.changed') build();
  });
  return toDisposable(stop);
}
