// Opening the store so that a bad file never stops the app. The file is looked at first
// (inspect.ts); damage that only shows while it is opened or migrated (SQLITE_CORRUPT,
// SQLITE_NOTADB) counts the same. Then:
// - damaged, or made by a newer Frontdesk: the file is set aside (set-aside.ts), a new store
//   is started in its place, and what can be read of its outbox is salvaged into the new one,
//   held until the receptionist sends it (outbox/held.ts). Days and names come again from Leyr.
// - held by another program: it is not damaged and is not touched. The lock has already been
//   waited for (a bounded time); this run then uses a temporary store in memory, which is
//   said plainly: what is done now goes to Leyr as usual but is kept only until Frontdesk closes.
import path from 'node:path';
import type { StoreIncident } from '../../../preload/contract/salvage.ts';
import { NewerStoreError } from '../database.ts';
import { anyCause, isBusy, isDamage } from '../sqlite-codes.ts';
import { openStore, STORE_FILE_NAME, type LocalStore } from '../store.ts';
import { inspectStoreFile, type StoreVerdict } from './inspect.ts';
import { readSalvageableOutbox } from './read-outbox.ts';
import { setAside } from './set-aside.ts';

export interface SafeOpenOptions {
  /** How long a lock held by another program is waited for before a temporary store is used. */
  lockWaitMs?: number;
  now?: () => Date;
}

export interface SafelyOpened {
  store: LocalStore;
  /** What happened to the file, or null when it opened as it was. */
  incident: StoreIncident | null;
  /** For the log: what was wrong, in SQLite's words. */
  detail: string | null;
}

export const DEFAULT_LOCK_WAIT_MS = 10_000;

/** The verdict of an error met while opening a file the look found usable. */
function verdictOf(error: unknown): StoreVerdict | null {
  if (error instanceof NewerStoreError) return { kind: 'newer', version: error.version };
  if (anyCause(error, isDamage)) return { kind: 'damaged', detail: error instanceof Error ? error.message : String(error) };
  if (anyCause(error, isBusy)) return { kind: 'locked', detail: error instanceof Error ? error.message : String(error) };
  return null;
}

/** Opens the store in `dataDir` (see the top of this file for what happens to a bad file). */
export function openStoreSafely(dataDir: string, options: SafeOpenOptions = {}): SafelyOpened {
  const file = path.join(dataDir, STORE_FILE_NAME);
  const now = options.now ?? (() => new Date());
  let verdict = inspectStoreFile(file, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
  if (verdict.kind === 'absent' || verdict.kind === 'sound') {
    try {
      return { store: openStore(file), incident: null, detail: null };
    } catch (error) {
      const met = verdictOf(error);
      if (met === null) throw error;
      verdict = met;
    }
  }
  const at = now();
  if (verdict.kind === 'locked') {
    const incident: StoreIncident = { kind: 'locked', setAsideAs: null, version: null, salvaged: 0, unreadable: 0, temporary: true, at: at.toISOString() };
    return { store: openStore(':memory:'), incident, detail: verdict.detail };
  }
  if (verdict.kind === 'absent' || verdict.kind === 'sound') throw new Error('unreachable: a usable store opened above');
  const reason = verdict.kind;
  const name = setAside(file, reason, at);
  const salvage = readSalvageableOutbox(path.join(dataDir, name), dataDir);
  const store = openStore(file);
  let salvaged = 0;
  try {
    store.transaction(() => {
      for (const { account, entry } of salvage.entries) {
        const accountId = store.accounts.ensure(account, at.toISOString()).id;
        if (store.outbox.held.hold(accountId, entry, name)) salvaged += 1;
      }
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const incident: StoreIncident = {
    kind: reason,
    setAsideAs: name,
    version: verdict.kind === 'newer' ? verdict.version : null,
    salvaged,
    unreadable: salvage.unreadable,
    temporary: false,
    at: at.toISOString(),
  };
  return { store, incident, detail: verdict.kind === 'damaged' ? verdict.detail : `schema version ${verdict.version}` };
}
