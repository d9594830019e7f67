// Patients seen in cached days and in searches: names for the day view, and the local
// fallback for a patient search while Leyr is out of reach.
import type { Database } from './database.ts';
import { text, textOrNull, type PatientRecord, type Row } from './records.ts';

export interface PatientStore {
  /** Stores patients as Leyr returned them, stamped with the local date of the fetch. */
  upsert(accountId: number, patients: readonly PatientRecord[], fetchedOn: string): void;
  /** Remembers that Leyr does not know these ids, so they are not asked for again that day. */
  markUnknown(accountId: number, ids: readonly string[], fetchedOn: string): void;
  /** Those of `ids` not fetched on `fetchedOn` (never, or on an earlier day). */
  needingFetch(accountId: number, ids: readonly string[], fetchedOn: string): string[];
  /**
   * What of `ids` to ask Leyr for: `missing`, never answered (or answered "no such patient"
   * before `today`: they may have been registered since); `old`, names fetched before
   * `refreshBefore` (a date), shown meanwhile and refreshed in the background.
   */
  namesToFetch(accountId: number, ids: readonly string[], today: string, refreshBefore: string): { missing: string[]; old: string[] };
  /** Those of `ids` that Leyr has answered for (a name, or "no such patient"). */
  answered(accountId: number, ids: readonly string[]): Set<string>;
  get(accountId: number, id: string): PatientRecord | null;
  byExternalId(accountId: number, externalId: string): PatientRecord[];
  /** Name search in the store: every word must start the first or the last name. */
  searchByName(accountId: number, words: readonly string[], limit: number): PatientRecord[];
}

const fromRow = (row: Row): PatientRecord => ({
  id: text(row, 'id'),
  emrId: textOrNull(row, 'emr_id'),
  firstName: textOrNull(row, 'first_name'),
  lastName: textOrNull(row, 'last_name'),
  externalId: textOrNull(row, 'external_id'),
});

export function createPatientStore({ db, transaction }: Database): PatientStore {
  const upsert = db.prepare(`
    INSERT INTO patients (account_id, id, emr_id, first_name, last_name, external_id, found, fetched_on)
    VALUES (?, ?, ?, ?, ?, ?, 1, ?)
    ON CONFLICT (account_id, id) DO UPDATE SET emr_id = excluded.emr_id, first_name = excluded.first_name,
      last_name = excluded.last_name, external_id = coalesce(excluded.external_id, patients.external_id), found = 1, fetched_on = excluded.fetched_on`);
  const markUnknown = db.prepare(`
    INSERT INTO patients (account_id, id, found, fetched_on) VALUES (?, ?, 0, ?)
    ON CONFLICT (account_id, id) DO UPDATE SET fetched_on = excluded.fetched_on`);
  const selectFetched = db.prepare('SELECT id FROM patients WHERE account_id = ? AND fetched_on = ? AND id IN (SELECT value FROM json_each(?))');
  const selectKnown = db.prepare('SELECT id, found, fetched_on FROM patients WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))');
  const selectOne = db.prepare('SELECT * FROM patients WHERE account_id = ? AND id = ? AND found = 1');
  const selectByExternal = db.prepare('SELECT * FROM patients WHERE account_id = ? AND external_id = ? AND found = 1 ORDER BY last_name, first_name');
  const selectAll = db.prepare('SELECT * FROM patients WHERE account_id = ? AND found = 1 ORDER BY last_name, first_name, id');

  return {
    upsert(accountId, patients, fetchedOn) {
      if (patients.length === 0) return;
      transaction(() => {
        for (const p of patients) upsert.run(accountId, p.id, p.emrId, p.firstName, p.lastName, p.externalId, fetchedOn);
      });
    },
    markUnknown(accountId, ids, fetchedOn) {
      if (ids.length === 0) return;
      transaction(() => {
        for (const id of ids) markUnknown.run(accountId, id, fetchedOn);
      });
    },
    needingFetch(accountId, ids, fetchedOn) {
      if (ids.length === 0) return [];
      const fetched = new Set(selectFetched.all(accountId, fetchedOn, JSON.stringify(ids)).map((row) => text(row, 'id')));
      return ids.filter((id) => !fetched.has(id));
    },
    namesToFetch(accountId, ids, today, refreshBefore) {
      if (ids.length === 0) return { missing: [], old: [] };
      const known = new Map<string, { found: boolean; fetchedOn: string }>();
      for (const row of selectKnown.all(accountId, JSON.stringify(ids))) known.set(text(row, 'id'), { found: row.found === 1, fetchedOn: text(row, 'fetched_on') });
      const missing: string[] = [];
      const old: string[] = [];
      for (const id of ids) {
        const row = known.get(id);
        if (row === undefined || (!row.found && row.fetchedOn < today)) missing.push(id);
        else if (row.found && row.fetchedOn < refreshBefore) old.push(id);
      }
      return { missing, old };
    },
    answered(accountId, ids) {
      if (ids.length === 0) return new Set();
      return new Set(selectKnown.all(accountId, JSON.stringify(ids)).map((row) => text(row, 'id')));
    },
    get(accountId, id) {
      const row = selectOne.get(accountId, id);
      return row === undefined ? null : fromRow(row);
    },
    byExternalId: (accountId, externalId) => selectByExternal.all(accountId, externalId).map(fromRow),
    searchByName(accountId, words, limit) {
      // Names carry å, ä, ö: compare with JavaScript's locale-aware lower case, not SQLite's
      // ASCII-only lower(). The store holds the patients of a few days, so a scan is cheap.
      const needles = words.map((word) => word.toLocaleLowerCase('sv'));
      const out: PatientRecord[] = [];
      for (const row of selectAll.iterate(accountId)) {
        const patient = fromRow(row);
        const names = [patient.firstName, patient.lastName].filter((n): n is string => n !== null).flatMap((n) => n.toLocaleLowerCase('sv').split(/[\s-]+/));
        if (needles.every((needle) => names.some((name) => name.startsWith(needle)))) {
          out.push(patient);
          if (out.length >= limit) break;
        }
      }
      return out;
    },
  };
}

