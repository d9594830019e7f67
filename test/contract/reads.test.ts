// Contract: the read endpoints (care units, resources, services, timeslots, appointments).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import type { Appointment, HealthcareService, Resource } from '../../main/leyr/api.ts';
import { ZONE, freeSlots, isActive, ms } from './support.ts';
import { contractTargets, localTargets, needsLocal, type TargetSession } from './targets.ts';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

for (const target of contractTargets()) {
  describe(`reads [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    let resources: Resource[];
    let services: HealthcareService[];
    before(async () => {
      session = await target.start();
      resources = await session.api.listResources();
      services = await session.api.listHealthcareServices();
    });
    after(async () => {
      await session?.close();
    });

    it('lists the care units, ours among them', async () => {
      const units = await session.api.listCareUnits();
      assert.ok(units.some((unit) => unit.id === session.api.careUnitId), `care unit ${session.api.careUnitId} is listed`);
      for (const unit of units) assert.equal(typeof unit.id, 'string');
    });

    it('lists resources and healthcare services with their durations', () => {
      assert.ok(resources.length > 0, 'the care unit has resources');
      assert.equal(new Set(resources.map((resource) => resource.id)).size, resources.length, 'resource ids are unique');
      assert.ok(services.length > 0, 'the care unit has healthcare services');
      for (const service of services) {
        assert.ok(service.duration_minutes === null || service.duration_minutes > 0, `service ${service.id} has a positive duration`);
      }
    });

    it('lists free timeslots in the range, with offsets, known resources and services, and the service length', async () => {
      const slots = await freeSlots(session);
      assert.ok(slots.length > 0, 'there are free slots in the window');
      const resourceIds = new Set(resources.map((resource) => resource.id));
      const durations = new Map(services.map((service) => [service.id, service.duration_minutes]));
      for (const slot of slots) {
        assert.match(slot.start, WITH_OFFSET);
        assert.match(slot.end, WITH_OFFSET);
        assert.ok(ms(slot.start) < ms(slot.end), 'a slot ends after it starts');
        assert.ok(ms(slot.start) >= ms(session.window.start) && ms(slot.end) <= ms(session.window.end), 'inside the asked range');
        assert.ok(resourceIds.has(slot.resource_id), `slot of an unknown resource ${slot.resource_id}`);
        if (slot.healthcare_service_id !== null) {
          assert.ok(durations.has(slot.healthcare_service_id), `slot of an unknown service ${slot.healthcare_service_id}`);
          const duration = durations.get(slot.healthcare_service_id);
          if (duration) assert.equal((ms(slot.end) - ms(slot.start)) / 60_000, duration, 'a slot is as long as its service');
        }
      }
    });

    it('answers times in the care unit’s local offset', async (t) => {
      if (!needsLocal(t, session, 'Leyr does not document which offset it answers in')) return;
      const [slot] = await freeSlots(session);
      assert.ok(slot);
      const local = DateTime.fromISO(slot.start, { zone: ZONE });
      assert.ok(slot.start.endsWith(local.toFormat('ZZ')), `${slot.start} carries Stockholm's offset`);
    });

    it('filters timeslots by resource and by service', async () => {
      const [resource] = resources;
      const [service] = services;
      assert.ok(resource && service);
      const byResource = await freeSlots(session, { resource_id: resource.id });
      assert.ok(byResource.length > 0);
      assert.ok(byResource.every((slot) => slot.resource_id === resource.id));
      const byService = await freeSlots(session, { healthcare_service_id: service.id });
      assert.ok(byService.every((slot) => slot.healthcare_service_id === service.id));
    });

    it('offers no free slot that overlaps an active appointment of its resource', async () => {
      const [resource] = resources;
      assert.ok(resource);
      const [slots, appointments] = await Promise.all([
        freeSlots(session, { resource_id: resource.id }),
        session.api.listAppointments({ ...session.window, resource_id: resource.id }),
      ]);
      const busy = appointments.filter(isActive);
      for (const slot of slots) {
        const clash = busy.find((appointment) => ms(appointment.start) < ms(slot.end) && ms(appointment.end) > ms(slot.start));
        assert.equal(clash, undefined, `slot ${slot.start} of ${slot.resource_id} overlaps ${clash?.id}`);
      }
    });

    it('lists appointments of the range, filtered by resource and by patient', async () => {
      const all = await session.api.listAppointments(session.window);
      for (const appointment of all) {
        assert.match(appointment.start, WITH_OFFSET);
        assert.ok(ms(appointment.start) < ms(session.window.end) && ms(appointment.end) > ms(session.window.start), 'overlaps the range');
        assert.equal(typeof appointment.status, 'string');
      }
      const sample: Appointment | undefined = all.find((appointment) => appointment.patient_id !== null && appointment.resource_id !== null);
      if (!sample) {
        if (session.target === 'local') assert.fail('the seed has appointments');
        return;
      }
      const byResource = await session.api.listAppointments({ ...session.window, resource_id: sample.resource_id ?? '' });
      assert.ok(byResource.length > 0 && byResource.every((appointment) => appointment.resource_id === sample.resource_id));
      assert.ok(byResource.some((appointment) => appointment.id === sample.id));
      const byPatient = await session.api.listAppointments({ ...session.window, patient_id: sample.patient_id ?? '' });
      assert.ok(byPatient.length > 0 && byPatient.every((appointment) => appointment.patient_id === sample.patient_id));
      assert.ok(byPatient.some((appointment) => appointment.id === sample.id));
    });

    it('surfaces cancelled appointments too, not only active ones', async (t) => {
      if (!needsLocal(t, session, 'only the local seed is known to hold cancelled appointments')) return;
      const all = await session.api.listAppointments(session.window);
      assert.ok(all.some((appointment) => appointment.status === 'cancelled'));
      assert.ok(all.some((appointment) => appointment.status === 'awaiting_confirmation'));
    });
  });
}

for (const local of localTargets()) describe(`reads [${local.name}, demo clinic]`, () => {
  let session: TargetSession;
  before(async () => {
    session = await local.start({ seed: 'demo-clinic' });
  });
  after(async () => {
    await session?.close();
  });

  it('is a realistic clinic: several resources, services of 15–60 minutes, a busy day and free slots', async () => {
    const [resources, services, appointments, slots] = await Promise.all([
      session.api.listResources(),
      session.api.listHealthcareServices(),
      session.api.listAppointments(session.window),
      freeSlots(session),
    ]);
    assert.ok(resources.length >= 3, `${resources.length} resources`);
    const durations = services.map((service) => service.duration_minutes ?? 0);
    assert.ok(Math.min(...durations) >= 15 && Math.max(...durations) <= 60 && new Set(durations).size > 1, `durations ${durations.join(', ')}`);
    assert.ok(appointments.filter(isActive).length >= 10, `${appointments.length} appointments`);
    assert.ok(slots.length > 0, 'free slots remain');
  });
});
