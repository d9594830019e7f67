// Contract: patients (search, get by plain and typed ids, idempotent create).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshPatient, freshPersonalNumber, refusal, refusedWithoutChange, snapshot } from './support.ts';
import { contractTargets, needsLocal, type TargetSession } from './targets.ts';

for (const target of contractTargets()) {
  describe(`patients [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    before(async () => {
      session = await target.start();
    });
    after(async () => {
      await session?.close();
    });

    it('creates a patient and reads it back by its id', async () => {
      const created = await freshPatient(session.api, 'Skapad');
      assert.ok(created.id.length > 0);
      assert.equal(created.first_name, 'Skapad');
      const read = await session.api.getPatient(created.id);
      assert.equal(read.id, created.id);
      assert.equal(read.first_name, 'Skapad');
      assert.equal(read.last_name, created.last_name);
    });

    it('is idempotent on external_id: the same person is returned, not duplicated', async () => {
      const personalNumber = freshPersonalNumber();
      const before = await snapshot(session);
      const first = await session.api.createPatient({ first_name: 'Idem', last_name: 'Potent', external_id: personalNumber });
      const second = await session.api.createPatient({ first_name: 'Idem', last_name: 'Potent', external_id: personalNumber, phones: ['+46701112233'] });
      assert.equal(second.id, first.id);
      if (session.controls) {
        const after = await snapshot(session);
        assert.equal(after.patients.length, before.patients.length + 1, 'exactly one patient was added');
      } else {
        const found = await session.api.searchPatients({ first_name: 'Idem', last_name: 'Potent' });
        assert.equal(found.filter((patient) => patient.id === first.id).length, 1);
      }
    });

    it('finds a patient by a typed id: emr_id: and se_personal_number:', async () => {
      const created = await freshPatient(session.api, 'Typad');
      const bySsn = await session.api.getPatient(`se_personal_number:${created.personalNumber}`);
      assert.equal(bySsn.id, created.id);
      const emrId = created.emr_id ?? created.id;
      const byEmrId = await session.api.getPatient(`emr_id:${emrId}`);
      assert.equal(byEmrId.id, created.id);
      const plain = await session.api.getPatient(emrId);
      assert.equal(plain.id, created.id, 'no prefix means emr_id');
    });

    it('searches patients by first and last name', async () => {
      const created = await freshPatient(session.api, 'Sökbar');
      const found = await session.api.searchPatients({ first_name: 'Sökbar', last_name: created.last_name ?? '' });
      assert.ok(found.some((patient) => patient.id === created.id), 'the new patient is found');
      assert.ok(found.every((patient) => (patient.last_name ?? '').toLowerCase().startsWith((created.last_name ?? '').toLowerCase())));
      const none = await session.api.searchPatients({ first_name: 'Sökbar', last_name: 'Finnsinte-Alls' });
      assert.deepEqual(none, []);
    });

    it('refuses an unknown patient id with INVALID_PATIENT_ID', async () => {
      await refusal(session.api.getPatient('no-such-patient-0000'), { status: 400, code: 'BAD_REQUEST', errorCode: 'INVALID_PATIENT_ID' });
      await refusal(session.api.getPatient(`se_personal_number:${freshPersonalNumber()}`), { status: 400, code: 'BAD_REQUEST', errorCode: 'INVALID_PATIENT_ID' });
    });

    it('refuses a personal number that fails its check digit', async () => {
      await refusal(session.api.getPatient('se_personal_number:191212121213'), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: ['INVALID_PATIENT_ID', 'BAD_INPUT'],
      });
    });

    it('refuses an id type that is not a patient id type', async () => {
      await refusal(session.api.getPatient('hsa_id:SE2321000131-E000000012345'), { status: 400, code: 'BAD_REQUEST', errorCode: 'INVALID_PATIENT_ID_TYPE' });
      await refusal(session.api.getPatient('passport:X1234567'), { status: 400, code: 'BAD_REQUEST', errorCode: 'INVALID_PATIENT_ID_TYPE' });
    });

    it('refuses a lookup by an id type the EHR cannot look up with PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED', async (t) => {
      if (!needsLocal(t, session, 'which id types an EHR can look patients up by depends on the EHR behind the hosted app')) return;
      await refusal(session.api.getPatient('nhs_number:9434765919'), { status: 400, code: 'BAD_REQUEST', errorCode: 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED' });
    });

    it('refuses a new patient without a last name or with a bad personal number, adding nobody', async () => {
      await refusedWithoutChange(
        session,
        () => session.api.createPatient({ first_name: 'Halv', external_id: freshPersonalNumber() } as Parameters<typeof session.api.createPatient>[0]),
        { status: 400, code: 'BAD_REQUEST', errorCode: 'MISSING_REQUIRED_FIELD' },
      );
      await refusedWithoutChange(session, () => session.api.createPatient({ first_name: 'Fel', last_name: 'Nummer', external_id: '191212121213' }), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'BAD_INPUT',
      });
    });
  });
}
