// Contract: what an EHR takes and what Leyr answers. Leyr's patient-id table (which patient
// id types each EHR can look up; only WebDoc takes more than the EHR id as a resource id),
// Anita Systems' phone requirement, and, in the strict profile, answers that carry only the
// fields Leyr documents plus the [choice] ones the app needs. The lenient profile keeps the
// sandbox's older, generous rules and richer answers; its expectations are written beside.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { norwegianCheckDigits } from '../../preload/contract/norwegian-id.ts';
import { freshPatient, freshPersonalNumber, refusal, refusedWithoutChange, someFreeSlot } from './support.ts';
import { contractTargets, needsLocal, type TargetSession } from './targets.ts';

/** A valid Norwegian fødselsnummer nobody else uses in this run. */
function freshNorwegianNumber(): string {
  for (;;) {
    const birth = DateTime.fromObject({ year: 1940 + randomInt(59), month: 1 + randomInt(12), day: 1 + randomInt(28) });
    const nine = `${birth.toFormat('ddMMyy')}${String(randomInt(0, 500)).padStart(3, '0')}`;
    const check = norwegianCheckDigits(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

interface Rules {
  se: boolean;
  no: boolean;
  /** Resource ids by HSA id and by personal number. */
  hsa: boolean;
  resourcePersonalNumber: boolean;
}

// Strict: Leyr's table. Lenient: the sandbox's older rules (Swedish numbers and HSA ids for every EHR).
const STRICT: Record<string, Rules> = {
  webdoc: { se: true, no: false, hsa: true, resourcePersonalNumber: true },
  takecare: { se: true, no: false, hsa: false, resourcePersonalNumber: false },
  anitasystems: { se: false, no: false, hsa: false, resourcePersonalNumber: false },
  pasientsky: { se: false, no: false, hsa: false, resourcePersonalNumber: false },
  dips: { se: false, no: true, hsa: false, resourcePersonalNumber: false },
};
const lenient = (emr: string): Rules => ({ se: true, no: false, hsa: true, resourcePersonalNumber: emr === 'webdoc' });

const NOT_SUPPORTED_PATIENT = { status: 400, code: 'BAD_REQUEST', errorCode: 'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED' } as const;
const NOT_SUPPORTED_RESOURCE = { status: 400, code: 'BAD_REQUEST', errorCode: 'NOT_SUPPORTED' } as const;

for (const target of contractTargets()) {
  for (const emr of Object.keys(STRICT)) {
    describe(`id types of ${emr} [${target.name}]`, { skip: target.skip ?? false }, () => {
      let session: TargetSession;
      const rules = target.mode === 'lenient' ? lenient(emr) : (STRICT[emr] as Rules);
      before(async () => {
        session = await target.start({ emr });
      });
      after(async () => {
        await session?.close();
      });

      it('looks patients up by the id types the EHR takes, and says which it cannot', async (t) => {
        if (!needsLocal(t, session, 'the EHR behind the hosted app is whatever it is set up with')) return;
        const swedish = await freshPatient(session.api, 'Svensk');
        const norwegianNumber = freshNorwegianNumber();
        const norwegian = await session.api.createPatient({ first_name: 'Norsk', last_name: 'Nordmann', external_id: norwegianNumber, phones: ['+4791234567'] });
        assert.equal((await session.api.getPatient(`emr_id:${swedish.emr_id ?? swedish.id}`)).id, swedish.id, 'every EHR takes its own ids');
        assert.equal((await session.api.getPatient(swedish.emr_id ?? swedish.id)).id, swedish.id, 'no prefix means emr_id');
        const bySwedish = session.api.getPatient(`se_personal_number:${swedish.personalNumber}`);
        if (rules.se) assert.equal((await bySwedish).id, swedish.id);
        else await refusal(bySwedish, NOT_SUPPORTED_PATIENT);
        const byNorwegian = session.api.getPatient(`no_personal_number:${norwegianNumber}`);
        if (rules.no) assert.equal((await byNorwegian).id, norwegian.id);
        else await refusal(byNorwegian, NOT_SUPPORTED_PATIENT);
      });

      it('books only with a patient id type the EHR takes', async (t) => {
        if (!needsLocal(t, session, 'the EHR behind the hosted app is whatever it is set up with')) return;
        if (rules.se) {
          t.skip('this EHR takes Swedish personal numbers: booking by one is in booking.test.ts');
          return;
        }
        const patient = await freshPatient(session.api);
        const slot = await someFreeSlot(session);
        await refusedWithoutChange(
          session,
          () =>
            session.api.createAppointment({
              start: slot.start,
              end: slot.end,
              patient_id: `se_personal_number:${patient.personalNumber}`,
              resource_id: slot.resource_id,
              ...(slot.healthcare_service_id !== null && { healthcare_service_id: slot.healthcare_service_id }),
            }),
          NOT_SUPPORTED_PATIENT,
        );
      });

      it('takes resource ids the EHR takes: only WebDoc more than its own', async (t) => {
        if (!needsLocal(t, session, 'the EHR behind the hosted app is whatever it is set up with')) return;
        const [resource] = await session.api.listResources();
        assert.ok(resource);
        const range = { start: session.window.start, end: DateTime.fromISO(session.window.start, { setZone: true }).plus({ days: 1 }).toISO() ?? '' };
        const slots = await session.api.listTimeslots({ ...range, resource_id: `emr_id:${resource.id}` });
        assert.ok(slots.every((slot) => slot.resource_id === resource.id));
        // The clinic's resources have neither an HSA id nor a personal number: a type the EHR
        // takes is looked up (and not found), one it does not take is NOT_SUPPORTED.
        for (const [id, taken] of [
          ['hsa_id:SE2321000131-E000000099999', rules.hsa],
          [`se_personal_number:${freshPersonalNumber()}`, rules.resourcePersonalNumber],
        ] as const) {
          const listed = session.api.listTimeslots({ ...range, resource_id: id });
          await refusal(listed, taken ? { status: 400, code: 'BAD_REQUEST', errorCode: 'INVALID_RESOURCE_ID' } : NOT_SUPPORTED_RESOURCE);
        }
      });
    });
  }

  describe(`Anita Systems creates patients with a phone number [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    before(async () => {
      session = await target.start({ emr: 'anitasystems' });
    });
    after(async () => {
      await session?.close();
    });

    it('refuses a new patient without phones (its codes go by SMS), adding nobody', async (t) => {
      if (!needsLocal(t, session, 'the EHR behind the hosted app is whatever it is set up with')) return;
      const patient = { first_name: 'Utan', last_name: 'Telefon', external_id: freshPersonalNumber() };
      if (target.mode === 'lenient') {
        assert.ok((await session.api.createPatient(patient)).id, 'the lenient sandbox takes it');
        return;
      }
      await refusedWithoutChange(session, () => session.api.createPatient(patient), { status: 400, code: 'BAD_REQUEST', errorCode: 'MISSING_REQUIRED_FIELD' });
      assert.ok((await session.api.createPatient({ ...patient, phones: ['+46701234567'] })).id);
    });
  });

  describe(`answers carry Leyr's documented fields [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    before(async () => {
      session = await target.start();
    });
    after(async () => {
      await session?.close();
    });

    // Documented, plus the [choice] fields the app cannot do without (docs/leyr-api.md).
    const FIELDS: Record<string, string[]> = {
      'care-units': ['id', 'name'],
      resources: ['id', 'name'],
      'healthcare-services': ['id', 'name', 'duration_minutes'],
      timeslots: ['start', 'end', 'resource_id', 'healthcare_service_id'],
      patients: ['id', 'emr_id', 'first_name', 'last_name', 'care_unit_id'],
      appointments: ['id', 'status', 'care_unit_id', 'start', 'end', 'comment', 'patient_id', 'resource_id', 'healthcare_service_id'],
    };

    it('strict: nothing beyond them, and every one of them', async (t) => {
      if (target.mode !== 'strict') {
        t.skip(target.mode === 'lenient' ? 'the lenient profile answers more fields by design' : 'Leyr may add fields; the client keeps and ignores them');
        return;
      }
      const patient = await freshPatient(session.api, 'Fält');
      const unit = `${session.baseUrl}/emrs/${session.api.emr}/care-units`;
      const query = new URLSearchParams({ start: session.window.start, end: session.window.end }).toString();
      const paths: Record<string, string> = {
        'care-units': unit,
        resources: `${unit}/${session.api.careUnitId}/resources`,
        'healthcare-services': `${unit}/${session.api.careUnitId}/healthcare-services`,
        timeslots: `${unit}/${session.api.careUnitId}/timeslots?${query}`,
        patients: `${unit}/${session.api.careUnitId}/patients?first_name=F%C3%A4lt&last_name=${encodeURIComponent(patient.last_name ?? '')}`,
        appointments: `${unit}/${session.api.careUnitId}/appointments?${query}`,
      };
      for (const [name, url] of Object.entries(paths)) {
        const response = await fetch(url, { headers: { 'x-leyr-client-id': session.credentials.clientId, 'x-leyr-client-secret': session.credentials.clientSecret } });
        assert.equal(response.status, 200, name);
        const items = (await response.json()) as Record<string, unknown>[];
        assert.ok(items.length > 0, `${name}: something to look at`);
        for (const item of items) assert.deepEqual(Object.keys(item).sort(), [...(FIELDS[name] ?? [])].sort(), `${name}: ${JSON.stringify(item)}`);
      }
    });
  });
}
