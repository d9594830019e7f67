// The store's file looked at before it is used, without changing it: read-only, so that a
// damaged file is not checkpointed or "repaired" by the look. Four answers: there is none,
// it is sound, it is damaged (or not a database at all), a newer Frontdesk made it, or
// another program holds it (then it is not damaged: it is never set aside).
import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from '../migrations.ts';
import { isBusy, isDamage } from '../sqlite-codes.ts';

export type StoreVerdict =
  | { kind: 'absent' }
  | { kind: 'sound' }
  | { kind: 'damaged'; detail: string }
  | { kind: 'newer'; version: number }
  | { kind: 'locked'; detail: string };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Opens `file` read-only and asks `PRAGMA quick_check` (pages, records and indexes in
 * order: seconds for a big file, far less than integrity_check). A lock held by another
 * process is waited for up to `lockWaitMs` (SQLite's busy timeout), then called `locked`.
 */
export function inspectStoreFile(file: string, lockWaitMs: number): StoreVerdict {
  if (!existsSync(file)) return { kind: 'absent' };
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(file, { readOnly: true, timeout: lockWaitMs });
    const version = db.prepare('PRAGMA user_version').get()?.user_version;
    if (typeof version === 'number' && version > MIGRATIONS.length) return { kind: 'newer', version };
    const problems = db
      .prepare('PRAGMA quick_check(20)')
      .all()
      .map((row) => String(row.quick_check));
    if (problems.length === 1 && problems[0] === 'ok') return { kind: 'sound' };
    return { kind: 'damaged', detail: problems.join('; ').slice(0, 500) };
  } catch (error) {
    if (isBusy(error)) return { kind: 'locked', detail: messageOf(error) };
    if (isDamage(error)) return { kind: 'damaged', detail: messageOf(error) };
    throw error;
  } finally {
    db?.close();
  }
}
