// When the window's renderer dies (crash, out of memory, killed) or hangs, the window is
// reloaded and the receptionist told afterwards. Nothing of the day is lost: the day, the
// outbox and the store are main's; the page only shows them. The reloaded page learns why
// from its address (`?recovered=gone|hung`, read by renderer/app/recovery-notice.ts): no
// event can race its start, and an address cannot be forged from outside the app.
//
// A hang is given a grace period first ('unresponsive' comes after a few seconds of a busy
// page, which a long print job may cause); if the page does not answer again by then, its
// renderer is ended, which comes back here as 'render-process-gone'. Reloads are bounded: a
// page that dies again and again is left as it is (logged) instead of looping.
import type { Logger } from '../log/logger.ts';
import type { IDisposable } from '../lifecycle/disposable.ts';
import type { BrowserWindowLike, RenderProcessGoneLike } from './electron-like.ts';

export type RecoveryReason = 'gone' | 'hung';
/** How long a hung page gets to answer again before it is reloaded. */
export const HANG_GRACE_MS = 15_000;
/** At most this many reloads within RELOAD_WINDOW_MS; more means the page cannot run. */
export const MAX_RELOADS = 3;
export const RELOAD_WINDOW_MS = 60_000;

export interface RecoveryOptions {
  /** The app's address (app://frontdesk/index.html). */
  appUrl: string;
  log: Logger;
  hangGraceMs?: number;
  now?: () => number;
}

/** The address the reloaded page opens at, saying why. */
export function recoveredUrl(appUrl: string, reason: RecoveryReason): string {
  const url = new URL(appUrl);
  url.searchParams.set('recovered', reason);
  return url.toString();
}

export function watchRenderer(window: BrowserWindowLike, options: RecoveryOptions): IDisposable {
  const { log } = options;
  const now = options.now ?? Date.now;
  const graceMs = options.hangGraceMs ?? HANG_GRACE_MS;
  const reloads: number[] = [];
  let hangTimer: NodeJS.Timeout | null = null;
  let hung = false;
  let disposed = false;

  const clearHang = (): void => {
    if (hangTimer !== null) clearTimeout(hangTimer);
    hangTimer = null;
  };

  const reload = (reason: RecoveryReason): void => {
    const at = now();
    while (reloads.length > 0 && at - reloads[0]! > RELOAD_WINDOW_MS) reloads.shift();
    if (reloads.length >= MAX_RELOADS) {
      log.error({ reason, reloads: reloads.length, withinMs: RELOAD_WINDOW_MS }, 'the window keeps failing; not reloading it again');
      return;
    }
    reloads.push(at);
    window.loadURL(recoveredUrl(options.appUrl, reason)).catch((error: unknown) => log.error({ err: error, reason }, 'the window could not be reloaded'));
  };

  window.webContents.on('render-process-gone', (_event: unknown, details: RenderProcessGoneLike) => {
    clearHang();
    const reason: RecoveryReason = hung ? 'hung' : 'gone';
    hung = false;
    // A clean exit is the window closing, not a failure.
    if (disposed || details.reason === 'clean-exit' || window.isDestroyed()) return;
    log.error({ reason: details.reason, exitCode: details.exitCode, after: reason }, 'the window’s renderer is gone; reloading it');
    reload(reason);
  });
  window.webContents.on('unresponsive', () => {
    if (disposed || hangTimer !== null) return;
    log.warn({ graceMs }, 'the window is not responding; waiting before reloading it');
    hangTimer = setTimeout(() => {
      hangTimer = null;
      if (disposed || window.isDestroyed()) return;
      log.error({ graceMs }, 'the window did not respond again; ending its renderer to reload it');
      hung = true;
      window.webContents.forcefullyCrashRenderer();
    }, graceMs);
  });
  window.webContents.on('responsive', () => {
    if (hangTimer !== null) log.info('the window responds again');
    clearHang();
  });
  return {
    dispose() {
      disposed = true;
      clearHang();
    },
  };
}
