// Shared steps of the contract suite: discover test data through the API (so the tests mean
// the same on the hosted sandbox), create fresh patients, and assert refusals that are Leyr's
// envelope and that changed nothing.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, afterEach, before, beforeEach } from 'node:test';
import { DateTime } from 'luxon';
import { LEYR_BAD_REQUEST_CODES, type Appointment, type LeyrApi, type LeyrBadRequestCode, type Patient, type Timeslot, type TimeRange } from '../../main/leyr/api.ts';
import { LeyrError } from '../../main/leyr/errors.ts';
import { holdsSlot } from '../../preload/contract/appointment-status.ts';
import type { SandboxState, Target, TargetSession } from './targets.ts';

export const ZONE = 'Europe/Stockholm';

export const DOCUMENTED_ERROR_CODES = LEYR_BAD_REQUEST_CODES;
export type DocumentedErrorCode = LeyrBadRequestCode;

export const isActive = (appointment: Appointment): boolean => holdsSlot(appointment.status);

export const ms = (iso: string): number => DateTime.fromISO(iso, { setZone: true }).toMillis();
export const iso = (millis: number): string => DateTime.fromMillis(millis, { zone: ZONE }).toISO({ suppressMilliseconds: true }) ?? '';
export const plusMinutes = (text: string, minutes: number): string => iso(ms(text) + minutes * 60_000);

/** A valid Swedish personal number nobody else uses in this run (Luhn over the last ten digits). */
export function freshPersonalNumber(): string {
  const birth = DateTime.fromObject({ year: 1940 + randomInt(60), month: 1 + randomInt(12), day: 1 + randomInt(28) });
  const serial = String(randomInt(1, 1000)).padStart(3, '0');
  const nine = `${birth.toFormat('yyMMdd')}${serial}`;
  let sum = 0;
  for (let i = 0; i < nine.length; i += 1) {
    const digit = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += digit > 9 ? digit - 9 : digit;
  }
  return `${birth.toFormat('yyyyMMdd')}${serial}${(10 - (sum % 10)) % 10}`;
}

/** A fresh patient, with a phone number (EHRs that text codes, like Anita Systems, need one). */
export async function freshPatient(api: LeyrApi, first = 'Testa'): Promise<Patient & { personalNumber: string }> {
  const personalNumber = freshPersonalNumber();
  const phone = `+4670${String(randomInt(10_000_000)).padStart(7, '0')}`;
  const patient = await api.createPatient({ first_name: first, last_name: `Kontraktsson${randomInt(100_000)}`, external_id: personalNumber, phones: [phone] });
  return { ...patient, personalNumber };
}

export async function freeSlots(session: TargetSession, filter: { resource_id?: string; healthcare_service_id?: string; range?: TimeRange } = {}): Promise<Timeslot[]> {
  const range = filter.range ?? session.window;
  const slots = await session.api.listTimeslots({
    ...range,
    ...(filter.resource_id !== undefined && { resource_id: filter.resource_id }),
    ...(filter.healthcare_service_id !== undefined && { healthcare_service_id: filter.healthcare_service_id }),
  });
  return slots.sort((a, b) => ms(a.start) - ms(b.start) || a.resource_id.localeCompare(b.resource_id));
}

/** A free slot, with a fresh patient to book it for; fails the test when the target has none. */
export async function someFreeSlot(session: TargetSession, filter: Parameters<typeof freeSlots>[1] = {}, pick = 0): Promise<Timeslot> {
  const slots = (await freeSlots(session, filter)).filter((slot) => slot.healthcare_service_id !== null);
  assert.ok(slots.length > pick, `the target has no free timeslot in ${session.window.start} – ${session.window.end}`);
  return slots[Math.min(pick, slots.length - 1)] as Timeslot;
}

export async function book(api: LeyrApi, slot: Timeslot, patientId: string, comment = 'contract test'): Promise<Appointment> {
  const created = await api.createAppointment({
    start: slot.start,
    end: slot.end,
    patient_id: patientId,
    resource_id: slot.resource_id,
    ...(slot.healthcare_service_id !== null && { healthcare_service_id: slot.healthcare_service_id }),
    comment,
  });
  assert.equal(created.length, 1, 'a create answers one appointment');
  const [appointment] = created;
  assert.ok(appointment);
  return appointment;
}

/**
 * `count` back-to-back free slots of one resource and service (each starting where the one
 * before ends), the first at or after `after` when given.
 */
