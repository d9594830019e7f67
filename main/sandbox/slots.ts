// Slot math, pure: working periods from wall-clock schedules, and the timeslots they hold.
//
// The rule (docs/seed-format.md): within a resource's working hours, breaks
// excluded, a slot of a service's length may start at every multiple of the care unit's
// `slot_minutes` from the start of a working period, as long as it ends inside that period;
// it is free when no booked or awaiting_confirmation appointment of the resource overlaps.
//
// Wall-clock times become instants in the care unit's zone with luxon, day by day with
// calendar math. The steps inside a period are real elapsed minutes, so a night shift across
// a DST change holds one hour of slots less (spring) or more (autumn), labelled with the
// offsets in force.
import { DateTime } from 'luxon';
import { clockMinutes, type SeedSchedule } from './seed.ts';
import { addDays, localDate } from './time.ts';

export interface Interval {
  startMs: number;
  endMs: number;
}

export interface Slot extends Interval {
  resourceId: string;
  serviceId: string;
}

export interface ServiceLength {
  id: string;
  durationMs: number;
}

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** True when the half-open intervals share any time. */
export const overlaps = (a: Interval, b: Interval): boolean => a.startMs < b.endMs && b.startMs < a.endMs;

// Wall-clock minutes after the start of `date` (may exceed a day for a night shift) as an
// instant in the zone. A time that does not exist (spring gap) moves forward, as luxon does.
function wallClock(date: string, minutes: number, zone: string): number {
  const day = DateTime.fromISO(date, { zone }).plus({ days: Math.floor(minutes / DAY_MINUTES) });
  const inDay = minutes % DAY_MINUTES;
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(inDay / 60), minute: inDay % 60 }, { zone }).toMillis();
}

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

/**
 * The working periods of one schedule entry for the shift that starts on `date`: the shift
 * minus its breaks, as instants. Empty when the schedule does not work that weekday.
 */
export function shiftPeriods(schedule: SeedSchedule, date: string, zone: string): Interval[] {
  if (!schedule.weekdays.includes(isoWeekday(date))) return [];
  const start = clockMinutes(schedule.start);
  const endClock = clockMinutes(schedule.end);
  const end = endClock <= start ? endClock + DAY_MINUTES : endClock;
  const relative = (text: string): number => {
    const minutes = clockMinutes(text);
    return minutes < start ? minutes + DAY_MINUTES : minutes;
  };
  const pieces: [number, number][] = [];
  let from = start;
  const breaks = schedule.breaks.map((pause) => [relative(pause.start), relative(pause.end)] as const).sort((a, b) => a[0] - b[0]);
  for (const [pauseStart, pauseEnd] of breaks) {
    if (pauseStart > from) pieces.push([from, Math.min(pauseStart, end)]);
    from = Math.max(from, pauseEnd);
  }
  if (from < end) pieces.push([from, end]);
  return pieces
    .map(([a, b]) => ({ startMs: wallClock(date, a, zone), endMs: wallClock(date, b, zone) }))
    .filter((period) => period.endMs > period.startMs);
}

/**
 * A resource's schedules, with the periods of each day computed once. Schedules never
 * change while the sandbox runs, so the memo never goes stale.
 */
export class ScheduleBook {
  readonly #schedules: Map<string, SeedSchedule[]>;
  readonly #zones: Map<string, string>;
  readonly #memo = new Map<string, Interval[]>();

  /** `zones` gives each resource's time zone (its care unit's). */
  constructor(schedules: SeedSchedule[], zones: Map<string, string>) {
    this.#zones = zones;
    this.#schedules = new Map();
    for (const schedule of schedules) {
      const list = this.#schedules.get(schedule.resource_id) ?? [];
      list.push(schedule);
      this.#schedules.set(schedule.resource_id, list);
    }
  }

  zoneOf(resourceId: string): string {
    return this.#zones.get(resourceId) ?? 'UTC';
  }

  /** Periods of the shifts that start on `date` (YYYY-MM-DD, the resource's zone), sorted. */
  periodsOn(resourceId: string, date: string): Interval[] {
    const key = `${resourceId}|${date}`;
    let periods = this.#memo.get(key);
    if (periods === undefined) {
      const zone = this.zoneOf(resourceId);
      periods = (this.#schedules.get(resourceId) ?? []).flatMap((schedule) => shiftPeriods(schedule, date, zone)).sort((a, b) => a.startMs - b.startMs);
      this.#memo.set(key, periods);
    }
    return periods;
  }

  /** Periods that overlap [startMs, endMs), including night shifts begun the day before. */
  periodsTouching(resourceId: string, startMs: number, endMs: number): Interval[] {
    const zone = this.zoneOf(resourceId);
    const out: Interval[] = [];
    const last = localDate(Math.max(startMs, endMs - 1), zone);
    for (let date = addDays(localDate(startMs, zone), -1); date <= last; date = addDays(date, 1)) {
      for (const period of this.periodsOn(resourceId, date)) if (overlaps(period, { startMs, endMs })) out.push(period);
    }
    return out;
  }
}

/**
 * Every slot of the periods for the given services: a start at each multiple of
 * `slotMinutes` from a period's start, where the whole service length still fits. Sorted by
 * start, then service; duplicates (overlapping schedule entries) appear once.
 */
export function slotsInPeriods(periods: Interval[], services: ServiceLength[], slotMinutes: number, resourceId: string): Slot[] {
  const step = slotMinutes * MINUTE;
  const slots: Slot[] = [];
  for (const period of periods) {
    for (const service of services) {
      for (let start = period.startMs; start + service.durationMs <= period.endMs; start += step) {
        slots.push({ startMs: start, endMs: start + service.durationMs, resourceId, serviceId: service.id });
      }
    }
  }
  slots.sort((a, b) => a.startMs - b.startMs || (a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : 0));
  // Overlapping schedule entries give the same slot twice; sorted, the twins are neighbours.
  return slots.filter((slot, index) => {
    const previous = slots[index - 1];
    return previous === undefined || previous.startMs !== slot.startMs || previous.serviceId !== slot.serviceId;
  });
}

/** True when [startMs, endMs) is a slot of one of the periods for a service of that length. */
export function isSlotOf(periods: Interval[], startMs: number, endMs: number, durationMs: number, slotMinutes: number): boolean {
  if (endMs - startMs !== durationMs) return false;
  const step = slotMinutes * MINUTE;
  return periods.some((period) => period.startMs <= startMs && endMs <= period.endMs && (startMs - period.startMs) % step === 0);
}

/** True when no busy interval overlaps [startMs, endMs). `busy` is sorted by start. */
export function isFree(busy: Interval[], candidate: Interval): boolean {
  for (const interval of busy) {
    if (interval.startMs >= candidate.endMs) return true;
    if (interval.endMs > candidate.startMs) return false;
  }
  return true;
}
