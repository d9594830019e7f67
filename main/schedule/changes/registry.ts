// Every kind of change, registered once. Queueing plans through it, the outbox worker sends
// and reconciles through it, a retry replays through it: a lookup by the request's kind,
// never a switch. A new kind is a file in kinds/ and a line here; the types make both
// (and its schema in the store) required.
import type { ChangeKind } from '../../../preload/contract/index.ts';
import type { Appointment, LeyrApi } from '../../leyr/api.ts';
import type { ChangeRequest, ChangeRequestOf } from '../../store/outbox/change-requests.ts';
import type { OutboxTarget } from '../../store/outbox/entry.ts';
import type { ChangeArg, ChangeKindSpec } from './change-kind.ts';
import { bookChange } from './kinds/book.ts';
import { cancelChange } from './kinds/cancel.ts';
import { confirmChange } from './kinds/confirm.ts';
import { moveToResourceChange } from './kinds/move-to-resource.ts';
import { moveChange } from './kinds/move.ts';
import { rescheduleChange } from './kinds/reschedule.ts';
import type { PlanContext, PlannedChange } from './planning.ts';
import { readRemoteDays, type Verdict } from './reconcile.ts';

const REGISTRY: { readonly [K in ChangeKind]: ChangeKindSpec<K> } = {
  move: moveChange,
  cancel: cancelChange,
  'move-to-resource': moveToResourceChange,
  reschedule: rescheduleChange,
  book: bookChange,
  confirm: confirmChange,
};

export const changeKind = <K extends ChangeKind>(kind: K): ChangeKindSpec<K> => REGISTRY[kind];

/** Plans a change of `kind`; what goes to the outbox is checked with the schema it is read back with. */
export function planChange<K extends ChangeKind>(kind: K, ctx: PlanContext, arg: ChangeArg<K>): PlannedChange<K> {
  const spec = changeKind(kind);
  const planned = spec.plan(ctx, arg);
  spec.schema.parse(planned.request);
  return planned;
}

const replay = <K extends ChangeKind>(kind: K, request: ChangeRequestOf<K>, ctx: PlanContext): PlannedChange<K> => planChange(kind, ctx, changeKind(kind).replay(request));
/** The same change planned anew on the local copy as it is now (a retry). */
export const replanChange = (request: ChangeRequest, ctx: PlanContext): PlannedChange => replay(request.kind, request, ctx);

const send = <K extends ChangeKind>(kind: K, api: LeyrApi, request: ChangeRequestOf<K>): Promise<Appointment[]> => changeKind(kind).send(api, request);
/** Sends a change in its one Leyr request; answers the appointments Leyr returned. */
export const sendChange = (api: LeyrApi, request: ChangeRequest): Promise<Appointment[]> => send(request.kind, api, request);

async function reconcile<K extends ChangeKind>(kind: K, api: LeyrApi, request: ChangeRequestOf<K>, targets: readonly OutboxTarget[], zone: string): Promise<Verdict> {
  const spec = changeKind(kind);
  const remote = await readRemoteDays(api, targets, zone, spec.listedPatient?.(request, targets));
  return spec.judge(remote, request, targets);
}
/** Reads Leyr's state to tell whether a change whose answer was lost took effect (reconcile.ts). */
export const reconcileChange = (api: LeyrApi, request: ChangeRequest, targets: readonly OutboxTarget[], zone: string): Promise<Verdict> =>
  reconcile(request.kind, api, request, targets, zone);

/** What Leyr's answer to a change means beyond the server copy: a two-step cancel asked or confirmed. */
export function cancellationEffects(request: ChangeRequest): { asks: boolean; confirmedFor: string | null } {
  const spec = changeKind(request.kind);
  return { asks: spec.asksForCancellation === true, confirmedFor: effectOf(request.kind, request) };
}
const effectOf = <K extends ChangeKind>(kind: K, request: ChangeRequestOf<K>): string | null => changeKind(kind).confirmsCancellationOf?.(request) ?? null;
