// An appointment as the day view shows it: the local copy, the patient's name, whether a
// change is pending, a two-step cancel waits for a code, or the newest change to it failed.
import type { AppointmentView, ChangeFailureView } from '../../../preload/contract/index.ts';
import type { DayViewRow } from '../../store/days/local-view.ts';
import type { OutboxRecord } from '../../store/outbox/entry.ts';
import type { LocalStore } from '../../store/store.ts';
import { patientName } from './leyr-records.ts';

export function failureView(entry: OutboxRecord): ChangeFailureView | null {
  if ((entry.status !== 'refused' && entry.status !== 'conflict') || entry.failure === null) return null;
  return {
    changeId: entry.changeId,
    status: entry.status,
    reason: entry.failure.reason,
    code: entry.failure.code,
    leyr: entry.failure.leyr,
    ...(entry.failure.blockers !== undefined && { blockers: entry.failure.blockers }),
  };
}

export function appointmentView(row: DayViewRow, failures: ReadonlyMap<string, OutboxRecord>, cancellations: ReadonlyMap<string, string>): AppointmentView {
  const failed = failures.get(row.id);
  return {
    id: row.id,
    resourceId: row.resourceId,
    patientId: row.patientId,
    patientName: patientName(row.patientFirstName, row.patientLastName),
    nameComing: row.patientId !== null && !row.patientAnswered,
    serviceId: row.serviceId,
    start: row.start,
    end: row.end,
    status: row.status,
    comment: row.comment,
    pending: row.pending,
    changeId: row.changeId,
    awaitingCancellation: cancellations.has(row.id),
    failed: failed === undefined ? null : failureView(failed),
  };
}

/** These appointments as the day view shows them now (unknown ids are left out). */
export function appointmentViews(store: LocalStore, accountId: number, ids: readonly string[]): AppointmentView[] {
  const local = store.days.localAppointments(accountId, ids);
  const failures = store.outbox.failuresByAppointment(accountId);
  const cancellations = store.days.cancellationRequests(accountId);
  const patientIds = [...local.values()].map((found) => found.record.patientId).filter((id): id is string => id !== null);
  const answered = store.patients.answered(accountId, patientIds);
  return ids.flatMap((id) => {
    const found = local.get(id);
    if (found === undefined) return [];
    const patient = found.record.patientId === null ? null : store.patients.get(accountId, found.record.patientId);
    const row: DayViewRow = { ...found.record, pending: found.pending, changeId: found.changeId, patientFirstName: patient?.firstName ?? null, patientLastName: patient?.lastName ?? null,
      patientAnswered: found.record.patientId !== null && answered.has(found.record.patientId),
    };
    return [appointmentView(row, failures, cancellations)];
  });
}
