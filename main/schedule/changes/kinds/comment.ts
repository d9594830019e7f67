// Edit a booked appointment's comment: Leyr's PATCH with `{comment}` only (docs/leyr-api.md,
// "Changing an appointment"). The EHR keeps one comment per appointment, so the change is
// the whole new text; what it replaces stays in the request (`previous`), where an inverse
// (undo) can find it.
import { rejected } from '../../../errors/failure.ts';
import { changeRequestSchemas } from '../../../store/outbox/change-requests.ts';
import { sameAppointment } from '../../../store/records.ts';
import type { ChangeArg, ChangeKindSpec } from '../change-kind.ts';
import { requireOneChangeable, shownAt, type PlanContext, type PlannedChange } from '../planning.ts';
import { conflictWith, type RemoteDays, type Verdict } from '../reconcile.ts';
import type { OutboxTarget } from '../../../store/outbox/entry.ts';
import { asLeft, seenFacts, type UndoPlan, type UndoSource } from '../undo-plan.ts';

/** No comment and an empty one are the same to the receptionist (and to the EHR's screen). */
const textOf = (comment: string | null | undefined): string => comment ?? '';

export function planComment(ctx: PlanContext, arg: ChangeArg<'comment'>): PlannedChange<'comment'> {
  const base = requireOneChangeable(ctx, arg.appointmentId);
  const comment = arg.comment.trim();
  if (textOf(base.comment) === comment) throw rejected(`Appointment ${base.id} already has this comment.`);
  return {
    request: { kind: 'comment', appointmentId: base.id, comment, previous: base.comment },
    // No comment text here: summaries reach the audit log, and a comment may name the patient's ailment.
    summary: `Edit the comment of ${base.id} at ${shownAt(ctx, base)}`,
    targets: [{ appointmentId: base.id, base, expected: { ...base, comment: comment === '' ? null : comment } }],
  };
}

/**
 * Whether a comment whose answer was lost reached Leyr. sameAppointment leaves comments out
 * (an EHR may rewrite them), so the comment is compared here: Leyr's copy otherwise as the
 * change found it, with the new text (applied) or still without it (not applied, sent again:
 * setting a comment twice is harmless). Anything else moved under it: a conflict.
 */
function judgeComment(remote: RemoteDays, request: { appointmentId: string; comment: string }, targets: readonly OutboxTarget[]): Verdict {
  const target = targets.find((t) => t.appointmentId === request.appointmentId);
  const now = remote.record(request.appointmentId);
  const appointment = remote.byId.get(request.appointmentId);
  if (target?.base == null || now === null || appointment === undefined || !sameAppointment(now, target.base)) return conflictWith(remote, targets);
  return textOf(now.comment) === request.comment ? { outcome: 'applied', remote: [appointment] } : { outcome: 'not-applied' };
}

/**
 * The comment it replaced, put back: only while the appointment still has the comment this
 * change wrote (another desk's newer comment is never overwritten) and is where it was left.
 */
export function undoComment(source: UndoSource<'comment'>): UndoPlan {
  const { still, blocked } = asLeft(source);
  const [one] = still;
  if (one === undefined) return { inverses: [], blocked };
  if (textOf(one.now.comment) !== source.request.comment) return { inverses: [], blocked: [...blocked, { appointmentId: one.now.id, why: 'changed-since' }] };
  const arg = { appointmentId: one.now.id, comment: textOf(source.request.previous), seen: [seenFacts(one.target.expected)] };
  return { inverses: [{ kind: 'comment', arg, appointmentIds: [one.now.id] }], blocked };
}

export const commentChange: ChangeKindSpec<'comment'> = {
  kind: 'comment',
  schema: changeRequestSchemas.comment,
  plan: planComment,
  replay: ({ appointmentId, comment }) => ({ appointmentId, comment }),
  send: async (api, { appointmentId, comment }) => [await api.updateAppointment(appointmentId, { comment })],
  judge: judgeComment,
  undo: undoComment,
};
