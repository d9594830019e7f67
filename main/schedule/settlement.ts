// How an outbox entry ends, in one transaction each: applied (Leyr's answer replaces the
// optimistic copy), refused or in conflict (the optimistic copy is dropped, so the local
// copy reverts to the server copy, and the reason is kept for the receptionist).
//
// Changes made on top of a failed one are not sent: each later active change that touches
// one of the same appointments is refused as DEPENDS_ON_FAILED, and so on down the line.
// The receptionist made them looking at a state Leyr never took; sending them could put an
// appointment where nobody chose to put it from a real screen. They stay listed with the
// reason and can be queued again (retryChange) on top of the state as it is now.
import type { Appointment } from '../leyr/api.ts';
import { LeyrError, toAppError } from '../leyr/errors.ts';
import type { Logger } from '../log/logger.ts';
import { isSecretStoreError } from '../secrets/secret-store-error.ts';
import type { ChangeFailure, OutboxEntry, Settlement } from '../store/outbox.ts';
import { sameAppointment, type AppointmentRecord } from '../store/records.ts';
import type { LocalStore } from '../store/store.ts';
import type { ChangeRequest } from './changes.ts';
import { appointmentRecord, cancellationTarget } from './leyr-records.ts';
import { datesOf } from './leyr-change.ts';

export interface SettlementContext {
  store: LocalStore;
  accountId: number;
  actor: string;
  log: Logger;
  zone(): string;
  nowIso(): string;
  /** A new sequence number for writes from Leyr's answers (see DayCache.writeDay). */
  nextSyncSeq(): number;
}

/** What a settlement touched, for the caller to announce once its transaction committed. */
export interface Settled {
  changeIds: string[];
  dates: string[];
  /** The server copies an applied change wrote: what Leyr now holds of what it touched. */
  written?: AppointmentRecord[];
}

/** The failure of a Leyr call as kept with a change. */
export function failureFrom(error: unknown): ChangeFailure {
  if (error instanceof LeyrError) {
    const appError = toAppError(error);
    return { reason: appError.message, code: error.errorCodes[0] ?? error.code ?? error.kind, leyr: appError.leyr ?? error.info() };
  }
  // The keychain's own sentence (locked, missing secret) tells the receptionist what to do.
  if (isSecretStoreError(error)) return { reason: error.message, code: 'KEYCHAIN', leyr: null };
  return { reason: 'The app could not send this change; the log has the details.', code: 'INTERNAL', leyr: null };
}

export type AppliedHow = 'answer' | 'reconciled' | 'already-so';

/** Leyr accepted the change (or had already made it): its answer becomes the server copy. */
export function settleApplied(ctx: SettlementContext, entry: OutboxEntry, request: ChangeRequest, answer: readonly Appointment[], how: AppliedHow): Settled {
  const { store, accountId } = ctx;
  const zone = ctx.zone();
  const at = ctx.nowIso();
  const records: AppointmentRecord[] = [];
  // A two-step EHR answers a cancel with a record per appointment: it stays booked until
  // the patient's code confirms the cancel.
  const cancellationAsked = new Map<string, string>();
  for (const appointment of answer) {
    const cancels = cancellationTarget(appointment);
    if (cancels === null) records.push(appointmentRecord(appointment, zone));
    else if (request.kind === 'cancel') cancellationAsked.set(cancels, appointment.id);
  }
  // A 2xx answer that leaves out a touched appointment still means Leyr made the change
  // (e.g. a confirmed cancel answers the original only): keep what the change expected.
  const answered = new Set(records.map((r) => r.id));
  for (const target of entry.targets) {
    if (target.base === null || target.expected === null || answered.has(target.appointmentId) || cancellationAsked.has(target.appointmentId)) continue;
    records.push(target.expected);
  }
  const written = new Map(records.map((r) => [r.id, r]));
  store.transaction(() => {
    for (const [appointmentId, recordId] of cancellationAsked) store.days.setCancellationRequest(accountId, appointmentId, recordId, at);
    if (request.kind === 'confirm' && request.purpose === 'cancellation') store.days.clearCancellationRequest(accountId, request.shownId);
    store.days.upsertServer(accountId, records, ctx.nextSyncSeq());
    store.outbox.settle(entry.seq, { status: 'applied' }, at);
    // Leyr may place things otherwise than the optimistic copy guessed (which appointment a
    // continuous reschedule reuses, say): a later change made on top of the guess is based
    // on what Leyr really did, so that checking it before it is sent is no false conflict.
    for (const target of entry.targets) {
      const actual = written.get(target.appointmentId);
      if (target.expected !== null && actual !== undefined && !sameAppointment(actual, target.expected)) store.outbox.rebaseNext(accountId, entry.seq, target.appointmentId, target.expected, actual);
    }
    store.audit.write({
      accountId,
      at,
      actor: entry.actor,
      action: 'change.applied',
      changeId: entry.changeId,
      outcome: how,
      detail: `${entry.summary}${records.length > 0 ? ` → ${records.map((r) => r.id).join(', ')}` : ''}`.slice(0, 1000),
    });
  });
  return { changeIds: [entry.changeId], dates: [...new Set([...datesOf(entry.targets), ...records.map((r) => r.date)])], written: records };
}

