// Every kind of change, registered once. Queueing plans through it, the outbox worker sends
// and reconciles through it, a retry replays through it: a lookup by the request's kind,
// never a switch. A new kind is a file in kinds/ and a line here; the types make both
// (and its schema in the store) required.
import type { ChangeKind } from '../../../preload/contract/index.ts';
import type { Appointment, LeyrApi } from '../../leyr/api.ts';
import type { ChangeRequest, ChangeRequestOf } from '../../store/outbox/change-requests.ts';
import type { OutboxTarget } from '../../store/outbox/entry.ts';
import { plainReading, type AnswerReading } from './answer-reading.ts';
import type { ChangeArg, ChangeKindSpec } from './change-kind.ts';
import { bookChange } from './kinds/book.ts';
import { cancelChange } from './kinds/cancel.ts';
import { commentChange } from './kinds/comment.ts';
import { confirmChange } from './kinds/confirm.ts';
import { moveToResourceChange } from './kinds/move-to-resource.ts';
import { moveChange } from './kinds/move.ts';
import { rescheduleChange } from './kinds/reschedule.ts';
import type { PlanContext, PlannedChange } from './planning.ts';
import { listRemote, readRemoteDays, type Verdict } from './reconcile.ts';

const REGISTRY: { readonly [K in ChangeKind]: ChangeKindSpec<K> } = {
  move: moveChange,
  cancel: cancelChange,
  'move-to-resource': moveToResourceChange,
  reschedule: rescheduleChange,
  book: bookChange,
  confirm: confirmChange,
  comment: commentChange,
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

async function reconcile<K extends ChangeKind>(kind: K, api: LeyrApi, request: ChangeRequestOf<K>, targets: readonly OutboxTarget[], zone: string, records: ReadonlySet<string>): Promise<Verdict> {
  const spec = changeKind(kind);
  const remote = await readRemoteDays(api, targets, zone, spec.listedPatient?.(request, targets), records);
  return spec.judge(remote, request, targets);
}
/**
 * Reads Leyr's state to tell whether a change whose answer was lost took effect (reconcile.ts).
 * `records`: two-step cancel records, which Leyr lists beside the appointments and are none.
 */
export const reconcileChange = (api: LeyrApi, request: ChangeRequest, targets: readonly OutboxTarget[], zone: string, records: ReadonlySet<string> = new Set()): Promise<Verdict> =>
  reconcile(request.kind, api, request, targets, zone, records);

async function readAnswerOf<K extends ChangeKind>(kind: K, api: LeyrApi, request: ChangeRequestOf<K>, targets: readonly OutboxTarget[], answer: readonly Appointment[], zone: string): Promise<AnswerReading> {
  const spec = changeKind(kind);
  if (spec.readAnswer === undefined) return plainReading(answer);
  const reading = spec.readAnswer(request, answer);
  if (reading !== null || spec.resolveAnswer === undefined) return reading ?? plainReading(answer);
  // Ambiguous: Leyr's state of the change's days, records included, settles it.
  const listed = await listRemote(api, targets, zone, spec.listedPatient?.(request, targets));
  return spec.resolveAnswer(request, answer, listed);
}
/**
 * What Leyr's answer to a change says, read with its request (answer-reading.ts): a two-step
 * cancel's records paired with the appointments sent, or, when the answer is ambiguous, with
 * Leyr's state read (then it may reject with the read's LeyrError).
 */
export const readChangeAnswer = (api: LeyrApi, request: ChangeRequest, targets: readonly OutboxTarget[], answer: readonly Appointment[], zone: string): Promise<AnswerReading> =>
  readAnswerOf(request.kind, api, request, targets, answer, zone);

/** The appointment whose waiting two-step cancel this change confirms, if it does. */
export function confirmedCancellationOf(request: ChangeRequest): string | null {
  return effectOf(request.kind, request);
}
const effectOf = <K extends ChangeKind>(kind: K, request: ChangeRequestOf<K>): string | null => changeKind(kind).confirmsCancellationOf?.(request) ?? null;
