// In the web host, closing or leaving the tab while changes wait to be sent asks first (the
// browser's own "Leave site?" prompt). The changes are safe in main either way; the question
// keeps a receptionist from walking away believing they went. Not in Electron: there a
// beforeunload answer silently keeps the window open, and main asks instead
// (main/electron/quit-guard.ts).
import { useConnectivity } from '../common/connectivity.ts';

let allowed = false;

/** The next unload is meant (the page reloads itself): no question. */
export function allowUnload(): void {
  allowed = true;
}

/** Installs the question for the web host; returns how to remove it. */
export function guardUnsentChanges(): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (allowed) return;
    if ((useConnectivity.getState().status?.pendingCount ?? 0) === 0) return;
    event.preventDefault();
    // Older engines need a value set; browsers show their own words, not this one.
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}
