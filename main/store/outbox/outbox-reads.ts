// What the outbox holds, as the worker and the views ask for it. Every row goes through the
// entry reader (entry-reader.ts): the worker's questions get readable entries only, the
// views' get unreadable ones too, marked as such. Changes held after a salvage (held_from,
// ../salvage/) are outside all of these until the receptionist sends them (held.ts).
import type { Database } from '../database.ts';
import { integer, text } from '../records.ts';
import type { OutboxEntry, OutboxStatus, StoredEntry } from './entry.ts';
import type { EntryReader } from './entry-reader.ts';

export interface OutboxReads {
  /** The oldest entry still to be done, or null. */
  next(accountId: number): OutboxEntry | null;
  byChangeId(changeId: string): StoredEntry | null;
  /** Active entries after `seq` that touch any of `appointmentIds`, oldest first. */
  activeAfter(accountId: number, seq: number, appointmentIds: readonly string[]): OutboxEntry[];
  /** For each of `appointmentIds` touched by an active entry, those entries' states. */
  activeTargets(accountId: number, appointmentIds: readonly string[]): Map<string, OutboxStatus[]>;
  /** Active entries, and failed ones not dismissed, oldest first. */
  open(accountId: number): StoredEntry[];
  activeCount(accountId: number): number;
  /** Failed (refused or conflict) changes not dismissed, by the appointment they touched. */
  failuresByAppointment(accountId: number): Map<string, StoredEntry>;
  /** Changes Leyr accepted at or after `since` (ISO), oldest first: those a refresh still checks. */
  appliedSince(accountId: number, since: string): OutboxEntry[];
}

export function createOutboxReads({ db }: Database, reader: EntryReader): OutboxReads {
  const selectNext = db.prepare("SELECT * FROM outbox WHERE account_id = ? AND status IN ('pending', 'sent') AND unreadable = 0 AND held_from IS NULL ORDER BY seq LIMIT 1");
  const selectByChange = db.prepare('SELECT * FROM outbox WHERE change_id = ?');
  const selectActiveAfter = db.prepare(`
    SELECT DISTINCT o.* FROM outbox o JOIN outbox_targets t ON t.seq = o.seq
     WHERE o.account_id = ? AND o.seq > ? AND o.status IN ('pending', 'sent') AND o.held_from IS NULL
       AND t.appointment_id IN (SELECT value FROM json_each(?))
     ORDER BY o.seq`);
  const selectActiveTargets = db.prepare(`
    SELECT t.appointment_id, o.status FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
     WHERE t.account_id = ? AND o.status IN ('pending', 'sent') AND o.held_from IS NULL AND t.appointment_id IN (SELECT value FROM json_each(?))
     ORDER BY t.seq`);
  const selectOpen = db.prepare(`
    SELECT * FROM outbox WHERE account_id = ? AND held_from IS NULL
       AND (status IN ('pending', 'sent') OR (status IN ('refused', 'conflict') AND dismissed = 0))
     ORDER BY seq`);
  const selectActiveCount = db.prepare("SELECT count(*) AS n FROM outbox WHERE account_id = ? AND status IN ('pending', 'sent') AND held_from IS NULL");
  // A failure stops being the appointment's news once a later change of it went through (a
  // wrong code, then the right one; a refused move, then a cancel Leyr took): the block no
  // longer says "Not done". The failed change itself stays listed until dismissed.
  const selectFailedTargets = db.prepare(`
    SELECT o.*, t.appointment_id AS target_id FROM outbox o JOIN outbox_targets t ON t.seq = o.seq
     WHERE o.account_id = ? AND o.status IN ('refused', 'conflict') AND o.dismissed = 0
       AND NOT EXISTS (
         SELECT 1 FROM outbox_targets later JOIN outbox l ON l.seq = later.seq
          WHERE later.account_id = t.account_id AND later.appointment_id = t.appointment_id AND later.seq > t.seq AND l.status = 'applied')
     ORDER BY o.seq`);

  const selectAppliedSince = db.prepare("SELECT * FROM outbox WHERE account_id = ? AND status = 'applied' AND dismissed = 0 AND updated_at >= ? ORDER BY seq");

  return {
    next(accountId) {
      // An unreadable row met here is refused on the way (no longer active): take the next.
      for (let row = selectNext.get(accountId); row !== undefined; row = selectNext.get(accountId)) {
        const [entry] = reader.readable([row]);
        if (entry !== undefined) return entry;
      }
      return null;
    },
    byChangeId(changeId) {
      const row = selectByChange.get(changeId);
      return row === undefined ? null : reader.read(row);
    },
    activeAfter(accountId, seq, appointmentIds) {
      if (appointmentIds.length === 0) return [];
      return reader.readable(selectActiveAfter.all(accountId, seq, JSON.stringify(appointmentIds)));
    },
    activeTargets(accountId, appointmentIds) {
      const out = new Map<string, OutboxStatus[]>();
      if (appointmentIds.length === 0) return out;
      for (const row of selectActiveTargets.all(accountId, JSON.stringify(appointmentIds))) {
        const id = text(row, 'appointment_id');
        out.set(id, [...(out.get(id) ?? []), text(row, 'status') === 'sent' ? 'sent' : 'pending']);
      }
      return out;
    },
    open: (accountId) => selectOpen.all(accountId).map(reader.read),
    activeCount(accountId) {
      const row = selectActiveCount.get(accountId);
      return row === undefined ? 0 : integer(row, 'n');
    },
    failuresByAppointment(accountId) {
      const out = new Map<string, StoredEntry>();
      const bySeq = new Map<number, StoredEntry>();
      for (const row of selectFailedTargets.all(accountId)) {
        const seq = integer(row, 'seq');
        let entry = bySeq.get(seq);
        if (entry === undefined) {
          entry = reader.read(row);
          bySeq.set(seq, entry);
        }
        // The newest failure of an appointment is the one to show.
        out.set(text(row, 'target_id'), entry);
      }
      return out;
    },
    appliedSince: (accountId, since) => reader.readable(selectAppliedSince.all(accountId, since)),
  };
}
