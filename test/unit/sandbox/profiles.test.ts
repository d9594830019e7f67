// The strict profile (Leyr as documented) against the lenient one, how a sandbox picks one,
// the control endpoint that switches it, and each EHR's id rules over HTTP.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { STRICT_BY_DEFAULT } from '../../../main/sandbox/profiles.ts';
import { startSandbox } from '../../../main/sandbox/server.ts';
import { at, miniSeed, openMini, type Envelope, type SandboxHttp } from '../../support/sandbox-http.ts';
import type { SeedInput } from '../../../main/sandbox/seed.ts';

let s: SandboxHttp;
afterEach(() => s.close());

const day = { start: at('00:00'), end: at('00:00', '2026-03-24') };
const keys = (value: unknown): string[] => Object.keys(value as object).sort();
const APPOINTMENT = ['care_unit_id', 'comment', 'end', 'healthcare_service_id', 'id', 'patient_id', 'resource_id', 'start', 'status'];
const PATIENT = ['care_unit_id', 'emr_id', 'first_name', 'id', 'last_name'];

// Leyr's own Norwegian example number, and a Swedish number for Dr. Ett (resource ids by personal number).
const NORWEGIAN = '26258605879';
const DOCTOR = '197506151237';
const withNorwegianPatient = (seed: SeedInput): void => {
  seed.patients.push({ id: 'p3', emr_id: 'wd-3', first_name: 'Kari', last_name: 'Nordmann', external_id: NORWEGIAN, phones: ['+4791234567'], emails: [], care_unit_id: 'CU1' });
  const r1 = seed.resources.find((resource) => resource.id === 'r1');
  if (r1) r1.se_personal_number = DOCTOR;
};

describe('answer shapes', () => {
  it('strict: only the fields Leyr documents, and the [choice] ones the app needs', async () => {
    s = await openMini({ strict: true });
    assert.equal(s.sandbox.strict, true);
    assert.deepEqual((await s.api<unknown[]>('GET', '/care-units')).body.map(keys), [['id', 'name'], ['id', 'name']]);
    assert.deepEqual((await s.unit<unknown[]>('GET', '/resources')).body.map(keys)[1], ['id', 'name']);
    assert.deepEqual((await s.unit<unknown[]>('GET', '/healthcare-services')).body.map(keys)[0], ['duration_minutes', 'id', 'name']);
    const slots = await s.unit<unknown[]>('GET', '/timeslots', { query: day });
    assert.deepEqual(keys(slots.body[0]), ['end', 'healthcare_service_id', 'resource_id', 'start']);
    assert.deepEqual(keys((await s.unit('GET', '/patients/p1')).body), PATIENT);
    assert.deepEqual((await s.unit<unknown[]>('GET', '/patients', { query: { first_name: 'Tol' } })).body.map(keys), [PATIENT]);
    const created = await s.unit('POST', '/patients', { body: { first_name: 'Ny', last_name: 'Patient', external_id: '197001019806', phones: ['+46701234567'] } });
    assert.deepEqual([created.status, keys(created.body)], [201, PATIENT]);
    const appointments = await s.unit<unknown[]>('GET', '/appointments', { query: day });
    assert.ok(appointments.body.every((item) => keys(item).join() === APPOINTMENT.join()));
  });

  it('lenient: the richer answers the sandbox always gave', async () => {
    s = await openMini({ strict: false });
    assert.equal(s.sandbox.strict, false);
    assert.deepEqual((await s.api<unknown[]>('GET', '/care-units')).body[0], { id: 'CU1', name: 'Vårdcentralen Mini', time_zone: 'Europe/Stockholm', slot_minutes: 15 });
    assert.deepEqual((await s.unit<unknown[]>('GET', '/resources')).body[1], { id: 'r2', name: 'Dr. Två', care_unit_id: 'CU1', healthcare_service_ids: ['s15', 's30', 's30b'], hsa_id: 'SE-R2' });
    assert.deepEqual((await s.unit('GET', '/patients/p1')).body, {
      id: 'p1',
      emr_id: 'wd-1',
      first_name: 'Tolvan',
      last_name: 'Tolvansson',
      care_unit_id: 'CU1',
      external_id: '191212121212',
      phones: [],
      emails: [],
    });
    const appointments = await s.unit<unknown[]>('GET', '/appointments', { query: day });
    assert.ok(appointments.body.every((item) => keys(item).join() === APPOINTMENT.join()), 'appointments differ only in a pending cancellation’s link');
  });
});

