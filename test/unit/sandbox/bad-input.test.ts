// Every kind of bad input gets Leyr's 400 envelope with the right error_code, and leaves the
// state exactly as it was.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { at, openMini, type Envelope, type SandboxHttp } from '../../support/sandbox-http.ts';

type Call = (sandbox: SandboxHttp) => Promise<{ status: number; body: unknown }>;

const book = (body: Record<string, unknown>): Call => (s) => s.unit('POST', '/appointments', { body });
const valid = { start: at('09:30'), end: at('10:00'), patient_id: 'p1', resource_id: 'r1', healthcare_service_id: 's30' };
const without = (key: keyof typeof valid): Record<string, unknown> => Object.fromEntries(Object.entries(valid).filter(([name]) => name !== key));
const patchOne = (id: string, body: unknown): Call => (s) => s.unit('PATCH', `/appointments/${id}`, { body });
const patchMany = (body: unknown): Call => (s) => s.unit('PATCH', '/appointments', { body });
const day = { start: at('00:00'), end: at('00:00', '2026-03-24') };
const tooLong = 'x'.repeat(1001);

const CASES: [string, Call, string][] = [
  // Bodies that are not what JSON or the schema allows.
  ['malformed JSON', (s) => s.unit('POST', '/appointments', { body: '{"start": "2026-03-23T09:30:00+01:00",' }), 'BAD_INPUT'],
  ['a JSON array for a body', book([] as unknown as Record<string, unknown>), 'BAD_INPUT'],
  ['no body at all', (s) => s.unit('POST', '/appointments'), 'BAD_INPUT'],
  ['a body over 1 MiB', book({ ...valid, comment: 'x'.repeat(1_100_000) }), 'BAD_INPUT'],
  ['a missing start', book(without('start')), 'MISSING_REQUIRED_FIELD'],
  ['a missing patient_id', book(without('patient_id')), 'MISSING_REQUIRED_FIELD'],
  ['a missing resource_id', book(without('resource_id')), 'MISSING_REQUIRED_FIELD'],
  ['a start of the wrong type', book({ ...valid, start: 1774254600000 }), 'BAD_INPUT'],
  ['a naive start', book({ ...valid, start: '2026-03-23T09:30:00' }), 'BAD_INPUT'],
  ['a date without a time', book({ ...valid, start: '2026-03-23' }), 'BAD_INPUT'],
  ['an impossible date', book({ ...valid, start: '2026-02-30T09:30:00+01:00' }), 'BAD_INPUT'],
  ['an end before the start', book({ ...valid, end: at('09:00') }), 'BAD_INPUT'],
  ['an unknown field', book({ ...valid, priority: 'high' }), 'BAD_INPUT'],
  ['a comment of 1001 characters', book({ ...valid, comment: tooLong }), 'INVALID_COMMENT_LENGTH'],
  // Ids that name nothing, or name it the wrong way.
  ['an unknown patient', book({ ...valid, patient_id: 'p404' }), 'INVALID_PATIENT_ID'],
  ['a patient of another care unit', book({ ...valid, patient_id: 'p9' }), 'INVALID_PATIENT_ID'],
  ['an unknown personal number', book({ ...valid, patient_id: 'se_personal_number:199001019802' }), 'INVALID_PATIENT_ID'],
  ['an invalid personal number', book({ ...valid, patient_id: 'se_personal_number:191212121213' }), 'INVALID_PATIENT_ID'],
  ['a patient id type this EHR cannot look up', book({ ...valid, patient_id: 'nhs_number:9434765919' }), 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED'],
  ['a malformed patient id type', book({ ...valid, patient_id: 'passport:X1' }), 'INVALID_PATIENT_ID_TYPE'],
  ['an unknown resource', book({ ...valid, resource_id: 'r404' }), 'INVALID_RESOURCE_ID'],
  ['a resource of another care unit', book({ ...valid, resource_id: 'r9' }), 'INVALID_RESOURCE_ID'],
  ['an unknown hsa_id', book({ ...valid, resource_id: 'hsa_id:SE-NOPE' }), 'INVALID_RESOURCE_ID'],
  ['an unknown service', book({ ...valid, healthcare_service_id: 's99' }), 'INVALID_HEALTHCARE_SERVICE_ID'],
  ['a service the resource does not offer', book({ ...valid, resource_id: 'r3', healthcare_service_id: 's15' }), 'INVALID_HEALTHCARE_SERVICE_ID'],
  ['an unknown care unit', (s) => s.api('POST', '/care-units/CU404/appointments', { body: valid }), 'INVALID_CARE_UNIT_ID'],
  ['an unknown EHR code', (s) => fetchAs(s, '/emrs/takecare/care-units/CU1/appointments', valid), 'BAD_INPUT'],
  // Slots.
  ['a slot that is taken', book({ ...valid, start: at('08:00'), end: at('08:30') }), 'NO_TIMESLOTS_AVAILABLE'],
  ['a time off the 15-minute marks', book({ ...valid, start: at('09:35'), end: at('10:05') }), 'NO_TIMESLOTS_AVAILABLE'],
  ['a time across the break', book({ ...valid, start: at('09:45'), end: at('10:15') }), 'NO_TIMESLOTS_AVAILABLE'],
  ['a time outside working hours', book({ ...valid, start: at('12:00'), end: at('12:30') }), 'NO_TIMESLOTS_AVAILABLE'],
  ['a length no service has', book({ ...without('healthcare_service_id'), end: at('10:15') }), 'NO_TIMESLOTS_AVAILABLE'],
  ['two services fitting one time', book({ ...without('healthcare_service_id'), resource_id: 'r2', start: at('09:00'), end: at('09:30') }), 'AMBIGUOUS_TIMESLOTS'],
  // Single PATCH.
  ['an unknown appointment', patchOne('a404', { comment: 'x' }), 'INVALID_APPOINTMENT_ID'],
  ['an appointment of another care unit', patchOne('a9', { comment: 'x' }), 'INVALID_APPOINTMENT_ID'],
  ['a start without its end', patchOne('a2', { start: at('09:00') }), 'MISSING_REQUIRED_FIELD'],
  ['an end without its start', patchOne('a2', { end: at('09:15') }), 'MISSING_REQUIRED_FIELD'],
  ['a status other than cancelled', patchOne('a2', { status: 'booked' }), 'BAD_INPUT'],
  ['a cancel with new times', patchOne('a2', { status: 'cancelled', start: at('09:00'), end: at('09:15') }), 'BAD_INPUT'],
  ['an empty update', patchOne('a2', {}), 'BAD_INPUT'],
  ['a move onto a taken slot', patchOne('a2', { start: at('08:15'), end: at('08:30') }), 'NO_TIMESLOTS_AVAILABLE'],
  ['a move with the wrong length', patchOne('a2', { start: at('09:00'), end: at('09:30') }), 'NO_TIMESLOTS_AVAILABLE'],
  ['a move to a resource without the service', patchOne('a2', { resource_id: 'r3' }), 'NO_TIMESLOTS_AVAILABLE'],
  ['a move to an unknown resource', patchOne('a2', { resource_id: 'r404' }), 'INVALID_RESOURCE_ID'],
  ['a move of a cancelled appointment', patchOne('a3', { start: at('09:00'), end: at('09:30') }), 'BAD_INPUT'],
  ['a naive time in a move', patchOne('a2', { start: '2026-03-23T09:00', end: '2026-03-23T09:15' }), 'BAD_INPUT'],
  ['an over-long comment', patchOne('a2', { comment: tooLong }), 'INVALID_COMMENT_LENGTH'],
  ['a confirmation of a booked appointment', patchOne('a2', { confirmation: { code: '123456' } }), 'BAD_INPUT'],
  ['a confirmation with other fields', patchOne('a2', { confirmation: { code: '123456' }, comment: 'x' }), 'BAD_INPUT'],
  ['a confirmation without a code', patchOne('a2', { confirmation: {} }), 'MISSING_REQUIRED_FIELD'],
  ['a legacy PATCH of an unknown appointment', (s) => s.api('PATCH', '/appointments/a404', { body: { comment: 'x' } }), 'INVALID_APPOINTMENT_ID'],
  // Bulk PATCH.
  ['a bulk without ids', patchMany({ status: 'cancelled' }), 'MISSING_REQUIRED_FIELD'],
  ['a bulk with no ids', patchMany({ ids: [], status: 'cancelled' }), 'BAD_INPUT'],
  ['a bulk with ids not a list', patchMany({ ids: 'a1', status: 'cancelled' }), 'BAD_INPUT'],
  ['a bulk of 501 ids', patchMany({ ids: Array.from({ length: 501 }, (_, i) => `a${i}`), status: 'cancelled' }), 'MAX_ITEMS_EXCEEDED'],
  ['a bulk naming an id twice', patchMany({ ids: ['a1', 'a1'], status: 'cancelled' }), 'BAD_INPUT'],
  ['a bulk with one unknown id', patchMany({ ids: ['a1', 'a404'], status: 'cancelled' }), 'INVALID_APPOINTMENT_ID'],
  ['a bulk cancel with an over-long comment', patchMany({ ids: ['a1', 'a2'], status: 'cancelled', comment: tooLong }), 'INVALID_COMMENT_LENGTH'],
  ['a bulk status other than cancelled', patchMany({ ids: ['a1'], status: 'completed' }), 'BAD_INPUT'],
  ['a bulk move to a resource with no slot for them', patchMany({ ids: ['a1', 'a2'], resource_id: 'r3' }), 'NO_TIMESLOTS_AVAILABLE'],
  ['a reschedule of different patients', patchMany({ ids: ['a2', 'a4'], start: at('09:00'), end: at('09:30') }), 'BAD_INPUT'],
  ['a reschedule into a range of odd length', patchMany({ ids: ['a1'], start: at('09:30'), end: at('09:45') }), 'NO_TIMESLOTS_AVAILABLE'],
  ['a reschedule across the break', patchMany({ ids: ['a1'], start: at('09:30'), end: at('10:30') }), 'NO_TIMESLOTS_AVAILABLE'],
  ['a reschedule with only a start', patchMany({ ids: ['a1'], start: at('09:30') }), 'MISSING_REQUIRED_FIELD'],
  ['an empty bulk update', patchMany({ ids: ['a1'] }), 'BAD_INPUT'],
  // Queries.
  ['a list without start', (s) => s.unit('GET', '/appointments', { query: { end: day.end } }), 'MISSING_REQUIRED_FIELD'],
  ['a list with a naive start', (s) => s.unit('GET', '/appointments', { query: { ...day, start: '2026-03-23T00:00:00' } }), 'BAD_INPUT'],
  ['a list ending before it starts', (s) => s.unit('GET', '/appointments', { query: { start: day.end, end: day.start } }), 'BAD_INPUT'],
  ['a list with an unknown parameter', (s) => s.unit('GET', '/appointments', { query: { ...day, doctor: 'r1' } }), 'BAD_INPUT'],
  ['a list with a parameter twice', (s) => s.unit('GET', `/appointments?start=${encodeURIComponent(day.start)}&start=${encodeURIComponent(day.start)}&end=${encodeURIComponent(day.end)}`), 'BAD_INPUT'],
  ['a list with an unencoded +', (s) => s.unit('GET', '/appointments?start=2026-03-23T00:00:00+01:00&end=2026-03-24T00:00:00+01:00'), 'BAD_INPUT'],
  ['a list for an unknown patient', (s) => s.unit('GET', '/appointments', { query: { ...day, patient_id: 'p404' } }), 'INVALID_PATIENT_ID'],
  ['a list for an unknown resource', (s) => s.unit('GET', '/appointments', { query: { ...day, resource_id: 'r404' } }), 'INVALID_RESOURCE_ID'],
  ['timeslots over more than 31 days', (s) => s.unit('GET', '/timeslots', { query: { start: day.start, end: '2026-05-01T00:00:00+02:00' } }), 'BAD_INPUT'],
  ['timeslots of an unknown service', (s) => s.unit('GET', '/timeslots', { query: { ...day, healthcare_service_id: 's99' } }), 'INVALID_HEALTHCARE_SERVICE_ID'],
  ['timeslots without an end', (s) => s.unit('GET', '/timeslots', { query: { start: day.start } }), 'MISSING_REQUIRED_FIELD'],
  ['resources of an unknown care unit', (s) => s.api('GET', '/care-units/CU404/resources'), 'INVALID_CARE_UNIT_ID'],
  // Patients.
  ['a patient search without names', (s) => s.unit('GET', '/patients'), 'MISSING_REQUIRED_FIELD'],
  ['a patient by an unknown id', (s) => s.unit('GET', '/patients/p404'), 'INVALID_PATIENT_ID'],
  ['a patient by an unsupported id type', (s) => s.unit('GET', `/patients/${encodeURIComponent('no_personal_number:01010112345')}`), 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED'],
  ['a patient by a malformed id type', (s) => s.unit('GET', `/patients/${encodeURIComponent('ssn:123')}`), 'INVALID_PATIENT_ID_TYPE'],
  ['a new patient with a bad personal number', (s) => s.unit('POST', '/patients', { body: { first_name: 'A', last_name: 'B', external_id: '191212121213' } }), 'BAD_INPUT'],
  ['a new patient without a first name', (s) => s.unit('POST', '/patients', { body: { last_name: 'B', external_id: '191212121212' } }), 'MISSING_REQUIRED_FIELD'],
  ['a new patient with a blank name', (s) => s.unit('POST', '/patients', { body: { first_name: ' ', last_name: 'B', external_id: '201212121212' } }), 'BAD_INPUT'],
  // Headers.
  ['x-leyr-standard: fhir', (s) => s.unit('GET', '/resources', { headers: { 'x-leyr-standard': 'fhir' } }), 'NOT_SUPPORTED'],
  ['an unknown x-leyr-standard', (s) => s.unit('GET', '/resources', { headers: { 'x-leyr-standard': 'hl7' } }), 'BAD_INPUT'],
];

async function fetchAs(s: SandboxHttp, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${s.sandbox.apiBaseUrl}${path}`, { method: 'POST', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('bad input', () => {
  let sandbox: SandboxHttp;
  let initial: string;
  before(async () => {
    sandbox = await openMini({ strict: true });
    initial = await sandbox.snapshot();
  });
  after(() => sandbox.close());

  for (const [label, call, errorCode] of CASES) {
    it(`${label} → 400 ${errorCode}, state unchanged`, async () => {
      const answer = await call(sandbox);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      const envelope = answer.body as Envelope;
      assert.equal(envelope.code, 'BAD_REQUEST');
      assert.equal(envelope.status, 400);
      assert.equal(envelope.title, 'Request validation failed');
      assert.equal(envelope.type, 'https://docs.leyr.io/api/error-handling/bad_request');
      assert.match(envelope.instance, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(envelope.errors[0]?.error_code, errorCode, JSON.stringify(envelope.errors));
      assert.ok(envelope.detail.length > 0 && envelope.errors[0]?.details);
      assert.equal(envelope.errors[0]?.emr_error, null);
      assert.equal(await sandbox.snapshot(), initial, 'the state is unchanged');
    });
  }

  it('gives each failure its own instance', async () => {
    const [first, second] = await Promise.all([book({ ...valid, patient_id: 'p404' })(sandbox), book({ ...valid, patient_id: 'p404' })(sandbox)]);
    assert.notEqual((first?.body as Envelope).instance, (second?.body as Envelope).instance);
  });

  it('names the field at fault in path and details', async () => {
    const answer = await book(without('start'))(sandbox);
    const [error] = (answer.body as Envelope).errors;
    assert.equal(error?.path, 'start');
    assert.match(error?.details ?? '', /^start: /);
    const naive = await book({ ...valid, end: '2026-03-23T10:00:00' })(sandbox);
    assert.match((naive.body as Envelope).detail, /end: naive datetime/);
    const plus = await sandbox.unit('GET', '/appointments?start=2026-03-23T00:00:00+01:00&end=2026-03-24T00:00:00%2B01:00');
    assert.match((plus.body as Envelope).detail, /encode it as %2B/);
  });

  it('does not echo a personal number it refuses', async () => {
    const answer = await book({ ...valid, patient_id: 'se_personal_number:199001019802' })(sandbox);
    assert.ok(!JSON.stringify(answer.body).includes('199001019802'));
  });
});
