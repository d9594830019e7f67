// What main pushes about the open days: `day.snapshot` of each day that changed, coalesced
// over a short window, and `connectivity` whenever the line's state or the number of
// pending changes changes. A big day's snapshot takes milliseconds to build and send; while
// changes settle in a burst, snapshots go out at most every few times that long, so they
// never crowd out the work they report on.
import type { ConnectivityStatus, DaySnapshot } from '../../../preload/contract/index.ts';
import type { EventBus } from '../../events/bus.ts';
import { DisposableStore, type IDisposable } from '../../lifecycle/disposable.ts';
import type { Logger } from '../../log/logger.ts';
import type { OpenDays } from './open-days.ts';

export interface DayPushOptions {
  bus: EventBus;
  log: Logger;
  openDays: OpenDays;
  snapshot(date: string): DaySnapshot;
  pendingCount(): number;
  connectivity(): ConnectivityStatus;
  /** The shortest coalescing window. */
  debounceMs: number;
}

export interface DayPush extends IDisposable {
  /** These days changed (and pending counts, which every open day shows, may have). */
  touch(dates: readonly string[]): void;
  /** The line's state changed: say so now. */
  connectivityChanged(): void;
}

const MAX_DEBOUNCE_MS = 500;

export function createDayPush(options: DayPushOptions): DayPush {
  const { bus, openDays } = options;
  const disposables = new DisposableStore();
  const dirty = new Set<string>();
  let flushTimer: IDisposable | null = null;
  let lastPendingCount = -1;
  let debounceMs = options.debounceMs;

  const connectivityChanged = (): void => {
    const status = options.connectivity();
    lastPendingCount = status.pendingCount;
    bus.emit('connectivity', status);
  };

  const flush = (): void => {
    flushTimer = null;
    const started = performance.now();
    try {
      for (const date of dirty) if (openDays.has(date)) bus.emit('day.snapshot', options.snapshot(date));
      if (options.pendingCount() !== lastPendingCount) connectivityChanged();
    } catch (error) {
      // This runs from a timer, where a throw would end main: a store that cannot be read
      // (a damaged row is a StoreError) is logged, and the renderer's next call gets the error.
      options.log.error({ err: error }, 'day snapshot could not be pushed');
    } finally {
      dirty.clear();
    }
    debounceMs = Math.max(options.debounceMs, Math.min(MAX_DEBOUNCE_MS, (performance.now() - started) * 4));
  };

  return {
    touch(dates) {
      for (const date of dates) dirty.add(date);
      for (const date of openDays.all()) dirty.add(date);
      if (flushTimer === null && !disposables.isDisposed) flushTimer = disposables.timeout(flush, debounceMs);
    },
    connectivityChanged,
    dispose: () => disposables.dispose(),
  };
}
