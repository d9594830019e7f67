// A queued change on the wire: the one Leyr request that carries it (one bulk request for
// a bulk change, never one per appointment), and, when an earlier attempt's outcome is
// unknown, finding out from Leyr's state whether it took effect.
//
// Exactly once over non-idempotent POST/PATCH: an entry is marked "sending" durably before
// its request leaves. If the answer is lost (dropped connection, timeout, 5xx, the app
// killed mid-request), the entry stays "sending". Before it is sent again, the appointments
// of the days it touches are listed and compared with the change's two pictures: the state
// it was made on (base) and the state it should produce (expected).
// - Leyr shows the expected state: it was applied; the listing stands in for the answer.
// - Leyr still shows the base state: it was not applied; it is sent again.
// - Anything else: someone else changed those appointments meanwhile; the change is
//   reported as a conflict with both versions rather than forced through.
// Entries are sent strictly in order, so when an entry is judged every earlier one has
// settled, and "base" is what Leyr holds unless another desk changed it.
import { holdsSlot } from '../../preload/contract/appointment-status.ts';
import type { Appointment, LeyrApi } from '../leyr/api.ts';
import type { OutboxTarget } from '../store/outbox.ts';
import { sameAppointment, type AppointmentRecord } from '../store/records.ts';
import type { ChangeRequest } from './changes.ts';
import { dayRange } from './day-time.ts';
import { appointmentRecord, cancellationTarget } from './leyr-records.ts';

/** Sends a change; answers the appointments Leyr returned. */
export async function sendChange(api: LeyrApi, request: ChangeRequest): Promise<Appointment[]> {
  switch (request.kind) {
    case 'move':
      return [
        await api.updateAppointment(request.appointmentId, {
          ...(request.start !== undefined && request.end !== undefined && { start: request.start, end: request.end }),
          ...(request.resourceId !== undefined && { resource_id: request.resourceId }),
        }),
      ];
    case 'cancel': {
      const [only] = request.ids;
      if (request.ids.length === 1 && only !== undefined) return [await api.cancelAppointment(only, request.reason)];
      return api.cancelAppointments(request.ids, request.reason);
    }
    case 'move-to-resource': {
      const [only] = request.ids;
      if (request.ids.length === 1 && only !== undefined) return [await api.updateAppointment(only, { resource_id: request.resourceId })];
      return api.bulkUpdateAppointments({ ids: request.ids, resource_id: request.resourceId });
    }
    case 'reschedule':
      return api.bulkUpdateAppointments({ ids: request.ids, start: request.start, end: request.end });
    case 'book':
      return api.createAppointment({
        start: request.start,
        end: request.end,
        patient_id: request.patientId,
        resource_id: request.resourceId,
        ...(request.serviceId !== undefined && { healthcare_service_id: request.serviceId }),
        ...(request.comment !== undefined && { comment: request.comment }),
      });
    case 'confirm':
      return [await api.confirmAppointment(request.appointmentId, request.code)];
  }
}

export type Verdict =
  | { outcome: 'applied'; remote: Appointment[] }
  | { outcome: 'not-applied' }
  | { outcome: 'conflict'; remote: AppointmentRecord[] };

const sameInstant = (a: string, b: string): boolean => Date.parse(a) === Date.parse(b);

/** Reads Leyr's state to tell whether a change whose answer was lost took effect. */
export async function reconcileChange(api: LeyrApi, request: ChangeRequest, targets: readonly OutboxTarget[], zone: string): Promise<Verdict> {
  const dates = new Set<string>();
  for (const target of targets) {
    if (target.base !== null) dates.add(target.base.date);
    if (target.expected !== null) dates.add(target.expected.date);
  }
  const patientFilter = request.kind === 'book' ? request.patientId : request.kind === 'reschedule' ? (targets.find((t) => t.base !== null)?.base?.patientId ?? undefined) : undefined;
  const listings = await Promise.all(
    [...dates].sort().map((date) => {
      const range = dayRange(date, zone);
      return api.listAppointments({ start: range.start, end: range.end, ...(patientFilter !== undefined && { patient_id: patientFilter }) });
    }),
  );
  const remote = new Map<string, Appointment>();
  for (const appointment of listings.flat()) if (cancellationTarget(appointment) === null) remote.set(appointment.id, appointment);
  const recordOf = (appointmentId: string): AppointmentRecord | null => {
    const appointment = remote.get(appointmentId);
    return appointment === undefined ? null : appointmentRecord(appointment, zone);
  };

  if (request.kind === 'book') {
    const made = [...remote.values()].find(
      (a) =>
        a.patient_id === request.patientId &&
        a.resource_id === request.resourceId &&
        sameInstant(a.start, request.start) &&
        sameInstant(a.end, request.end) &&
        (request.serviceId === undefined || a.healthcare_service_id === request.serviceId) &&
        holdsSlot(a.status),
    );
    return made === undefined ? { outcome: 'not-applied' } : { outcome: 'applied', remote: [made] };
  }

  const known = targets.filter((t): t is OutboxTarget & { base: AppointmentRecord } => t.base !== null);
  const now = known.map((t) => ({ target: t, remote: recordOf(t.appointmentId) }));
  const stillBase = now.every(({ target, remote: r }) => sameAppointment(r, target.base));

  if (request.kind === 'reschedule') {
    const first = known[0]?.base;
    if (first === undefined) return { outcome: 'not-applied' };
    const startMs = Date.parse(request.start);
    const endMs = Date.parse(request.end);
    const inRange = [...remote.values()]
      .filter((a) => a.patient_id === first.patientId && a.resource_id === first.resourceId && holdsSlot(a.status))
      .filter((a) => Date.parse(a.start) < endMs && Date.parse(a.end) > startMs)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    let cursor = startMs;
    const tiled = inRange.every((a) => {
      const fits = Date.parse(a.start) === cursor;
      cursor = Date.parse(a.end);
      return fits;
    }) && cursor === endMs && inRange.length > 0;
    const inRangeIds = new Set(inRange.map((a) => a.id));
    const originalsSettled = request.ids.every((appointmentId) => inRangeIds.has(appointmentId) || remote.get(appointmentId)?.status === 'cancelled');
    if (tiled && originalsSettled && !stillBase) {
      const touched = [...inRange, ...request.ids.map((appointmentId) => remote.get(appointmentId)).filter((a): a is Appointment => a !== undefined && !inRangeIds.has(a.id))];
      return { outcome: 'applied', remote: touched };
    }
    if (stillBase) return { outcome: 'not-applied' };
    return { outcome: 'conflict', remote: now.map((n) => n.remote).filter((r): r is AppointmentRecord => r !== null) };
  }

  const asExpected = now.every(({ target, remote: r }) => target.expected !== null && sameAppointment(r, target.expected));
  if (asExpected) return { outcome: 'applied', remote: now.map(({ target }) => remote.get(target.appointmentId)).filter((a): a is Appointment => a !== undefined) };
  if (stillBase) return { outcome: 'not-applied' };
  return { outcome: 'conflict', remote: now.map((n) => n.remote).filter((r): r is AppointmentRecord => r !== null) };
}

/** The days a change touches (for refreshing them and for its view). */
export function datesOf(targets: readonly OutboxTarget[]): string[] {
  const dates = new Set<string>();
  for (const target of targets) {
    if (target.base !== null) dates.add(target.base.date);
    if (target.expected !== null) dates.add(target.expected.date);
  }
  return [...dates].sort();
}

