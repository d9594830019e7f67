// The day feed: a day opens from the store at once; a fetch from Leyr follows (shortly, so
// that the window draws the stored copy first) and is pushed as `day.snapshot`, together
// with the next working days. The open day is refreshed in the background (every 10 s while
// the window is in use, every minute when not), when the window gets focus, when Leyr answers
// again, and once a burst of settled changes is over (Leyr's free slots moved). A day fetched long ago, or whose last fetch failed, shows as stale.
import type { DaySnapshot } from '../../../preload/contract/index.ts';
import { DisposableStore, type IDisposable } from '../../lifecycle/disposable.ts';
import { LeyrError } from '../../leyr/errors.ts';
import type { OutboxTarget } from '../../store/outbox/entry.ts';
import { datesOf } from '../common/change-dates.ts';
import type { ScheduleContext } from '../common/context.ts';
import { nextWorkingDays } from '../common/day-time.ts';
import { InFlight } from '../common/in-flight.ts';
import { nextTurn } from '../common/next-turn.ts';
import type { DayRefresher } from './day-refresher.ts';
import type { OpenDays } from './open-days.ts';

export interface DayFeedOptions {
  ctx: ScheduleContext;
  refresher: DayRefresher;
  openDays: OpenDays;
  /** `resourceIds`: only these resources' appointments and free time (the week view). */
  snapshot(date: string, resourceIds?: readonly string[]): DaySnapshot;
  /** These days' snapshots are due. */
  touch(dates: readonly string[]): void;
  /**
   * After a day is fetched: the names of its patients that are not known yet (`ahead`: a day
   * fetched ahead, after the open days' names). The names job tells the days as names arrive.
   */
  fetchNames(date: string, ahead: boolean): Promise<unknown>;
  /** Refresh of the open day while the window is in use; 0 turns refreshing off. */
  refreshIntervalMs: number;
  /** Refresh of the open day while it is not (not focused, hidden): slower, as nobody looks. */
  backgroundRefreshMs: number;
  /** Working days after an opened day that are fetched ahead. */
  prefetchDays: number;
  /** Focus refreshes at most this often. */
  focusThrottleMs: number;
}

export interface DayFeed extends IDisposable {
  open(date: string): DaySnapshot;
  /** The week view opens these days: their stored snapshots now (only `resourceIds`' columns when given), each refreshed in the background and kept current while shown. */
  openWeek(dates: readonly string[], resourceIds?: readonly string[]): DaySnapshot[];
  /** Fetches now; rejects with the LeyrError when Leyr cannot be reached or refuses. */
  refresh(date: string): Promise<DaySnapshot>;
  /** The window got focus: true when the open day is refreshed (not too often). */
  focused(): boolean;
  /** The window is in use (focused and visible) or not: which refresh interval applies. */
  setActive(active: boolean): void;
  /** Leyr answers again: the open day is brought up to date. */
  reconnected(): void;
  /** Changes settled on these days: their free slots are fetched once the burst is over. */
  settledOn(dates: readonly string[]): void;
  /** Fetches the days these changes touch (a few), one after the other; rejects on the first failure. */
  catchUp(changes: readonly { targets: readonly OutboxTarget[] }[]): Promise<void>;
  /** Resolves when the background work running now has settled, or after `ms`. */
  settled(ms: number): Promise<void>;
}

/**
 * How long a refresh of a day opened from the store waits. Fetching and writing a big day
 * takes tens of milliseconds of this process (and, in the web host, of Leyr's stand-in), and
 * its snapshot event a send and a parse more: started at once, it shares the machine with the
 * window drawing the stored copy it was just sent. Leyr's answer takes longer than this anyway.
 */
const REFRESH_AFTER_OPEN_MS = 250;
const SLOT_REFRESH_DELAY_MS = 1_000;
const CATCH_UP_DAYS = 5;

