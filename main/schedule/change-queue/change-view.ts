// A change as the window sees it: its kind, words, state (the store's names are the
// contract's), the days and appointments it touches, and why it failed.
import type { AppointmentFacts, ChangeFailureView, ChangeView } from '../../../preload/contract/index.ts';
import { isChangeKind } from '../../store/outbox/change-requests.ts';
import type { StoredEntry } from '../../store/outbox/entry.ts';
import type { AppointmentRecord } from '../../store/records.ts';
import { failureView } from '../common/appointment-view.ts';
import { datesOf } from '../common/change-dates.ts';

const facts = (r: AppointmentRecord): AppointmentFacts => ({
  id: r.id,
  resourceId: r.resourceId,
  patientId: r.patientId,
  serviceId: r.serviceId,
  start: r.start,
  end: r.end,
  status: r.status,
});

/**
 * Why a change still waits, while it does: the failure its last attempt met (the EHR failed,
 * Leyr asked to wait, the line dropped), kept visible until it goes through, as `waiting`:
 * never worded as a refusal, since it has not been refused.
 */
function waitingReason(entry: StoredEntry): ChangeFailureView | null {
  if ((entry.status !== 'pending' && entry.status !== 'sent') || entry.failure === null) return null;
  return { changeId: entry.changeId, status: 'waiting', reason: entry.failure.reason, code: entry.failure.code, leyr: entry.failure.leyr };
}

/** The change's view; null for an unreadable one of a kind this app does not know (it shows on its appointments). */
export function changeView(entry: StoredEntry): ChangeView | null {
  const kind = entry.request !== null ? entry.request.kind : isChangeKind(entry.storedKind) ? entry.storedKind : null;
  if (kind === null) return null;
  return {
    changeId: entry.changeId,
    kind,
    summary: entry.summary,
    status: entry.status,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    attempts: entry.attempts,
    appointmentIds: entry.targets.map((t) => t.appointmentId),
    dates: datesOf(entry.targets),
    failure: failureView(entry) ?? waitingReason(entry),
    conflict: entry.conflict === null ? null : { local: entry.conflict.local.map(facts), remote: entry.conflict.remote.map(facts) },
  };
}
