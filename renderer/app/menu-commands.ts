// The desktop app's menu items, carried out in the window (main sends `menu.command`,
// contract/menu.ts): each does what the window's own button or shortcut does. While a dialog
// is open the page behind it is inert, so only the zoom and About act then.
import type { MenuCommand } from '../../preload/contract/index.ts';
import { frontdesk } from '../common/frontdesk.ts';
import { zoomIn, zoomOut, zoomReset } from '../common/look.ts';
import { focusFind } from '../day/FindBox.tsx';
import { useDay } from '../day/state/day-store.ts';
import { useUi } from '../day/state/ui-store.ts';
import { undoFromMenu } from '../day/state/undo-keys.ts';
import { useViewMode } from '../day/state/view-mode.ts';
import { mondayOf, useWeek } from '../week/week-store.ts';
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
    case 'undo':
    case 'redo':
      return undoFromMenu(command);
  }
  if (useUi.getState().dialog !== null || useSettings.getState().open) return;
  // The week shows a composition, not a day: "today" is this week; the first free time (a
  // search that opens days) and the find box belong to the day, so the day view comes first.
  if (useViewMode.getState().mode === 'week') {
    if (command === 'today') {
      void useWeek.getState().openWeek(mondayOf(todayIn(useDay.getState().zone)));
      return;
    }
    if (command === 'first-free' || command === 'find') {
      useViewMode.getState().setMode('day');
      void useDay.getState().openDay(todayIn(useDay.getState().zone));
      if (command === 'find') return;
    }
  }
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
