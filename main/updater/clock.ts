// Time as the updater sees it: injected, so tests drive it with a fake clock, and each timer
// is a disposable registered with its owner, released by the owner's one dispose.
import type { IDisposable } from '../lifecycle/disposable.ts';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real time. Timers are unref'd: a pending update check never keeps the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** One timer on a clock, armed again or cancelled as needed; disposed, it never fires again. */
export class ClockTimer implements IDisposable {
  private readonly clock: Clock;
  private handle: unknown = null;
  private due: number | null = null;
  private disposed = false;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** When it fires; null while not armed. */
  get dueAt(): number | null {
    return this.due;
  }

  get armed(): boolean {
    return this.handle !== null;
  }

  /** (Re)arms it: `callback` runs once, `ms` from now, unless cancelled first. */
  arm(ms: number, callback: () => void): void {
    this.cancel();
    if (this.disposed) return;
    this.due = this.clock.now() + ms;
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      this.due = null;
      callback();
    }, ms);
  }

  cancel(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
    this.due = null;
  }

  dispose(): void {
    this.cancel();
    this.disposed = true;
  }
}
