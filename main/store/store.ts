// The local store as main uses it: one SQLite file, its parts, one way to group writes.
import path from 'node:path';
import { createAccountStore, type AccountStore } from './accounts.ts';
import { createAuditLog, type AuditLog } from './audit-log.ts';
import { openDatabase, type Database } from './database.ts';
import { createDayCache, type DayCache } from './days/day-cache.ts';
import { createOutboxStore, type OutboxStore } from './outbox/outbox-store.ts';
import { createPatientStore, type PatientStore } from './patients.ts';

export const STORE_FILE_NAME = 'frontdesk.sqlite';

export interface LocalStore {
  readonly file: string;
  readonly accounts: AccountStore;
  readonly days: DayCache;
  readonly patients: PatientStore;
  readonly outbox: OutboxStore;
  readonly audit: AuditLog;
  /** Groups writes of several parts into one transaction. */
  transaction<T>(work: () => T): T;
  /**
   * Deletes the accounts whose key starts with `keyPrefix` with all their cached days,
   * patients and outbox, so that none of it stays readable in the file: the freed content is
   * overwritten with zeros (as is whatever any earlier write freed: secure_delete is on), the
   * file is rebuilt, and the write-ahead log, which still holds older copies of those pages,
   * is checkpointed and truncated. Answers how many accounts went.
   */
  eraseAccounts(keyPrefix: string): number;
  isOpen(): boolean;
  close(): void;
}

/** Opens (creating and migrating as needed) the store in `dataDir`, or at a file path ending in .sqlite. */
export function openStore(location: string): LocalStore {
  const file = location === ':memory:' || location.endsWith('.sqlite') ? location : path.join(location, STORE_FILE_NAME);
  const database: Database = openDatabase(file);
  const accounts = createAccountStore(database);
  return {
    file,
    accounts,
    days: createDayCache(database),
    patients: createPatientStore(database),
    outbox: createOutboxStore(database),
    audit: createAuditLog(database),
    transaction: database.transaction,
    eraseAccounts(keyPrefix) {
      const { db } = database;
      const before = db.prepare('PRAGMA secure_delete').get()?.secure_delete === 1;
      db.exec('PRAGMA secure_delete = ON');
      let removed: number;
      try {
        removed = accounts.removeByPrefix(keyPrefix);
      } finally {
        if (!before) db.exec('PRAGMA secure_delete = OFF');
      }
      if (removed > 0 && file !== ':memory:') {
        // The file is opened with secure_delete FAST (database.ts): what a write freed inside a
        // page was zeroed then, but whole freed pages (and a file an older version wrote) may
        // still hold copies, which rebuilding the file leaves behind. Best effort: the rows are gone anyway.
        try {
          db.exec('VACUUM');
        } catch {
          // Busy (another connection reads): the deleted rows were overwritten all the same.
        }
        db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      }
      return removed;
    },
    isOpen: () => database.db.isOpen,
    close: database.close,
  };
}
