// The day view's data, read from the local store alone (never from Leyr): the server copy
// with the pending overlay, patient names, the free slots still free in the local copy,
// the failures not yet dismissed, and how old all of it is.
import { holdsSlot } from '../../preload/contract/appointment-status.ts';
import type { AppointmentView, ChangeFailureView, DaySnapshot, FreeSlot } from '../../preload/contract/index.ts';
import type { DayViewRow } from '../store/day-cache.ts';
import type { OutboxEntry } from '../store/outbox.ts';
import type { LocalStore } from '../store/store.ts';
import { patientName } from './leyr-records.ts';


export function failureView(entry: OutboxEntry): ChangeFailureView | null {
  if ((entry.status !== 'refused' && entry.status !== 'conflict') || entry.failure === null) return null;
  return { changeId: entry.changeId, status: entry.status, reason: entry.failure.reason, code: entry.failure.code, leyr: entry.failure.leyr };
}

export function appointmentView(row: DayViewRow, failures: Map<string, OutboxEntry>, cancellations: Map<string, string>): AppointmentView {
  const failed = failures.get(row.id);
  return {
    id: row.id,
    resourceId: row.resourceId,
    patientId: row.patientId,
    patientName: patientName(row.patientFirstName, row.patientLastName),
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

export interface SnapshotOptions {
  /** A day fetched longer ago than this is stale. */
  staleAfterMs: number;
  now: number;
}

export function buildSnapshot(store: LocalStore, accountId: number, date: string, options: SnapshotOptions): DaySnapshot {
  const account = store.accounts.get(accountId);
  if (account === null) throw new Error(`account ${accountId} is gone`);
  const day = store.days.day(accountId, date);
  const rows = store.days.dayView(accountId, date);
  const failures = store.outbox.failuresByAppointment(accountId);
  const cancellations = store.days.cancellationRequests(accountId);

  // Leyr's free slots predate the pending changes: hide those a pending change now fills.
  const taken = new Map<string, { startMs: number; endMs: number }[]>();
  for (const row of rows) {
    if (!row.pending || row.resourceId === null || !holdsSlot(row.status)) continue;
    const list = taken.get(row.resourceId) ?? [];
    list.push({ startMs: Date.parse(row.start), endMs: Date.parse(row.end) });
    taken.set(row.resourceId, list);
  }
  const freeSlots: FreeSlot[] = [];
  for (const slot of store.days.timeslots(accountId, date)) {
    const blocks = taken.get(slot.resourceId);
    if (blocks !== undefined) {
      const startMs = Date.parse(slot.start);
      const endMs = Date.parse(slot.end);
      if (blocks.some((b) => b.startMs < endMs && b.endMs > startMs)) continue;
    }
    freeSlots.push({ resourceId: slot.resourceId, serviceId: slot.serviceId, start: slot.start, end: slot.end });
  }

  const fetchedAt = day?.fetchedAt ?? null;
  const failedSince = day?.failedAt ?? null;
  const stale =
    fetchedAt === null || (failedSince !== null && failedSince >= fetchedAt) || options.now - Date.parse(fetchedAt) > options.staleAfterMs;
  return {
    date,
    careUnit: { id: account.careUnitId, name: account.careUnitName, timeZone: account.timeZone },
    resources: store.days.resources(accountId),
    services: store.days.services(accountId),
    freeSlots,
    appointments: rows.map((row) => appointmentView(row, failures, cancellations)),
    fetchedAt,
    stale,
    pendingCount: store.outbox.activeCount(accountId),
  };
}
