// Accounts: one EHR + care unit the app works for. Everything cached hangs off one.
import { StoreError, type Database } from './database.ts';
import { integer, text, textOrNull, type Row } from './records.ts';

export interface AccountRecord {
  id: number;
  /** Stable name of the account, e.g. `demo:webdoc:L0_1` or `leyr:webdoc:L0_1`. */
  key: string;
  emr: string;
  careUnitId: string;
  careUnitName: string | null;
  timeZone: string;
  catalogFetchedAt: string | null;
}

export interface AccountStore {
  /** The account with this key, created on first use. */
  ensure(account: { key: string; emr: string; careUnitId: string }, now: string): AccountRecord;
  get(id: number): AccountRecord | null;
  setCareUnit(id: number, careUnit: { name: string | null; timeZone: string }): void;
  /** Deletes the account and, by cascade, every cached day, patient and outbox entry of it. */
  remove(key: string): boolean;
  /** Deletes every account whose key starts with `prefix` (compared literally), as remove() does; answers how many. */
  removeByPrefix(prefix: string): number;
  /** Every account, oldest first. */
  list(): AccountRecord[];
}

const fromRow = (row: Row): AccountRecord => ({
  id: integer(row, 'id'),
  key: text(row, 'key'),
  emr: text(row, 'emr'),
  careUnitId: text(row, 'care_unit_id'),
  careUnitName: textOrNull(row, 'care_unit_name'),
  timeZone: text(row, 'time_zone'),
  catalogFetchedAt: textOrNull(row, 'catalog_fetched_at'),
});

export function createAccountStore({ db, transaction }: Database): AccountStore {
  const insert = db.prepare('INSERT INTO accounts (key, emr, care_unit_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING');
  const byKey = db.prepare('SELECT * FROM accounts WHERE key = ?');
  const byId = db.prepare('SELECT * FROM accounts WHERE id = ?');
  const updateCareUnit = db.prepare('UPDATE accounts SET care_unit_name = ?, time_zone = ? WHERE id = ?');
  const deleteByKey = db.prepare('DELETE FROM accounts WHERE key = ?');
  // substr, not LIKE: EHR codes may hold `_`, which LIKE would read as a wildcard.
  const deleteByPrefix = db.prepare('DELETE FROM accounts WHERE substr(key, 1, length(?)) = ?');
  const selectAll = db.prepare('SELECT * FROM accounts ORDER BY id');

  return {
    ensure(account, now) {
      return transaction(() => {
        insert.run(account.key, account.emr, account.careUnitId, now);
        const row = byKey.get(account.key);
        if (row === undefined) throw new StoreError(`The account ${account.key} could not be found right after it was written.`);
        return fromRow(row);
      });
    },
    get(id) {
      const row = byId.get(id);
      return row === undefined ? null : fromRow(row);
    },
    setCareUnit(id, careUnit) {
      transaction(() => updateCareUnit.run(careUnit.name, careUnit.timeZone, id));
    },
    remove(key) {
      return transaction(() => Number(deleteByKey.run(key).changes) > 0);
    },
    removeByPrefix(prefix) {
      if (prefix === '') throw new RangeError('removeByPrefix needs a non-empty prefix; it would delete every account.');
      return transaction(() => Number(deleteByPrefix.run(prefix, prefix).changes));
    },
    list: () => selectAll.all().map(fromRow),
  };
}
