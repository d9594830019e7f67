// Move one appointment: to another time, another resource, or both.
import { rejected } from '../../../errors/failure.ts';
import { changeRequestSchemas } from '../../../store/outbox/change-requests.ts';
import { sameAppointment, type AppointmentRecord } from '../../../store/records.ts';
import { dateOf } from '../../common/day-time.ts';
import type { ChangeArg, ChangeKindSpec } from '../change-kind.ts';
import { requireOneChangeable, requireResource, resourceName, shownAt, type PlanContext, type PlannedChange } from '../planning.ts';
import { judgeByTargets } from '../reconcile.ts';
import { asLeft, seenFacts, slotTaken, type UndoPlan, type UndoSource } from '../undo-plan.ts';

export function planMove(ctx: PlanContext, arg: ChangeArg<'move'>): PlannedChange<'move'> {
  const base = requireOneChangeable(ctx, arg.appointmentId);
  if (arg.resourceId !== undefined) requireResource(ctx, arg.resourceId);
  const start = arg.start ?? base.start;
  const end = arg.end ?? base.end;
  const expected: AppointmentRecord = { ...base, start, end, resourceId: arg.resourceId ?? base.resourceId, date: dateOf(start, ctx.zone) };
  if (sameAppointment(base, expected)) throw rejected(`Appointment ${base.id} is already there.`);
  return {
    request: {
      kind: 'move',
      appointmentId: base.id,
      ...(arg.start !== undefined && arg.end !== undefined && { start: arg.start, end: arg.end }),
      ...(arg.resourceId !== undefined && { resourceId: arg.resourceId }),
    },
    summary: `Move ${base.id} to ${shownAt(ctx, expected)}, ${resourceName(ctx, expected.resourceId)}`,
    targets: [{ appointmentId: base.id, base, expected }],
  };
}

/** Back where it was, from where the change left it (`seen`): a change made since is a conflict. */
export function undoMove(source: UndoSource<'move'>): UndoPlan {
  const { still, blocked } = asLeft(source);
  const [one] = still;
  if (one === undefined) return { inverses: [], blocked };
  const { base, expected } = one.target;
  if (slotTaken(source, base)) return { inverses: [], blocked: [...blocked, { appointmentId: base.id, why: 'slot-taken' }] };
  const timeMoved = Date.parse(base.start) !== Date.parse(expected.start) || Date.parse(base.end) !== Date.parse(expected.end);
  const resourceMoved = base.resourceId !== expected.resourceId && base.resourceId !== null;
  const arg = { appointmentId: base.id, ...(timeMoved && { start: base.start, end: base.end }), ...(resourceMoved && { resourceId: base.resourceId as string }), seen: [seenFacts(expected)] };
  return { inverses: [{ kind: 'move', arg, appointmentIds: [base.id] }], blocked };
}

export const moveChange: ChangeKindSpec<'move'> = {
  kind: 'move',
  schema: changeRequestSchemas.move,
  plan: planMove,
  replay: ({ appointmentId, start, end, resourceId }) => ({ appointmentId, start, end, resourceId }),
  send: async (api, request) => [
    await api.updateAppointment(request.appointmentId, {
      ...(request.start !== undefined && request.end !== undefined && { start: request.start, end: request.end }),
      ...(request.resourceId !== undefined && { resource_id: request.resourceId }),
    }),
  ],
  judge: (remote, _request, targets) => judgeByTargets(remote, targets),
  undo: undoMove,
};
