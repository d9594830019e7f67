// What became of each appointment of a change this window asked for, for the selection bar:
// done, still pending, refused (with Leyr's reason), or waiting for the patient's code (a
// two-step cancel). Read from the change's status and the appointments as main now shows them.
import type { AppointmentView, ChangeKind, ChangeView } from '../../../preload/contract/index.ts';

/** A change this window asked for, followed until its appointments have their outcome. */
export interface Operation {
  changeId: string;
  kind: ChangeKind;
  appointmentIds: string[];
  /** For a booking: where and for whom, to find Leyr's appointment once it has an id. */
  booking?: { patientId: string; resourceId: string; start: string };
  createdAt: number;
  /** Each appointment's name and time as shown when the change was made ("Sara Gustafsson 13:45–14:15"): kept when it leaves the open day. */
  labels?: Readonly<Record<string, string>>;
}

export type AppointmentOutcome =
  | { id: string; state: 'pending' }
  | { id: string; state: 'done' }
  | { id: string; state: 'refused'; reason: string; instance: string | null }
  | { id: string; state: 'awaiting-code'; appointmentId: string }
  /** Not moved: Leyr refused the bulk move whole because of `because` (the appointments without a free slot). */
  | { id: string; state: 'held-back'; because: string[] };

interface OperationRef {
  changeId: string;
  kind: ChangeView['kind'];
  appointmentIds: readonly string[];
}

export function operationOutcomes(
  operation: OperationRef,
  change: ChangeView | undefined,
  appointments: ReadonlyMap<string, AppointmentView>,
): AppointmentOutcome[] {
  return operation.appointmentIds.map((id): AppointmentOutcome => {
    const view = appointments.get(id);
    const refused = change !== undefined && change.status === 'refused';
    const blockers = (refused ? change.failure?.blockers : undefined) ?? (view?.failed?.changeId === operation.changeId ? view.failed.blockers : undefined);
    if (blockers !== undefined && blockers.length > 0 && !blockers.includes(id)) return { id, state: 'held-back', because: blockers };
    if (view?.failed != null && view.failed.changeId === operation.changeId) {
      return { id, state: 'refused', reason: view.failed.reason, instance: view.failed.leyr?.instance ?? null };
    }
    if (change !== undefined && (change.status === 'refused' || change.status === 'conflict')) {
      return { id, state: 'refused', reason: change.failure?.reason ?? change.status, instance: change.failure?.leyr?.instance ?? null };
    }
    if (operation.kind === 'cancel' && view?.awaitingCancellation === true) return { id, state: 'awaiting-code', appointmentId: id };
    if (change === undefined || change.status === 'pending' || change.status === 'sent') return { id, state: 'pending' };
    if (view !== undefined && view.pending && view.changeId === operation.changeId) return { id, state: 'pending' };
    return { id, state: 'done' };
  });
}

/** Counts per state, for a one-line summary. */
export function summariseOutcomes(outcomes: readonly AppointmentOutcome[]): Record<AppointmentOutcome['state'], number> {
  const counts = { pending: 0, done: 0, refused: 0, 'awaiting-code': 0, 'held-back': 0 };
  for (const outcome of outcomes) counts[outcome.state] += 1;
  return counts;
}
