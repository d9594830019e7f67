// Contract: answers are checked, not trusted. Against the local sandbox answering as Leyr may
// (docs/sandbox.md, "Answers shaped as Leyr may shape them"), over HTTP: items outside the
// asked range are dropped and counted, one unreadable item is skipped and counted while the
// rest of the answer stands, times without an offset are read in the care unit's zone (never
// the computer's), and appointments without `resource_id`/`patient_id` get them from the
// documented list filter they were listed with.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { skippedOf, type Appointment, type Resource, type TimeRange } from '../../main/leyr/api.ts';
import { ZONE, ms } from './support.ts';
import { localTargets, type SandboxControls, type TargetSession } from './targets.ts';

const ids = (list: readonly { id: string }[]): string[] => list.map((item) => item.id);
const slotKey = (slot: { start: string; end: string; resource_id: string; healthcare_service_id: string | null }): string =>
  `${ms(slot.start)}|${ms(slot.end)}|${slot.resource_id}|${slot.healthcare_service_id ?? ''}`;

// The answer shapes are faults of the local sandbox only: Leyr's hosted sandbox cannot be made to answer so.
for (const target of localTargets()) {
  describe(`answers checked [${target.name}]`, () => {
    let session: TargetSession;
    let controls: SandboxControls;
    let day: TimeRange;
    let wide: TimeRange;
    let resources: Resource[];
    before(async () => {
      session = await target.start();
      assert.ok(session.controls);
      controls = session.controls;
      // The second working day of the seed: it has neighbours on both sides.
      const first = DateTime.fromISO(session.window.start, { zone: ZONE }).plus({ days: 1 });
      day = { start: first.toISO({ suppressMilliseconds: true }) ?? '', end: first.plus({ days: 1 }).toISO({ suppressMilliseconds: true }) ?? '' };
      wide = { start: first.minus({ days: 1 }).toISO({ suppressMilliseconds: true }) ?? '', end: first.plus({ days: 2 }).toISO({ suppressMilliseconds: true }) ?? '' };
      resources = await session.api.listResources();
    });
    beforeEach(async () => {
      await controls.reset();
    });
    afterEach(async () => {
      await controls.clearFaults();
    });
    after(async () => {
      await session?.close();
    });

    it('a clean answer counts nothing skipped', async () => {
      const [appointments, slots] = await Promise.all([session.api.listAppointments(day), session.api.listTimeslots(day)]);
      assert.ok(appointments.length > 0 && slots.length > 0);
      assert.deepEqual(skippedOf(appointments), { unreadable: 0, outOfRange: 0 });
      assert.deepEqual(skippedOf(slots), { unreadable: 0, outOfRange: 0 });
    });

    it('drops appointments and timeslots outside the asked range, and counts them apart', async () => {
      const [clean, cleanSlots, wideList, wideSlots] = await Promise.all([
        session.api.listAppointments(day),
        session.api.listTimeslots(day),
        session.api.listAppointments(wide),
        session.api.listTimeslots(wide),
      ]);
      await controls.setFaults({ outOfRangeHours: 24 });
      const [listed, slots] = await Promise.all([session.api.listAppointments(day), session.api.listTimeslots(day)]);
      assert.deepEqual(ids(listed), ids(clean), 'the day holds exactly its own appointments');
      assert.deepEqual(skippedOf(listed), { unreadable: 0, outOfRange: wideList.length - clean.length });
      assert.ok(skippedOf(listed).outOfRange > 0, 'the sandbox did send appointments of the days around');
      assert.deepEqual(slots.map(slotKey), cleanSlots.map(slotKey));
      assert.deepEqual(skippedOf(slots), { unreadable: 0, outOfRange: wideSlots.length - cleanSlots.length });
      for (const appointment of listed) assert.ok(ms(appointment.start) < ms(day.end) && ms(appointment.end) > ms(day.start));
    });

    it('skips one unreadable appointment (no end) and keeps the rest of the day', async () => {
      const clean = await session.api.listAppointments(day);
      await controls.setFaults({ malformed: { field: 'end' } });
      const listed = await session.api.listAppointments(day);
      assert.deepEqual(listed, clean.slice(1));
      assert.deepEqual(skippedOf(listed), { unreadable: 1, outOfRange: 0 });
    });

    it('skips one unreadable timeslot (a start that is no time) and keeps the others', async () => {
      const clean = await session.api.listTimeslots(day);
      await controls.setFaults({ malformed: { list: 'timeslots', index: 2, field: 'start', value: 'soon' } });
      const listed = await session.api.listTimeslots(day);
      assert.deepEqual(listed, [...clean.slice(0, 2), ...clean.slice(3)]);
      assert.deepEqual(skippedOf(listed), { unreadable: 1, outOfRange: 0 });
    });

    it('counts an unreadable item and out-of-range items separately in one answer', async () => {
      const clean = await session.api.listAppointments(day);
      await controls.setFaults({ outOfRangeHours: 24, malformed: { field: 'end' } });
      const listed = await session.api.listAppointments(day);
      const counts = skippedOf(listed);
      assert.equal(counts.unreadable, 1);
      assert.ok(counts.outOfRange > 0);
      // The broken item is the first of the widened answer (the day before), so the day itself is whole.
      assert.deepEqual(ids(listed), ids(clean));
    });

    it('reads times without an offset in the care unit’s zone, not the computer’s', async () => {
      const [clean, cleanSlots] = await Promise.all([session.api.listAppointments(day), session.api.listTimeslots(day)]);
      await controls.setFaults({ naiveTimes: true });
      const computerZone = process.env.TZ;
      // The computer in New York: nothing may change.
      process.env.TZ = 'America/New_York';
      try {
        assert.equal(new Date(Date.UTC(2026, 2, 23, 12)).getHours(), 8, 'the process now runs in New York');
        const [listed, slots] = await Promise.all([session.api.listAppointments(day), session.api.listTimeslots(day)]);
        assert.deepEqual(listed, clean, 'the same appointments, the same times, with the offset written');
        assert.deepEqual(slots, cleanSlots);
        assert.deepEqual(skippedOf(listed), { unreadable: 0, outOfRange: 0 });
      } finally {
        if (computerZone === undefined) delete process.env.TZ;
        else process.env.TZ = computerZone;
      }
      // A care unit in Helsinki would read the same wall-clock times an hour earlier.
      const helsinki = await session.client({ timeZone: 'Europe/Helsinki' }).listAppointments(wide);
      const byId = new Map(clean.map((appointment) => [appointment.id, appointment]));
      const shared = helsinki.filter((appointment) => byId.has(appointment.id));
      assert.ok(shared.length > 0);
      for (const appointment of shared) assert.equal(ms(byId.get(appointment.id)?.start ?? '') - ms(appointment.start), 3_600_000);
    });

    it('the sandbox does send times without an offset under naiveTimes (the fault is real)', async () => {
      await controls.setFaults({ naiveTimes: true });
      const response = await fetch(`${session.baseUrl}/emrs/${session.api.emr}/care-units/${session.api.careUnitId}/appointments?start=${encodeURIComponent(day.start)}&end=${encodeURIComponent(day.end)}`, {
        headers: { 'x-leyr-client-id': session.credentials.clientId, 'x-leyr-client-secret': session.credentials.clientSecret },
      });
      const body = (await response.json()) as { start: string }[];
      assert.ok(body.length > 0);
      for (const item of body) assert.match(item.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    });

    for (const fault of ['omitFields', 'nullFields'] as const) {
      it(`appointments listed with the resource_id filter get the filter's id when Leyr leaves it out (${fault})`, async () => {
        const clean = await session.api.listAppointments(day);
        await controls.setFaults({ [fault]: ['resource_id', 'patient_id'], routes: ['appointments'] });
        const unfiltered = await session.api.listAppointments(day);
        assert.ok(unfiltered.every((appointment) => appointment.resource_id === null && appointment.patient_id === null), 'without a filter nothing can be known');
        const perResource = new Map<string, Appointment>();
        for (const resource of resources) {
          for (const appointment of await session.api.listAppointments({ ...day, resource_id: resource.id })) {
            assert.equal(appointment.resource_id, resource.id);
            perResource.set(appointment.id, appointment);
          }
        }
        // Every appointment lands in its own column, as Leyr's full answer would have put it.
        for (const appointment of clean) assert.equal(perResource.get(appointment.id)?.resource_id, appointment.resource_id, appointment.id);
        const sample = clean.find((appointment) => appointment.patient_id !== null);
        assert.ok(sample);
        const byPatient = await session.api.listAppointments({ ...day, patient_id: sample.patient_id ?? '' });
        assert.ok(byPatient.some((appointment) => appointment.id === sample.id));
        assert.ok(byPatient.every((appointment) => appointment.patient_id === sample.patient_id));
      });
    }
  });
}
