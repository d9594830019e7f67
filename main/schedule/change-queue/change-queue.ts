// The change queue: a change is planned against the local copy (by its kind, registry.ts),
// written to the outbox with its optimistic copy in one transaction, answered at once, and
// sent by the outbox worker. Refused or conflicting changes are retried (planned anew on
// the copy as it is now) or dismissed; all of them can be listed.
import { randomUUID } from 'node:crypto';
import type { ChangeKind, ChangeReceipt, ChangeView, UndoReceipt } from '../../../preload/contract/index.ts';
import type { EventBus } from '../../events/bus.ts';
import { notFound, rejected } from '../../errors/failure.ts';
import { DisposableStore, type IDisposable } from '../../lifecycle/disposable.ts';
import type { LeyrApi } from '../../leyr/api.ts';
import type { StoredEntry } from '../../store/outbox/entry.ts';
import type { ChangeArg } from '../changes/change-kind.ts';
import type { PlanContext, PlannedChange } from '../changes/planning.ts';
import { planChange, replanChange } from '../changes/registry.ts';
import type { Settled } from '../changes/settlement.ts';
import { appointmentViews } from '../common/appointment-view.ts';
import { datesOf } from '../common/change-dates.ts';
import type { ScheduleContext } from '../common/context.ts';
import { dateOf } from '../common/day-time.ts';
import { changeView } from './change-view.ts';
import { ChangedSinceSeenFailure, checkSeen, seenOf } from './seen-check.ts';
import { createOutboxWorker, type OutboxWorkerOptions } from './outbox-worker.ts';
import type { RetryPolicy } from './retry-backoff.ts';
import { refuseIntoPast } from './past-check.ts';
import { watchUnreadable } from './unreadable.ts';
import { undoChanges } from './undo.ts';

export interface ChangeQueueOptions extends Pick<OutboxWorkerOptions, 'catchUp'> {
  ctx: ScheduleContext;
  api: LeyrApi;
  bus: EventBus;
  retry: RetryPolicy;
  checkReuseMs: number;
  /** What settling changed: `change.status` of the changes (see emitStatus), the days' snapshots. */
  announce(settled: Settled): void;
  /** These days' snapshots are due (a change was queued or dismissed). */
  touch(dates: readonly string[]): void;
  /** The clinic allows changes into time that has passed (settings: allowPastChanges); never when absent. */
  allowPastChanges?: () => boolean;
}

export interface ChangeQueue extends IDisposable {
  make<K extends ChangeKind>(kind: K, arg: ChangeArg<K>): ChangeReceipt;
  retry(changeId: string): ChangeReceipt;
  dismiss(changeId: string): void;
  list(): ChangeView[];
  /** Takes back one step's changes: withdrawn when not yet sent, else their inverses queued (undo.ts). */
  undo(changeIds: readonly string[], reason?: string): UndoReceipt;
  /** Pushes `change.status` for each of these changes as it now stands. */
  emitStatus(changeIds: readonly string[]): void;
  /** Starts sending what waits (once everything it calls back into is in place). */
  start(): void;
  /** Something to send, or Leyr answers again (`ignoreBackoff`). */
  wake(ignoreBackoff?: boolean): void;
  whenIdle(): Promise<void>;
  whenStopped(): Promise<void>;
}

