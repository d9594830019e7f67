// How an outbox entry moves: queued with its targets and overlay in one transaction, marked
// in flight before its request leaves, deferred after a failed attempt, settled, rebased on
// what Leyr really did, dismissed, and finally forgotten.
import type { Database } from '../database.ts';
import { appointmentRecordSchema, integer, jsonOrNull, sameAppointment, text, type AppointmentRecord } from '../records.ts';
import type { ActiveStatus, ChangeFailure, NewOutboxEntry, Settlement } from './entry.ts';
import type { Overlay } from './overlay.ts';

export interface OutboxWrites {
  /** Queues a change: the entry, its targets and its overlay, together or not at all. */
  enqueue(accountId: number, entry: NewOutboxEntry): number;
  /** Durably marks an entry in flight (`sent`), before its request leaves; false when it is no longer to be sent (withdrawn). */
  markSent(seq: number, at: string): boolean;
  /**
   * After a failed attempt: try again at `nextAttemptAt`. `sent` when the outcome is unknown
   * (it may have reached Leyr), `pending` when it certainly did not.
   */
  deferRetry(seq: number, nextAttemptAt: number, failure: ChangeFailure, at: string, status: ActiveStatus): void;
  /** Ends an entry and lays the overlay of its targets anew (a refused change reverts). */
  settle(seq: number, settlement: Settlement, at: string): void;
  /**
   * An entry touching `appointmentId` was applied and Leyr left it as `actual`, not quite as
   * the entry expected (`expected`). The next active entry of that appointment, if it was made
   * on top of that expectation, is now based on `actual`: what Leyr really holds once every
   * earlier change has settled. Answers whether a base was rewritten.
   */
  rebaseNext(accountId: number, seq: number, appointmentId: string, expected: AppointmentRecord, actual: AppointmentRecord): boolean;
  dismiss(changeId: string, at: string): boolean;
  /**
   * Takes a change not yet sent back out of the outbox (an undo), with its targets, and lays
   * its appointments' overlay anew. Only a `pending` one: once marked `sent` it may be on its
   * way, and the worker marks it so in the same tick its request leaves (outbox-step.ts). Answers
   * the entry's appointment ids, or null when it was not pending (sent, settled, unknown).
   */
  withdraw(accountId: number, changeId: string): string[] | null;
  /** Forgets applied and dismissed entries last touched before `before`. */
  purgeSettled(before: string): number;
}

const recordOrNull = appointmentRecordSchema.nullable();

export function createOutboxWrites({ db, transaction }: Database, overlay: Overlay): OutboxWrites {
  const insertEntry = db.prepare(`
    INSERT INTO outbox (account_id, change_id, kind, request, summary, status, created_at, updated_at, actor)
    VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`);
  const insertTarget = db.prepare('INSERT INTO outbox_targets (seq, account_id, appointment_id, position, base, expected) VALUES (?, ?, ?, ?, ?, ?)');
  const selectTargetIds = db.prepare('SELECT appointment_id FROM outbox_targets WHERE seq = ? ORDER BY position');
  const selectOwner = db.prepare('SELECT account_id FROM outbox WHERE seq = ?');
  const updateSent = db.prepare("UPDATE outbox SET status = 'sent', attempts = attempts + 1, updated_at = ? WHERE seq = ? AND status IN ('pending', 'sent')");
  const updateRetry = db.prepare("UPDATE outbox SET status = ?, next_attempt_at = ?, failure = ?, updated_at = ? WHERE seq = ? AND status IN ('pending', 'sent')");
  const updateSettle = db.prepare('UPDATE outbox SET status = ?, failure = ?, conflict = ?, updated_at = ? WHERE seq = ?');
  const selectNextActiveTarget = db.prepare(`
    SELECT t.seq, t.base FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
     WHERE t.account_id = ? AND t.appointment_id = ? AND t.seq > ? AND o.status IN ('pending', 'sent') AND o.held_from IS NULL
     ORDER BY t.seq LIMIT 1`);
  const updateTargetBase = db.prepare('UPDATE outbox_targets SET base = ? WHERE seq = ? AND appointment_id = ?');
  const updateDismiss = db.prepare("UPDATE outbox SET dismissed = 1, updated_at = ? WHERE change_id = ? AND status IN ('refused', 'conflict', 'applied') AND dismissed = 0");
  const selectPendingSeq = db.prepare("SELECT seq FROM outbox WHERE account_id = ? AND change_id = ? AND status = 'pending' AND held_from IS NULL");
  const deleteTargets = db.prepare('DELETE FROM outbox_targets WHERE seq = ?');
  const deleteEntry = db.prepare("DELETE FROM outbox WHERE seq = ? AND status = 'pending'");
  const deleteSettled = db.prepare("DELETE FROM outbox WHERE (status = 'applied' OR dismissed = 1) AND updated_at < ?");

  const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

  return {
    enqueue(accountId, entry) {
      return transaction(() => {
        const { request } = entry;
        const seq = Number(insertEntry.run(accountId, entry.changeId, request.kind, JSON.stringify(request), entry.summary, entry.createdAt, entry.createdAt, entry.actor).lastInsertRowid);
        for (const [position, target] of entry.targets.entries()) {
          insertTarget.run(seq, accountId, target.appointmentId, position, json(target.base), json(target.expected));
        }
        overlay.rebuild(accountId, entry.targets.map((t) => t.appointmentId));
        return seq;
      });
    },
    markSent(seq, at) {
      return transaction(() => Number(updateSent.run(at, seq).changes) > 0);
    },
    deferRetry(seq, nextAttemptAt, failure, at, status) {
      transaction(() => updateRetry.run(status, Math.round(nextAttemptAt), JSON.stringify(failure), at, seq));
    },
    settle(seq, settlement, at) {
      transaction(() => {
        const owner = selectOwner.get(seq);
        if (owner === undefined) return;
        const failure = settlement.status === 'applied' ? null : JSON.stringify(settlement.failure);
        const conflict = settlement.status === 'conflict' ? JSON.stringify(settlement.conflict) : null;
        updateSettle.run(settlement.status, failure, conflict, at, seq);
        overlay.rebuild(integer(owner, 'account_id'), selectTargetIds.all(seq).map((row) => text(row, 'appointment_id')));
      });
    },
    rebaseNext(accountId, seq, appointmentId, expected, actual) {
      return transaction(() => {
        const row = selectNextActiveTarget.get(accountId, appointmentId, seq);
        if (row === undefined) return false;
        const base = jsonOrNull(recordOrNull, row, 'base');
        if (base === null || !sameAppointment(base, expected) || sameAppointment(base, actual)) return false;
        updateTargetBase.run(JSON.stringify(actual), integer(row, 'seq'), appointmentId);
        return true;
      });
    },
    dismiss(changeId, at) {
      return transaction(() => Number(updateDismiss.run(at, changeId).changes) > 0);
    },
    withdraw(accountId, changeId) {
      return transaction(() => {
        const row = selectPendingSeq.get(accountId, changeId);
        if (row === undefined) return null;
        const seq = integer(row, 'seq');
        const ids = selectTargetIds.all(seq).map((r) => text(r, 'appointment_id'));
        deleteTargets.run(seq);
        deleteEntry.run(seq);
        overlay.rebuild(accountId, ids);
        return ids;
      });
    },
    purgeSettled(before) {
      return transaction(() => Number(deleteSettled.run(before).changes));
    },
  };
}