export function createDayFeed(options: DayFeedOptions): DayFeed {
  const { ctx, refresher, openDays } = options;
  const { store, accountId, log } = ctx;
  const disposables = new DisposableStore();
  const inFlight = new InFlight();
  const lastRefreshAt = new Map<string, number>();
  const closed = (): boolean => disposables.isDisposed;

  /**
   * Fetches the day, then asks for its names. A background refresh does not wait for them:
   * the day's appointments show at once and its names fill in column by column (the next
   * working days are fetched meanwhile); an explicit refresh answers with them.
   */
  async function refreshWithNames(date: string, ahead = false, waitForNames = false): Promise<void> {
    lastRefreshAt.set(date, ctx.now());
    await refresher.refresh(date);
    // The day was just written and its snapshot announced; what waits for main goes first.
    await nextTurn();
    if (closed()) return;
    const names = options.fetchNames(date, ahead);
    if (waitForNames) await names;
    else inFlight.track(names);
  }

  const refreshInBackground = (date: string, withPrefetch = false): void => {
    inFlight.track(
      (async () => {
        try {
          // The days ahead wait for this day's names: they are for later, its names are on screen now.
          await refreshWithNames(date, false, withPrefetch);
        } catch (error) {
          log.info({ date, kind: error instanceof LeyrError ? error.kind : 'other', status: error instanceof LeyrError ? error.status : null }, 'day refresh failed; showing the stored copy');
          return;
        }
        // Only for the day still on screen: paging through days fetches none of their neighbours.
        if (!withPrefetch || openDays.newest() !== date) return;
        for (const next of nextWorkingDays(date, options.prefetchDays)) {
          if (closed()) return;
          await refreshWithNames(next, true);
        }
      })(),
    );
  };

  /**
   * Fetches the days on screen (the open day, or the week's days one after the other: a week
   * fetched all at once would spend the clinic's share of Leyr's rate limit in one burst).
   */
  const refreshShown = (): void => {
    const shown = [...openDays.shown()];
    if (closed() || shown.length === 0) return;
    if (shown.length === 1 && shown[0] !== undefined) {
      refreshInBackground(shown[0]);
      return;
    }
    inFlight.track(
      (async () => {
        for (const date of shown) {
          if (closed() || !openDays.has(date)) return;
          try {
            await refreshWithNames(date);
          } catch (error) {
            log.info({ date, kind: error instanceof LeyrError ? error.kind : 'other', status: error instanceof LeyrError ? error.status : null }, 'week day refresh failed; showing the stored copy');
            return;
          }
        }
      })(),
    );
  };
  const refreshOpenDay = refreshShown;
  // Quick while the window is in use, so that what another desk does shows within seconds
  // and an overwrite of our change is found soon (landed-check.ts); slow in the background,
  // where nobody looks and Leyr's rate limit is shared with every desk of the clinic.
  let active = true;
  const tick = (): void => {
    const open = openDays.newest();
    if (open === undefined) return;
    if (!active && ctx.now() - (lastRefreshAt.get(open) ?? 0) < options.backgroundRefreshMs - options.refreshIntervalMs / 2) return;
    refreshOpenDay();
  };
  if (options.refreshIntervalMs > 0) disposables.interval(tick, options.refreshIntervalMs, { unref: true });

  // After changes are applied, Leyr's free slots of those days have moved: fetch them once
  // the burst is over rather than after every change.
  const slotDates = new Set<string>();
  let slotTimer: IDisposable | null = null;
  const refreshSlots = (): void => {
    slotTimer = null;
    const dates = [...slotDates];
    slotDates.clear();
    for (const date of dates) refreshInBackground(date);
  };

  return {
    open(date) {
      openDays.leaveWeek();
      openDays.remember(date);
      const current = options.snapshot(date);
      // The answer goes out first: the window waits for it, not for this bookkeeping (a
      // write to the store) nor for the refresh, which a day never fetched starts at once.
      disposables.timeout(() => {
        if (store.isOpen()) store.days.markOpened(accountId, date, ctx.nowIso());
      }, 0);
      // A day already left again when its turn comes (the receptionist paging through days, a
      // window calling in a loop) is not fetched: each fetch of a big day keeps this process
      // busy for a while, and the day is fetched anew when it is opened again.
      disposables.timeout(() => {
        if (openDays.newest() === date) refreshInBackground(date, true);
      }, current.fetchedAt === null ? 0 : REFRESH_AFTER_OPEN_MS);
      return current;
    },
    openWeek(dates, resourceIds) {
      openDays.showWeek(dates);
      const current = dates.map((date) => options.snapshot(date, resourceIds));
      disposables.timeout(() => {
        if (store.isOpen()) for (const date of dates) store.days.markOpened(accountId, date, ctx.nowIso());
      }, 0);
      // As for a day: the stored copies go out first; a week left again before its turn is not fetched.
      disposables.timeout(() => {
        if (openDays.showsWeek(dates)) refreshShown();
      }, current.some((day) => day.fetchedAt === null) ? 0 : REFRESH_AFTER_OPEN_MS);
      return current;
    },
    async refresh(date) {
      openDays.remember(date);
      await refreshWithNames(date, false, true);
      return options.snapshot(date);
    },
    focused() {
      const open = openDays.newest();
      if (open === undefined || ctx.now() - (lastRefreshAt.get(open) ?? 0) < options.focusThrottleMs) return false;
      refreshShown();
      return true;
    },
    setActive(value) {
      active = value;
    },
    reconnected: refreshOpenDay,
    settledOn(dates) {
      for (const date of dates) if (openDays.has(date)) slotDates.add(date);
      if (slotDates.size === 0 || closed()) return;
      if (slotTimer !== null) disposables.release(slotTimer);
      slotTimer = disposables.timeout(refreshSlots, SLOT_REFRESH_DELAY_MS);
    },
    async catchUp(changes) {
      const dates = [...new Set(changes.flatMap((change) => datesOf(change.targets)))].slice(0, CATCH_UP_DAYS);
      for (const date of dates) await refresher.refresh(date);
    },
    settled: (ms) => inFlight.settled(ms),
    dispose: () => disposables.dispose(),
  };
}
