// How an outbox entry ends, in one transaction each. Applied (here): Leyr's answer replaces
// the optimistic copy. Refused or in conflict (settle-failed.ts): the optimistic copy is
// dropped, so the local copy reverts to the server copy, and the reason is kept.
import type { Appointment } from '../../leyr/api.ts';
import type { OutboxEntry } from '../../store/outbox/entry.ts';
import { sameAppointment, type AppointmentRecord } from '../../store/records.ts';
import { datesOf } from '../common/change-dates.ts';
import type { ScheduleContext } from '../common/context.ts';
import { appointmentRecord, completeFrom } from '../common/leyr-records.ts';
import { asReading, type AnswerReading } from './answer-reading.ts';
import { confirmedCancellationOf } from './registry.ts';
import { settleFailed } from './settle-failed.ts';

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

/**
 * What Leyr's answer says, written in the caller's transaction: the appointments it holds
 * (those the change touched that Leyr left out are as the change expected, since a 2xx means
 * Leyr made it: e.g. a confirmed cancel may answer the record only), two-step cancels now
 * waiting for the patient's code, the records that are none of the day's appointments, and
 * a confirmed cancel no longer waiting. Answers the server copies written.
 */
function writeAnswer(ctx: SettlementContext, entry: OutboxEntry, reading: AnswerReading, at: string): AppointmentRecord[] {
  const { store, accountId } = ctx;
  const zone = ctx.zone();
  const known = store.days.cancellationRecordIds(accountId);
  for (const record of reading.records) known.add(record);
  const expectedOf = new Map(entry.targets.map((t) => [t.appointmentId, t.expected ?? t.base]));
  // Leyr may leave out the fields it does not document: the change knew them.
  const records = reading.appointments
    .filter((appointment) => !known.has(appointment.id))
    .map((appointment) => {
      const expected = expectedOf.get(appointment.id) ?? null;
      const record = appointmentRecord(completeFrom(appointment, expected), zone);
      return record.resourceId === null && expected !== null && expected.resourceId !== null ? { ...record, resourceId: expected.resourceId } : record;
    });
  const answered = new Set(records.map((r) => r.id));
  const unresolved = new Set(reading.unresolved);
  for (const target of entry.targets) {
    const { appointmentId } = target;
    if (target.base === null || target.expected === null || answered.has(appointmentId) || reading.asked.has(appointmentId) || unresolved.has(appointmentId)) continue;
    records.push(target.expected);
  }
  const paired = new Set(reading.asked.values());
  store.days.rememberCancellationRecords(
    accountId,
    reading.records.filter((record) => !paired.has(record)),
    at,
  );
  for (const [appointmentId, recordId] of reading.asked) store.days.setCancellationRequest(accountId, appointmentId, recordId, at);
  const confirmedFor = confirmedCancellationOf(entry.request);
  if (confirmedFor !== null) store.days.clearCancellationRequest(accountId, confirmedFor, at);
  store.days.upsertServer(accountId, records, ctx.nextSyncSeq());
  return records;
}

/**
 * Leyr accepted the change (or had already made it): its answer becomes the server copy.
 * `answer`: Leyr's appointments, or the answer as read with the request (answer-reading.ts).
 */
export function settleApplied(ctx: SettlementContext, entry: OutboxEntry, answer: readonly Appointment[] | AnswerReading, how: AppliedHow): Settled {
  const { store, accountId } = ctx;
  const at = ctx.nowIso();
  const reading = asReading(answer);
  let records: AppointmentRecord[] = [];
  store.transaction(() => {
    records = writeAnswer(ctx, entry, reading, at);
    store.outbox.settle(entry.seq, { status: 'applied' }, at);
    // Leyr may place things otherwise than the optimistic copy guessed (which appointment a
    // continuous reschedule reuses, say): a later change made on top of the guess is based
    // on what Leyr really did, so that checking it before it is sent is no false conflict.
    const written = new Map(records.map((r) => [r.id, r]));
    for (const target of entry.targets) {
      const actual = written.get(target.appointmentId);
      if (target.expected !== null && actual !== undefined && !sameAppointment(actual, target.expected)) store.outbox.rebaseNext(accountId, entry.seq, target.appointmentId, target.expected, actual);
    }
    const asked = reading.asked.size > 0 ? `; waiting for the patient's code: ${[...reading.asked.keys()].join(', ')}` : '';
    store.audit.write({
      accountId,
      at,
      actor: entry.actor,
      action: 'change.applied',
      changeId: entry.changeId,
      outcome: how,
      detail: `${entry.summary}${records.length > 0 ? ` → ${records.map((r) => r.id).join(', ')}` : ''}${asked}`.slice(0, 1000),
    });
  });
  return { changeIds: [entry.changeId], dates: [...new Set([...datesOf(entry.targets), ...records.map((r) => r.date)])], written: records };
}

/**
 * Leyr took a cancel but its answer could not be paired with the appointments sent, even
 * with Leyr's state read (answer-reading.ts): what Leyr holds is written, the pairs that could
 * be told wait for their codes, and the change is reported with the appointments left open,
 * which are shown as Leyr holds them (booked): never guessed cancelled, never guessed waiting.
 */
export function settleUnresolved(ctx: SettlementContext, entry: OutboxEntry, reading: AnswerReading): Settled {
  const at = ctx.nowIso();
  return ctx.store.transaction(() => {
    const records = writeAnswer(ctx, entry, reading, at);
    const open = reading.unresolved;
    const settled = settleFailed(ctx, entry, {
      status: 'refused',
      failure: {
        reason: `Leyr took the cancel, but its answer could not be matched to ${open.length === 1 ? `appointment ${open[0] ?? ''}` : `${open.length} of the appointments`}; Leyr still holds ${open.length === 1 ? 'it' : 'them'} as shown. Cancel ${open.length === 1 ? 'it' : 'each'} again on its own to get the patient's code.`,
        code: 'ANSWER_NOT_PAIRED',
        leyr: null,
      },
    });
    return { ...settled, dates: [...new Set([...settled.dates, ...records.map((r) => r.date)])], written: records };
  });
}
