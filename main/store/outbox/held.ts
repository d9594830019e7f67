// Changes held after a salvage: read back from a store that was set aside (../salvage/) and
// kept here, in the outbox, with `held_from` naming that file. Held, a change is outside the
// queue: the worker does not take it (outbox-reads.ts: next), it lays no overlay and is not
// counted as waiting, until the receptionist sends it (back into the queue, in its place by
// seq, as it stood: a change that was in flight is checked against Leyr before anything is
// sent again) or discards it (refused and dismissed, so it is forgotten like any settled one).
// Being a column of the row, the hold survives a restart.
import type { Database } from '../database.ts';
import { integer, text, type Row } from '../records.ts';
import type { ChangeFailure, OutboxEntry } from './entry.ts';
import { parseOutboxRow } from './entry-reader.ts';
import type { Overlay } from './overlay.ts';

export interface HeldEntry extends OutboxEntry {
  /** The name of the set-aside file the change was read back from. */
  heldFrom: string;
  /** The account's key (`demo:…`, `leyr:…`). */
  accountKey: string;
}

export interface HeldChanges {
  /**
   * Keeps a salvaged change, held, under `accountId` of this store. The change keeps its id
   * (Leyr never saw another); one this store has already is left as it is. Answers whether it was written.
   */
  hold(accountId: number, entry: OutboxEntry, heldFrom: string): boolean;
  /** Every held change, of every account, oldest first. */
  list(): HeldEntry[];
  /** How many changes of this account are held. */
  count(accountId: number): number;
  /** Puts these held changes back into the queue; answers those released. */
  release(changeIds: readonly string[], at: string): HeldEntry[];
  /** Drops these held changes unsent; answers those discarded. */
  discard(changeIds: readonly string[], at: string): HeldEntry[];
}

/** The failure a discarded change is closed with (it is dismissed at once, so never shown). */
export const DISCARDED_FAILURE: ChangeFailure = {
  reason: 'This change was read back from a damaged copy of the schedule and discarded by the receptionist; it was not sent.',
  code: 'DISCARDED',
  leyr: null,
};

export function createHeldChanges({ db, transaction }: Database, overlay: Overlay): HeldChanges {
  const insertEntry = db.prepare(`
    INSERT INTO outbox (account_id, change_id, kind, request, summary, status, attempts, created_at, updated_at, actor, held_from)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (change_id) DO NOTHING`);
  const insertTarget = db.prepare('INSERT INTO outbox_targets (seq, account_id, appointment_id, position, base, expected) VALUES (?, ?, ?, ?, ?, ?)');
  const selectHeld = db.prepare(`
    SELECT o.*, a.key AS account_key FROM outbox o JOIN accounts a ON a.id = o.account_id
     WHERE o.held_from IS NOT NULL ORDER BY o.seq`);
  const selectTargets = db.prepare('SELECT appointment_id, base, expected FROM outbox_targets WHERE seq = ? ORDER BY position');
  const selectCount = db.prepare('SELECT count(*) AS n FROM outbox WHERE account_id = ? AND held_from IS NOT NULL');
  const updateRelease = db.prepare('UPDATE outbox SET held_from = NULL, next_attempt_at = 0, updated_at = ? WHERE seq = ? AND held_from IS NOT NULL');
  const updateDiscard = db.prepare(`
    UPDATE outbox SET held_from = NULL, status = 'refused', failure = ?, dismissed = 1, updated_at = ?
     WHERE seq = ? AND held_from IS NOT NULL`);

  const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

  const heldOf = (row: Row): HeldEntry | null => {
    const parsed = parseOutboxRow(row, selectTargets.all(integer(row, 'seq')));
    // It was read when it was salvaged; a row that no longer reads stays held, unsendable.
    if (!parsed.ok) return null;
    return { ...parsed.entry, heldFrom: text(row, 'held_from'), accountKey: text(row, 'account_key') };
  };
  const list = (): HeldEntry[] => selectHeld.all().flatMap((row) => heldOf(row) ?? []);
  const pick = (changeIds: readonly string[]): HeldEntry[] => {
    const wanted = new Set(changeIds);
    return list().filter((entry) => wanted.has(entry.changeId));
  };

  return {
    hold(accountId, entry, heldFrom) {
      return transaction(() => {
        const { request } = entry;
        // Salvaged mid-flight ('sent') stays 'sent': once released, Leyr is asked first whether it arrived.
        const status = entry.status === 'sent' ? 'sent' : 'pending';
        const result = insertEntry.run(accountId, entry.changeId, request.kind, JSON.stringify(request), entry.summary, status, entry.attempts, entry.createdAt, entry.updatedAt, entry.actor, heldFrom);
        if (Number(result.changes) === 0) return false;
        const seq = Number(result.lastInsertRowid);
        for (const [position, target] of entry.targets.entries()) insertTarget.run(seq, accountId, target.appointmentId, position, json(target.base), json(target.expected));
        return true;
      });
    },
    list,
    count(accountId) {
      const row = selectCount.get(accountId);
      return row === undefined ? 0 : integer(row, 'n');
    },
    release(changeIds, at) {
      return transaction(() => {
        const released = pick(changeIds);
        for (const entry of released) {
          updateRelease.run(at, entry.seq);
          overlay.rebuild(entry.accountId, entry.targets.map((target) => target.appointmentId));
        }
        return released;
      });
    },
    discard(changeIds, at) {
      return transaction(() => {
        const discarded = pick(changeIds);
        for (const entry of discarded) updateDiscard.run(JSON.stringify(DISCARDED_FAILURE), at, entry.seq);
        return discarded;
      });
    },
  };
}
