// The week view's part of the contract: several days opened together (one or more resources
// × 5 or 7 days). Main answers each day's snapshot and keeps all of them refreshed while the
// week is shown; later snapshots arrive as `day.snapshot` events, as for the day.
import { z } from 'zod';
import type { DaySnapshot } from './schedule.ts';
import { dateArg } from './schedule.ts';

/** The lengths a week may have: the working week or the whole week. */
export const WEEK_LENGTHS = [5, 7] as const;
export type WeekLength = (typeof WEEK_LENGTHS)[number];

export const openWeekArg = z.strictObject({
  /** The first day shown (the renderer starts a week on its Monday). */
  from: dateArg,
  days: z.union([z.literal(5), z.literal(7)]),
  /**
   * The resources the week shows: each day's snapshot then carries only their appointments
   * and free slots (a big clinic's five whole days are megabytes over the bridge); the
   * resource list stays whole, to choose from. Absent: every resource's.
   */
  resourceIds: z.array(z.string().min(1).max(200)).min(1).max(500).optional(),
});

export interface WeekSnapshot {
  /** One snapshot per day, in order, from `from`. */
  days: DaySnapshot[];
}
