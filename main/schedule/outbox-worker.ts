// Drains the outbox of one account: strictly in order, one change at a time, each in one
// Leyr request. A refusal settles the change (reverted, reported) and the next one goes; a
// failure on the way keeps the change at the head and retries it with exponential backoff
// (with jitter), or at once when Leyr is seen to answer again. A change whose last attempt
// has an unknown outcome is reconciled against Leyr's state before it is sent again (see
// leyr-change.ts); any other change is first checked against Leyr's state, so that one made
// on a view that another desk has since changed is reported as a conflict, not sent over
// that desk's change (see base-check.ts).
import type { LeyrApi } from '../leyr/api.ts';
import type { Logger } from '../log/logger.ts';
import type { OutboxEntry } from '../store/outbox.ts';
import { createBaseCheck, type BaseCheck, type BaseVerdict } from './base-check.ts';
import { changeRequestSchema, type ChangeRequest } from './changes.ts';
import { reconcileChange, sendChange } from './leyr-change.ts';
import { classifyChangeFailure } from './leyr-outcome.ts';
import { failureFrom, settleApplied, settleChangedElsewhere, settleFailed, type Settled, type SettlementContext } from './settlement.ts';

export interface RetryPolicy {
  /** First delay after a failure; doubles per consecutive failure. */
  baseMs: number;
  maxMs: number;
}

export interface OutboxWorkerOptions extends SettlementContext {
  api: LeyrApi;
  log: Logger;
  retry: RetryPolicy;
  /** How long Leyr's listing of a day may serve the changes sent back to back after it (base-check.ts). */
  checkReuseMs: number;
  now(): number;
  /** Announces what a step changed (events, snapshots); called after each commit. */
  announce(settled: Settled, entry: OutboxEntry | null): void;
  /** The change is about to leave (status `sent`). */
  onSending(entry: OutboxEntry): void;
  /**
   * Before sending again after failures: catch up with Leyr (refresh the days pending
   * changes touch) so that changes made elsewhere meanwhile are seen as conflicts, not
   * overwritten. Rejects when Leyr still cannot be reached.
   */
  catchUp(entries: OutboxEntry[]): Promise<void>;
}

