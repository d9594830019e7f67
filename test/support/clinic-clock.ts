// The care unit's clock in tests of a seeded day: it runs from the start of that day (in the
// clinic's zone), so that nothing of the day has passed when a test begins, whatever the
// real date. Only what has passed is judged on it (careUnitNow); ages and Leyr's waits keep
// the real clock.
import { DateTime } from 'luxon';

/** A clock that reads `start` (ISO 8601, or a date: its midnight in the zone) now and runs on. */
export function clockFrom(start: string, zone = 'Europe/Stockholm'): () => number {
  const startMs = /^\d{4}-\d{2}-\d{2}$/.test(start) ? DateTime.fromISO(start, { zone }).startOf('day').toMillis() : Date.parse(start);
  const offset = startMs - Date.now();
  return () => Date.now() + offset;
}
