// What the desktop app's menu asks of the window. Electron's menu lives in main, but almost
// every item acts on what the window shows (open the find box, zoom the time axis, undo), so
// main sends the command and the window carries it out exactly as its own shortcut would.

export const MENU_COMMANDS = ['about', 'settings', 'print', 'undo', 'redo', 'find', 'first-free', 'today', 'zoom-in', 'zoom-out', 'zoom-reset'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface MenuCommandEvent {
  command: MenuCommand;
}
