// The desktop app's menu items, carried out in the window (main sends `menu.command`,
// contract/menu.ts): each does what the window's own button or shortcut does. While a dialog
// is open the page behind it is inert, so only the zoom and About act then.
import type { MenuCommand } from '../../preload/contract/index.ts';
import { frontdesk } from '../common/frontdesk.ts';
import { zoomIn, zoomOut, zoomReset } from '../common/look.ts';
import { focusFind } from '../day/FindBox.tsx';
import { useDay } from '../day/state/day-store.ts';
import { useUi } from '../day/state/ui-store.ts';
import { todayIn } from '../i18n/format.ts';
import { useSettings } from '../settings/settings-store.ts';

export function runMenuCommand(command: MenuCommand): void {
  switch (command) {
    case 'zoom-in':
      return zoomIn();
    case 'zoom-out':
      return zoomOut();
    case 'zoom-reset':
      return zoomReset();
    case 'about':
      if (useUi.getState().dialog?.kind !== 'about') useUi.getState().openDialog({ kind: 'about' });
      return;
  }
  if (useUi.getState().dialog !== null || useSettings.getState().open) return;
  switch (command) {
    case 'settings':
      return useSettings.getState().openDialog();
    case 'print':
      return useUi.getState().openDialog({ kind: 'print' });
    case 'find':
      focusFind();
      return;
    case 'first-free':
      return useUi.getState().openDialog({ kind: 'free-time' });
    case 'today': {
      const { zone, openDay } = useDay.getState();
      void openDay(todayIn(zone));
      return;
    }
  }
}

let started = false;

/** Listens to the menu from now on (once per page). */
export function startMenuCommands(): void {
  if (started) return;
  started = true;
  frontdesk().on('menu.command', ({ command }) => runMenuCommand(command));
}
