// Patient names for the day view. Appointments carry only a patient id; the name comes from
// the store, where it is kept across days, and from Leyr (one GET per patient) when the store
// has none. A big clinic's day has about a thousand patients and Leyr answers each in
// hundreds of milliseconds, so the order and the pace matter:
//
// - order: names of the columns the window draws first (`showing`), then the rest of the day
//   shown, then the other open days, then the days fetched ahead; names already known but
//   old come last, refreshed in the background (the old name shows meanwhile);
// - pace: as many at once as Leyr takes (adaptive-limit.ts: grows while Leyr answers fast,
//   halves when it pushes back); nothing is sent while Leyr has asked to wait (the client's
//   wait gate, shared with every other call), and what was held goes once the wait is over;
// - names land in the store in small batches, and the days showing those patients are told
//   (`onNames`), so the window fills in column by column instead of all at the end;
// - the same patient is never asked for twice at once.
import { LeyrError } from '../../leyr/errors.ts';
import type { LeyrApi } from '../../leyr/api.ts';
import { AdaptiveLimit } from '../../leyr/adaptive-limit.ts';
import { DisposableStore, type IDisposable } from '../../lifecycle/disposable.ts';
import type { Logger } from '../../log/logger.ts';
import type { PatientStore } from '../../store/patients.ts';
import type { PatientRecord } from '../../store/records.ts';
import { patientRecord } from '../common/leyr-records.ts';

/**
 * A name fetched longer ago than this is refreshed in the background (and shown meanwhile).
 * Names in an EHR change rarely (a marriage, a corrected spelling): a week bounds how long a
 * changed name can show, while a clinic's regular patients cost Leyr one GET a week each
 * instead of one every day, and none of them delays the names still missing.
 */
export const NAME_MAX_AGE_DAYS = 7;

/**
 * Found names are written and announced in batches (one store transaction, one snapshot of
 * each open day pushed): names of the day shown within this long…
 */
const FLUSH_SHOWN_MS = 100;
/**
 * …and the others (days fetched ahead, refreshes) within this long: every push of a big day
 * costs main and the window tens of milliseconds that the names on screen are waiting for.
 */
const FLUSH_BACKGROUND_MS = 750;
/** A name whose fetch failed (Leyr or the EHR failed, the network) is tried again this many times in a round. */
const MAX_ATTEMPTS = 3;
/**
 * The limit of names on their way at once starts here: more than a browser's six per host,
 * since Leyr is an API gateway; it halves at the first push-back.
 */
const INITIAL_CONCURRENCY = 16;

/** Whose name is wanted, and where it shows. */
export interface NameDemand {
  patientId: string;
  resourceId: string | null;
}

export type NameTier = 'open' | 'ahead';

export interface PatientNames extends IDisposable {
  /**
   * Queues the names of these appointments' patients that the store lacks (and those it has
   * but are old, after all others). Resolves once every missing one has been answered,
   * or given up for this round; answers how many names were stored.
   */
  want(date: string, demands: readonly NameDemand[], tier: NameTier): Promise<number>;
  /** The window draws these columns of `date`: their names go first. */
  showing(date: string, resourceIds: readonly string[]): void;
}

export interface PatientNamesOptions {
  api: LeyrApi;
  patients: PatientStore;
  accountId: number;
  log: Logger;
  /** Today's date (YYYY-MM-DD) where the clinic is. */
  today(): string;
  /** The most names on their way at once. */
  maxConcurrency: number;
  /** Names of patients showing on these days were stored. */
  onNames(dates: readonly string[]): void;
  now?: () => number;
}

interface Entry {
  id: string;
  /** Where the patient shows: date → resources. */
  where: Map<string, Set<string | null>>;
  tier: NameTier;
  /** Known, only old: refreshed when nothing else waits. */
  refresh: boolean;
  running: boolean;
  attempts: number;
  done: ((stored: boolean) => void)[];
}

const PRIORITIES = 5;

/** Leyr answered, and has no such patient (or no name to give for this id). */
function isNoSuchPatient(error: unknown): boolean {
  if (!(error instanceof LeyrError) || error.kind !== 'http' || error.heldByGate || error.status === null) return false;
  if (error.errorCodes.includes('EMR_ERROR') || error.code === 'EMR_ERROR') return false;
  return error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 403 && error.status !== 408 && error.status !== 429;
}