export interface OutboxWorker {
  /** Starts draining (once everything the worker calls back into is in place). */
  start(): void;
  /** Something new was queued, or Leyr answers again (`ignoreBackoff`). */
  kick(ignoreBackoff?: boolean): void;
  /** Resolves when no change is pending or in flight (failed ones do not count). */
  idle(): Promise<void>;
  /** Stops after the step in progress (waits at most `graceMs` for it). */
  stop(graceMs: number): Promise<void>;
  /** Resolves once the loop has ended, the step in flight at `stop` included, however long it takes. */
  stopped(): Promise<void>;
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, accountId, log } = options;
  let stopping = false;
  let wakeUp: (() => void) | null = null;
  let wakeTimer: NodeJS.Timeout | null = null;
  let skipBackoff = false;
  let failures = 0;
  let idleWaiters: (() => void)[] = [];
  let current: Promise<void> = Promise.resolve();
  const checks: BaseCheck = createBaseCheck({ api: options.api, zone: options.zone, now: options.now, reuseMs: options.checkReuseMs });

  const sleep = (ms: number | null): Promise<void> => {
    // Whatever Leyr showed before a pause is read again after it.
    checks.forget();
    return new Promise<void>((resolve) => {
      wakeUp = resolve;
      if (ms !== null) wakeTimer = setTimeout(resolve, Math.max(0, ms));
    }).then(() => {
      if (wakeTimer !== null) clearTimeout(wakeTimer);
      wakeTimer = null;
      wakeUp = null;
    });
  };

  const backoffMs = (): number => {
    const exponential = Math.min(options.retry.maxMs, options.retry.baseMs * 2 ** Math.max(0, failures - 1));
    return exponential / 2 + Math.random() * (exponential / 2);
  };

  const failedAttempt = (entry: OutboxEntry, error: unknown, status: 'pending' | 'sending'): void => {
    failures += 1;
    checks.forget();
    const failure = failureFrom(error);
    const nextAt = options.now() + backoffMs();
    store.outbox.deferRetry(entry.seq, nextAt, failure, options.nowIso(), status);
    log.info({ changeId: entry.changeId, attempts: entry.attempts, code: failure.code, retryInMs: Math.round(nextAt - options.now()) }, 'change not through yet; retrying later');
  };

  const parse = (entry: OutboxEntry): ChangeRequest | null => {
    const parsed = changeRequestSchema.safeParse(entry.request);
    return parsed.success ? parsed.data : null;
  };

  async function step(entry: OutboxEntry): Promise<void> {
    const request = parse(entry);
    if (request === null) {
      options.announce(settleFailed(options, entry, { status: 'refused', failure: { reason: 'This change could not be read back from the local store.', code: 'UNREADABLE', leyr: null } }), entry);
      return;
    }
    if (failures > 0) {
      try {
        await options.catchUp(store.outbox.open(accountId).filter((e) => e.status === 'pending' || e.status === 'sending'));
      } catch (error) {
        if (!store.isOpen()) return;
        failedAttempt(entry, error, entry.status === 'sending' ? 'sending' : 'pending');
        return;
      }
      if (!store.isOpen()) return;
      // Catching up may have settled this entry (a conflict): start over from the store.
      const fresh = store.outbox.byChangeId(entry.changeId);
      if (fresh === null || (fresh.status !== 'pending' && fresh.status !== 'sending')) return;
    }
    if (entry.status === 'sending') {
      let verdict;
      try {
        verdict = await reconcileChange(options.api, request, entry.targets, options.zone());
      } catch (error) {
        if (!store.isOpen()) return;
        failedAttempt(entry, error, 'sending');
        return;
      }
      if (!store.isOpen()) return;
      if (verdict.outcome === 'applied') {
        failures = 0;
        applied(entry, settleApplied(options, entry, request, verdict.remote, 'reconciled'));
        return;
      }
      if (verdict.outcome === 'conflict') {
        failures = 0;
        const local = entry.targets.map((t) => t.expected).filter((r) => r !== null);
        options.announce(
          settleFailed(options, entry, {
            status: 'conflict',
            failure: { reason: 'These appointments were changed elsewhere while this change was on its way; it was not applied.', code: 'CHANGED_ELSEWHERE', leyr: null },
            conflict: { local, remote: verdict.remote },
          }),
          entry,
        );
        return;
      }
      log.info({ changeId: entry.changeId }, 'an earlier attempt did not reach Leyr; sending again');
      leaving(entry);
    } else {
      // In flight from here: should the check or the request fail on the way, Leyr's state
      // is read again before anything is sent (the reconciliation above).
      leaving(entry);
      if (!(await clearedToSend(entry, request))) return;
    }

    let answer;
    try {
      answer = await sendChange(options.api, request);
    } catch (error) {
      if (!store.isOpen()) return;
      const kind = classifyChangeFailure(error);
      if (kind === 'refused') {
        failures = 0;
        options.announce(settleFailed(options, entry, { status: 'refused', failure: failureFrom(error) }), entry);
      } else {
        failedAttempt(entry, error, kind === 'retry' ? 'pending' : 'sending');
      }
      return;
    }
    if (!store.isOpen()) return;
    failures = 0;
    applied(entry, settleApplied(options, entry, request, answer, 'answer'));
  }

  function leaving(entry: OutboxEntry): void {
    store.outbox.markSending(entry.seq, options.nowIso());
    options.onSending({ ...entry, status: 'sending', attempts: entry.attempts + 1 });
  }

  function applied(entry: OutboxEntry, settled: Settled): void {
    checks.learn(settled.written ?? []);
    options.announce(settled, entry);
  }

  /**
   * Checks a change that was pending against Leyr's state before it is sent (base-check.ts).
   * False when it is not to be sent now: settled (changed elsewhere, already so, or the check
   * refused) or deferred (Leyr could not be read).
   */
  async function clearedToSend(entry: OutboxEntry, request: ChangeRequest): Promise<boolean> {
    let verdict: BaseVerdict;
    try {
      verdict = await checks.verify(entry.targets, store.outbox.activeCount(accountId) > 1);
    } catch (error) {
      if (!store.isOpen()) return false;
      const kind = classifyChangeFailure(error);
      if (kind === 'refused') {
        // Leyr will not list the day (or the app failed to): the change cannot be cleared.
        log.warn({ err: error, changeId: entry.changeId }, 'the state of a change could not be checked at Leyr');
        failures = 0;
        options.announce(settleFailed(options, entry, { status: 'refused', failure: failureFrom(error) }), entry);
      } else {
        failedAttempt(entry, error, kind === 'retry' ? 'pending' : 'sending');
      }
      return false;
    }
    if (!store.isOpen()) return false;
    const now = store.outbox.byChangeId(entry.changeId);
    if (now === null || now.status !== 'sending') return false;
    if (verdict.outcome === 'unchanged') return true;
    failures = 0;
    const { remote } = verdict;
    if (verdict.outcome === 'already-so') {
      const settled = store.transaction(() => {
        const done = settleApplied(options, entry, request, [], 'already-so');
        store.days.upsertServer(accountId, remote, options.nextSyncSeq());
        return done;
      });
      applied(entry, { ...settled, written: remote });
      return false;
    }
    // Not sent; the local copy reverts to Leyr's, as when a refresh finds the collision.
    const settled = store.transaction(() => {
      store.days.upsertServer(accountId, remote, options.nextSyncSeq());
      return settleChangedElsewhere(options, entry, remote);
    });
    options.announce({ ...settled, dates: [...new Set([...settled.dates, ...remote.map((r) => r.date)])] }, entry);
    return false;
  }

  async function run(): Promise<void> {
    while (!stopping) {
      let entry: OutboxEntry | null;
      try {
        entry = store.outbox.next(accountId);
      } catch (error) {
        log.error({ err: error }, 'outbox could not be read');
        await sleep(options.retry.maxMs);
        continue;
      }
      if (entry === null) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
        await sleep(null);
        continue;
      }
      const wait = entry.nextAttemptAt - options.now();
      if (wait > 0 && !skipBackoff) {
        await sleep(wait);
        continue;
      }
      skipBackoff = false;
      current = step(entry).catch((error: unknown) => {
        failures += 1;
        checks.forget();
        log.error({ err: error, changeId: entry.changeId }, 'outbox step failed');
        try {
          if (store.isOpen()) store.outbox.deferRetry(entry.seq, options.now() + backoffMs(), failureFrom(error), options.nowIso(), entry.status === 'sending' ? 'sending' : 'pending');
        } catch {
          // The store is closing; the entry is taken up again on the next start.
        }
      });
      await current;
    }
  }

  let running: Promise<void> = Promise.resolve();

  return {
    start() {
      running = run();
    },
    kick(ignoreBackoff = false) {
      if (ignoreBackoff) {
        skipBackoff = true;
        failures = Math.min(failures, 1);
      }
      wakeUp?.();
    },
    idle() {
      if (store.outbox.activeCount(accountId) === 0) return Promise.resolve();
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        wakeUp?.();
      });
    },
    async stop(graceMs) {
      stopping = true;
      wakeUp?.();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([current, running]), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      if (timer !== undefined) clearTimeout(timer);
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    },
    stopped: () => running,
  };
}