export async function contiguousFreeSlots(session: TargetSession, count: number, filter: { resource_id?: string; healthcare_service_id?: string; after?: string; skip?: number } = {}): Promise<Timeslot[]> {
  const slots = await freeSlots(session, filter);
  const key = (slot: Timeslot): string => `${slot.resource_id}|${slot.healthcare_service_id ?? ''}|${ms(slot.start)}`;
  const byStart = new Map(slots.map((slot) => [key(slot), slot]));
  let skipped = 0;
  for (const first of slots) {
    if (first.healthcare_service_id === null) continue;
    if (filter.after !== undefined && ms(first.start) < ms(filter.after)) continue;
    const run = [first];
    while (run.length < count) {
      const last = run[run.length - 1] as Timeslot;
      const next = byStart.get(`${last.resource_id}|${last.healthcare_service_id ?? ''}|${ms(last.end)}`);
      if (!next) break;
      run.push(next);
    }
    if (run.length === count) {
      if (skipped === (filter.skip ?? 0)) return run;
      skipped += 1;
    }
  }
  assert.fail(`no ${count} contiguous free slots found in ${session.window.start} – ${session.window.end}`);
}

// ---------------------------------------------------------------------------------------
// Refusals.

export interface ExpectedRefusal {
  status: number;
  code: string;
  /** One of the documented error codes, or several acceptable ones. */
  errorCode?: DocumentedErrorCode | DocumentedErrorCode[];
}

/** Asserts a rejection with Leyr's full error envelope, and returns it. */
export async function refusal(promise: Promise<unknown>, expected: ExpectedRefusal): Promise<LeyrError> {
  let error: unknown;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof LeyrError, `expected Leyr to refuse (${expected.code} ${expected.status}), got ${error === undefined ? 'success' : String(error)}`);
  assert.equal(error.kind, 'http', error.message);
  assert.equal(error.status, expected.status, error.message);
  assert.equal(error.code, expected.code, error.message);
  assert.ok(error.instance !== null && error.instance.length > 0, 'the envelope has an instance');
  assert.ok(error.title !== null, 'the envelope has a title');
  assert.ok(error.type !== null, 'the envelope has a type');
  if (expected.errorCode !== undefined) {
    const accepted = Array.isArray(expected.errorCode) ? expected.errorCode : [expected.errorCode];
    assert.ok(
      error.errorCodes.some((code) => (accepted as string[]).includes(code)),
      `expected error_code ${accepted.join(' or ')}, got [${error.errorCodes.join(', ')}]: ${error.message}`,
    );
  }
  if (expected.status === 400) {
    assert.ok(error.errorCodes.length > 0, 'a 400 names its error_code');
    for (const code of error.errorCodes) assert.ok((DOCUMENTED_ERROR_CODES as readonly string[]).includes(code), `undocumented error_code ${code}`);
  }
  return error;
}

/** What the target holds: the whole sandbox state, or (hosted) the appointments of the window. */
export async function snapshot(session: TargetSession): Promise<SandboxState> {
  if (session.controls) return session.controls.state();
  return { appointments: await session.api.listAppointments(session.window), patients: [] };
}

const canonical = (state: SandboxState): SandboxState => ({
  appointments: [...state.appointments].sort((a, b) => a.id.localeCompare(b.id)),
  patients: [...state.patients].sort((a, b) => a.id.localeCompare(b.id)),
});

/** Asserts the request is refused as expected and that the target's state did not change. */
export async function refusedWithoutChange(session: TargetSession, request: () => Promise<unknown>, expected: ExpectedRefusal): Promise<LeyrError> {
  const before = await snapshot(session);
  const error = await refusal(request(), expected);
  const after = await snapshot(session);
  assert.deepEqual(canonical(after), canonical(before), 'a refused request changed nothing');
  return error;
}

export function byId(state: SandboxState, id: string): Appointment {
  const found = state.appointments.find((appointment) => appointment.id === id);
  assert.ok(found, `appointment ${id} is in the state`);
  return found;
}

/** Reads one appointment back through the API (by its patient, in its own time range). */
export async function readBack(api: LeyrApi, appointment: Appointment): Promise<Appointment | undefined> {
  const query = { start: appointment.start, end: appointment.end, ...(appointment.patient_id !== null && { patient_id: appointment.patient_id }) };
  const listed = await api.listAppointments(query);
  return listed.find((candidate) => candidate.id === appointment.id);
}

/**
 * One session of a target for a describe block: started before its tests, the sandbox reset
 * before each and its faults cleared after each (local target), closed at the end.
 */
export function sessionPerSuite(target: Target, use: (session: TargetSession) => void): void {
  let session: TargetSession | undefined;
  before(async () => {
    session = await target.start();
    use(session);
  });
  beforeEach(async () => {
    await session?.controls?.reset();
  });
  afterEach(async () => {
    await session?.controls?.clearFaults();
  });
  after(async () => {
    await session?.close();
  });
}

/** The LeyrError a call fails with (any failure; `refusal` checks a particular one). */
export async function failure(promise: Promise<unknown>): Promise<LeyrError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LeyrError, String(error));
    return error;
  }
  assert.fail('expected the call to fail');
}
