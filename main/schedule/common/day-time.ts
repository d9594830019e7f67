// Calendar and wall-clock math in the care unit's zone, with luxon. A day is from local
// midnight to the next local midnight (23 or 25 hours on DST days), and days are stepped
// with calendar math, never by adding 24 hours.
import { DateTime, IANAZone } from 'luxon';

export interface DayRange {
  /** ISO 8601 with the zone's offset. */
  start: string;
  end: string;
  startMs: number;
  endMs: number;
}

export function isValidZone(zone: unknown): zone is string {
  return typeof zone === 'string' && IANAZone.isValidZone(zone);
}

function localDay(date: string, zone: string): DateTime {
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) throw new RangeError(`Not a date: ${date}`);
  return day.startOf('day');
}

/** [local midnight, next local midnight) of a date in a zone. */
export function dayRange(date: string, zone: string): DayRange {
  const start = localDay(date, zone);
  const end = start.plus({ days: 1 });
  return { start: start.toISO({ suppressMilliseconds: true }) ?? '', end: end.toISO({ suppressMilliseconds: true }) ?? '', startMs: start.toMillis(), endMs: end.toMillis() };
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function dateOf(instant: string, zone: string): string {
  const local = DateTime.fromISO(instant, { setZone: true }).setZone(zone);
  if (!local.isValid) throw new RangeError(`Not an instant: ${instant.slice(0, 40)}`);
  return local.toISODate() ?? '';
}

/** Today's date in a zone. */
export function todayIn(zone: string, now: number = Date.now()): string {
  return DateTime.fromMillis(now, { zone }).toISODate() ?? '';
}

/** The next `count` weekdays (Monday to Friday) after `date`. */
export function nextWorkingDays(date: string, count: number): string[] {
  const out: string[] = [];
  let day = DateTime.fromISO(date, { zone: 'UTC' });
  while (out.length < count) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) out.push(day.toISODate() ?? '');
  }
  return out;
}

/** An instant written with the zone's offset, e.g. for Leyr and for instants computed locally. */
export function toZoneIso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
}

/** "09:30" in the zone, for summaries. */
export function wallClock(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { setZone: true }).setZone(zone).toFormat('HH:mm');
}

/** The calendar date `days` after `date` (YYYY-MM-DD; negative: before). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}
