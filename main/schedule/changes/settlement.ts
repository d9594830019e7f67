// How an outbox entry ends, in one transaction each. Applied (here): Leyr's answer replaces
// the optimistic copy. Refused or in conflict (settle-failed.ts): the optimistic copy is
// dropped, so the local copy reverts to the server copy, and the reason is kept.
import type { Appointment } from '../../leyr/api.ts';
import type { OutboxEntry } from '../../store/outbox/entry.ts';
import { sameAppointment, type AppointmentRecord } from '../../store/records.ts';
import { datesOf } from '../common/change-dates.ts';
import type { ScheduleContext } from '../common/context.ts';
import { appointmentRecord, cancellationTarget } from '../common/leyr-records.ts';
import { cancellationEffects } from './registry.ts';

export type SettlementContext = Pick<ScheduleContext, 'store' | 'accountId' | 'actor' | 'log' | 'zone' | 'nowIso' | 'nextSyncSeq'>;

/** What a settlement touched, for the caller to announce once its transaction committed. */
export interface Settled {
  changeIds: string[];
  dates: string[];
  /** The server copies an applied change wrote: what Leyr now holds of what it touched. */
  written?: AppointmentRecord[];
}

/** Nothing settled; these days changed. */
export const daysChanged = (dates: string[]): Settled => ({ changeIds: [], dates });

export type AppliedHow = 'answer' | 'reconciled' | 'already-so';

/** Leyr accepted the change (or had already made it): its answer becomes the server copy. */
export function settleApplied(ctx: SettlementContext, entry: OutboxEntry, answer: readonly Appointment[], how: AppliedHow): Settled {
  const { store, accountId } = ctx;
  const zone = ctx.zone();
  const at = ctx.nowIso();
  const effects = cancellationEffects(entry.request);
  const records: AppointmentRecord[] = [];
  // A two-step EHR answers a cancel with a record per appointment: it stays booked until
  // the patient's code confirms the cancel.
  const cancellationAsked = new Map<string, string>();
  for (const appointment of answer) {
    const cancels = cancellationTarget(appointment);
    if (cancels === null) records.push(appointmentRecord(appointment, zone));
    else if (effects.asks) cancellationAsked.set(cancels, appointment.id);
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
    if (effects.confirmedFor !== null) store.days.clearCancellationRequest(accountId, effects.confirmedFor);
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
