// The outbox: every change the receptionist made, in order, until Leyr has accepted or
// refused it, with what it touches (targets) and the local overlay that shows it. Writing
// an entry, its targets and the overlay is one transaction: the change either exists
// everywhere or nowhere.
import { z } from 'zod';
import type { Database } from './database.ts';
import {
  appointmentRecordSchema,
  instantMs,
  integer,
  json,
  jsonOrNull,
  sameAppointment,
  text,
  type AppointmentRecord,
  type Row,
} from './records.ts';

export const CHANGE_STATUSES = ['pending', 'sending', 'applied', 'refused', 'conflict'] as const;
export type OutboxStatus = (typeof CHANGE_STATUSES)[number];
/** Still to be done by the outbox worker. */
export const ACTIVE_STATUSES: readonly OutboxStatus[] = ['pending', 'sending'];

const leyrInfoSchema = z.object({
  code: z.string().nullable(),
  status: z.number().nullable(),
  errorCodes: z.array(z.string()),
  instance: z.string().nullable(),
  detail: z.string().nullable(),
});

export const changeFailureSchema = z.object({
  /** Sentence for the receptionist. */
  reason: z.string(),
  /** Machine-readable cause: Leyr's first error code, or the app's own (DEPENDS_ON_FAILED, …). */
  code: z.string().nullable(),
  leyr: leyrInfoSchema.nullable(),
});
export type ChangeFailure = z.output<typeof changeFailureSchema>;

export const changeConflictSchema = z.object({
  /** The appointments as this change would leave them. */
  local: z.array(appointmentRecordSchema),
  /** The appointments as Leyr has them now (missing ones are absent). */
  remote: z.array(appointmentRecordSchema),
});
export type ChangeConflict = z.output<typeof changeConflictSchema>;

export interface OutboxTarget {
  appointmentId: string;
  /** The appointment as the change found it in the local copy; null when the change creates it. */
  base: AppointmentRecord | null;
  /** The appointment as the change should leave it. */
  expected: AppointmentRecord | null;
}

export interface OutboxEntry {
  seq: number;
  accountId: number;
  changeId: string;
  kind: string;
  /** The change's own description, checked by its kind's schema where it is used. */
  request: unknown;
  summary: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  createdAt: string;
  updatedAt: string;
  actor: string;
  failure: ChangeFailure | null;
  conflict: ChangeConflict | null;
  dismissed: boolean;
  targets: OutboxTarget[];
}

export interface NewOutboxEntry {
  changeId: string;
  kind: string;
  request: unknown;
  summary: string;
  actor: string;
  createdAt: string;
  targets: OutboxTarget[];
}

export type Settlement =
  | { status: 'applied' }
  | { status: 'refused'; failure: ChangeFailure }
  | { status: 'conflict'; failure: ChangeFailure; conflict: ChangeConflict };

export interface OutboxStore {
  enqueue(accountId: number, entry: NewOutboxEntry): number;
  /** The oldest entry still to be done, or null. */
  next(accountId: number): OutboxEntry | null;
  byChangeId(changeId: string): OutboxEntry | null;
  /** Durably marks an entry in flight, before its request leaves. */
  markSending(seq: number, at: string): void;
  /**
   * After a failed attempt: try again at `nextAttemptAt`. `sending` when the outcome is
   * unknown (it may have reached Leyr), `pending` when it certainly did not.
   */
  deferRetry(seq: number, nextAttemptAt: number, failure: ChangeFailure, at: string, status: 'pending' | 'sending'): void;
  /** Ends an entry and lays the overlay of its targets anew (a refused change reverts). */
  settle(seq: number, settlement: Settlement, at: string): void;
  /**
   * An entry touching `appointmentId` was applied and Leyr left it as `actual`, not quite as
   * the entry expected (`expected`). The next active entry of that appointment, if it was made
   * on top of that expectation, is now based on `actual`: what Leyr really holds once every
   * earlier change has settled. Answers whether a base was rewritten.
   */
  rebaseNext(accountId: number, seq: number, appointmentId: string, expected: AppointmentRecord, actual: AppointmentRecord): boolean;
  /** Active entries after `seq` that touch any of `appointmentIds`, oldest first. */
  activeAfter(accountId: number, seq: number, appointmentIds: readonly string[]): OutboxEntry[];
  /** For each of `appointmentIds` touched by an active entry, those entries' statuses. */
  activeTargets(accountId: number, appointmentIds: readonly string[]): Map<string, OutboxStatus[]>;
  /** Active entries, and failed ones not dismissed, oldest first. */
  open(accountId: number): OutboxEntry[];
  activeCount(accountId: number): number;
  /** Failed (refused or conflict) changes not dismissed, by the appointment they touched. */
  failuresByAppointment(accountId: number): Map<string, OutboxEntry>;
  dismiss(changeId: string, at: string): boolean;
  /** Forgets applied and dismissed entries last touched before `before`. */
  purgeSettled(before: string): number;
  rebuildOverlay(accountId: number, appointmentIds: readonly string[]): void;
}

const recordOrNull = appointmentRecordSchema.nullable();

