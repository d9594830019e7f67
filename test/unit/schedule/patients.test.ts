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
    const { patient: created, existing } = await patients.create({ firstName: 'Per', lastName: 'Lund', personalNumber: '19811218-9876' });
    assert.equal(existing, false);
    assert.equal(created.personalNumber, '198112189876');
    assert.ok(c.t.store.patients.get(c.t.accountId, created.id));
    c.t.store.days.writeDay(c.t.accountId, DAY, { appointments: [{ ...c.t.store.days.serverDay(c.t.accountId, DAY)[0]!.record, patientId: 'pat-3' }], timeslots: [], fetchedAt: 'f', fetchSeq: 0 });
    assert.equal(await patients.namesOf(DAY), true);
    assert.equal(c.t.store.patients.get(c.t.accountId, 'pat-3')?.firstName, 'Åsa');
    assert.equal(await patients.namesOf(DAY), false, 'once a day');
  });

  it('says a patient Leyr already had is registered, found by the number first where the EHR looks numbers up', async () => {
    const before = c.leyr.calls.length;
    const answer = await patients.create({ firstName: 'Greta', lastName: 'Testsson', personalNumber: '191212121212' });
    assert.deepEqual(answer, { patient: { id: 'pat-1', emrId: null, firstName: 'Anna', lastName: 'Ek', personalNumber: '191212121212' }, existing: true });
    assert.deepEqual(c.leyr.calls.slice(before).map((call) => [call.method, call.args[0]]), [['getPatient', 'se_personal_number:191212121212']], 'looked up, not created');
    assert.equal(c.t.store.audit.recent(c.t.accountId, 1)[0]?.action, 'patient.existing');
  });
});

describe('patient ids per EHR', () => {
  const withPatients = (emr: string): { c: Clinic; patients: Patients } => {
    const c = clinic({ emr, now: () => Date.parse('2026-03-23T08:00:00Z') });
    c.leyr.patients.set('pat-1', { id: 'pat-1', emr_id: 'emr-1', first_name: 'Anna', last_name: 'Ek', care_unit_id: 'L0_1', external_id: '191212121212' });
    c.leyr.patients.set('pat-no', { id: 'pat-no', emr_id: null, first_name: 'Kari', last_name: 'Nordmann', care_unit_id: 'L0_1', external_id: '26258605879' });
    return { c, patients: createPatients({ ctx: c.ctx, api: c.leyr.api, nameConcurrency: 2 }) };
  };
  const refusedBeforeSending = async (c: Clinic, work: Promise<unknown>, words: RegExp): Promise<void> => {
    const before = c.leyr.calls.length;
    await assert.rejects(work, (error: unknown) => error instanceof Refusal && error.code === 'INVALID_ARGUMENT' && words.test(error.message) && (error.issues ?? []).length > 0);
    assert.equal(c.leyr.calls.length, before, 'nothing was sent');
  };

  it('searches each id type the EHR takes, with Leyr’s typed id, and refuses the others in plain words before sending', async () => {
    const webdoc = withPatients('webdoc');
    const dips = withPatients('dips');
    const anita = withPatients('anitasystems');
    try {
      assert.deepEqual((await webdoc.patients.search({ query: '19121212 1212' })).patients.map((p) => [p.id, p.personalNumber]), [['pat-1', '191212121212']]);
      assert.equal(webdoc.c.leyr.calls.at(-1)?.args[0], 'se_personal_number:191212121212');
      await refusedBeforeSending(webdoc.c, webdoc.patients.search({ query: '262586 05879' }), /^WebDoc does not look patients up by Norwegian personal number/);
      assert.deepEqual((await dips.patients.search({ query: '26258605879' })).patients.map((p) => p.id), ['pat-no']);
      assert.equal(dips.c.leyr.calls.at(-1)?.args[0], 'no_personal_number:26258605879');
      await refusedBeforeSending(dips.c, dips.patients.search({ query: '19121212-1212' }), /^DIPS does not look patients up by Swedish personal number/);
      await refusedBeforeSending(anita.c, anita.patients.search({ query: '191212121212' }), /^Anita Systems does not look patients up by personal number/);
      assert.deepEqual((await anita.patients.search({ query: 'emr:pat-1' })).patients.map((p) => p.id), ['pat-1']);
      assert.equal(anita.c.leyr.calls.at(-1)?.args[0], 'emr_id:pat-1');
      assert.deepEqual((await anita.patients.search({ query: 'Kari' })).patients.map((p) => p.id), ['pat-no']);
    } finally {
      for (const { c, patients } of [webdoc, dips, anita]) {
        patients.dispose();
        c.dispose();
      }
    }
  });

  it('creates only with a number the EHR registers, a phone for Anita Systems, and says an existing patient from the answer where numbers cannot be looked up', async () => {
    const dips = withPatients('dips');
    const anita = withPatients('anitasystems');
    try {
      await refusedBeforeSending(dips.c, dips.patients.create({ firstName: 'Per', lastName: 'Lund', personalNumber: '198112189876' }), /^DIPS takes Norwegian personal numbers only/);
      await refusedBeforeSending(anita.c, anita.patients.create({ firstName: 'Per', lastName: 'Lund', personalNumber: '198112189876' }), /phone/);
      const fresh = await anita.patients.create({ firstName: 'Per', lastName: 'Lund', personalNumber: '198112189876', phone: '+46 70 123 45 67' });
      assert.equal(fresh.existing, false);
      assert.deepEqual(anita.c.leyr.calls.map((call) => call.method), ['createPatient'], 'no lookup by number where the EHR takes none');
      // Leyr's idempotent create answers the patient registered under the number, under another name.
      const greta = await anita.patients.create({ firstName: 'Greta', lastName: 'Testsson', personalNumber: '19121212-1212', phone: '070-1234567' });
      assert.deepEqual(greta, { patient: { id: 'pat-1', emrId: 'emr-1', firstName: 'Anna', lastName: 'Ek', personalNumber: '191212121212' }, existing: true });
      // The same name again: a patient this computer already knew under the number is existing too.
      const again = await anita.patients.create({ firstName: 'per', lastName: ' Lund ', personalNumber: '198112189876', phone: '+46 70 123 45 67' });
      assert.deepEqual([again.patient.id, again.existing], [fresh.patient.id, true]);
    } finally {
      for (const { c, patients } of [dips, anita]) {
        patients.dispose();
        c.dispose();
      }
    }
  });
});
