// The one way main fetches Leyr's free timeslots over days: a request covers at most 31
// calendar days (Leyr refuses more), so the days wanted are cut into runs of consecutive days
// of at most that length (a day not wanted ends a run), one request each; each slot is read
// the one way (timeslotRecord) and filed under its day in the care unit's zone. The first
// free time, the rebook proposal and the bulk refusal all fetch through here.
import type { LeyrApi } from '../../leyr/api.ts';
import type { TimeslotRecord } from '../../store/records.ts';
import { addDays, dateOf, dayRange } from './day-time.ts';
import { timeslotRecord } from './leyr-records.ts';

/** The longest range of calendar days one timeslots request may ask for. */
export const MAX_REQUEST_DAYS = 31;

/**
 * Consecutive runs of `days` (sorted) of at most `maxDays` each: what one request may cover.
 * A gap (a day not wanted) ends a run.
 */
export function runsOf(days: readonly string[], maxDays = MAX_REQUEST_DAYS): { first: string; last: string }[] {
  const runs: { first: string; last: string; length: number }[] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run !== undefined && addDays(run.last, 1) === day && run.length < maxDays) {
      run.last = day;
      run.length += 1;
    } else runs.push({ first: day, last: day, length: 1 });
  }
  return runs.map(({ first, last }) => ({ first, last }));
}

export interface TimeslotFilter {
  /** Only this service's slots; a slot naming another service is dropped (it is not this question's). */
  serviceId?: string;
  /** Only this resource's slots. */
  resourceId?: string;
}

/**
 * Leyr's free slots of `days` (sorted, YYYY-MM-DD in `zone`), by day; every day asked is in
 * the answer (empty when it has none). With a service filter, a slot that names no service
 * is filed as that service's. Throws what the Leyr client throws.
 */
export async function fetchTimeslots(api: LeyrApi, zone: string, days: readonly string[], filter: TimeslotFilter = {}): Promise<Map<string, TimeslotRecord[]>> {
  const answers = await Promise.all(
    runsOf(days).map((run) =>
      api.listTimeslots({
        start: dayRange(run.first, zone).start,
        end: dayRange(run.last, zone).end,
        ...(filter.serviceId !== undefined && { healthcare_service_id: filter.serviceId }),
        ...(filter.resourceId !== undefined && { resource_id: filter.resourceId }),
      }),
    ),
  );
  const byDay = new Map<string, TimeslotRecord[]>(days.map((day) => [day, []]));
  for (const slots of answers) {
    for (const slot of slots) {
      const record = timeslotRecord(slot);
      if (filter.serviceId !== undefined && record.serviceId !== null && record.serviceId !== filter.serviceId) continue;
      if (filter.resourceId !== undefined && record.resourceId !== filter.resourceId) continue;
      byDay.get(dateOf(record.start, zone))?.push(filter.serviceId === undefined ? record : { ...record, serviceId: filter.serviceId });
    }
  }
  return byDay;
}
