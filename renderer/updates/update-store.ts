// What the updater says, for the banner and the About dialog: asked once at start, then
// kept current by main's `update.status` events. "Later" hides the banner of what it says now
// (a ready version, a failed download) until the window is reloaded; a ready update is
// installed at the next quit anyway.
import { create } from 'zustand';
import type { UpdateStatus } from '../../preload/contract/index.ts';
import { frontdesk } from '../common/frontdesk.ts';

interface UpdateState {
  status: UpdateStatus | null;
  /** What the receptionist put off (bannerKey of that status). */
  laterFor: string | null;
  /** Main could not be asked to restart (the bridge was down): said in the banner. */
  restartFailed: boolean;
  receive(status: UpdateStatus): void;
  restart(): Promise<void>;
  check(): Promise<void>;
  later(): void;
}

/** What a banner says, as a key: the same key, the same banner (progress aside). */
export function bannerKey(status: UpdateStatus): string {
  return 'version' in status ? `${status.state}:${status.version ?? ''}` : status.state;
}

export const useUpdates = create<UpdateState>((set, get) => ({
  status: null,
  laterFor: null,
  restartFailed: false,
  receive(status) {
    set({ status, restartFailed: false });
  },
  async restart() {
    const result = await frontdesk().restartToUpdate();
    if (result.ok) get().receive(result.value);
    else set({ restartFailed: true });
  },
  async check() {
    const result = await frontdesk().checkForUpdates();
    if (result.ok) get().receive(result.value);
  },
  later() {
    const { status } = get();
    if (status !== null) set({ laterFor: bannerKey(status) });
  },
}));

let started = false;

/** Listens to main's updater from now on, and asks for where it stands. */
export function startUpdateStatus(): void {
  if (started) return;
  started = true;
  const api = frontdesk();
  api.on('update.status', (status) => useUpdates.getState().receive(status));
  // A window that starts has no dialog open, whatever a window before it left said (a tab
  // closed with a dialog open would otherwise hold the restart).
  void api.setUiBusy({ busy: false });
  void api.getUpdateStatus().then((result) => {
    // An event that came meanwhile is newer than this answer.
    if (result.ok && useUpdates.getState().status === null) useUpdates.getState().receive(result.value);
  });
}