/** Leyr pushed back: it asked to wait, is unavailable, or the EHR behind it failed (overloaded). */
function isPushBack(error: unknown): boolean {
  if (!(error instanceof LeyrError)) return false;
  return error.heldByGate || error.retryAfterMs !== null || error.status === 429 || error.status === 503 || error.code === 'EMR_ERROR' || error.errorCodes.includes('EMR_ERROR');
}

const daysBefore = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export function createPatientNames(options: PatientNamesOptions): PatientNames {
  const { api, patients, accountId, log } = options;
  const now = options.now ?? Date.now;
  const disposables = new DisposableStore();
  const limit = new AdaptiveLimit({ initial: Math.min(INITIAL_CONCURRENCY, options.maxConcurrency), max: options.maxConcurrency, now });
  const gate = api.gate;
  const queue = new Map<string, Entry>();
  const buckets: string[][] = Array.from({ length: PRIORITIES }, () => []);
  const heads: number[] = new Array<number>(PRIORITIES).fill(0);
  let visible: { date: string; resources: ReadonlySet<string> } | null = null;
  let running = 0;
  let resumeTimer: IDisposable | null = null;
  const found: PatientRecord[] = [];
  const unknown: string[] = [];
  const finished: { entry: Entry; stored: boolean }[] = [];
  let flushTimer: IDisposable | null = null;
  let flushDue = Number.POSITIVE_INFINITY;
  let failures = 0;

  const priority = (entry: Entry): number => {
    if (entry.refresh) return 4;
    if (visible !== null) {
      const shown = entry.where.get(visible.date);
      if (shown !== undefined) {
        for (const resource of shown) if (resource !== null && visible.resources.has(resource)) return 0;
        return 1;
      }
    }
    return entry.tier === 'open' ? 2 : 3;
  };

  const place = (entry: Entry): void => {
    buckets[priority(entry)]!.push(entry.id);
  };

  /** Every waiting entry in its bucket again, in the order it was queued. */
  const rebucket = (): void => {
    for (let p = 0; p < PRIORITIES; p += 1) {
      buckets[p] = [];
      heads[p] = 0;
    }
    for (const entry of queue.values()) if (!entry.running) place(entry);
  };

  const next = (): Entry | null => {
    for (let p = 0; p < PRIORITIES; p += 1) {
      const bucket = buckets[p]!;
      while (heads[p]! < bucket.length) {
        const id = bucket[heads[p]!]!;
        heads[p]! += 1;
        const entry = queue.get(id);
        if (entry !== undefined && !entry.running && priority(entry) === p) return entry;
      }
      buckets[p] = [];
      heads[p] = 0;
    }
    return null;
  };

  const flush = (): void => {
    flushTimer = null;
    flushDue = Number.POSITIVE_INFINITY;
    if (disposables.isDisposed) return;
    const today = options.today();
    const dates = new Set<string>();
    try {
      patients.upsert(accountId, found.splice(0), today);
      patients.markUnknown(accountId, unknown.splice(0), today);
    } catch (error) {
      // The store closed under us (the account was switched): nothing to tell.
      log.info({ err: error }, 'patient names could not be stored');
    }
    for (const { entry, stored } of finished.splice(0)) {
      // Out of the queue only now that the store has the answer: a day asking meanwhile finds it here, not missing again.
      queue.delete(entry.id);
      for (const date of entry.where.keys()) dates.add(date);
      for (const done of entry.done) done(stored);
    }
    if (dates.size > 0) options.onNames([...dates]);
  };

  const finish = (entry: Entry, stored: boolean): void => {
    const shown = priority(entry) <= 1;
    finished.push({ entry, stored });
    const due = now() + (shown ? FLUSH_SHOWN_MS : FLUSH_BACKGROUND_MS);
    if (due >= flushDue) return;
    if (flushTimer !== null) disposables.release(flushTimer);
    flushDue = due;
    flushTimer = disposables.timeout(flush, due - now());
  };

  const resumeAt = (until: number): void => {
    if (resumeTimer !== null) disposables.release(resumeTimer);
    resumeTimer = disposables.timeout(() => {
      resumeTimer = null;
      pump();
    }, Math.max(0, until - now()) + 5);
  };

  function pump(): void {
    while (!disposables.isDisposed && running < limit.current) {
      // While Leyr has asked to wait, nothing is sent: the rest goes when the wait is over.
      const until = gate?.waitUntil() ?? null;
      if (until !== null) {
        resumeAt(until);
        return;
      }
      const entry = next();
      if (entry === null) return;
      entry.running = true;
      running += 1;
      const sentAt = limit.now();
      api.getPatient(entry.id).then(
        (patient) => {
          limit.answered(sentAt);
          found.push({ ...patientRecord(patient), id: entry.id });
          finish(entry, true);
        },
        (error: unknown) => {
          if (isNoSuchPatient(error)) {
            limit.answered(sentAt);
            unknown.push(entry.id);
            finish(entry, false);
            return;
          }
          const pushedBack = isPushBack(error);
          if (pushedBack) limit.overloaded(sentAt);
          // A request the gate held never reached Leyr: it costs no attempt.
          if (!(error instanceof LeyrError && error.heldByGate)) entry.attempts += 1;
          if (entry.attempts >= MAX_ATTEMPTS) {
            failures += 1;
            // Left for the day's next refresh, which asks again.
            finish(entry, false);
            return;
          }
          entry.running = false;
          place(entry);
          if (!pushedBack) limit.overloaded(sentAt);
        },
      ).finally(() => {
        running -= 1;
        if (running === 0 && failures > 0) {
          log.info({ failures }, 'some patient names could not be fetched; they are tried again with the day’s next refresh');
          failures = 0;
        }
        pump();
      });
    }
  }

  if (gate !== undefined) {
    disposables.add(
      gate.onChange((until) => {
        if (until === null) pump();
      }),
    );
  }

  return {
    want(date, demands, tier) {
      if (disposables.isDisposed || demands.length === 0) return Promise.resolve(0);
      const today = options.today();
      // In the order given (the caller orders a day by its columns), each patient once.
      const byPatient = new Map<string, Set<string | null>>();
      for (const demand of demands) {
        let resources = byPatient.get(demand.patientId);
        if (resources === undefined) {
          resources = new Set();
          byPatient.set(demand.patientId, resources);
        }
        resources.add(demand.resourceId);
      }
      const { missing, old } = patients.namesToFetch(accountId, [...byPatient.keys()], today, daysBefore(today, NAME_MAX_AGE_DAYS));
      const waits: Promise<boolean>[] = [];
      const add = (id: string, refresh: boolean): void => {
        const resources = byPatient.get(id) ?? new Set<string | null>();
        let entry = queue.get(id);
        if (entry === undefined) {
          entry = { id, where: new Map([[date, new Set(resources)]]), tier, refresh, running: false, attempts: 0, done: [] };
          queue.set(id, entry);
          place(entry);
        } else {
          const before = entry.running ? -1 : priority(entry);
          const shows = entry.where.get(date) ?? new Set<string | null>();
          for (const resource of resources) shows.add(resource);
          entry.where.set(date, shows);
          if (tier === 'open') entry.tier = 'open';
          if (!refresh) entry.refresh = false;
          if (!entry.running && priority(entry) !== before) place(entry);
        }
        const waiting = entry;
        if (!refresh) waits.push(new Promise<boolean>((resolve) => waiting.done.push(resolve)));
      };
      for (const id of missing) add(id, false);
      for (const id of old) add(id, true);
      pump();
      return Promise.all(waits).then((stored) => stored.filter(Boolean).length);
    },
    showing(date, resourceIds) {
      visible = { date, resources: new Set(resourceIds) };
      rebucket();
      pump();
    },
    dispose() {
      disposables.dispose();
      // Whoever waits for names gets an answer: none will come from this instance.
      for (const entry of queue.values()) for (const done of entry.done) done(false);
      for (const { entry } of finished) for (const done of entry.done) done(false);
      queue.clear();
    },
  };
}
