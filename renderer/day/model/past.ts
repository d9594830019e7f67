// Time that has passed, on the care unit's clock: free time before now is not offered (not
// drawn as free, not clickable, not in the keyboard's walk), moves and bookings into it are
// refused (or, where the clinic allows them, confirmed one by one). Pure: the grid, the
// controllers and the tests use it.
import type { ColumnLayout, DayLayout } from './layout.ts';
import type { TimeAxis } from './time-axis.ts';

const MINUTE_MS = 60_000;

/**
 * The first instant still offered as free time: now rounded up to the slot grid on today,
 * -Infinity on a day to come (or when the clinic allows changes in the past), +Infinity on a
 * day that has ended. Changes only at grid steps, so a view memoised on it stays put between.
 */
export function offeredFrom(axis: TimeAxis, nowMs: number, gridMinutes: number, allowPast: boolean): number {
  if (allowPast || nowMs < axis.day.startMs) return Number.NEGATIVE_INFINITY;
  if (nowMs >= axis.day.endMs) return Number.POSITIVE_INFINITY;
  const step = Math.max(1, gridMinutes) * MINUTE_MS;
  return Math.ceil(nowMs / step) * step;
}

/** Whether a start is in the past on the care unit's clock. */
export const hasPassed = (startMs: number, nowMs: number): boolean => startMs < nowMs;

/**
 * The layout with the free time before `fromMs` cut away (bands that end before it gone, a
 * band that straddles it starting at it). Columns with nothing cut keep their objects, so
 * their memoised components do not render again.
 */
export function withoutPastFree(layout: DayLayout, fromMs: number): DayLayout {
  if (fromMs === Number.NEGATIVE_INFINITY) return layout;
  const columns = new Map<string, ColumnLayout>();
  let changed = false;
  for (const [id, column] of layout.columns) {
    if (!column.free.some((band) => band.startMs < fromMs)) {
      columns.set(id, column);
      continue;
    }
    changed = true;
    const free = column.free.flatMap((band) => {
      if (band.endMs <= fromMs) return [];
      if (band.startMs >= fromMs) return [band];
      const cut = (fromMs - band.startMs) / MINUTE_MS;
      return [{ ...band, startMs: fromMs, top: band.top + cut, height: band.height - cut }];
    });
    columns.set(id, { ...column, free });
  }
  return changed ? { ...layout, columns } : layout;
}

/** Where the shading of the past ends, in minutes from the axis start; null when nothing shown has passed. */
export function pastMinutes(axis: TimeAxis, nowMs: number): number | null {
  if (nowMs <= axis.startMs) return null;
  return Math.min(axis.minutes, (nowMs - axis.startMs) / MINUTE_MS);
}
