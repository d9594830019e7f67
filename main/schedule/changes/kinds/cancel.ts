// Cancel one or many appointments with one reason, in one request. A two-step EHR answers
// with new records, one per appointment, that wait for the patient's code: paired with the
// appointments by the request (answer-reading.ts), confirmed with the code (confirm.ts).
import { rejected } from '../../../errors/failure.ts';
import { changeRequestSchemas } from '../../../store/outbox/change-requests.ts';
import type { AppointmentRecord } from '../../../store/records.ts';
import { pairCancelAnswer, resolveCancelAnswer } from '../answer-reading.ts';
import type { ChangeArg, ChangeKindSpec } from '../change-kind.ts';
import { listed, requireChangeable, shownAt, type PlanContext, type PlannedChange } from '../planning.ts';
import { judgeByTargets } from '../reconcile.ts';
import { slotTaken, type InverseChange, type UndoPlan, type UndoSource } from '../undo-plan.ts';
import { holdsSlot } from '../../../../preload/contract/appointment-status.ts';

export function planCancel(ctx: PlanContext, arg: ChangeArg<'cancel'>): PlannedChange<'cancel'> {
  const records = requireChangeable(ctx, arg.ids);
  const waiting = ctx.cancellationRequests();
  const alreadyAsked = records.filter((record) => waiting.has(record.id)).map((record) => record.id);
  if (alreadyAsked.length > 0) throw rejected(`A cancel of ${listed(alreadyAsked)} already waits for the patient's code.`);
  const [first] = records as [AppointmentRecord];
  return {
    request: { kind: 'cancel', ids: records.map((r) => r.id), reason: arg.reason },
    summary: records.length === 1 ? `Cancel ${first.id} at ${shownAt(ctx, first)}` : `Cancel ${records.length} appointments`,
    targets: records.map((base) => ({ appointmentId: base.id, base, expected: { ...base, status: 'cancelled', comment: arg.reason } })),
  };
}

/**
 * Each cancelled appointment booked again: the same patient, service, resource and time, its
 * comment as it was, when the time is still free (Leyr has the last word). Leyr gives it a new
 * id; an EHR that confirms bookings by code answers it awaiting confirmation. A two-step cancel
 * still waiting for the patient's code cancelled nothing yet: it is said, not rebooked.
 */
export function undoCancel(source: UndoSource<'cancel'>): UndoPlan {
  const based = source.targets.filter((t): t is typeof t & { base: AppointmentRecord } => t.base !== null);
  const local = source.local(based.map((t) => t.appointmentId));
  const inverses: InverseChange[] = [];
  const blocked: UndoPlan['blocked'] = [];
  for (const { appointmentId, base } of based) {
    const now = local.get(appointmentId);
    if (now === undefined) blocked.push({ appointmentId, why: 'not-here' });
    else if (holdsSlot(now.status) && source.awaitingCancellation(appointmentId)) blocked.push({ appointmentId, why: 'awaiting-code' });
    else if (now.status !== 'cancelled') blocked.push({ appointmentId, why: 'changed-since' });
    else if (base.patientId === null || base.resourceId === null) blocked.push({ appointmentId, why: 'irreversible' });
    else if (slotTaken(source, base)) blocked.push({ appointmentId, why: 'slot-taken' });
    else
      inverses.push({
        kind: 'book',
        arg: {
          patientId: base.patientId,
          resourceId: base.resourceId,
          start: base.start,
          end: base.end,
          ...(base.serviceId !== null && { serviceId: base.serviceId }),
          ...(base.comment !== null && base.comment !== '' && { comment: base.comment }),
        },
        appointmentIds: [appointmentId],
      });
  }
  return { inverses, blocked };
}

export const cancelChange: ChangeKindSpec<'cancel'> = {
  kind: 'cancel',
  schema: changeRequestSchemas.cancel,
  plan: planCancel,
  replay: ({ ids, reason }) => ({ ids, reason }),
  async send(api, { ids, reason }) {
    const [only] = ids;
    if (ids.length === 1 && only !== undefined) return [await api.cancelAppointment(only, reason)];
    return api.cancelAppointments(ids, reason);
  },
  judge: (remote, _request, targets) => judgeByTargets(remote, targets),
  readAnswer: ({ ids }, answer) => pairCancelAnswer(ids, answer),
  resolveAnswer: ({ ids }, answer, listed) => resolveCancelAnswer(ids, answer, listed),
  undo: undoCancel,
};