/**
 * Another desk changed what a pending change touches before it was sent: the change is not
 * sent but reported as a conflict with both versions (the local one it would have made and
 * Leyr's, `remote`), and the local copy reverts to the server copy.
 */
export function settleChangedElsewhere(ctx: SettlementContext, entry: OutboxEntry, remote: AppointmentRecord[]): Settled {
  return settleFailed(ctx, entry, {
    status: 'conflict',
    failure: { reason: 'Changed at another desk before this change was sent; it was not applied. Both versions are shown.', code: 'CHANGED_ELSEWHERE', leyr: null },
    conflict: { local: entry.targets.map((t) => t.expected).filter((r): r is AppointmentRecord => r !== null), remote },
  });
}

/** Leyr refused the change, or it collided with a change made elsewhere: revert and report. */
export function settleFailed(ctx: SettlementContext, entry: OutboxEntry, settlement: Exclude<Settlement, { status: 'applied' }>): Settled {
  const { store, accountId } = ctx;
  const at = ctx.nowIso();
  const changeIds: string[] = [];
  const dates = new Set<string>();
  store.transaction(() => {
    const fail = (failed: OutboxEntry, how: Exclude<Settlement, { status: 'applied' }>): void => {
      store.outbox.settle(failed.seq, how, at);
      store.audit.write({
        accountId,
        at,
        actor: failed.actor,
        action: `change.${how.status}`,
        changeId: failed.changeId,
        outcome: how.failure.code,
        detail: `${failed.summary}: ${how.failure.reason}`.slice(0, 1000),
        leyrCode: how.failure.leyr?.code ?? null,
        leyrInstance: how.failure.leyr?.instance ?? null,
      });
      changeIds.push(failed.changeId);
      for (const date of datesOf(failed.targets)) dates.add(date);
    };
    fail(entry, settlement);
    const queue = [entry];
    while (queue.length > 0) {
      const failed = queue.shift() as OutboxEntry;
      for (const dependent of store.outbox.activeAfter(accountId, failed.seq, failed.targets.map((t) => t.appointmentId))) {
        if (changeIds.includes(dependent.changeId)) continue;
        fail(dependent, {
          status: 'refused',
          failure: {
            reason: `Not sent: it was made on top of “${failed.summary}”, which ${failed === entry && settlement.status === 'conflict' ? 'collided with a change made elsewhere' : 'did not go through'}.`,
            code: 'DEPENDS_ON_FAILED',
            leyr: null,
          },
        });
        queue.push(dependent);
      }
    }
  });
  ctx.log.info({ changeId: entry.changeId, status: settlement.status, code: settlement.failure.code, instance: settlement.failure.leyr?.instance ?? null, dependents: changeIds.length - 1 }, 'change did not go through');
  return { changeIds, dates: [...dates] };
}
