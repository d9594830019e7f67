// "When is the first free time with a doctor?": the question the receptionist asks on the
// phone, and main's answer. Main searches Leyr's timeslots window after window from a day
// on, keeps what it fetched for a short while, and answers the earliest distinct starts.
import { z } from 'zod';
import { dateArg, idArg, instantArg, type FreeSlot } from './schedule.ts';

/** Morning: a start before 12:00 in the care unit's zone; afternoon: from 12:00 on. */
export const PART_OF_DAY = ['any', 'morning', 'afternoon'] as const;
export type PartOfDay = (typeof PART_OF_DAY)[number];

/** The most results one answer carries. */
export const FREE_TIME_MAX_COUNT = 50;

export const findFreeTimesArg = z.strictObject({
  serviceId: idArg,
  /** The doctors (resources) asked for; absent or empty: any of the care unit's. */
  resourceIds: z
    .array(idArg)
    .max(200, 'may name at most 200 resources')
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a resource twice')
    .optional(),
  /** The first day searched (YYYY-MM-DD in the care unit's zone); a day before today searches from today. */
  from: dateArg,
  partOfDay: z.enum(PART_OF_DAY).default('any'),
  count: z.number().int().min(1, 'must be at least 1').max(FREE_TIME_MAX_COUNT, `must be at most ${FREE_TIME_MAX_COUNT}`).default(10),
  /** "More": only times after this result (the last one shown), in the answer's order. */
  after: z.strictObject({ start: instantArg, resourceId: idArg }).optional(),
});

/** One free time: a resource's slot of the service, and its day in the care unit's zone. */
export interface FreeTimeSlot extends FreeSlot {
  /** YYYY-MM-DD in the care unit's zone. */
  date: string;
}

/**
 * Where the answer came from: `leyr` (at least one window asked of Leyr just now), `cache`
 * (all of it fetched from Leyr moments ago), `store` (Leyr could not be reached: the free
 * times last seen, which may be out of date; say so).
 */
export type FreeTimeSource = 'leyr' | 'cache' | 'store';

export interface FreeTimeAnswer {
  /** Distinct starts, earliest first, then by resource name; never one before now. */
  slots: FreeTimeSlot[];
  /** The first and the last day searched (YYYY-MM-DD), inclusive. */
  searchedFrom: string;
  searchedUntil: string;
  /** Asking again with `after` (the last slot) may find more: the horizon is not reached, or more were found than asked. */
  more: boolean;
  /** The last day the search would ever reach (about six months after `from`). */
  horizon: string;
  source: FreeTimeSource;
}
