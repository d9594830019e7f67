// The SQLite file under the local store: opened with the pragmas that make it crash-safe,
// migrated to the current schema, and given one way to write (a transaction).
//
// Durability choice: WAL with synchronous=FULL. An outbox entry is the only copy of a
// receptionist's change until Leyr accepts it, and the app answers "queued" as soon as the
// write commits, so a commit must survive power loss, not just a crash of the process
// (NORMAL would survive the crash but may lose the last commits on power loss).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { AppError } from '../../preload/contract/results.ts';
import { Failure } from '../errors/failure.ts';
import { MIGRATIONS } from './migrations.ts';
import { isFull } from './sqlite-codes.ts';

/**
 * The local store could not be opened, read or written. The message names the file, the
 * table or the column for the log; the receptionist is told in plain words what to do.
 */
export class StoreError extends Failure {
  override name = 'StoreError';

  override toAppError(): AppError {
    return {
      code: 'INTERNAL',
      message: 'The schedule kept on this computer could not be read or saved. Restart Frontdesk; if this keeps happening, contact support.',
    };
  }
}

/**
 * A write was refused because the disk (or the file's page limit) is full: SQLite answered
 * SQLITE_FULL and rolled the write back. Nothing stored before is touched, and the app keeps
 * running; only this change was not kept, and the receptionist is told why.
 */
export class StoreFullError extends Failure {
  override name = 'StoreFullError';

  override toAppError(): AppError {
    return {
      code: 'DISK_FULL',
      message: 'The disk of this computer is full, so this change was not saved and not sent. Free some space, then make the change again.',
    };
  }
}

/** The file was written by a newer Frontdesk (its schema version is above ours): never migrated down, never wiped. */
export class NewerStoreError extends StoreError {
  override name = 'NewerStoreError';
  readonly version: number;

  constructor(message: string, version: number) {
    super(message);
    this.version = version;
  }
}

export interface Database {
  readonly db: DatabaseSync;
  readonly file: string;
  /** Runs `work` in one IMMEDIATE transaction; nested calls join the outer one. */
  transaction<T>(work: () => T): T;
  close(): void;
}

export function openDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: 5_000 });
  } catch (error) {
    throw new StoreError(`The local store ${file} could not be opened: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA foreign_keys = ON');
    // Patient data freed by a write (a row updated in place moves, a row deleted) is zeroed
    // where that costs no extra I/O, not left in the page's free space; signing out erases
    // with secure_delete fully on and rebuilds the file for the rest (store.ts: eraseAccounts),
    // so none of an account's data stays readable. FAST rather than ON: ON rewrites every freed
    // page on every write, which the bench showed on a 200-appointment cancel.
    db.exec('PRAGMA secure_delete = FAST');
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`The local store ${file} could not be prepared: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  let depth = 0;
  return {
    db,
    file,
    transaction<T>(work: () => T): T {
      if (depth > 0) return work();
      db.exec('BEGIN IMMEDIATE');
      depth += 1;
      try {
        const result = work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        if (isFull(error)) throw new StoreFullError(`The local store ${file} is full: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        throw error;
      } finally {
        depth -= 1;
      }
    },
    close() {
      if (db.isOpen) db.close();
    },
  };
}

/** Brings the schema to the newest version, one migration per transaction, in order. */
export function migrate(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get();
  const current = typeof row?.user_version === 'number' ? row.user_version : 0;
  if (current > MIGRATIONS.length) {
    throw new NewerStoreError(`The local store has schema version ${current}, newer than this app knows (${MIGRATIONS.length}); update the app.`, current);
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version += 1) {
    const sql = MIGRATIONS[version - 1];
    if (sql === undefined) break;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(sql);
      // PRAGMA takes no bound parameters; the version is our own integer.
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new StoreError(`Migration ${version} of the local store failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return MIGRATIONS.length;
}
