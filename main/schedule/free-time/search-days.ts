// The day arithmetic of a free-time search, pure: the windows searched one after another,
// the runs of days one timeslots request may ask for (Leyr's sandbox refuses more than 31
// days a request), which part of the day a start lies in, and the order results are given in.
import { DateTime } from 'luxon';
import type { PartOfDay } from '../../../preload/contract/index.ts';
import { addDays } from '../common/day-time.ts';

// The runs one request may cover and the day step live with the one timeslots fetch (common/).
export { addDays } from '../common/day-time.ts';
export { MAX_REQUEST_DAYS, runsOf } from '../common/timeslot-windows.ts';

/** Days searched before the answer is looked at: four weeks, most questions end in the first. */
export const WINDOW_DAYS = 28;
/**
 * The first window is shorter when the question covers many doctors: their four weeks make a
 * large answer (80 doctors: tens of thousands of slots), and the first free time among many
 * doctors is seldom weeks away. About this many doctor-weeks go into the first window.
 */
export const FIRST_WINDOW_DOCTOR_WEEKS = 40;
export const MIN_FIRST_WINDOW_DAYS = 7;

/** The days of the first window for a question over `doctors` resources. */
export function firstWindowDays(doctors: number): number {
  const days = Math.floor((FIRST_WINDOW_DOCTOR_WEEKS * 7) / Math.max(doctors, 1));
  return Math.min(Math.max(days, MIN_FIRST_WINDOW_DAYS), WINDOW_DAYS);
}

/** The farthest a search goes: about six months after its first day. */
export const HORIZON_DAYS = 183;
/** Morning ends at noon in the care unit's zone. */
export const NOON_HOUR = 12;

/** The days from `first` to `last`, both included. */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) out.push(day);
  return out;
}

/** Whether a start (an instant) lies in the part of the day asked for, in `zone`. */
export function inPartOfDay(start: string, partOfDay: PartOfDay, zone: string): boolean {
  if (partOfDay === 'any') return true;
  const hour = DateTime.fromISO(start, { setZone: true }).setZone(zone).hour;
  return partOfDay === 'morning' ? hour < NOON_HOUR : hour >= NOON_HOUR;
}

/** The order of results: by time, then by the resource's name, then its id (two of one name). */
export interface SlotKey {
  startMs: number;
  name: string;
  resourceId: string;
}

const collator = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });

export function compareKeys(a: SlotKey, b: SlotKey): number {
  return a.startMs - b.startMs || collator.compare(a.name, b.name) || (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0);
}
