// A queued change the store could not read back (store/outbox/entry-reader.ts) has already
// been kept, marked and, if it was still to be sent, refused there. Here it is reported: in
// the log, in the audit log, on its days (its appointments show it as failed), and the
// changes made on top of it are refused as depending on it.
import type { IDisposable } from '../../lifecycle/disposable.ts';
import { settleUnreadable } from '../changes/settle-failed.ts';
import type { Settled } from '../changes/settlement.ts';
import type { ScheduleContext } from '../common/context.ts';

export function watchUnreadable(ctx: ScheduleContext, announce: (settled: Settled) => void): IDisposable {
  const { store, accountId, log } = ctx;
  return store.outbox.onUnreadable((report) => {
    if (report.accountId !== accountId || !store.isOpen()) return;
    log.warn({ changeId: report.changeId, problem: report.problem, wasActive: report.wasActive }, 'a queued change could not be read back; it is kept, marked and not sent');
    if (!report.wasActive) return;
    const entry = store.outbox.byChangeId(report.changeId);
    if (entry === null) return;
    try {
      announce(settleUnreadable(ctx, entry));
    } catch (error) {
      log.error({ err: error, changeId: report.changeId }, 'the changes made on top of an unreadable change could not be settled');
    }
  });
}
