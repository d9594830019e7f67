// What every part of one account's schedule service shares: the store and the account in
// it, who acts, the clock, the care unit's zone (learnt from Leyr), and the sequence that
// orders writes from Leyr's answers against background fetches (DayCache.writeDay).
import os from 'node:os';
import type { Logger } from '../../log/logger.ts';
import type { LocalStore } from '../../store/store.ts';
import { isValidZone, todayIn } from './day-time.ts';

export interface ScheduleAccount {
  /** Stable key of the account in the store, e.g. `demo:webdoc:L0_1`. */
  key: string;
  emr: string;
  careUnitId: string;
}

export interface ScheduleContext {
  readonly store: LocalStore;
  readonly accountId: number;
  /** The EHR's lowercase code (webdoc, anitasystems, …): which patient ids it takes. */
  readonly emr: string;
  readonly careUnitId: string;
  /** Who is recorded in the audit log. */
  readonly actor: string;
  readonly log: Logger;
  now(): number;
  nowIso(): string;
  /**
   * The care unit's clock for what has passed: no change, proposal or free time before it.
   * `now` unless a test of a seeded day sets it to that day (ScheduleServiceOptions.careUnitNow).
   */
  careUnitNow(): number;
  /** The care unit's IANA zone: where its days begin and end. */
  zone(): string;
  /** The app's zone, for a care unit whose zone Leyr does not say (Leyr's care units carry none). */
  readonly defaultZone: string;
  /** Today's date in the care unit's zone. */
  today(): string;
  /** The care unit was fetched from Leyr: its zone and name. */
  setCareUnit(zone: string, name: string | null): void;
  /** A new sequence number for a write from one of Leyr's answers. */
  nextSyncSeq(): number;
  /** A number no answer written after this moment can be below. */
  currentSyncSeq(): number;
}

/** The app's zone where none is given (docs/leyr-api.md: Leyr's care-unit answer names no zone). */
export const DEFAULT_ZONE = 'Europe/Stockholm';

export function createScheduleContext(options: { store: LocalStore; log: Logger; account: ScheduleAccount; actor?: string; now?: () => number; careUnitNow?: () => number; timeZone?: string }): ScheduleContext {
  const { store } = options;
  const now = options.now ?? Date.now;
  const nowIso = (): string => new Date(now()).toISOString();
  const account = store.accounts.ensure(options.account, nowIso());
  const defaultZone = options.timeZone !== undefined && isValidZone(options.timeZone) ? options.timeZone : DEFAULT_ZONE;
  // Until the care unit has been fetched, its days are the app's.
  let zone = account.catalogFetchedAt === null ? defaultZone : account.timeZone;
  let syncSeq = store.days.maxSyncedSeq();
  return {
    store,
    accountId: account.id,
    emr: options.account.emr,
    careUnitId: options.account.careUnitId,
    actor: options.actor ?? osUserName(),
    log: options.log,
    now,
    nowIso,
    careUnitNow: options.careUnitNow ?? now,
    zone: () => zone,
    defaultZone,
    today: () => todayIn(zone, now()),
    setCareUnit(newZone, name) {
      zone = newZone;
      store.accounts.setCareUnit(account.id, { name, timeZone: newZone });
    },
    nextSyncSeq: () => (syncSeq += 1),
    currentSyncSeq: () => syncSeq,
  };
}

function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
