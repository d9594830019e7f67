// Contract: creating appointments (slot validation, typed ids, the error envelope).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { NewAppointment, Timeslot } from '../../main/leyr/api.ts';
import type { SeedData } from '../../main/sandbox/seed.ts';
import { book, byId, freeSlots, freshPatient, ms, plusMinutes, readBack, refusedWithoutChange, snapshot, someFreeSlot } from './support.ts';
import { contractTargets, localTargets, needsLocal, type TargetSession } from './targets.ts';

const newAppointment = (slot: Timeslot, patientId: string, extra: Partial<NewAppointment> = {}): NewAppointment => ({
  start: slot.start,
  end: slot.end,
  patient_id: patientId,
  resource_id: slot.resource_id,
  ...(slot.healthcare_service_id !== null && { healthcare_service_id: slot.healthcare_service_id }),
  ...extra,
});

for (const target of contractTargets()) {
  describe(`booking [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    let patientId: string;
    before(async () => {
      session = await target.start();
    });
    beforeEach(async () => {
      await session.controls?.reset();
      patientId = (await freshPatient(session.api)).id;
    });
    after(async () => {
      await session?.close();
    });

    it('books a free slot: booked, as asked, listed, and the slot is no longer free', async () => {
      const slot = await someFreeSlot(session);
      const appointment = await book(session.api, slot, patientId, 'Första besöket');
      assert.equal(appointment.status, 'booked');
      assert.equal(ms(appointment.start), ms(slot.start));
      assert.equal(ms(appointment.end), ms(slot.end));
      assert.equal(appointment.resource_id, slot.resource_id);
      assert.equal(appointment.healthcare_service_id, slot.healthcare_service_id);
      assert.equal(appointment.patient_id, patientId);
      assert.equal(appointment.care_unit_id, session.api.careUnitId);
      assert.equal(appointment.comment, 'Första besöket');
      assert.equal((await readBack(session.api, appointment))?.status, 'booked');
      const after = await freeSlots(session, { resource_id: slot.resource_id, range: { start: slot.start, end: slot.end } });
      assert.ok(!after.some((free) => ms(free.start) < ms(slot.end) && ms(free.end) > ms(slot.start)), 'nothing overlapping is offered any more');
    });

    it('books by a typed patient id (se_personal_number:, emr_id:) and answers the Leyr id', async () => {
      const patient = await freshPatient(session.api, 'Typad');
      const bySsn = await book(session.api, await someFreeSlot(session, {}, 0), `se_personal_number:${patient.personalNumber}`);
      assert.equal(bySsn.patient_id, patient.id);
      const byEmrId = await book(session.api, await someFreeSlot(session, {}, 3), `emr_id:${patient.emr_id ?? patient.id}`);
      assert.equal(byEmrId.patient_id, patient.id);
    });

    it('books by a typed resource id (emr_id:)', async () => {
      const slot = await someFreeSlot(session);
      const [appointment] = await session.api.createAppointment(newAppointment(slot, patientId, { resource_id: `emr_id:${slot.resource_id}` }));
      assert.equal(appointment?.resource_id, slot.resource_id);
    });

    it('picks the one service that fits when none is given', async (t) => {
      const slot = await someFreeSlot(session);
      const sameTimes = (await freeSlots(session, { resource_id: slot.resource_id, range: { start: slot.start, end: slot.end } })).filter(
        (other) => ms(other.start) === ms(slot.start) && ms(other.end) === ms(slot.end),
      );
      if (sameTimes.length !== 1) {
        t.skip('the first free slot fits two services here; the ambiguity test covers that case');
        return;
      }
      const [appointment] = await session.api.createAppointment({ start: slot.start, end: slot.end, patient_id: patientId, resource_id: slot.resource_id });
      assert.equal(appointment?.healthcare_service_id, slot.healthcare_service_id);
    });

    it('refuses a slot that is taken with NO_TIMESLOTS_AVAILABLE, changing nothing', async () => {
      const slot = await someFreeSlot(session);
      await book(session.api, slot, patientId);
      const other = await freshPatient(session.api, 'Sen');
      await refusedWithoutChange(session, () => session.api.createAppointment(newAppointment(slot, other.id)), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'NO_TIMESLOTS_AVAILABLE',
      });
    });

    it('refuses a start off the slot grid, a wrong length, and a time outside working hours', async () => {
      const slot = await someFreeSlot(session);
      const nightStart = `${slot.start.slice(0, 10)}T03:00:00${slot.start.slice(19)}`;
      const length = (ms(slot.end) - ms(slot.start)) / 60_000;
      for (const [start, end] of [
        [plusMinutes(slot.start, 5), plusMinutes(slot.end, 5)],
        [slot.start, plusMinutes(slot.end, 1)],
        [nightStart, plusMinutes(nightStart, length)],
      ] as const) {
        await refusedWithoutChange(session, () => session.api.createAppointment(newAppointment(slot, patientId, { start, end })), {
          status: 400,
          code: 'BAD_REQUEST',
          errorCode: 'NO_TIMESLOTS_AVAILABLE',
        });
      }
    });

    it('refuses unknown patient, resource and service ids with their INVALID_*_ID', async () => {
      const slot = await someFreeSlot(session);
      const refused = { status: 400, code: 'BAD_REQUEST' } as const;
      await refusedWithoutChange(session, () => session.api.createAppointment(newAppointment(slot, 'no-such-patient')), { ...refused, errorCode: 'INVALID_PATIENT_ID' });
      await refusedWithoutChange(session, () => session.api.createAppointment(newAppointment(slot, patientId, { resource_id: 'no-such-resource' })), {
        ...refused,
        errorCode: 'INVALID_RESOURCE_ID',
      });
      await refusedWithoutChange(session, () => session.api.createAppointment(newAppointment(slot, patientId, { healthcare_service_id: 'no-such-service' })), {
        ...refused,
        errorCode: 'INVALID_HEALTHCARE_SERVICE_ID',
      });
    });

    it('refuses an unknown care unit with INVALID_CARE_UNIT_ID', async () => {
      const slot = await someFreeSlot(session);
      const elsewhere = session.client({ careUnitId: 'no-such-care-unit' });
      await refusedWithoutChange(session, () => elsewhere.createAppointment(newAppointment(slot, patientId)), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_CARE_UNIT_ID',
      });
      await refusedWithoutChange(session, () => elsewhere.listResources(), { status: 400, code: 'BAD_REQUEST', errorCode: 'INVALID_CARE_UNIT_ID' });
    });

    it('refuses typed ids of a kind that does not fit', async () => {
      const slot = await someFreeSlot(session);
      await refusedWithoutChange(session, () => session.api.createAppointment(newAppointment(slot, 'hsa_id:SE2321000131-E000000012345')), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_PATIENT_ID_TYPE',
      });
      await refusedWithoutChange(session, () => session.api.createAppointment(newAppointment(slot, patientId, { resource_id: 'nhs_number:9434765919' })), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_RESOURCE_ID',
      });
    });

    it('refuses a resource id type the EHR cannot look up with NOT_SUPPORTED', async (t) => {
      if (!needsLocal(t, session, 'which id types an EHR can look resources up by depends on the EHR behind the hosted app')) return;
      const slot = await someFreeSlot(session);
      // WebDoc takes HSA ids and Swedish personal numbers as resource ids, never Norwegian ones.
      await refusedWithoutChange(session, () => session.api.createAppointment(newAppointment(slot, patientId, { resource_id: 'no_personal_number:26258605879' })), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'NOT_SUPPORTED',
      });
    });

    it('refuses a missing field, a time without offset and an over-long comment', async () => {
      const slot = await someFreeSlot(session);
      const { end: _end, ...withoutEnd } = newAppointment(slot, patientId);
      await refusedWithoutChange(session, () => session.api.createAppointment(withoutEnd as NewAppointment), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'MISSING_REQUIRED_FIELD',
      });
      await refusedWithoutChange(session, () => session.api.createAppointment(newAppointment(slot, patientId, { start: slot.start.slice(0, 19), end: slot.end.slice(0, 19) })), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'BAD_INPUT',
      });
      await refusedWithoutChange(session, () => session.api.createAppointment(newAppointment(slot, patientId, { comment: 'x'.repeat(10_000) })), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_COMMENT_LENGTH',
      });
    });

    it('refuses wrong credentials with 401 UNAUTHORIZED, changing nothing', async () => {
      const slot = await someFreeSlot(session);
      const wrongSecret = session.client({ credentials: () => ({ ...session.credentials, clientSecret: 'not-the-secret' }) });
      const unknownClient = session.client({ credentials: () => ({ clientId: 'no-such-client', clientSecret: 'x' }) });
      for (const api of [wrongSecret, unknownClient]) {
        await refusedWithoutChange(session, () => api.createAppointment(newAppointment(slot, patientId)), { status: 401, code: 'UNAUTHORIZED' });
        await refusedWithoutChange(session, () => api.listResources(), { status: 401, code: 'UNAUTHORIZED' });
      }
    });
  });
}

// Rules that need a clinic shaped for them: the local sandbox with a changed seed.
for (const local of localTargets()) describe(`booking [${local.name}, shaped seed]`, () => {
  let session: TargetSession;
  const HSA = 'SE2321000131-E000000012345';
  const RESOURCE_PERSONAL_NUMBER = '198507099805';
  // A second 30-minute service offered by the first resource, so that a 30-minute slot there
  // fits two services; and an HSA id and a personal number for that resource.
  const shaped = (seed: SeedData): SeedData => {
    const [first, ...rest] = seed.resources;
    assert.ok(first);
    const thirty = seed.healthcare_services.find((service) => service.duration_minutes === 30);
    assert.ok(thirty);
    return {
      ...seed,
      healthcare_services: [...seed.healthcare_services, { id: 'svc-30-phone', name: 'Telefonbesök', duration_minutes: 30 }],
      resources: [{ ...first, hsa_id: HSA, se_personal_number: RESOURCE_PERSONAL_NUMBER, healthcare_service_ids: [...first.healthcare_service_ids, 'svc-30-phone'] }, ...rest],
    };
  };
  before(async () => {
    session = await local.start({ seed: shaped });
  });
  after(async () => {
    await session?.close();
  });

  it('refuses a booking that fits two services when none is given with AMBIGUOUS_TIMESLOTS', async (t) => {
    if (!needsLocal(t, session, 'a seed with two services of one length')) return;
    const [resource] = await session.api.listResources();
    assert.ok(resource);
    const slot = await someFreeSlot(session, { resource_id: resource.id, healthcare_service_id: 'svc-30-phone' });
    const patient = await freshPatient(session.api);
    await refusedWithoutChange(session, () => session.api.createAppointment({ start: slot.start, end: slot.end, patient_id: patient.id, resource_id: resource.id }), {
      status: 400,
      code: 'BAD_REQUEST',
      errorCode: 'AMBIGUOUS_TIMESLOTS',
    });
    const [booked] = await session.api.createAppointment({ start: slot.start, end: slot.end, patient_id: patient.id, resource_id: resource.id, healthcare_service_id: 'svc-30-phone' });
    assert.equal(booked?.healthcare_service_id, 'svc-30-phone', 'naming the service resolves it');
  });

  it('books by hsa_id: and answers the resource’s own id', async () => {
    const [resource] = await session.api.listResources();
    assert.ok(resource);
    const slot = await someFreeSlot(session, { resource_id: resource.id });
    const patient = await freshPatient(session.api);
    const before = await snapshot(session);
    const [booked] = await session.api.createAppointment(newAppointment(slot, patient.id, { resource_id: `hsa_id:${HSA}` }));
    assert.ok(booked);
    assert.equal(booked.resource_id, resource.id);
    const after = await snapshot(session);
    assert.equal(after.appointments.length, before.appointments.length + 1);
    assert.equal(byId(after, booked.id).status, 'booked');
  });

  it('books by se_personal_number: as a WebDoc resource id and answers the resource’s own id', async () => {
    const [resource] = await session.api.listResources();
    assert.ok(resource);
    const slot = await someFreeSlot(session, { resource_id: resource.id });
    const patient = await freshPatient(session.api);
    const [booked] = await session.api.createAppointment(newAppointment(slot, patient.id, { resource_id: `se_personal_number:${RESOURCE_PERSONAL_NUMBER}` }));
    assert.equal(booked?.resource_id, resource.id);
    const listed = await session.api.listAppointments({ start: slot.start, end: slot.end, resource_id: `hsa_id:${HSA}` });
    assert.deepEqual(listed.map((appointment) => appointment.id), [booked?.id], 'the list filter takes the typed id too');
  });
});
