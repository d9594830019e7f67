// One attempt at the change at the head of the outbox. After failures, the days of what
// waits are fetched first (changes made elsewhere meanwhile become conflicts, not
// overwrites). A change whose last attempt has an unknown outcome is reconciled against
// Leyr's state (changes/reconcile.ts) before it is sent again; any other is checked against
// Leyr (pre-send-check.ts), marked `sent` and sent in its one request. Sending and
// reconciling are lookups of the change's kind in the registry.
import type { LeyrApi } from '../../leyr/api.ts';
import type { OutboxEntry, OutboxRecord } from '../../store/outbox/entry.ts';
import { refusalOf } from '../changes/bulk-refusal.ts';
import { readChangeAnswer, reconcileChange, sendChange } from '../changes/registry.ts';
import { settleFailed } from '../changes/settle-failed.ts';
import { settleApplied, settleUnresolved } from '../changes/settlement.ts';
import type { ScheduleContext } from '../common/context.ts';
import { classifyChangeFailure } from '../common/leyr-outcome.ts';
import type { AppointmentRecord } from '../../store/records.ts';
import type { BaseCheck } from './base-check.ts';
import { clearedToSend } from './pre-send-check.ts';
import type { RetryBackoff } from './retry-backoff.ts';
import type { StepOutcomes } from './step-outcomes.ts';

export interface OutboxStepOptions {
  ctx: ScheduleContext;
  api: LeyrApi;
  checks: BaseCheck;
  backoff: RetryBackoff;
  outcomes: StepOutcomes;
  /** The change is about to leave (state `sent`). */
  onSent(entry: OutboxEntry): void;
  /** Fetches the days of these changes from Leyr; rejects when Leyr still cannot be reached. */
  catchUp(entries: readonly OutboxRecord[]): Promise<void>;
}

export function createOutboxStep(options: OutboxStepOptions): (entry: OutboxEntry) => Promise<void> {
  const { ctx, api, outcomes } = options;
  const { store, accountId } = ctx;
  const closed = (): boolean => !store.isOpen();
  const stillActive = (entry: OutboxRecord | null): boolean => entry !== null && (entry.status === 'pending' || entry.status === 'sent');

  /** Marks it in flight; false when it is no longer in the outbox to be sent (withdrawn by an undo meanwhile). */
  const leaving = (entry: OutboxEntry): boolean => {
    if (!store.outbox.markSent(entry.seq, ctx.nowIso())) return false;
    options.onSent({ ...entry, status: 'sent', attempts: entry.attempts + 1 });
    return true;
  };

  /** After failures: false when catching up failed, or settled this change (a conflict). */
  async function caughtUp(entry: OutboxEntry): Promise<boolean> {
    try {
      await options.catchUp(store.outbox.open(accountId).filter(stillActive));
    } catch (error) {
      if (!closed()) outcomes.deferred(entry, error, entry.status === 'sent' ? 'sent' : 'pending');
      return false;
    }
    return !closed() && stillActive(store.outbox.byChangeId(entry.changeId));
  }

  /** An earlier attempt's outcome is unknown: true when it is to be sent again. */
  async function notYetApplied(entry: OutboxEntry): Promise<boolean> {
    let verdict;
    try {
      verdict = await reconcileChange(api, entry.request, entry.targets, ctx.zone(), store.days.cancellationRecordIds(accountId));
    } catch (error) {
      if (!closed()) outcomes.deferred(entry, error, 'sent');
      return false;
    }
    if (closed()) return false;
    if (verdict.outcome === 'applied') {
      outcomes.settled(settleApplied(ctx, entry, verdict.remote, 'reconciled'));
      return false;
    }
    if (verdict.outcome === 'conflict') {
      const local = entry.targets.map((t) => t.expected).filter((r): r is AppointmentRecord => r !== null);
      const failure = { reason: 'These appointments were changed elsewhere while this change was on its way; it was not applied.', code: 'CHANGED_ELSEWHERE', leyr: null };
      outcomes.settled(settleFailed(ctx, entry, { status: 'conflict', failure, conflict: { local, remote: verdict.remote } }));
      return false;
    }
    ctx.log.info({ changeId: entry.changeId }, 'an earlier attempt did not reach Leyr; sending again');
    return leaving(entry);
  }

  async function send(entry: OutboxEntry): Promise<void> {
    let answer;
    try {
      answer = await sendChange(api, entry.request);
    } catch (error) {
      if (closed()) return;
      const kind = classifyChangeFailure(error);
      if (kind !== 'refused') {
        outcomes.deferred(entry, error, kind === 'retry' ? 'pending' : 'sent');
        return;
      }
      // A bulk move refused whole is pinned on the appointments that had no slot (bulk-refusal.ts).
      const failure = await refusalOf(ctx, api, entry, error);
      if (!closed()) outcomes.refused(entry, error, failure);
      return;
    }
    if (closed()) return;
    let reading;
    try {
      reading = await readChangeAnswer(api, entry.request, entry.targets, answer, ctx.zone());
    } catch (error) {
      // Leyr took it, but its ambiguous answer could not be checked against Leyr's state:
      // the change stays in flight and is judged from Leyr's state on the next attempt.
      if (!closed()) outcomes.deferred(entry, error, 'sent');
      return;
    }
    if (closed()) return;
    if (reading.unresolved.length > 0) {
      ctx.log.warn({ changeId: entry.changeId, unresolved: reading.unresolved.length, records: reading.records.length }, 'a cancel answer could not be paired with the appointments sent');
      outcomes.settled(settleUnresolved(ctx, entry, reading));
      return;
    }
    outcomes.settled(settleApplied(ctx, entry, reading, 'answer'));
  }

  return async (entry) => {
    if (options.backoff.failing && !(await caughtUp(entry))) return;
    if (entry.status === 'sent') {
      if (!(await notYetApplied(entry))) return;
    } else {
      // The check is a read, so the change stays `pending` through it: an undo meanwhile
      // still withdraws it (then `leaving` finds it gone and nothing is sent). In flight from
      // `leaving` on: should the request fail on the way, Leyr's state is read again before it
      // is sent again (notYetApplied).
      if (!(await clearedToSend(options, entry))) return;
      if (!leaving(entry)) return;
    }
    await send(entry);
  };
}