export function createChangeQueue(options: ChangeQueueOptions): ChangeQueue {
  const { ctx, bus } = options;
  const { store, accountId, actor } = ctx;
  const disposables = new DisposableStore();

  const emitStatus = (changeIds: readonly string[]): void => {
    for (const changeId of changeIds) {
      const entry = store.outbox.byChangeId(changeId);
      const view = entry === null ? null : changeView(entry);
      if (view !== null) bus.emit('change.status', view);
    }
  };

  const worker = disposables.add(
    createOutboxWorker({
      ctx,
      api: options.api,
      retry: options.retry,
      checkReuseMs: options.checkReuseMs,
      announce: options.announce,
      onSent: (entry) => {
        const view = changeView(entry);
        if (view !== null) bus.emit('change.status', view);
      },
      catchUp: options.catchUp,
    }),
  );
  disposables.add(watchUnreadable(ctx, options.announce));

  /** The days the appointments of a refused change were on, as shown and as they are. */
  const changedDates = (failure: ChangedSinceSeenFailure): string[] =>
    [...new Set(failure.changed.flatMap((c) => [c.seen.start, ...(c.now === null ? [] : [c.now.start])]).map((instant) => dateOf(instant, ctx.zone())))];

  const planContext = (changeId: string): PlanContext => ({
    changeId,
    zone: ctx.zone(),
    careUnitId: ctx.careUnitId,
    local: (ids) => store.days.localAppointments(accountId, ids),
    resource: (id) => store.days.resource(accountId, id),
    service: (id) => store.days.service(accountId, id),
    patientKnown: (id) => store.patients.get(accountId, id) !== null,
    cancellationRequests: () => store.days.cancellationRequests(accountId),
  });

  function queue(plan: (ctx: PlanContext) => PlannedChange): ChangeReceipt {
    if (disposables.isDisposed) throw rejected('The app is shutting down.');
    const changeId = randomUUID();
    const { request, summary, targets } = plan(planContext(changeId));
    const at = ctx.nowIso();
    store.transaction(() => {
      store.outbox.enqueue(accountId, { changeId, request, summary, actor, createdAt: at, targets });
      store.audit.write({ accountId, at, actor, action: 'change.queued', changeId, outcome: 'pending', detail: summary });
    });
    emitStatus([changeId]);
    options.touch(datesOf(targets));
    worker.kick();
    return { changeId, status: 'pending', appointments: appointmentViews(store, accountId, targets.map((t) => t.appointmentId)) };
  }

  /** A change of this account that failed and is still shown. */
  function failedChange(changeId: string, doing: string): StoredEntry {
    const entry = store.outbox.byChangeId(changeId);
    if (entry === null || entry.accountId !== accountId) throw notFound(`No such change: ${changeId}.`);
    if ((entry.status !== 'refused' && entry.status !== 'conflict') || entry.dismissed) throw rejected(`Only a refused or conflicting change can be ${doing}.`);
    return entry;
  }

  function retire(changeId: string, action: 'change.retried' | 'change.dismissed', outcome: string | null, detail: string, dates: string[]): void {
    const at = ctx.nowIso();
    store.transaction(() => {
      store.outbox.dismiss(changeId, at);
      store.audit.write({ accountId, at, actor, action, changeId, outcome, detail });
    });
    options.touch(dates);
  }

  const queueApi: ChangeQueue = {
    make(kind, arg) {
      const seen = seenOf(arg);
      if (seen.length > 0) {
        try {
          checkSeen(seen, store.days.localAppointments(accountId, seen.map((s) => s.id)));
        } catch (error) {
          // The window's copy is out of date: send it the day as it is now.
          if (error instanceof ChangedSinceSeenFailure) options.touch(changedDates(error));
          throw error;
        }
      }
      return queue((plan) => {
        const planned = planChange(kind, plan, arg);
        // After the plan: an unknown appointment or resource is said as such first.
        refuseIntoPast(kind, arg, ctx, { allowed: options.allowPastChanges?.() ?? false, now: ctx.careUnitNow() });
        return planned;
      });
    },
    retry(changeId) {
      const entry = failedChange(changeId, 'queued again');
      const { request } = entry;
      if (request === null) throw rejected('This change cannot be read back; make it again.');
      // Queued again later: the time it asks for may have passed meanwhile.
      const receipt = queue((plan) => {
        const planned = replanChange(request, plan);
        refuseIntoPast(request.kind, request, ctx, { allowed: options.allowPastChanges?.() ?? false, now: ctx.careUnitNow() });
        return planned;
      });
      retire(changeId, 'change.retried', receipt.changeId, entry.summary, datesOf(entry.targets));
      emitStatus([changeId]);
      return receipt;
    },
    dismiss(changeId) {
      const entry = failedChange(changeId, 'dismissed');
      retire(changeId, 'change.dismissed', null, entry.summary, datesOf(entry.targets));
    },
    list: () => store.outbox.open(accountId).flatMap((entry) => changeView(entry) ?? []),
    undo(changeIds, reason) {
      if (disposables.isDisposed) throw rejected('The app is shutting down.');
      return undoChanges({ ctx, make: (kind, arg) => queueApi.make(kind, arg), touch: options.touch }, changeIds, reason);
    },
    emitStatus,
    start: () => worker.start(),
    wake: (ignoreBackoff) => worker.kick(ignoreBackoff),
    whenIdle: () => worker.idle(),
    whenStopped: () => worker.stopped(),
    dispose: () => disposables.dispose(),
  };
  return queueApi;
}
