// Events main pushes to the renderer, with their payload types.
import { phantom, type Phantom } from './declare.ts';
import type { EventName } from './names.ts';
import type { DaySnapshot, ChangeView, ConnectivityStatus } from './schedule.ts';
import type { MenuCommandEvent } from './menu.ts';
import type { SalvageView } from './salvage.ts';
import type { ModeView, SettingsView } from './settings.ts';
import type { UpdateStatus } from './updates.ts';

export const events = {
  /** A log line meant for the user (not the debug log). */
  notice: phantom<{ level: 'info' | 'warning' | 'error'; message: string }>(),
  /** The updater moved on: checking, available, progress, ready (or held), failed. */
  'update.status': phantom<UpdateStatus>(),
  /** The whole snapshot of an open day, whenever it changed (refresh, change, its fate). */
  'day.snapshot': phantom<DaySnapshot>(),
  /** A change moved on: pending → sent → applied | refused | conflict. */
  'change.status': phantom<ChangeView>(),
  /** Reachability of Leyr, from real call outcomes, and the outbox size. */
  connectivity: phantom<ConnectivityStatus>(),
  /** Settings, keychain status or mode changed. */
  'settings.changed': phantom<SettingsView>(),
  /** The app now works for another clinic (demo ↔ account): the renderer opens the day afresh. */
  'mode.changed': phantom<ModeView>(),
  /** Held changes were sent or discarded (or the incident is known): the review list anew. */
  'salvage.changed': phantom<SalvageView>(),
  /**
   * The window's own link to main, said by the web host's browser bridge itself (never sent
   * by main; Electron's IPC does not drop): `connected`, `reconnecting` after the socket
   * closed, or `reload` when the host no longer takes this page's token (it was restarted).
   */
  bridge: phantom<BridgeStatus>(),
  // — menus —
  /**
   * The desktop app's menu asks the window to do something (menu.ts): main's menu items send
   * this instead of acting on the page themselves, e.g. the zoom items zoom the time axis, not
   * the page (Electron's zoom roles would, and their accelerators never reach the page).
   */
  'menu.command': phantom<MenuCommandEvent>(),
} as const;

export interface BridgeStatus {
  state: 'connected' | 'reconnecting' | 'reload';
}

export type Events = typeof events;
export type EventPayload<K extends EventName> = Events[K] extends Phantom<infer P> ? P : never;

// The preload's list of names (names.ts) must be exactly these events.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<keyof Events, EventName> = true;
void namesMatch;
