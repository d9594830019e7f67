// Closing the window or quitting while changes wait in the outbox asks first, and a quit
// waits for main's services to close (the outbox worker ends after the send in flight, the
// store is closed) before the app really goes, with a cap so that a hung part cannot keep a
// receptionist from quitting. Unsent changes are safe either way: they stay in the store and
// are sent at the next start; the question only makes sure nobody leaves believing they went.
//
// Electron's order: app.quit() → 'before-quit' → each window's 'close' → 'will-quit' →
// 'quit'. Closing the last window quits too ('window-all-closed'), so both doors are guarded:
// the window's 'close' asks (the window must still be there to be kept), 'before-quit' asks
// when the quit came from elsewhere (the menu, Cmd+Q, the OS), then holds the quit
// (preventDefault) while the services close, and quits again once they have.
import type { Logger } from '../log/logger.ts';
import type { PreventableEvent } from './electron-like.ts';

/** The longest a quit waits for the services to close. */
export const QUIT_CLOSE_CAP_MS = 10_000;

export interface QuitGuardOptions {
  app: { quit(): void };
  /** Changes in the outbox not yet accepted by Leyr (0 when unknown or not started). */
  unsentChanges(): number;
  /** Asks whether to quit with `count` changes unsent: true to quit anyway. */
  confirmQuit(count: number): Promise<boolean>;
  /** Runs once the quit is decided, before the services close (the updater's quit hook). */
  onQuitDecided(): void;
  /** Closes main's services (null while they have not started). */
  closeServices(): Promise<void>;
  log: Logger;
  capMs?: number;
}

export interface QuitGuard {
  /** The window's 'close' listener. */
  onWindowClose(event: PreventableEvent): void;
  /** The app's 'before-quit' listener. */
  onBeforeQuit(event: PreventableEvent): void;
  /** Resolves once the services are closed (or the cap passed) and the final quit was asked. */
  readonly finished: Promise<void>;
}

type Phase = 'running' | 'asking' | 'closing' | 'done';

export function createQuitGuard(options: QuitGuardOptions): QuitGuard {
  const { log } = options;
  const capMs = options.capMs ?? QUIT_CLOSE_CAP_MS;
  let phase: Phase = 'running';
  // Once the receptionist said "quit anyway" (or nothing was unsent), nobody is asked again.
  let decided = false;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  /** Asks when changes are unsent; true when the quit may go on. */
  async function decide(): Promise<boolean> {
    if (decided) return true;
    const count = options.unsentChanges();
    if (count === 0) return (decided = true);
    phase = 'asking';
    let yes = false;
    try {
      yes = await options.confirmQuit(count);
    } catch (error) {
      // A question that cannot be shown must not trap the app: the changes stay in the store.
      log.error({ err: error }, 'the quit question could not be shown; quitting');
      yes = true;
    }
    phase = 'running';
    log.info({ unsent: count, quit: yes }, yes ? 'quitting with unsent changes (sent at the next start)' : 'quit cancelled: changes unsent');
    return (decided = yes);
  }

  async function closeThenQuit(): Promise<void> {
    phase = 'closing';
    try {
      options.onQuitDecided();
    } catch (error) {
      log.error({ err: error }, 'the quit hook failed');
    }
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<'cap'>((resolve) => {
      timer = setTimeout(() => resolve('cap'), capMs);
    });
    try {
      const outcome = await Promise.race([options.closeServices().then(() => 'closed' as const), cap]);
      if (outcome === 'cap') log.warn({ capMs }, 'services did not close in time; quitting anyway (unsent changes stay in the store)');
      else log.info({ ms: Date.now() - started }, 'services closed; quitting');
    } catch (error) {
      log.error({ err: error }, 'services did not close cleanly');
    } finally {
      clearTimeout(timer);
    }
    phase = 'done';
    finish();
    options.app.quit();
  }

  return {
    finished,
    onWindowClose(event) {
      if (phase === 'done' || phase === 'closing' || decided) return;
      if (phase === 'asking') {
        event.preventDefault();
        return;
      }
      if (options.unsentChanges() === 0) return;
      // Kept open while the question is out; closed by the quit if the answer is yes.
      event.preventDefault();
      void decide().then((yes) => {
        if (yes) options.app.quit();
      });
    },
    onBeforeQuit(event) {
      if (phase === 'done') return;
      event.preventDefault();
      if (phase !== 'running') return;
      void decide().then((yes) => (yes ? closeThenQuit() : undefined));
    },
  };
}
