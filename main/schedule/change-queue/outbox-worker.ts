// Drains the outbox of one account: strictly in order, one change at a time (outbox-step.ts).
// A refusal settles the change and the next one goes; a failure on the way keeps it at the
// head and retries it with exponential backoff (retry-backoff.ts), never before the time Leyr
// asked to wait (Retry-After, or Leyr's ladder: the client's wait gate), or at once when Leyr
// is seen to answer again. Its one timer (the sleep) is released by dispose, which also ends
// the loop after the step in progress.
import { DisposableStore, type IDisposable } from '../../lifecycle/disposable.ts';
import type { LeyrApi } from '../../leyr/api.ts';
import type { OutboxEntry, OutboxRecord } from '../../store/outbox/entry.ts';
import type { Settled } from '../changes/settlement.ts';
import type { ScheduleContext } from '../common/context.ts';
import { createBaseCheck } from './base-check.ts';
import { createOutboxStep } from './outbox-step.ts';
import { RetryBackoff, type RetryPolicy } from './retry-backoff.ts';
import { createStepOutcomes } from './step-outcomes.ts';

export interface OutboxWorkerOptions {
  ctx: ScheduleContext;
  api: LeyrApi;
  retry: RetryPolicy;
  /** How long Leyr's listing of a day may serve the changes sent back to back after it (base-check.ts). */
  checkReuseMs: number;
  /** Announces what a step changed (events, snapshots); called after each commit. */
  announce(settled: Settled): void;
  /** The change is about to leave (state `sent`). */
  onSent(entry: OutboxEntry): void;
  /**
   * Before sending again after failures: catch up with Leyr (refresh the days pending
   * changes touch) so that changes made elsewhere meanwhile are seen as conflicts, not
   * overwritten. Rejects when Leyr still cannot be reached.
   */
  catchUp(entries: readonly OutboxRecord[]): Promise<void>;
}

export interface OutboxWorker extends IDisposable {
  /** Starts draining (once everything the worker calls back into is in place). */
  start(): void;
  /** Something new was queued, or Leyr answers again (`ignoreBackoff`). */
  kick(ignoreBackoff?: boolean): void;
  /** Resolves when no change is pending or in flight (failed ones do not count), or on dispose. */
  idle(): Promise<void>;
  /** Resolves once the loop has ended, the step in flight at dispose included, however long it takes. */
  stopped(): Promise<void>;
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { ctx } = options;
  const { store, accountId, log } = ctx;
  const disposables = new DisposableStore();
  const backoff = new RetryBackoff(options.retry);
  const checks = createBaseCheck({
    api: options.api,
    zone: ctx.zone,
    now: ctx.now,
    reuseMs: options.checkReuseMs,
    records: () => store.days.cancellationRecordIds(accountId),
    resources: () => store.days.resources(accountId).map((r) => r.id),
  });
  const outcomes = createStepOutcomes({ ctx, checks, backoff, announce: options.announce });
  const step = createOutboxStep({ ctx, api: options.api, checks, backoff, outcomes, onSent: options.onSent, catchUp: options.catchUp });
  let wakeUp: (() => void) | null = null;
  let skipBackoff = false;
  let idleWaiters: (() => void)[] = [];
  let running: Promise<void> = Promise.resolve();

  const releaseIdleWaiters = (): void => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  /** Waits `ms` (or until kicked; null: only until kicked). Whatever Leyr showed before is read again after. */
  async function sleep(ms: number | null): Promise<void> {
    checks.forget();
    if (disposables.isDisposed) return;
    let resolve: () => void = () => {};
    const woken = new Promise<void>((r) => (resolve = r));
    wakeUp = resolve;
    const timer = ms === null ? null : disposables.timeout(resolve, Math.max(0, ms));
    await woken;
    if (timer !== null) disposables.release(timer);
    wakeUp = null;
  }

  async function run(): Promise<void> {
    while (!disposables.isDisposed) {
      let entry: OutboxEntry | null;
      try {
        entry = store.outbox.next(accountId);
      } catch (error) {
        log.error({ err: error }, 'outbox could not be read');
        await sleep(options.retry.maxMs);
        continue;
      }
      if (entry === null) {
        releaseIdleWaiters();
        await sleep(null);
        continue;
      }
      // Leyr (or a gateway) asked everyone to wait: nothing goes before then, kicked or not.
      const gateWait = (options.api.gate?.waitUntil() ?? 0) - ctx.now();
      if (gateWait > 0) {
        await sleep(gateWait);
        continue;
      }
      const wait = entry.nextAttemptAt - ctx.now();
      if (wait > 0 && !skipBackoff) {
        await sleep(wait);
        continue;
      }
      skipBackoff = false;
      const current = entry;
      await step(current).catch((error: unknown) => {
        log.error({ err: error, changeId: current.changeId }, 'outbox step failed');
        try {
          if (store.isOpen()) outcomes.deferred(current, error, current.status === 'sent' ? 'sent' : 'pending');
        } catch {
          // The store is closing; the entry is taken up again on the next start.
        }
      });
    }
  }

  return {
    start() {
      running = run();
    },
    kick(ignoreBackoff = false) {
      if (ignoreBackoff) {
        skipBackoff = true;
        backoff.forgive();
      }
      wakeUp?.();
    },
    idle() {
      if (disposables.isDisposed || store.outbox.activeCount(accountId) === 0) return Promise.resolve();
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        wakeUp?.();
      });
    },
    stopped: () => running,
    dispose() {
      disposables.dispose();
      wakeUp?.();
      releaseIdleWaiters();
    },
  };
}