describe('choosing the profile', () => {
  it(`defaults to ${STRICT_BY_DEFAULT ? 'strict' : 'lenient'} (STRICT_BY_DEFAULT); the seed’s "strict" applies, the option wins over it`, async () => {
    const plain = await startSandbox({ seed: miniSeed() });
    const bySeed = await startSandbox({ seed: miniSeed((seed) => void (seed.strict = !STRICT_BY_DEFAULT)) });
    const byOption = await startSandbox({ seed: miniSeed((seed) => void (seed.strict = true)), strict: false });
    try {
      assert.deepEqual([plain.strict, bySeed.strict, byOption.strict], [STRICT_BY_DEFAULT, !STRICT_BY_DEFAULT, false]);
    } finally {
      await Promise.all([plain.close(), bySeed.close(), byOption.close()]);
    }
    s = await openMini({ strict: true });
  });

  it('is shown and switched by the control endpoint, and kept across a reset', async () => {
    s = await openMini({ strict: true, emr: 'anitasystems' });
    const shown = await s.control('GET', '/profile');
    assert.deepEqual(shown.body, {
      emr: 'anitasystems',
      strict: true,
      known: true,
      bookingNeedsConfirmation: true,
      twoStepCancel: true,
      patientIdTypes: ['emr_id'],
      resourceIdTypes: ['emr_id'],
      patientCreateNeedsPhones: true,
    });
    const lenient = await s.control<{ strict: boolean; patientIdTypes: string[]; resourceIdTypes: string[] }>('PUT', '/profile', { strict: false });
    assert.deepEqual([lenient.body.strict, lenient.body.patientIdTypes, lenient.body.resourceIdTypes], [false, ['emr_id', 'se_personal_number'], ['emr_id', 'hsa_id']]);
    assert.equal(s.sandbox.strict, false);
    assert.ok('time_zone' in ((await s.api<unknown[]>('GET', '/care-units')).body[0] as object), 'lenient answers at once');
    await s.control('POST', '/reset');
    assert.equal((await s.control<{ strict: boolean }>('GET', '/profile')).body.strict, false, 'a reset keeps the profile');
    for (const bad of [{}, { strict: 'yes' }, { strict: true, emr: 'webdoc' }]) {
      const refused = await s.control<Envelope>('PUT', '/profile', bad);
      assert.equal(refused.status, 400, JSON.stringify(bad));
    }
    assert.equal((await s.control('DELETE', '/profile')).status, 405);
  });

  it('describes an EHR Leyr’s table does not list with the most common rules, EHR ids only', async () => {
    s = await openMini({ strict: true, emr: 'someehr' });
    const shown = await s.control<{ known: boolean; patientIdTypes: string[]; twoStepCancel: boolean }>('GET', '/profile');
    assert.deepEqual([shown.body.known, shown.body.patientIdTypes, shown.body.twoStepCancel], [false, ['emr_id'], false]);
  });
});

// Leyr's patient-id table, and "only WebDoc takes more than the EHR id as a resource id".
const PATIENT_IDS: Record<string, { se: boolean; no: boolean }> = {
  webdoc: { se: true, no: false },
  takecare: { se: true, no: false },
  anitasystems: { se: false, no: false },
  pasientsky: { se: false, no: false },
  dips: { se: false, no: true },
  easypractice: { se: true, no: true },
};

