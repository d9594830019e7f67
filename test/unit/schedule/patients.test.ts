// Patient search and creation against a Leyr in memory: Leyr first, the store while Leyr
// is out of reach; an unknown personal number is nobody, a bad one is the caller's error.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Refusal } from '../../../main/errors/failure.ts';
import { LeyrError } from '../../../main/leyr/errors.ts';
import { createPatients, type Patients } from '../../../main/schedule/patients/patients.ts';
import { clinic, DAY, type Clinic } from './support/clinic.ts';
import { networkError } from './support/fake-leyr.ts';

describe('patients', () => {
  let c: Clinic;
  let patients: Patients;
  beforeEach(() => {
    c = clinic({ now: () => Date.parse('2026-03-23T08:00:00Z') });
    for (const [id, first, last, number] of [['pat-1', 'Anna', 'Ek', '191212121212'], ['pat-3', 'Åsa', 'Berg', '200001010016'], ['pat-4', 'Anna', 'Berg', null]] as const) {
      c.leyr.patients.set(id, { id, emr_id: null, first_name: first, last_name: last, care_unit_id: 'L0_1', external_id: number });
    }
    patients = createPatients({ ctx: c.ctx, api: c.leyr.api, nameConcurrency: 2 });
  });
  afterEach(() => {
    patients.dispose();
    c.dispose();
  });

  it('finds by personal number at Leyr, says nobody for an unknown one, and turns down a bad one', async () => {
    assert.deepEqual((await patients.search({ query: '20000101-0016' })).patients.map((p) => p.id), ['pat-3']);
    assert.deepEqual(await patients.search({ query: '19121212-1212 ' }), { patients: [{ id: 'pat-1', emrId: null, firstName: 'Anna', lastName: 'Ek', personalNumber: '191212121212' }], source: 'leyr' });
    c.leyr.patients.clear();
    assert.deepEqual(await patients.search({ query: '19121212-1212' }), { patients: [], source: 'leyr' });
    await assert.rejects(patients.search({ query: '19121212-1213' }), (error: unknown) => error instanceof Refusal && error.code === 'INVALID_ARGUMENT');
  });

  it('answers from the store while Leyr is out of reach, and passes any other refusal on', async () => {
    c.leyr.failNext('getPatient', networkError());
    assert.deepEqual(await patients.search({ query: '191212121212' }), { patients: [{ id: 'pat-1', emrId: null, firstName: 'Anna', lastName: 'Ek', personalNumber: '191212121212' }], source: 'store' });
    c.leyr.failNext('searchPatients', networkError());
    assert.equal((await patients.search({ query: 'Anna' })).source, 'store');
    c.leyr.failNext('searchPatients', new LeyrError({ kind: 'http', status: 401, message: 'wrong credentials' }));
    await assert.rejects(patients.search({ query: 'Anna' }), (error: unknown) => error instanceof LeyrError && error.status === 401);
    assert.deepEqual(c.t.store.audit.recent(c.t.accountId, 2).map((e) => [e.action, e.outcome, e.detail]), [
      ['patient.searched', 'store', 'by name: 1 found'],
      ['patient.searched', 'store', 'by personal number: 1 found'],
    ]);
  });

  it('searches a name as first or last name, both ways round for two words, sorted and without repeats', async () => {
    assert.deepEqual((await patients.search({ query: 'Anna' })).patients.map((p) => p.id), ['pat-4', 'pat-1']);
    assert.deepEqual((await patients.search({ query: 'Berg Åsa' })).patients.map((p) => p.id), ['pat-3']);
  });

  it('creates a patient, keeps them for booking, and fetches the names a day shows once', async () => {
    const created = await patients.create({ firstName: 'Per', lastName: 'Lund', personalNumber: '19121212-1212' });
    assert.equal(created.personalNumber, '191212121212');
    assert.ok(c.t.store.patients.get(c.t.accountId, created.id));
    c.t.store.days.writeDay(c.t.accountId, DAY, { appointments: [{ ...c.t.store.days.serverDay(c.t.accountId, DAY)[0]!.record, patientId: 'pat-3' }], timeslots: [], fetchedAt: 'f', fetchSeq: 0 });
    assert.equal(await patients.namesOf(DAY), true);
    assert.equal(c.t.store.patients.get(c.t.accountId, 'pat-3')?.firstName, 'Åsa');
    assert.equal(await patients.namesOf(DAY), false, 'once a day');
  });
});
