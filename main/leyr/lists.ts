// What the client does to a list answer after reading it, because Leyr may not keep to the
// request (docs/leyr-api.md): items outside the asked range are dropped and counted, and
// fields the request's documented filters imply are filled in where an item lacks them.
import { DateTime } from 'luxon';
import type { Listed, TimeRange } from './api.ts';
import { parsePatientId, parseResourceId } from './ids.ts';

/** The array with its counts attached, non-enumerable (copies, JSON and deep equality see a plain array). */
export function listed<T>(items: T[], counts: { unreadable: number; outOfRange: number }): Listed<T> {
  Object.defineProperty(items, 'unreadable', { value: counts.unreadable, enumerable: false });
  Object.defineProperty(items, 'outOfRange', { value: counts.outOfRange, enumerable: false });
  return items as Listed<T>;
}

/** A full ISO date-time with its offset (or Z), which Date.parse reads exactly as luxon does. */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch ms of the common form of Leyr's times (`2026-03-23T08:00:00+01:00`), without luxon;
 * null for any other form (then luxon decides). Every item of a big day's lists passes here
 * (thousands of timeslots): luxon's zone machinery cost main close to a second per day, with
 * every window's calls waiting meanwhile. Date.parse rolls a 31 February over into March, so
 * the calendar is checked here.
 */
export function offsetInstantMs(value: string): number | null {
  if (!WITH_OFFSET.test(value)) return null;
  const ms = Date.parse(value);
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return !Number.isNaN(ms) && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate() ? ms : null;
}

/** Epoch ms of a time; a time without an offset is read in `zone`. NaN when unreadable. */
export function instantMs(value: string, zone: string): number {
  const fast = offsetInstantMs(value);
  if (fast !== null) return fast;
  const time = DateTime.fromISO(value, { zone, setZone: false });
  return time.isValid ? time.toMillis() : Number.NaN;
}

/**
 * The asked range in ms, or null when it cannot be read (then nothing is dropped: the
 * client does not guess what was meant, and Leyr will have refused it anyway).
 */
export function rangeMs(range: TimeRange, zone: string): { start: number; end: number } | null {
  const start = instantMs(range.start, zone);
  const end = instantMs(range.end, zone);
  return Number.isNaN(start) || Number.isNaN(end) ? null : { start, end };
}

/** An appointment belongs to [start, end) when it overlaps it (the sandbox's rule too). */
export const overlaps = (item: { start: string; end: string }, range: { start: number; end: number }, zone: string): boolean =>
  instantMs(item.start, zone) < range.end && instantMs(item.end, zone) > range.start;

/** A timeslot belongs to [start, end) when it lies wholly inside it (the sandbox's rule too). */
export const inside = (item: { start: string; end: string }, range: { start: number; end: number }, zone: string): boolean =>
  instantMs(item.start, zone) >= range.start && instantMs(item.end, zone) <= range.end;

/**
 * The id a filter value names, when it names one the answer would carry: a plain (EHR) id
 * or `emr_id:…`. A typed id (`hsa_id:…`, `se_personal_number:…`) is another key for the same
 * thing, not the id Leyr's items carry, so it fills nothing.
 */
export function plainId(value: string | undefined, kind: 'patient' | 'resource' | 'other'): string | null {
  if (value === undefined) return null;
  if (kind === 'other') return value.trim() === '' ? null : value;
  const parsed = kind === 'patient' ? parsePatientId(value) : parseResourceId(value);
  return parsed.ok && parsed.id.type === 'emr_id' ? parsed.id.value : null;
}

/**
 * A raw item with `fields` filled in where it lacks them (absent or null). Not an object:
 * returned as it is, for the reader to refuse.
 */
export function fillMissing(raw: unknown, fields: Record<string, string | null>): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const record = raw as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const [field, value] of Object.entries(fields)) {
    if (value === null) continue;
    if (record[field] !== undefined && record[field] !== null) continue;
    copy ??= { ...record };
    copy[field] = value;
  }
  return copy ?? raw;
}
