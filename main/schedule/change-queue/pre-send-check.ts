// The last look before a pending change leaves: does Leyr still hold what it was made on
// (base-check.ts)? If another desk got there first it is not sent: it is settled as a
// conflict (or as applied, when that desk made this very change) and the day shows Leyr's.
import type { OutboxEntry } from '../../store/outbox/entry.ts';
import { settleChangedElsewhere } from '../changes/settle-failed.ts';
import { settleApplied } from '../changes/settlement.ts';
import type { ScheduleContext } from '../common/context.ts';
import { classifyChangeFailure } from '../common/leyr-outcome.ts';
import type { BaseCheck, BaseVerdict } from './base-check.ts';
import type { StepOutcomes } from './step-outcomes.ts';

/**
 * True when the change (still `pending`) is to be sent now. False when it was settled
 * (changed elsewhere, already so, or the check was refused) or deferred (Leyr could not be read).
 */
export async function clearedToSend(options: { ctx: ScheduleContext; checks: BaseCheck; outcomes: StepOutcomes }, entry: OutboxEntry): Promise<boolean> {
  const { ctx, outcomes } = options;
  const { store, accountId } = ctx;
  let verdict: BaseVerdict;
  try {
    verdict = await options.checks.verify(entry.targets, store.outbox.activeCount(accountId) > 1);
  } catch (error) {
    if (!store.isOpen()) return false;
    const kind = classifyChangeFailure(error);
    if (kind === 'refused') {
      // Leyr will not list the day (or the app failed to): the change cannot be cleared.
      ctx.log.warn({ err: error, changeId: entry.changeId }, 'the state of a change could not be checked at Leyr');
      outcomes.refused(entry, error);
    } else {
      // The check is a read: whatever became of it, the change itself has not left. It waits
      // as unsent (`pending`): it can still be withdrawn (an undo) and is not reconciled.
      outcomes.deferred(entry, error, 'pending');
    }
    return false;
  }
  if (!store.isOpen()) return false;
  const current = store.outbox.byChangeId(entry.changeId);
  // Withdrawn by an undo, or settled by a refresh, while Leyr was being read.
  if (current === null || current.status !== 'pending') return false;
  if (verdict.outcome === 'unchanged') return true;
  const { remote } = verdict;
  if (verdict.outcome === 'already-so') {
    const settled = store.transaction(() => {
      const done = settleApplied(ctx, entry, [], 'already-so');
      store.days.upsertServer(accountId, remote, ctx.nextSyncSeq());
      return done;
    });
    outcomes.settled({ ...settled, written: remote });
    return false;
  }
  // Not sent; the local copy reverts to Leyr's, as when a refresh finds the collision.
  const settled = store.transaction(() => {
    store.days.upsertServer(accountId, remote, ctx.nextSyncSeq());
    return settleChangedElsewhere(ctx, entry, remote);
  });
  outcomes.settled({ ...settled, dates: [...new Set([...settled.dates, ...remote.map((r) => r.date)])] });
  return false;
}
