// The day view's vertical axis: which stretch of the day is drawn, and where an instant sits
// on it. Positions are elapsed minutes since the axis start, measured per instant, so a
// DST day lays out as it was lived: on a 25-hour day the repeated hour is drawn twice (once
// per offset), on a 23-hour day the skipped hour takes no room at all. Labels are the wall
// clock in the care unit's zone. Pure: the grid, the drag and the tests all use it.
import { DateTime } from 'luxon';

const MINUTE_MS = 60_000;
const TICK_STEP_MINUTES = 15;

export interface Interval {
  startMs: number;
  endMs: number;
}

interface AxisTick {
  /** The instant of the tick. */
  ms: number;
  /** Elapsed minutes from the axis start. */
  minute: number;
  /** Wall-clock time in the zone, 24-hour `HH:mm`. */
  label: string;
  /** A full hour (labelled) rather than a half hour (a faint line). */
  hour: boolean;
  /** The UTC offset of the zone at this instant, e.g. `+01:00`. */
  offset: string;
  /** This wall-clock time already appeared earlier on the axis (the repeated hour in autumn). */
  repeated: boolean;
  /** The wall clock jumped forward just before this tick (the skipped hour in spring). */
  afterGap: boolean;
  /** The wall-clock day differs from the axis date (a night shift past midnight). */
  nextDay: boolean;
}

/** A change of the zone's offset inside the axis. */
interface OffsetChange {
  ms: number;
  minute: number;
  /** `forward`: clocks go forward and a wall-clock stretch is skipped; `back`: one repeats. */
  direction: 'forward' | 'back';
  /** Wall-clock times of the skipped or repeated stretch, e.g. `02:00`–`03:00`. */
  fromLabel: string;
  toLabel: string;
  offsetBefore: string;
  offsetAfter: string;
}

export interface TimeAxis {
  date: string;
  zone: string;
  startMs: number;
  endMs: number;
  /** Elapsed minutes from start to end (not the wall-clock difference). */
  minutes: number;
  ticks: AxisTick[];
  offsetChanges: OffsetChange[];
  /** The calendar day in the zone: its first instant and the first instant of the next day. */
  day: Interval;
}

interface AxisOptions {
  /** The calendar day shown, YYYY-MM-DD. */
  date: string;
  /** IANA zone of the care unit. */
  zone: string;
  /** Everything that must fit: working time (free slots), appointments. */
  intervals: Iterable<Interval>;
  /** Wall-clock hours drawn when the day has nothing in it. */
  emptyDay?: { startHour: number; endHour: number };
}

export class AxisError extends Error {
  override name = 'AxisError';
}

function dayBounds(date: string, zone: string): Interval {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  if (!start.isValid) throw new AxisError(`Cannot lay out ${JSON.stringify(date)} in ${JSON.stringify(zone)}: ${start.invalidExplanation ?? 'invalid date or zone'}`);
  // Calendar math: the next day's midnight, 23 or 25 hours later on DST days.
  return { startMs: start.toMillis(), endMs: start.plus({ days: 1 }).toMillis() };
}

