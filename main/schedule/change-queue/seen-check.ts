// The first half of "never silently overwrite another desk's change": a change is checked,
// before it is queued, against what the receptionist saw (preload/contract/seen.ts). Main's
// local copy is what Leyr last said plus our own pending changes; when it differs from what
// the screen showed, the screen was out of date (another desk's change arrived with a
// refresh, or the window had not drawn the newest copy yet) and the receptionist acted on a
// version that no longer exists. Nothing is queued; the window is told how each differs, and
// draws the day as it is now.
//
// The second half, after Leyr accepted a change, is in the day feed (day-feed/landed-check.ts).
import type { AppError, AppointmentPlace, ChangedSinceSeen, SeenAppointment } from '../../../preload/contract/index.ts';
import { sameAsSeen } from '../../../preload/contract/seen.ts';
import { Failure } from '../../errors/failure.ts';
import type { AppointmentRecord } from '../../store/records.ts';

/** The change was made on a screen that no longer showed the appointments as they are. */
export class ChangedSinceSeenFailure extends Failure {
  override name = 'ChangedSinceSeenFailure';
  readonly changed: ChangedSinceSeen[];

  constructor(changed: ChangedSinceSeen[]) {
    const n = changed.length;
    super(
      `Nothing was sent: ${n === 1 ? 'the appointment was' : `${n} of the appointments were`} changed since your screen showed ${n === 1 ? 'it' : 'them'} (at another desk, or by Leyr). The day now shows ${n === 1 ? 'it' : 'them'} as ${n === 1 ? 'it is' : 'they are'}.`,
    );
    this.changed = changed;
  }

  override toAppError(): AppError {
    return { code: 'CONFLICT', message: this.message, changed: this.changed };
  }
}

const placeOf = (record: AppointmentRecord): AppointmentPlace => ({ start: record.start, end: record.end, resourceId: record.resourceId, status: record.status });

/** The `seen` of a change's argument; kinds that create appointments have none. */
export const seenOf = (arg: object): readonly SeenAppointment[] => ('seen' in arg && Array.isArray(arg.seen) ? (arg.seen as SeenAppointment[]) : []);

/**
 * Throws ChangedSinceSeenFailure when any appointment the screen showed differs from the
 * local copy (`local`: the local copies of the seen ids; a missing one is gone).
 */
export function checkSeen(seen: readonly SeenAppointment[], local: ReadonlyMap<string, { record: AppointmentRecord }>): void {
  const changed: ChangedSinceSeen[] = [];
  for (const shown of seen) {
    const { id, ...place } = shown;
    const now = local.get(id)?.record;
    if (now !== undefined && sameAsSeen(place, placeOf(now))) continue;
    changed.push({ id, seen: place, now: now === undefined ? null : placeOf(now) });
  }
  if (changed.length > 0) throw new ChangedSinceSeenFailure(changed);
}
