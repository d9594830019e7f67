// A change that did not go through: refused by Leyr, in conflict with a change made
// elsewhere, or unreadable. Its optimistic copy is dropped (the local copy reverts to the
// server copy) and the reason is kept for the receptionist.
//
// Changes made on top of a failed one are not sent: each later active change that touches
// one of the same appointments is refused as DEPENDS_ON_FAILED, and so on down the line.
// The receptionist made them looking at a state Leyr never took; sending them could put an
// appointment where nobody chose to put it from a real screen. They stay listed with the
// reason and can be queued again (retryChange) on top of the state as it is now.
import type { FailedSettlement, OutboxRecord } from '../../store/outbox/entry.ts';
import type { AppointmentRecord } from '../../store/records.ts';
import { datesOf } from '../common/change-dates.ts';
import type { Settled, SettlementContext } from './settlement.ts';

/** Leyr refused the change, or it collided with a change made elsewhere: revert and report. */
export function settleFailed(ctx: SettlementContext, entry: OutboxRecord, settlement: FailedSettlement): Settled {
  const at = ctx.nowIso();
  const settled = ctx.store.transaction(() => {
    ctx.store.outbox.settle(entry.seq, settlement, at);
    audit(ctx, entry, settlement, at);
    const why = settlement.status === 'conflict' ? 'collided with a change made elsewhere' : 'did not go through';
    return refuseDependents(ctx, entry, why, at);
  });
  const { failure } = settlement;
  ctx.log.info({ changeId: entry.changeId, status: settlement.status, code: failure.code, instance: failure.leyr?.instance ?? null, dependents: settled.changeIds.length - 1 }, 'change did not go through');
  return settled;
}

/**
 * Another desk changed what a pending change touches before it was sent: the change is not
 * sent but reported as a conflict with both versions (the local one it would have made and
 * Leyr's, `remote`), and the local copy reverts to the server copy.
 */
export function settleChangedElsewhere(ctx: SettlementContext, entry: OutboxRecord, remote: AppointmentRecord[]): Settled {
  return settleFailed(ctx, entry, {
    status: 'conflict',
    failure: { reason: 'Changed at another desk before this change was sent; it was not applied. Both versions are shown.', code: 'CHANGED_ELSEWHERE', leyr: null },
    conflict: { local: entry.targets.map((t) => t.expected).filter((r): r is AppointmentRecord => r !== null), remote },
  });
}

/**
 * Leyr accepted the change, but a later listing shows what it touched otherwise: another
 * desk's change landed over ours, or ours landed over one made there between our check and
 * our request (Leyr has no conditional update). The change becomes a conflict with both
 * versions (ours as Leyr accepted it, `local`; Leyr's now, `remote`) so that the receptionist
 * chooses: keep theirs (dismiss) or apply ours again (retry). Nothing later of ours depends on
 * it (those are checked against Leyr before they are sent), so no dependent is refused.
 */
export function settleOverwritten(ctx: SettlementContext, entry: OutboxRecord, conflict: { local: AppointmentRecord[]; remote: AppointmentRecord[] }, reason: string): Settled {
  const at = ctx.nowIso();
  const settlement: FailedSettlement = { status: 'conflict', failure: { reason, code: 'CHANGED_AFTER_YOURS', leyr: null }, conflict };
  ctx.store.transaction(() => {
    ctx.store.outbox.settle(entry.seq, settlement, at);
    audit(ctx, entry, settlement, at);
  });
  ctx.log.info({ changeId: entry.changeId, appointments: conflict.local.length }, 'an applied change was changed again at another desk');
  return { changeIds: [entry.changeId], dates: [...new Set([...datesOf(entry.targets), ...conflict.remote.map((r) => r.date)])] };
}

/** A change the store could not read back, already refused there: audit it and refuse what was made on top. */
export function settleUnreadable(ctx: SettlementContext, entry: OutboxRecord): Settled {
  const at = ctx.nowIso();
  return ctx.store.transaction(() => {
    if (entry.failure !== null && entry.status === 'refused') audit(ctx, entry, { status: 'refused', failure: entry.failure }, at);
    return refuseDependents(ctx, entry, 'could not be read back', at);
  });
}

/** Settles `failed`'s dependents, and theirs; answers all of them, `failed` first. */
function refuseDependents(ctx: SettlementContext, failed: OutboxRecord, why: string, at: string): Settled {
  const changeIds = [failed.changeId];
  const dates = new Set(datesOf(failed.targets));
  const queue: { entry: OutboxRecord; why: string }[] = [{ entry: failed, why }];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { entry } = next;
    for (const dependent of ctx.store.outbox.activeAfter(ctx.accountId, entry.seq, entry.targets.map((t) => t.appointmentId))) {
      if (changeIds.includes(dependent.changeId)) continue;
      const settlement: FailedSettlement = {
        status: 'refused',
        failure: { reason: `Not sent: it was made on top of “${entry.summary}”, which ${next.why}.`, code: 'DEPENDS_ON_FAILED', leyr: null },
      };
      ctx.store.outbox.settle(dependent.seq, settlement, at);
      audit(ctx, dependent, settlement, at);
      changeIds.push(dependent.changeId);
      for (const date of datesOf(dependent.targets)) dates.add(date);
      queue.push({ entry: dependent, why: 'did not go through' });
    }
  }
  return { changeIds, dates: [...dates] };
}

function audit(ctx: SettlementContext, entry: OutboxRecord, how: FailedSettlement, at: string): void {
  ctx.store.audit.write({
    accountId: ctx.accountId,
    at,
    actor: entry.actor,
    action: `change.${how.status}`,
    changeId: entry.changeId,
    outcome: how.failure.code,
    detail: `${entry.summary}: ${how.failure.reason}`.slice(0, 1000),
    leyrCode: how.failure.leyr?.code ?? null,
    leyrInstance: how.failure.leyr?.instance ?? null,
  });
}
