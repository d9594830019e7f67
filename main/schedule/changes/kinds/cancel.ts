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
};
