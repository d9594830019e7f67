// What the receptionist saw: every change to an existing appointment carries the appointment
// as the window showed it when the receptionist acted (time, column, status). Main compares
// it with its own copy before the change is queued; when they differ (a refresh or another
// desk changed it since the screen was drawn) the change is refused as a conflict, never
// applied over a version nobody looked at. Leyr has no conditional update, so this is the
// part of "no silent overwrite" that the app can decide alone (docs/architecture.md).
//
// The facts themselves rather than an opaque version number: the window has them already,
// they say what differed, and both sides read instants the same way (two spellings of one
// instant, +01:00 or Z, are the same time). The argument's schema is schedule.ts: seenArg.

import type { AppointmentPlace } from './results.ts';

/** True when `facts` is the appointment the screen showed: same instants, column and status. */
export function sameAsSeen(seen: AppointmentPlace, facts: AppointmentPlace): boolean {
  return (
    Date.parse(seen.start) === Date.parse(facts.start) &&
    Date.parse(seen.end) === Date.parse(facts.end) &&
    seen.resourceId === facts.resourceId &&
    seen.status === facts.status
  );
}
