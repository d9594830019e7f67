// Instants as the sandbox reads and writes them: ISO 8601 with an explicit offset in, the
// care unit's local offset out. Internally every instant is epoch milliseconds.
import { DateTime } from 'luxon';

// Date, time to at least minutes, an explicit offset. Anything without the offset is naive.
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;
// A query string's '+' decodes to a space, so `…T08:00:00+01:00` sent unencoded arrives as
// `…T08:00:00 01:00`; worth its own message, since "naive" would mislead.
const UNENCODED_PLUS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)? \d{2}:?\d{2}$/;

const QUARTER_HOUR = 15 * 60_000;

export type InstantParse = { ok: true; ms: number } | { ok: false; message: string };

export function parseInstant(text: string): InstantParse {
  if (WITH_OFFSET.test(text)) {
    const parsed = DateTime.fromISO(text, { setZone: true });
    if (parsed.isValid) return { ok: true, ms: parsed.toMillis() };
    return { ok: false, message: `is not a real date and time (${parsed.invalidExplanation ?? parsed.invalidReason ?? 'invalid'})` };
  }
  if (NAIVE.test(text)) return { ok: false, message: 'naive datetime: an explicit UTC offset is required, e.g. 2026-03-23T08:00:00+01:00' };
  if (UNENCODED_PLUS.test(text)) return { ok: false, message: "the offset's '+' arrived as a space: encode it as %2B in a query string" };
  return { ok: false, message: 'expected an ISO 8601 date-time with offset, e.g. 2026-03-23T08:00:00+01:00' };
}

// See QUARTER_HOUR below: offsets change only on UTC quarter hours, so one luxon lookup per
// quarter hour gives the offset of every instant in it.
const offsetMemo = new Map<string, number>();

function offsetMinutes(ms: number, zone: string): number {
  const key = `${zone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsetMemo.get(key);
  if (offset === undefined) {
    offset = DateTime.fromMillis(ms, { zone }).offset;
    if (offsetMemo.size > 200_000) offsetMemo.clear();
    offsetMemo.set(key, offset);
  }
  return offset;
}

/**
 * ISO 8601 in the zone's local offset, milliseconds only when there are some:
 * `2026-03-23T08:00:00+01:00`. Answers format thousands of instants, hence no luxon per call.
 */
export function formatInstant(ms: number, zone: string): string {
  const offset = offsetMinutes(ms, zone);
  const local = new Date(ms + offset * 60_000).toISOString();
  const clock = ms % 1000 === 0 ? local.slice(0, 19) : local.slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${clock}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// Every UTC offset in use since the 1970s is a whole number of quarter hours, so local
// midnight falls on a UTC quarter hour and the local date is the same throughout each UTC
// quarter hour. Indexing thousands of appointments asks for the same few quarter hours again
// and again. (Historical local-mean-time offsets are not quarter hours; appointments are not
// booked in 1900.)
const localDateMemo = new Map<string, string>();

/** The calendar day (YYYY-MM-DD) an instant falls on in the zone. */
export function localDate(ms: number, zone: string): string {
  const key = `${zone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let date = localDateMemo.get(key);
  if (date === undefined) {
    date = DateTime.fromMillis(ms, { zone }).toISODate() ?? '';
    if (localDateMemo.size > 200_000) localDateMemo.clear();
    localDateMemo.set(key, date);
  }
  return date;
}

/** Every calendar day in the zone that [startMs, endMs) touches, in order. */
export function localDatesBetween(startMs: number, endMs: number, zone: string): string[] {
  const first = localDate(startMs, zone);
  const last = localDate(Math.max(startMs, endMs - 1), zone);
  if (first === last) return [first];
  const dates: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** The calendar day before or after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}
