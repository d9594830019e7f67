// At start: settled changes are kept a while for the audit trail of the outbox, then
// forgotten; so are past days and the patients only they named (patient data is kept no
// longer than the day view needs it).
import { DateTime } from 'luxon';
import type { ScheduleContext } from './common/context.ts';

const SETTLED_KEPT_MS = 30 * 24 * 60 * 60_000;
/** Past days kept in the store (calendar days before today). */
const DAYS_KEPT = 14;

export function keepHouse(ctx: ScheduleContext): void {
  const { store, accountId, log } = ctx;
  store.outbox.purgeSettled(new Date(ctx.now() - SETTLED_KEPT_MS).toISOString());
  const before = DateTime.fromMillis(ctx.now(), { zone: ctx.zone() }).minus({ days: DAYS_KEPT }).toISODate() ?? '';
  const forgotten = store.days.forgetBefore(accountId, before);
  if (forgotten.appointments + forgotten.patients > 0) log.info(forgotten, 'forgot past days of the local store');
  const pending = store.outbox.activeCount(accountId);
  if (pending > 0) log.info({ pending }, 'resuming queued changes');
}
