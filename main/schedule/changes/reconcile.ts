// Finding out from Leyr's state whether a change whose answer was lost took effect.
//
// Exactly once over non-idempotent POST/PATCH: an entry is marked `sent` durably before its
// request leaves. If the answer is lost (dropped connection, timeout, 5xx, the app killed
// mid-request), the entry stays `sent`. Before it is sent again, the appointments of the
// days it touches are listed and compared with the change's two pictures: the state it was
// made on (base) and the state it should produce (expected).
// - Leyr shows the expected state: it was applied; the listing stands in for the answer.
// - Leyr still shows the base state: it was not applied; it is sent again.
// - Anything else: someone else changed those appointments meanwhile; the change is
//   reported as a conflict with both versions rather than forced through.
// Entries are sent strictly in order, so when an entry is judged every earlier one has
// settled, and "base" is what Leyr holds unless another desk changed it. How each kind is
// judged is registered with the kind (kinds/); most use judgeByTargets.
import type { Appointment, LeyrApi } from '../../leyr/api.ts';
import type { OutboxTarget } from '../../store/outbox/entry.ts';
import { sameAppointment, type AppointmentRecord } from '../../store/records.ts';
import { datesOf } from '../common/change-dates.ts';
import { dayRange } from '../common/day-time.ts';
import { appointmentRecord, cancellationTarget } from '../common/leyr-records.ts';

export type Verdict =
  | { outcome: 'applied'; remote: Appointment[] }
  | { outcome: 'not-applied' }
  | { outcome: 'conflict'; remote: AppointmentRecord[] };

/** Leyr's appointments on the days a change touches (cancellation records left out). */
export interface RemoteDays {
  readonly byId: ReadonlyMap<string, Appointment>;
  /** The record of one of them; null when Leyr does not list it. */
  record(appointmentId: string): AppointmentRecord | null;
}

export type Based = OutboxTarget & { base: AppointmentRecord };
export const basedTargets = (targets: readonly OutboxTarget[]): Based[] => targets.filter((t): t is Based => t.base !== null);

/** Lists the days of `targets` at Leyr, narrowed to one patient when `patientId` is given. */
export async function readRemoteDays(api: LeyrApi, targets: readonly OutboxTarget[], zone: string, patientId: string | undefined): Promise<RemoteDays> {
  const listings = await Promise.all(
    datesOf(targets).map((date) => {
      const range = dayRange(date, zone);
      return api.listAppointments({ start: range.start, end: range.end, ...(patientId !== undefined && { patient_id: patientId }) });
    }),
  );
  const byId = new Map<string, Appointment>();
  for (const appointment of listings.flat()) if (cancellationTarget(appointment) === null) byId.set(appointment.id, appointment);
  return {
    byId,
    record(appointmentId) {
      const appointment = byId.get(appointmentId);
      return appointment === undefined ? null : appointmentRecord(appointment, zone);
    },
  };
}

/** Leyr still holds every touched appointment as the change found it. */
export const stillAsBefore = (remote: RemoteDays, targets: readonly OutboxTarget[]): boolean =>
  basedTargets(targets).every((t) => sameAppointment(remote.record(t.appointmentId), t.base));

/** Someone else changed what the change touches: Leyr's versions of those it still lists. */
export const conflictWith = (remote: RemoteDays, targets: readonly OutboxTarget[]): Verdict => ({
  outcome: 'conflict',
  remote: basedTargets(targets)
    .map((t) => remote.record(t.appointmentId))
    .filter((r): r is AppointmentRecord => r !== null),
});

/** The usual judgement: every touched appointment as expected (applied), as before (not), or neither. */
export function judgeByTargets(remote: RemoteDays, targets: readonly OutboxTarget[]): Verdict {
  const known = basedTargets(targets);
  const asExpected = known.every((t) => t.expected !== null && sameAppointment(remote.record(t.appointmentId), t.expected));
  if (asExpected) return { outcome: 'applied', remote: known.map((t) => remote.byId.get(t.appointmentId)).filter((a): a is Appointment => a !== undefined) };
  if (stillAsBefore(remote, targets)) return { outcome: 'not-applied' };
  return conflictWith(remote, targets);
}
