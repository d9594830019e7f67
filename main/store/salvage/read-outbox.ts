// What can be read of the outbox of a set-aside store: the changes that were still to be
// sent (pending, in flight, or held by an earlier salvage), row by row, each with its targets
// and its account. A damaged page costs the rows on it, not the rest: every row is looked up
// on its own (by seq, the table's rowid, so a lookup touches only the pages on its path), and
// an error is counted, not thrown. Rows are parsed by the outbox's own reader
// (entry-reader.ts: parseOutboxRow), so a rescued change is typed as any stored one.
//
// The file is read from a copy, so nothing of the set-aside file changes (opening a WAL
// database read-write would checkpoint it on close).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { OutboxEntry } from '../outbox/entry.ts';
import { parseOutboxRow } from '../outbox/entry-reader.ts';
import type { Row } from '../records.ts';
import { SQLITE_COMPANIONS } from './set-aside.ts';

export interface SalvagedAccount {
  key: string;
  emr: string;
  careUnitId: string;
}

export interface SalvagedOutbox {
  entries: { account: SalvagedAccount; entry: OutboxEntry }[];
  /** Rows that were (or may have been) unsent changes but could not be read back. */
  unreadable: number;
}

/** More seqs than this are not probed one by one (an outbox holds tens, at most thousands). */
const MAX_PROBED_SEQS = 200_000;
const STILL_TO_SEND = new Set(['pending', 'sent', 'sending']);

const tryRun = <T>(work: () => T): { ok: true; value: T } | { ok: false } => {
  try {
    return { ok: true, value: work() };
  } catch {
    return { ok: false };
  }
};

/** The seqs of the outbox's rows: by a scan while it reads, then by probing up to the highest seq known. */
function candidateSeqs(db: DatabaseSync): number[] {
  const seqs = new Set<number>();
  let scanned = false;
  try {
    for (const row of db.prepare('SELECT seq FROM outbox ORDER BY seq').iterate()) {
      if (typeof row.seq === 'number') seqs.add(row.seq);
    }
    scanned = true;
  } catch {
    // A damaged page stopped the scan: what follows it is found by probing.
  }
  if (scanned) return [...seqs];
  const highest = Math.max(
    ...seqs,
    ...[
      (): unknown => db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get()?.seq,
      (): unknown => db.prepare('SELECT max(seq) AS seq FROM outbox').get()?.seq,
    ].map((ask) => {
      const answer = tryRun(ask);
      return answer.ok && typeof answer.value === 'number' ? answer.value : 0;
    }),
  );
  // Without any highest seq known (the table's last pages gone too), probe a generous range.
  const upTo = Math.min(highest > 0 ? highest : 10_000, MAX_PROBED_SEQS);
  for (let seq = 1; seq <= upTo; seq += 1) seqs.add(seq);
  return [...seqs].sort((a, b) => a - b);
}

function readFrom(db: DatabaseSync): SalvagedOutbox {
  const statements = tryRun(() => ({
    row: db.prepare('SELECT * FROM outbox WHERE seq = ?'),
    targets: db.prepare('SELECT appointment_id, base, expected FROM outbox_targets WHERE seq = ? ORDER BY position'),
    account: db.prepare('SELECT key, emr, care_unit_id FROM accounts WHERE id = ?'),
  }));
  // No outbox to read (the schema itself is unreadable): nothing can be said to be lost row by row.
  if (!statements.ok) return { entries: [], unreadable: 0 };
  const { row: selectRow, targets: selectTargets, account: selectAccount } = statements.value;
  const accounts = new Map<number, SalvagedAccount | null>();
  const accountOf = (id: unknown): SalvagedAccount | null => {
    if (typeof id !== 'number') return null;
    if (!accounts.has(id)) {
      const answer = tryRun(() => selectAccount.get(id));
      const row = answer.ok ? answer.value : undefined;
      const key = row?.key;
      const emr = row?.emr;
      const careUnitId = row?.care_unit_id;
      accounts.set(id, typeof key === 'string' && typeof emr === 'string' && typeof careUnitId === 'string' ? { key, emr, careUnitId } : null);
    }
    return accounts.get(id) ?? null;
  };

  const out: SalvagedOutbox = { entries: [], unreadable: 0 };
  for (const seq of candidateSeqs(db)) {
    const found = tryRun(() => selectRow.get(seq));
    if (!found.ok) {
      out.unreadable += 1;
      continue;
    }
    const row = found.value;
    if (row === undefined) continue;
    if (!STILL_TO_SEND.has(String(row.status)) || row.unreadable === 1) continue;
    const entry = readRow(row, seq, selectTargets);
    const account = accountOf(row.account_id);
    if (entry === null || account === null) out.unreadable += 1;
    else out.entries.push({ account, entry });
  }
  return out;
}

function readRow(row: Row, seq: number, selectTargets: StatementSync): OutboxEntry | null {
  const targets = tryRun(() => selectTargets.all(seq));
  // Without its targets the change cannot be checked against Leyr's copy before it is sent.
  if (!targets.ok || targets.value.length === 0) return null;
  // An older schema called a change in flight 'sending'.
  const current = row.status === 'sending' ? { ...row, status: 'sent' } : row;
  const parsed = tryRun(() => parseOutboxRow(current, targets.value));
  return parsed.ok && parsed.value.ok ? parsed.value.entry : null;
}

/** Reads the outbox of the store at `file` (and its -wal) from a scratch copy in `scratchParent`. */
export function readSalvageableOutbox(file: string, scratchParent: string): SalvagedOutbox {
  const scratch = mkdtempSync(path.join(scratchParent, '.salvage-'));
  try {
    const copy = path.join(scratch, 'copy.sqlite');
    // A file that cannot even be copied has nothing to give; the new store starts all the same.
    const copied = tryRun(() => {
      for (const suffix of SQLITE_COMPANIONS) {
        if (existsSync(file + suffix)) copyFileSync(file + suffix, copy + suffix);
      }
    });
    if (!copied.ok) return { entries: [], unreadable: 0 };
    let db: DatabaseSync;
    try {
      // Not defensive: the writable_schema below is allowed only then.
      db = new DatabaseSync(copy, { timeout: 0, defensive: false });
    } catch {
      return { entries: [], unreadable: 0 };
    }
    try {
      // A file shorter than its header says is refused as malformed unless the schema is
      // "writable"; on this scratch copy, which is only read, that lets the pages that are
      // there be read (SQLite's own recovery advice).
      tryRun(() => db.exec('PRAGMA writable_schema = ON'));
      return readFrom(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
