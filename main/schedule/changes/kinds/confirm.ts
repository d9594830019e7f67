// Confirm with the patient's code: a booking that waits for it, or a two-step cancel (asked
// for by the appointment's id or by the id of Leyr's cancellation record).
import { rejected } from '../../../errors/failure.ts';
import { changeRequestSchemas } from '../../../store/outbox/change-requests.ts';
import { plainReading } from '../answer-reading.ts';
import type { ChangeArg, ChangeKindSpec } from '../change-kind.ts';
import { requireOneChangeable, shownAt, type PlanContext, type PlannedChange } from '../planning.ts';
import { judgeByTargets } from '../reconcile.ts';
import { nothingToUndo } from '../undo-plan.ts';

/** The waiting two-step cancel `id` names (as the appointment or as Leyr's record), if any. */
function waitingCancel(ctx: PlanContext, id: string): { shownId: string; recordId: string } | null {
  const waiting = ctx.cancellationRequests();
  const recordId = waiting.get(id);
  if (recordId !== undefined) return { shownId: id, recordId };
  let found: { shownId: string; recordId: string } | null = null;
  for (const [shownId, record] of waiting) if (record === id) found = { shownId, recordId: record };
  return found;
}

export function planConfirm(ctx: PlanContext, arg: ChangeArg<'confirm'>): PlannedChange<'confirm'> {
  const cancel = waitingCancel(ctx, arg.appointmentId);
  if (cancel !== null) {
    const base = requireOneChangeable(ctx, cancel.shownId);
    return {
      request: { kind: 'confirm', appointmentId: cancel.recordId, shownId: cancel.shownId, purpose: 'cancellation', code: arg.code },
      summary: `Confirm the cancel of ${cancel.shownId} at ${shownAt(ctx, base)}`,
      targets: [{ appointmentId: cancel.shownId, base, expected: { ...base, status: 'cancelled' } }],
    };
  }
  const base = requireOneChangeable(ctx, arg.appointmentId);
  if (base.status !== 'awaiting_confirmation') throw rejected(`Appointment ${base.id} does not wait for a code.`);
  return {
    request: { kind: 'confirm', appointmentId: base.id, shownId: base.id, purpose: 'booking', code: arg.code },
    summary: `Confirm the booking ${base.id} at ${shownAt(ctx, base)}`,
    targets: [{ appointmentId: base.id, base, expected: { ...base, status: 'booked' } }],
  };
}

export const confirmChange: ChangeKindSpec<'confirm'> = {
  kind: 'confirm',
  schema: changeRequestSchemas.confirm,
  plan: planConfirm,
  // Planned anew from the appointment shown: a cancel's record may have been asked for again since.
  replay: ({ shownId, code }) => ({ appointmentId: shownId, code }),
  send: async (api, { appointmentId, code }) => [await api.confirmAppointment(appointmentId, code)],
  judge: (remote, _request, targets) => judgeByTargets(remote, targets),
  // A confirmed cancel may be answered by the record (closed) rather than the appointment:
  // the record is no appointment, and the appointment is cancelled as the change expected.
  readAnswer: (request, answer) =>
    request.purpose === 'cancellation' ? { appointments: answer.filter((a) => a.id !== request.appointmentId), asked: new Map(), records: [request.appointmentId], unresolved: [] } : plainReading(answer),
  confirmsCancellationOf: (request) => (request.purpose === 'cancellation' ? request.shownId : null),
  // The patient's code is spent: a confirmed booking or cancel is not taken back by the app.
  undo: ({ request }) => nothingToUndo('irreversible', request.shownId),
};
