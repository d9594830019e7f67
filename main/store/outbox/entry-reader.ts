// Where an outbox row leaves SQLite, and the one place its request is parsed (the idea of
// Signal Desktop's JobQueue.parseData): past this point a change is typed by its kind.
//
// A row whose request cannot be read back (damaged JSON, a kind this app does not know, a
// shape that does not fit its kind) is not guessed at and does not stop anything: it is kept
// for the record, marked `unreadable` once, refused if it was still to be sent (so its
// overlay goes and it is never sent), and reported to whoever listens (the schedule service
// logs it, audits it and refuses the changes made on top of it). Other damaged columns
// (targets, failure) stay StoreErrors: they are not the change's identity.
import { toDisposable, type IDisposable } from '../../lifecycle/disposable.ts';
import { StoreError, type Database } from '../database.ts';
import { appointmentRecordSchema, integer, jsonOrNull, text, type Row } from '../records.ts';
import { readChangeRequest } from './change-requests.ts';
import {
  CHANGE_STATES,
  changeConflictSchema,
  changeFailureSchema,
  UNREADABLE_FAILURE,
  type OutboxEntry,
  type OutboxRecord,
  type OutboxStatus,
  type StoredEntry,
  type UnreadableReport,
} from './entry.ts';
import type { Overlay } from './overlay.ts';

export interface EntryReader {
  /** A row as it stands: its request typed, or marked unreadable (the first time) and said so. */
  read(row: Row): StoredEntry;
  /** The rows whose request can be read; unreadable ones are marked on the way and left out. */
  readable(rows: readonly Row[]): OutboxEntry[];
  /** Called (after the current work, once per row) when a row is first found unreadable. */
  onUnreadable(listener: (report: UnreadableReport) => void): IDisposable;
}

const recordOrNull = appointmentRecordSchema.nullable();
const isActive = (status: OutboxStatus): boolean => status === 'pending' || status === 'sent';

const statusOf = (row: Row): OutboxStatus => {
  const status = text(row, 'status');
  const known = CHANGE_STATES.find((state) => state === status);
  if (known === undefined) throw new StoreError(`The local store has an outbox entry in an unknown state: ${status.slice(0, 40)}.`);
  return known;
};

/** An outbox row and its target rows (ordered by position) as a record; a column that does not fit is a StoreError. */
export function outboxRecordOf(row: Row, targetRows: readonly Row[]): OutboxRecord {
  return {
    seq: integer(row, 'seq'),
    accountId: integer(row, 'account_id'),
    changeId: text(row, 'change_id'),
    summary: text(row, 'summary'),
    status: statusOf(row),
    attempts: integer(row, 'attempts'),
    nextAttemptAt: integer(row, 'next_attempt_at'),
    createdAt: text(row, 'created_at'),
    updatedAt: text(row, 'updated_at'),
    actor: text(row, 'actor'),
    failure: jsonOrNull(changeFailureSchema, row, 'failure'),
    conflict: jsonOrNull(changeConflictSchema, row, 'conflict'),
    dismissed: row.dismissed === 1,
    targets: targetRows.map((target) => ({
      appointmentId: text(target, 'appointment_id'),
      base: jsonOrNull(recordOrNull, target, 'base'),
      expected: jsonOrNull(recordOrNull, target, 'expected'),
    })),
  };
}

/**
 * Reads a row without touching any file: its record and its request, or why it cannot be
 * read. The salvage of a damaged store (../salvage/) reads the rows it rescues with this,
 * so a rescued change is typed exactly as a stored one.
 */
export function parseOutboxRow(row: Row, targetRows: readonly Row[]): { ok: true; entry: OutboxEntry } | { ok: false; problem: string } {
  const parsed = readChangeRequest(text(row, 'kind'), text(row, 'request'));
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, entry: { ...outboxRecordOf(row, targetRows), request: parsed.request } };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

export function createEntryReader(database: Database, overlay: Overlay): EntryReader {
  const { db, transaction } = database;
  const selectTargets = db.prepare('SELECT appointment_id, base, expected FROM outbox_targets WHERE seq = ? ORDER BY position');
  const selectRow = db.prepare('SELECT * FROM outbox WHERE seq = ?');
  const markUnreadable = db.prepare(`
    UPDATE outbox SET unreadable = 1,
           status = CASE WHEN status IN ('pending', 'sent') THEN 'refused' ELSE status END,
           failure = CASE WHEN status IN ('pending', 'sent') THEN :failure ELSE failure END,
           updated_at = CASE WHEN status IN ('pending', 'sent') THEN :at ELSE updated_at END
     WHERE seq = :seq AND unreadable = 0`);
  const listeners = new Set<(report: UnreadableReport) => void>();

  const recordOf = (row: Row): OutboxRecord => outboxRecordOf(row, selectTargets.all(integer(row, 'seq')));

  /** Marks a row unreadable (refusing it if still to be sent) and answers the row as it is now. */
  const quarantine = (row: Row, problem: string): Row => {
    const seq = integer(row, 'seq');
    const accountId = integer(row, 'account_id');
    const wasActive = isActive(statusOf(row));
    const marked = transaction(() => {
      const changed = Number(markUnreadable.run({ seq, failure: JSON.stringify(UNREADABLE_FAILURE), at: new Date().toISOString() }).changes) > 0;
      if (changed && wasActive) overlay.rebuild(accountId, selectTargets.all(seq).map((target) => text(target, 'appointment_id')));
      return changed;
    });
    if (marked) {
      const report: UnreadableReport = { accountId, changeId: text(row, 'change_id'), problem, wasActive };
      // Told once the work that met the row is over (it may be inside a transaction).
      queueMicrotask(() => {
        for (const listener of listeners) {
          try {
            listener(report);
          } catch {
            // A listener that fails must not stop the others.
          }
        }
      });
    }
    return selectRow.get(seq) ?? row;
  };

  const read = (row: Row): StoredEntry => {
    if (row.unreadable !== 1) {
      const parsed = readChangeRequest(text(row, 'kind'), text(row, 'request'));
      if (parsed.ok) return { ...recordOf(row), request: parsed.request };
      row = quarantine(row, parsed.problem);
    }
    return { ...recordOf(row), request: null, storedKind: text(row, 'kind') };
  };

  return {
    read,
    readable: (rows) => rows.map(read).filter((entry): entry is OutboxEntry => entry.request !== null),
    onUnreadable(listener) {
      listeners.add(listener);
      return toDisposable(() => listeners.delete(listener));
    },
  };
}
