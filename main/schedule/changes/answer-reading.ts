// What Leyr's answer to a change says, read with the request that carried it.
//
// Most answers are simply Leyr's copies of the appointments the change touched. Two kinds are
// read otherwise (docs/leyr-api.md, "Cancelling and confirming"):
//
// - A cancel on an EHR that cancels in two steps (Anita Systems and others that text the
//   patient a code) is answered with a NEW record, a new id in `awaiting_confirmation`, and
//   nothing in it names the appointment being cancelled. Which appointment it concerns is
//   known only from the request: a cancel of X answered with another id in
//   `awaiting_confirmation` is X's pending cancellation; a bulk cancel is paired by the order
//   and count of the ids sent. Anything else (counts differ, the answer names a sent id in
//   another place, a new id in another status) is ambiguous and settled by reading Leyr's
//   state (resolveCancelAnswer), never guessed.
// - Confirming a pending cancellation with the patient's code sends the code to the record;
//   Leyr may answer the record (closed as `cancelled`) rather than the appointment, so the
//   answer is never relied on to name it: the appointment is cancelled as the change expected.
//
// A record is never an appointment of the day (store/days/cancellations.ts keeps its id).
import type { Appointment } from '../../leyr/api.ts';

export interface AnswerReading {
  /** Leyr's copies of appointments: the server copy takes them. */
  appointments: Appointment[];
  /** Two-step cancels Leyr now waits on for the patient's code: appointment id → record id. */
  asked: Map<string, string>;
  /** Ids in the answer that are two-step cancel records, not appointments. */
  records: string[];
  /** Appointments the change was about whose fate the answer could not tell (an ambiguous answer left unresolved). */
  unresolved: string[];
}

/** An answer of appointments only (every kind but a two-step cancel or its confirmation). */
export const plainReading = (answer: readonly Appointment[]): AnswerReading => ({ appointments: [...answer], asked: new Map(), records: [], unresolved: [] });

const isReading = (answer: readonly Appointment[] | AnswerReading): answer is AnswerReading => !Array.isArray(answer);
export const asReading = (answer: readonly Appointment[] | AnswerReading): AnswerReading => (isReading(answer) ? answer : plainReading(answer));

/**
 * Pairs a cancel's answer with the ids sent, by order and count. Null when the answer is
 * ambiguous: its count differs from the ids', an id repeats, it names a sent id in another
 * place, or a new id comes in another status than `awaiting_confirmation`.
 */
export function pairCancelAnswer(ids: readonly string[], answer: readonly Appointment[]): AnswerReading | null {
  if (answer.length !== ids.length) return null;
  const sent = new Set(ids);
  if (new Set(answer.map((a) => a.id)).size !== answer.length) return null;
  const reading: AnswerReading = { appointments: [], asked: new Map(), records: [], unresolved: [] };
  for (const [index, item] of answer.entries()) {
    const id = ids[index] as string;
    if (item.id === id) reading.appointments.push(item);
    else if (sent.has(item.id) || item.status !== 'awaiting_confirmation') return null;
    else {
      reading.asked.set(id, item.id);
      reading.records.push(item.id);
    }
  }
  return reading;
}

const sameInstant = (a: string, b: string): boolean => Date.parse(a) === Date.parse(b);

/**
 * An ambiguous cancel answer settled by Leyr's state (`listed`: Leyr's appointments of the
 * days the cancel touched, records included), never by the answer's order:
 * - a sent appointment Leyr no longer holds as booked is as Leyr lists it (cancelled at once);
 * - one Leyr still holds booked is waiting for a code when exactly one of the answer's new
 *   records is listed by Leyr as `awaiting_confirmation` at its place (same start, end, patient
 *   and, where Leyr gives it, resource), and no other appointment of the cancel is there too;
 * - else it is unresolved: shown as Leyr holds it, without a pending cancellation.
 * Every new id of the answer is a record of this cancel, paired or not.
 */
export function resolveCancelAnswer(ids: readonly string[], answer: readonly Appointment[], listed: ReadonlyMap<string, Appointment>): AnswerReading {
  const sent = new Set(ids);
  const records = [...new Set(answer.map((a) => a.id).filter((id) => !sent.has(id)))];
  const reading: AnswerReading = { appointments: [], asked: new Map(), records, unresolved: [] };
  const waitingRecords = records.map((id) => listed.get(id)).filter((r): r is Appointment => r !== undefined && r.status === 'awaiting_confirmation');
  const samePlace = (record: Appointment, appointment: Appointment): boolean =>
    sameInstant(record.start, appointment.start) &&
    sameInstant(record.end, appointment.end) &&
    record.patient_id === appointment.patient_id &&
    (record.resource_id === null || appointment.resource_id === null || record.resource_id === appointment.resource_id);
  const claims = new Map<string, string[]>();
  for (const id of ids) {
    const current = listed.get(id);
    if (current === undefined) {
      reading.unresolved.push(id);
      continue;
    }
    reading.appointments.push(current);
    if (current.status !== 'booked') continue;
    const candidates = waitingRecords.filter((record) => samePlace(record, current));
    if (candidates.length === 1) {
      const record = (candidates[0] as Appointment).id;
      claims.set(record, [...(claims.get(record) ?? []), id]);
    } else reading.unresolved.push(id);
  }
  for (const [record, claimants] of claims) {
    // Two appointments of the cancel at one place (same patient, same times): which record is
    // whose cannot be read from Leyr either.
    if (claimants.length === 1) reading.asked.set(claimants[0] as string, record);
    else reading.unresolved.push(...claimants);
  }
  return reading;
}