describe('id rules per EHR (strict)', () => {
  for (const [emr, takes] of Object.entries(PATIENT_IDS)) {
    const patientTypes = ['EHR id', ...(takes.se ? ['Swedish personal number'] : []), ...(takes.no ? ['Norwegian personal number'] : [])].join(', ');
    it(`${emr}: patients by ${patientTypes}; resources by ${emr === 'webdoc' ? 'EHR id, HSA id and personal number' : 'EHR id only'}`, async () => {
      s = await openMini({ strict: true, emr }, withNorwegianPatient);
      const patient = (id: string) => s.unit<Envelope & { id: string }>('GET', `/patients/${encodeURIComponent(id)}`);
      for (const id of ['p1', 'wd-1', 'emr_id:wd-1']) assert.equal((await patient(id)).body.id, 'p1', id);
      const bySwedish = await patient('se_personal_number:191212121212');
      const byNorwegian = await patient(`no_personal_number:${NORWEGIAN}`);
      if (takes.se) assert.equal(bySwedish.body.id, 'p1');
      else assert.deepEqual([bySwedish.status, bySwedish.body.errors[0]?.error_code], [400, 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED']);
      if (takes.no) assert.equal(byNorwegian.body.id, 'p3');
      else assert.deepEqual([byNorwegian.status, byNorwegian.body.errors[0]?.error_code], [400, 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED']);
      // Not supported is said before the value is looked at, a bad check digit included.
      if (!takes.se) assert.equal((await patient('se_personal_number:191212121213')).body.errors[0]?.error_code, 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED');
      assert.equal((await patient('nhs_number:9434765919')).body.errors[0]?.error_code, 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED');
      assert.equal((await patient('passport:X1')).body.errors[0]?.error_code, 'INVALID_PATIENT_ID_TYPE');

      const slots = (resourceId: string) => s.unit<Envelope>('GET', '/timeslots', { query: { start: at('08:00'), end: at('09:00'), resource_id: resourceId } });
      assert.equal((await slots('emr_id:r1')).status, 200);
      for (const id of ['hsa_id:SE-R2', `se_personal_number:${DOCTOR}`]) {
        const answer = await slots(id);
        if (emr === 'webdoc') assert.equal(answer.status, 200, id);
        else assert.deepEqual([answer.status, answer.body.errors[0]?.error_code], [400, 'NOT_SUPPORTED'], id);
      }
      assert.equal((await slots(`no_personal_number:${NORWEGIAN}`)).body.errors[0]?.error_code, 'NOT_SUPPORTED');
      assert.equal((await slots('badge:17')).body.errors[0]?.error_code, 'INVALID_RESOURCE_ID');
    });
  }

  it('applies to bookings and list filters too, refusing without a change', async () => {
    s = await openMini({ strict: true, emr: 'anitasystems' });
    const before = await s.snapshot();
    const booked = await s.unit<Envelope>('POST', '/appointments', {
      body: { start: at('09:30'), end: at('10:00'), patient_id: 'se_personal_number:191212121212', resource_id: 'r1', healthcare_service_id: 's30' },
    });
    assert.deepEqual([booked.status, booked.body.errors[0]?.error_code, booked.body.errors[0]?.path], [400, 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED', 'patient_id']);
    const moved = await s.unit<Envelope>('PATCH', '/appointments/a1', { body: { resource_id: 'hsa_id:SE-R2' } });
    assert.deepEqual([moved.status, moved.body.errors[0]?.error_code], [400, 'NOT_SUPPORTED']);
    assert.equal(await s.snapshot(), before);
    const listed = await s.unit<Envelope>('GET', '/appointments', { query: { ...day, patient_id: 'se_personal_number:191212121212' } });
    assert.equal(listed.body.errors[0]?.error_code, 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED');
  });

  it('webdoc: books by a resource’s personal number, answering its own id', async () => {
    s = await openMini({ strict: true }, withNorwegianPatient);
    const booked = await s.unit<{ resource_id: string }[]>('POST', '/appointments', {
      body: { start: at('09:30'), end: at('10:00'), patient_id: 'p2', resource_id: `se_personal_number:${DOCTOR}`, healthcare_service_id: 's30' },
    });
    assert.deepEqual([booked.status, booked.body[0]?.resource_id], [201, 'r1']);
    const unknown = await s.unit<Envelope>('GET', '/appointments', { query: { ...day, resource_id: 'se_personal_number:191212121212' } });
    assert.equal(unknown.body.errors[0]?.error_code, 'INVALID_RESOURCE_ID');
  });

  it('checks Norwegian numbers by their check digits', async () => {
    s = await openMini({ strict: true, emr: 'dips' }, withNorwegianPatient);
    const bad = await s.unit<Envelope>('GET', '/patients/no_personal_number:26258605878');
    assert.deepEqual([bad.status, bad.body.errors[0]?.error_code], [400, 'INVALID_PATIENT_ID']);
    const unknown = await s.unit<Envelope>('GET', '/patients/no_personal_number:15076500565');
    assert.equal(unknown.body.errors[0]?.error_code, 'INVALID_PATIENT_ID');
    assert.equal((await s.unit<{ id: string }>('GET', '/patients/no_personal_number:262586%2005879')).body.id, 'p3', 'written with a space');
  });
});

describe('id rules (lenient)', () => {
  it('keep the sandbox’s old generous rules: Swedish numbers and HSA ids for every EHR', async () => {
    s = await openMini({ strict: false, emr: 'anitasystems' }, withNorwegianPatient);
    assert.equal((await s.unit<{ id: string }>('GET', '/patients/se_personal_number:191212121212')).body.id, 'p1');
    assert.equal((await s.unit<Envelope>('GET', `/patients/no_personal_number:${NORWEGIAN}`)).body.errors[0]?.error_code, 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED');
    assert.equal((await s.unit('GET', '/timeslots', { query: { start: at('08:00'), end: at('09:00'), resource_id: 'hsa_id:SE-R2' } })).status, 200);
    const byNumber = await s.unit<Envelope>('GET', '/timeslots', { query: { start: at('08:00'), end: at('09:00'), resource_id: `se_personal_number:${DOCTOR}` } });
    assert.equal(byNumber.body.errors[0]?.error_code, 'NOT_SUPPORTED', 'only WebDoc takes personal numbers as resource ids');
  });
});

describe('creating patients', () => {
  const newPatient = { first_name: 'Greta', last_name: 'Testsson', external_id: '197001019806' };

  it('anitasystems (strict) needs phones, as its codes go by SMS', async () => {
    s = await openMini({ strict: true, emr: 'anitasystems' });
    const before = await s.snapshot();
    for (const body of [newPatient, { ...newPatient, phones: [] }]) {
      const refused = await s.unit<Envelope>('POST', '/patients', { body });
      assert.deepEqual([refused.status, refused.body.errors[0]?.error_code, refused.body.errors[0]?.path], [400, 'MISSING_REQUIRED_FIELD', 'phones'], JSON.stringify(body));
    }
    assert.equal(await s.snapshot(), before, 'nobody was added');
    assert.equal((await s.unit('POST', '/patients', { body: { ...newPatient, phones: ['+46701234567'] } })).status, 201);
  });

  it('other EHRs, and Anita when lenient, take a patient without phones', async () => {
    s = await openMini({ strict: true, emr: 'takecare' });
    assert.equal((await s.unit('POST', '/patients', { body: newPatient })).status, 201);
    await s.close();
    s = await openMini({ strict: false, emr: 'anitasystems' });
    assert.equal((await s.unit('POST', '/patients', { body: newPatient })).status, 201);
  });

  it('takes a Norwegian number as external_id, idempotently, and refuses a bad one', async () => {
    s = await openMini({ strict: true, emr: 'dips' });
    const body = { first_name: 'Ola', last_name: 'Nordmann', external_id: '150765 00565' };
    const created = await s.unit<{ id: string }>('POST', '/patients', { body });
    assert.equal(created.status, 201);
    const again = await s.unit<{ id: string }>('POST', '/patients', { body: { ...body, external_id: '15076500565' } });
    assert.deepEqual([again.status, again.body.id], [200, created.body.id]);
    assert.equal((await s.unit<{ id: string }>('GET', '/patients/no_personal_number:15076500565')).body.id, created.body.id);
    const stored = (await s.control<{ patients: { id: string; external_id: string }[] }>('GET', '/state')).body.patients.find((patient) => patient.id === created.body.id);
    assert.equal(stored?.external_id, '15076500565');
    const bad = await s.unit<Envelope>('POST', '/patients', { body: { ...body, external_id: '15076500566' } });
    assert.deepEqual([bad.status, bad.body.errors[0]?.error_code], [400, 'BAD_INPUT']);
    assert.match(bad.body.detail, /not a valid Norwegian personal number/);
  });
});
