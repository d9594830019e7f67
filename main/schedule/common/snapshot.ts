// The day view's data, read from the local store alone (never from Leyr): the server copy
// with the pending overlay, patient names, the free slots still free in the local copy,
// the failures not yet dismissed, how old all of it is, and how many of Leyr's items of the
// day could not be read.
import { holdsSlot } from '../../../preload/contract/appointment-status.ts';
import type { ChangedElsewhere, DaySnapshot, FreeSlot } from '../../../preload/contract/index.ts';
import { StoreError } from '../../store/database.ts';
import type { LocalStore } from '../../store/store.ts';
import { appointmentView } from './appointment-view.ts';

export interface SnapshotOptions {
  /** A day fetched longer ago than this is stale. */
  staleAfterMs: number;
  now: number;
  /** Appointments of the day another desk changed a moment ago. */
  changedElsewhere?: readonly ChangedElsewhere[];
  /**
   * Only these resources' appointments and free time (the week view's columns): a big
   * clinic's day is 1,400 appointments, of which one resource has twenty, and reading and
   * viewing each is most of a snapshot's cost. Every resource's when absent.
   */
  resourceIds?: readonly string[];
}

export function buildSnapshot(store: LocalStore, accountId: number, date: string, options: SnapshotOptions): DaySnapshot {
  const account = store.accounts.get(accountId);
  if (account === null) throw new StoreError(`The local store has no account ${accountId} any more.`);
  const day = store.days.day(accountId, date);
  const rows = store.days.dayView(accountId, date, options.resourceIds);
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
  for (const slot of store.days.timeslots(accountId, date, options.resourceIds)) {
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
    // Items of the day Leyr sent that could not be read (skipped): the screen says how many.
    unreadable: day?.unreadable ?? 0,
    changedElsewhere: [...(options.changedElsewhere ?? [])],
    lastFetchFailed: failedSince !== null && (fetchedAt === null || failedSince >= fetchedAt),
  };
}
