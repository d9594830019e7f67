// Errors nobody caught in main: logged with context (where it came from, the mode, the
// version, how long the process has run) through the scrubbing logger, so no personal number
// reaches the file. A rejected promise nobody awaited is a bug to fix, not a reason to take
// the receptionist's window away: it is logged and the app goes on. An uncaught exception is
// logged too; the app goes on as well, since every part of main that holds state (the store,
// the outbox) commits in transactions and a half-done call leaves nothing half-written, while
// quitting would close the window mid-day (Electron's default is an error dialog and a
// process in an unknown state, which is no better). A storm of them is a loop gone wrong:
// past STORM_LIMIT within a minute the process ends, logged, as Node would have.
import type { IDisposable } from '../lifecycle/disposable.ts';
import type { Logger } from './logger.ts';

export const STORM_LIMIT = 20;
const STORM_WINDOW_MS = 60_000;

export interface ProcessErrorContext {
  mode: string;
  version: string;
}

/** The slice of `process` this needs, so a test can hand it an EventEmitter. */
export interface ProcessLike {
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  uptime(): number;
  exit(code: number): void;
}

/** A reason that is not an Error (a string, an object) is kept, its type said, as an error-shaped value. */
function asError(reason: unknown): unknown {
  if (reason instanceof Error) return reason;
  return { type: typeof reason, value: typeof reason === 'object' ? reason : String(reason) };
}

export function logProcessErrors(log: Logger, context: ProcessErrorContext, target: ProcessLike = process, now: () => number = Date.now): IDisposable {
  const recent: number[] = [];
  const counted = (): number => {
    const at = now();
    recent.push(at);
    while (recent.length > 0 && at - recent[0]! > STORM_WINDOW_MS) recent.shift();
    return recent.length;
  };
  const describe = (kind: string, origin: string) => ({ kind, origin, mode: context.mode, version: context.version, uptimeS: Math.round(target.uptime()) });

  const onException = (error: Error, origin: string): void => {
    const count = counted();
    log.error({ ...describe('uncaughtException', origin), err: error, inLastMinute: count }, 'unexpected error in main (the app goes on)');
    if (count > STORM_LIMIT) {
      log.fatal({ inLastMinute: count }, 'too many unexpected errors in main; ending the process');
      log.flush?.();
      target.exit(70);
    }
  };
  const onRejection = (reason: unknown): void => {
    const count = counted();
    log.error({ ...describe('unhandledRejection', 'promise'), err: asError(reason), inLastMinute: count }, 'unexpected rejected promise in main (the app goes on)');
  };
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return {
    dispose() {
      target.off('uncaughtException', onException);
      target.off('unhandledRejection', onRejection);
    },
  };
}
