// Move one or many appointments to another resource at their own times (a sick doctor's
// day to a colleague), all or nothing, in one request.
import { rejected } from '../../../errors/failure.ts';
import { changeRequestSchemas } from '../../../store/outbox/change-requests.ts';
import type { ChangeArg, ChangeKindSpec } from '../change-kind.ts';
import { listed, requireChangeable, requireResource, resourceName, type PlanContext, type PlannedChange } from '../planning.ts';
import { judgeByTargets } from '../reconcile.ts';
import { asLeft, seenFacts, type InverseChange, type UndoPlan, type UndoSource } from '../undo-plan.ts';

export function planMoveToResource(ctx: PlanContext, arg: ChangeArg<'move-to-resource'>): PlannedChange<'move-to-resource'> {
  const records = requireChangeable(ctx, arg.ids);
  requireResource(ctx, arg.resourceId);
  const already = records.filter((record) => record.resourceId === arg.resourceId).map((record) => record.id);
  if (already.length > 0) throw rejected(`Already with ${resourceName(ctx, arg.resourceId)}: ${listed(already)}.`);
  return {
    request: { kind: 'move-to-resource', ids: records.map((r) => r.id), resourceId: arg.resourceId },
    summary: `Move ${records.length === 1 ? records[0]?.id : `${records.length} appointments`} to ${resourceName(ctx, arg.resourceId)}`,
    targets: records.map((base) => ({ appointmentId: base.id, base, expected: { ...base, resourceId: arg.resourceId } })),
  };
}

/** Each appointment back to the resource it came from: one bulk move per resource they came from. */
export function undoMoveToResource(source: UndoSource<'move-to-resource'>): UndoPlan {
  const { still, blocked } = asLeft(source);
  const byResource = new Map<string, typeof still>();
  for (const item of still) {
    const from = item.target.base.resourceId;
    if (from === null) {
      blocked.push({ appointmentId: item.target.appointmentId, why: 'irreversible' });
      continue;
    }
    byResource.set(from, [...(byResource.get(from) ?? []), item]);
  }
  const inverses: InverseChange[] = [...byResource].map(([resourceId, items]) => ({
    kind: 'move-to-resource',
    arg: { ids: items.map((i) => i.target.appointmentId), resourceId, seen: items.map((i) => seenFacts(i.target.expected)) },
    appointmentIds: items.map((i) => i.target.appointmentId),
  }));
  return { inverses, blocked };
}

export const moveToResourceChange: ChangeKindSpec<'move-to-resource'> = {
  kind: 'move-to-resource',
  schema: changeRequestSchemas['move-to-resource'],
  plan: planMoveToResource,
  replay: ({ ids, resourceId }) => ({ ids, resourceId }),
  async send(api, { ids, resourceId }) {
    const [only] = ids;
    if (ids.length === 1 && only !== undefined) return [await api.updateAppointment(only, { resource_id: resourceId })];
    return api.bulkUpdateAppointments({ ids, resource_id: resourceId });
  },
  judge: (remote, _request, targets) => judgeByTargets(remote, targets),
  undo: undoMoveToResource,
};
