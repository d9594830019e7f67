// Undo: a change this window made, taken back. Main decides how, per change: one not yet
// sent is taken back out of the outbox (withdrawn); one sent is undone by its inverse change
// (a rule of its kind), queued through the same path and checks as any change; what cannot be
// undone is said per appointment. Redo is the undo of an undo (or, after a withdrawal, the
// same change made again). The stack of steps lives in the window (renderer), for the session.
import { z } from 'zod';
import type { AppError } from './results.ts';
import { commentArg, idArg, type AppointmentView, type ChangeKind } from './schedule.ts';

export const undoChangesArg = z.strictObject({
  /** The changes of one step (one call of the window: a move, a bulk cancel, …). */
  changeIds: z.array(idArg).min(1, 'must name a change').max(50, 'may name at most 50 changes'),
  /** The reason an inverse cancel sends to the EHR (an undone booking), in the receptionist's words. */
  reason: commentArg.pipe(z.string().min(1, 'must not be empty')).optional(),
});

/**
 * Why (part of) a change cannot be undone:
 * - `not-done`: Leyr never made it (refused, in conflict): nothing to take back;
 * - `changed-since`: the appointment is no longer as the change left it (another desk, a later change);
 * - `slot-taken`: a cancelled appointment's time is no longer free;
 * - `in-flight`: it is being sent right now and what Leyr made of it is not known yet;
 * - `awaiting-code`: a two-step cancel waits for the patient's code: nothing is cancelled yet;
 * - `not-here`: the appointment is not on this computer any more;
 * - `irreversible`: this kind cannot be taken back (a confirmation with the patient's code,
 *   a continuous reschedule Leyr's answer cannot be reversed from);
 * - `refused`: the inverse change was refused before it was queued (`error` says why: a time
 *   that has passed, …).
 */
export type UndoBlock = 'not-done' | 'changed-since' | 'slot-taken' | 'in-flight' | 'awaiting-code' | 'not-here' | 'irreversible' | 'refused';

export interface UndoBlocked {
  changeId: string;
  /** Null when the change is no longer known on this computer. */
  kind: ChangeKind | null;
  /** The appointment concerned; null when the whole change is. */
  appointmentId: string | null;
  why: UndoBlock;
  /** With `refused`: the refusal. */
  error?: AppError;
}

/** One inverse change queued: which kind, and the appointments it brings back. */
export interface UndoInverse {
  changeId: string;
  kind: ChangeKind;
  /** The change it undoes. */
  undoes: string;
  /** The appointments of the undone change it brings back (a rebooking has a new id of its own). */
  appointmentIds: string[];
}

export interface UndoReceipt {
  /** Changes taken back out of the outbox before they left: as if never made. */
  withdrawn: string[];
  /** Inverse changes queued (sent by the outbox like any change; their fate comes as `change.status`). */
  inverses: UndoInverse[];
  blocked: UndoBlocked[];
  /** The appointments concerned as now shown (the optimistic copy included). */
  appointments: AppointmentView[];
}
