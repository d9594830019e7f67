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
import { appointmentRecord, completeFrom } from '../common/leyr-records.ts';
import { lacksResource, placeByResource } from '../common/resource-placement.ts';

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

/** Leyr's appointments of the days of `targets` by id, as listed (two-step cancel records included), narrowed to one patient when `patientId` is given. */
export async function listRemote(api: LeyrApi, targets: readonly OutboxTarget[], zone: string, patientId: string | undefined): Promise<Map<string, Appointment>> {
  // Where Leyr leaves the resource out, the resources the change knows are listed too.
  const resources = targets.flatMap((t) => [t.base?.resourceId, t.expected?.resourceId]).filter((id): id is string => typeof id === 'string');
  const listings = await Promise.all(
    datesOf(targets).map(async (date) => {
      const range = dayRange(date, zone);
      const filter = patientId !== undefined ? { patient_id: patientId } : {};
      const listed = await api.listAppointments({ start: range.start, end: range.end, ...filter });
      return lacksResource(listed) ? (await placeByResource(api, range, listed, resources, filter)).appointments : listed;
    }),
  );
  const byId = new Map<string, Appointment>();
  for (const appointment of listings.flat()) byId.set(appointment.id, appointment);
  return byId;
}

/**
 * Lists the days of `targets` at Leyr, narrowed to one patient when `patientId` is given.
 * `records` (two-step cancel records, which Leyr lists beside the appointments) are left out.
 * Leyr may leave out fields it does not document (docs/leyr-api.md): an appointment listed
 * without its resource is placed by listing per resource (resource-placement.ts); one without
 * its patient or service keeps the one the change knew it by.
 */
export async function readRemoteDays(api: LeyrApi, targets: readonly OutboxTarget[], zone: string, patientId: string | undefined, records: ReadonlySet<string> = new Set()): Promise<RemoteDays> {
  const listed = await listRemote(api, targets, zone, patientId);
  const known = new Map(targets.map((t) => [t.appointmentId, t.base ?? t.expected]));
  const byId = new Map<string, Appointment>();
  for (const [id, appointment] of listed) if (!records.has(id)) byId.set(id, completeFrom(appointment, known.get(id) ?? null));
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