/** Builds the axis from the earliest working hour to the latest, in whole wall-clock hours. */
export function buildTimeAxis(options: AxisOptions): TimeAxis {
  const { date, zone } = options;
  const day = dayBounds(date, zone);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const interval of options.intervals) {
    if (!Number.isFinite(interval.startMs) || !Number.isFinite(interval.endMs)) continue;
    if (interval.startMs < min) min = interval.startMs;
    if (interval.endMs > max) max = interval.endMs;
  }
  let startMs: number;
  let endMs: number;
  if (min === Number.POSITIVE_INFINITY || max <= min) {
    const empty = options.emptyDay ?? { startHour: 8, endHour: 17 };
    const midnight = DateTime.fromMillis(day.startMs, { zone });
    startMs = midnight.set({ hour: empty.startHour }).toMillis();
    endMs = midnight.set({ hour: empty.endHour }).toMillis();
  } else {
    startMs = DateTime.fromMillis(min, { zone }).startOf('hour').toMillis();
    const lastHour = DateTime.fromMillis(max, { zone }).startOf('hour');
    // plus({ hours }) is elapsed time in luxon, which is what the axis measures.
    endMs = lastHour.toMillis() === max ? max : lastHour.plus({ hours: 1 }).toMillis();
  }
  const minutes = Math.round((endMs - startMs) / MINUTE_MS);
  const ticks: AxisTick[] = [];
  const offsetChanges: OffsetChange[] = [];
  const seen = new Set<string>();
  let previous: DateTime | null = null;
  for (let minute = 0; minute <= minutes; minute += TICK_STEP_MINUTES) {
    const ms = startMs + minute * MINUTE_MS;
    const wall = DateTime.fromMillis(ms, { zone });
    if (previous !== null && previous.offset !== wall.offset) {
      const change = describeOffsetChange(previous, wall, zone);
      offsetChanges.push({ ...change, minute: (change.ms - startMs) / MINUTE_MS });
    }
    // The wall clock skipped ahead when it moved more than the elapsed step.
    const gap = previous !== null && wall.offset > previous.offset;
    if (wall.minute === 0 || wall.minute === 30) {
      const key = `${wall.toISODate()} ${wall.toFormat('HH:mm')}`;
      ticks.push({
        ms,
        minute,
        label: wall.toFormat('HH:mm'),
        hour: wall.minute === 0,
        offset: wall.toFormat('ZZ'),
        repeated: seen.has(key),
        afterGap: gap,
        nextDay: wall.toISODate() !== date,
      });
      seen.add(key);
    }
    previous = wall;
  }
  return { date, zone, startMs, endMs, minutes, ticks, offsetChanges, day };
}

function describeOffsetChange(before: DateTime, after: DateTime, zone: string): Omit<OffsetChange, 'minute'> {
  // Find the exact instant of the change inside the 15-minute step (offsets change on
  // whole minutes in every real zone).
  let lo = before.toMillis();
  let hi = after.toMillis();
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (DateTime.fromMillis(mid, { zone }).offset === before.offset) lo = mid;
    else hi = mid;
  }
  const at = DateTime.fromMillis(hi, { zone });
  const justBefore = DateTime.fromMillis(hi, { zone: `UTC${formatOffsetForZone(before.offset)}` });
  const forward = after.offset > before.offset;
  // Forward: the wall clock jumps from justBefore's reading to at's; back: at's reading
  // repeats up to justBefore's.
  const fromLabel = forward ? justBefore.toFormat('HH:mm') : at.toFormat('HH:mm');
  const toLabel = forward ? at.toFormat('HH:mm') : justBefore.toFormat('HH:mm');
  return {
    ms: hi,
    direction: forward ? 'forward' : 'back',
    fromLabel,
    toLabel,
    offsetBefore: before.toFormat('ZZ'),
    offsetAfter: at.toFormat('ZZ'),
  };
}

function formatOffsetForZone(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  return minutes === 0 ? `${sign}${hours}` : `${sign}${hours}:${String(minutes).padStart(2, '0')}`;
}

/** Elapsed minutes from the axis start to an instant (may be outside [0, axis.minutes]). */
export function minuteOf(axis: TimeAxis, ms: number): number {
  return (ms - axis.startMs) / MINUTE_MS;
}

/** The instant at a number of elapsed minutes from the axis start. */
export function instantAt(axis: TimeAxis, minute: number): number {
  return axis.startMs + minute * MINUTE_MS;
}

/** Where to draw "now", in minutes from the axis start, or null when now is off the axis. */
export function nowMinute(axis: TimeAxis, nowMs: number): number | null {
  if (nowMs < axis.startMs || nowMs > axis.endMs) return null;
  return minuteOf(axis, nowMs);
}

/** True when an instant falls on the axis's calendar day in its zone. */
export function isOnDay(axis: TimeAxis, ms: number): boolean {
  return ms >= axis.day.startMs && ms < axis.day.endMs;
}