export function createOutboxStore({ db, transaction }: Database): OutboxStore {
  const insertEntry = db.prepare(`
    INSERT INTO outbox (account_id, change_id, kind, request, summary, status, created_at, updated_at, actor)
    VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`);
  const insertTarget = db.prepare('INSERT INTO outbox_targets (seq, account_id, appointment_id, position, base, expected) VALUES (?, ?, ?, ?, ?, ?)');
  const selectTargets = db.prepare('SELECT appointment_id, base, expected FROM outbox_targets WHERE seq = ? ORDER BY position');
  const selectNext = db.prepare("SELECT * FROM outbox WHERE account_id = ? AND status IN ('pending', 'sending') ORDER BY seq LIMIT 1");
  const selectByChange = db.prepare('SELECT * FROM outbox WHERE change_id = ?');
  const selectBySeq = db.prepare('SELECT account_id FROM outbox WHERE seq = ?');
  const updateSending = db.prepare("UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE seq = ? AND status IN ('pending', 'sending')");
  const updateRetry = db.prepare("UPDATE outbox SET status = ?, next_attempt_at = ?, failure = ?, updated_at = ? WHERE seq = ? AND status IN ('pending', 'sending')");
  const updateSettle = db.prepare('UPDATE outbox SET status = ?, failure = ?, conflict = ?, updated_at = ? WHERE seq = ?');
  const selectNextActiveTarget = db.prepare(`
    SELECT t.seq, t.base FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
     WHERE t.account_id = ? AND t.appointment_id = ? AND t.seq > ? AND o.status IN ('pending', 'sending')
     ORDER BY t.seq LIMIT 1`);
  const updateTargetBase = db.prepare('UPDATE outbox_targets SET base = ? WHERE seq = ? AND appointment_id = ?');
  const selectActiveAfter = db.prepare(`
    SELECT DISTINCT o.* FROM outbox o JOIN outbox_targets t ON t.seq = o.seq
     WHERE o.account_id = ? AND o.seq > ? AND o.status IN ('pending', 'sending')
       AND t.appointment_id IN (SELECT value FROM json_each(?))
     ORDER BY o.seq`);
  const selectActiveTargets = db.prepare(`
    SELECT t.appointment_id, o.status FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
     WHERE t.account_id = ? AND o.status IN ('pending', 'sending') AND t.appointment_id IN (SELECT value FROM json_each(?))
     ORDER BY t.seq`);
  const selectOpen = db.prepare(`
    SELECT * FROM outbox WHERE account_id = ?
       AND (status IN ('pending', 'sending') OR (status IN ('refused', 'conflict') AND dismissed = 0))
     ORDER BY seq`);
  const selectActiveCount = db.prepare("SELECT count(*) AS n FROM outbox WHERE account_id = ? AND status IN ('pending', 'sending')");
  const selectFailedTargets = db.prepare(`
    SELECT o.*, t.appointment_id AS target_id FROM outbox o JOIN outbox_targets t ON t.seq = o.seq
     WHERE o.account_id = ? AND o.status IN ('refused', 'conflict') AND o.dismissed = 0
     ORDER BY o.seq`);
  const updateDismiss = db.prepare("UPDATE outbox SET dismissed = 1, updated_at = ? WHERE change_id = ? AND status IN ('refused', 'conflict', 'applied') AND dismissed = 0");
  const deleteSettled = db.prepare("DELETE FROM outbox WHERE (status = 'applied' OR dismissed = 1) AND updated_at < ?");
  const selectNewestActiveTarget = db.prepare(`
    SELECT t.expected, o.change_id FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
     WHERE t.account_id = ? AND t.appointment_id = ? AND o.status IN ('pending', 'sending')
     ORDER BY t.seq DESC LIMIT 1`);
  const deleteOverlay = db.prepare('DELETE FROM appointment_overlay WHERE account_id = ? AND id = ?');
  const upsertOverlay = db.prepare(`
    INSERT INTO appointment_overlay (account_id, id, date, start, end, start_ms, end_ms, resource_id, patient_id, service_id, status, comment, care_unit_id, change_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (account_id, id) DO UPDATE SET date = excluded.date, start = excluded.start, end = excluded.end,
      start_ms = excluded.start_ms, end_ms = excluded.end_ms, resource_id = excluded.resource_id, patient_id = excluded.patient_id,
      service_id = excluded.service_id, status = excluded.status, comment = excluded.comment, care_unit_id = excluded.care_unit_id,
      change_id = excluded.change_id`);

  const targetsOf = (seq: number): OutboxTarget[] =>
    selectTargets.all(seq).map((row) => ({
      appointmentId: text(row, 'appointment_id'),
      base: jsonOrNull(recordOrNull, row, 'base'),
      expected: jsonOrNull(recordOrNull, row, 'expected'),
    }));

  const entryFromRow = (row: Row): OutboxEntry => {
    const seq = integer(row, 'seq');
    const status = text(row, 'status');
    if (!(CHANGE_STATUSES as readonly string[]).includes(status)) throw new Error(`unknown outbox status ${status}`);
    return {
      seq,
      accountId: integer(row, 'account_id'),
      changeId: text(row, 'change_id'),
      kind: text(row, 'kind'),
      request: json(z.unknown(), row, 'request'),
      summary: text(row, 'summary'),
      status: status as OutboxStatus,
      attempts: integer(row, 'attempts'),
      nextAttemptAt: integer(row, 'next_attempt_at'),
      createdAt: text(row, 'created_at'),
      updatedAt: text(row, 'updated_at'),
      actor: text(row, 'actor'),
      failure: jsonOrNull(changeFailureSchema, row, 'failure'),
      conflict: jsonOrNull(changeConflictSchema, row, 'conflict'),
      dismissed: row.dismissed === 1,
      targets: targetsOf(seq),
    };
  };

  const rebuildOverlay = (accountId: number, appointmentIds: readonly string[]): void => {
    for (const id of new Set(appointmentIds)) {
      const row = selectNewestActiveTarget.get(accountId, id);
      const expected = row === undefined ? null : jsonOrNull(recordOrNull, row, 'expected');
      if (row === undefined || expected === null) {
        deleteOverlay.run(accountId, id);
        continue;
      }
      upsertOverlay.run(
        accountId,
        id,
        expected.date,
        expected.start,
        expected.end,
        instantMs(expected.start),
        instantMs(expected.end),
        expected.resourceId,
        expected.patientId,
        expected.serviceId,
        expected.status,
        expected.comment,
        expected.careUnitId,
        text(row, 'change_id'),
      );
    }
  };

  const targetIds = (seq: number): string[] => selectTargets.all(seq).map((row) => text(row, 'appointment_id'));

  return {
    enqueue(accountId, entry) {
      return transaction(() => {
        const seq = Number(insertEntry.run(accountId, entry.changeId, entry.kind, JSON.stringify(entry.request), entry.summary, entry.createdAt, entry.createdAt, entry.actor).lastInsertRowid);
        for (const [position, target] of entry.targets.entries()) {
          insertTarget.run(seq, accountId, target.appointmentId, position, target.base === null ? null : JSON.stringify(target.base), target.expected === null ? null : JSON.stringify(target.expected));
        }
        rebuildOverlay(accountId, entry.targets.map((t) => t.appointmentId));
        return seq;
      });
    },
    next(accountId) {
      const row = selectNext.get(accountId);
      return row === undefined ? null : entryFromRow(row);
    },
    byChangeId(changeId) {
      const row = selectByChange.get(changeId);
      return row === undefined ? null : entryFromRow(row);
    },
    markSending(seq, at) {
      transaction(() => updateSending.run(at, seq));
    },
    deferRetry(seq, nextAttemptAt, failure, at, status) {
      transaction(() => updateRetry.run(status, Math.round(nextAttemptAt), JSON.stringify(failure), at, seq));
    },
    settle(seq, settlement, at) {
      transaction(() => {
        const owner = selectBySeq.get(seq);
        if (owner === undefined) return;
        const failure = settlement.status === 'applied' ? null : JSON.stringify(settlement.failure);
        const conflict = settlement.status === 'conflict' ? JSON.stringify(settlement.conflict) : null;
        updateSettle.run(settlement.status, failure, conflict, at, seq);
        rebuildOverlay(integer(owner, 'account_id'), targetIds(seq));
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
    activeAfter(accountId, seq, appointmentIds) {
      if (appointmentIds.length === 0) return [];
      return selectActiveAfter.all(accountId, seq, JSON.stringify(appointmentIds)).map(entryFromRow);
    },
    activeTargets(accountId, appointmentIds) {
      const out = new Map<string, OutboxStatus[]>();
      if (appointmentIds.length === 0) return out;
      for (const row of selectActiveTargets.all(accountId, JSON.stringify(appointmentIds))) {
        const id = text(row, 'appointment_id');
        const list = out.get(id) ?? [];
        list.push(text(row, 'status') as OutboxStatus);
        out.set(id, list);
      }
      return out;
    },
    open: (accountId) => selectOpen.all(accountId).map(entryFromRow),
    activeCount(accountId) {
      const row = selectActiveCount.get(accountId);
      return row === undefined ? 0 : integer(row, 'n');
    },
    failuresByAppointment(accountId) {
      const out = new Map<string, OutboxEntry>();
      const bySeq = new Map<number, OutboxEntry>();
      for (const row of selectFailedTargets.all(accountId)) {
        const seq = integer(row, 'seq');
        let entry = bySeq.get(seq);
        if (entry === undefined) {
          entry = entryFromRow(row);
          bySeq.set(seq, entry);
        }
        // The newest failure of an appointment is the one to show.
        out.set(text(row, 'target_id'), entry);
      }
      return out;
    },
    dismiss(changeId, at) {
      return transaction(() => Number(updateDismiss.run(at, changeId).changes) > 0);
    },
    purgeSettled(before) {
      return transaction(() => Number(deleteSettled.run(before).changes));
    },
    rebuildOverlay(accountId, appointmentIds) {
      transaction(() => rebuildOverlay(accountId, appointmentIds));
    },
  };
}
