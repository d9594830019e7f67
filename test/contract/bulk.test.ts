// Contract: bulk PATCH — plain bulk update, bulk move to a resource (all or nothing),
// continuous reschedule (reuse, create, cancel), and cancelling many.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Appointment, Timeslot } from '../../main/leyr/api.ts';
import { book, byId, contiguousFreeSlots, freeSlots, freshPatient, isActive, ms, refusedWithoutChange, snapshot } from './support.ts';
import { contractTargets, needsLocal, type TargetSession } from './targets.ts';

interface BulkMovePlan {
  from: string;
  to: string;
  /** Two disjoint slots free on both resources, of one service. */
  slots: [Timeslot, Timeslot];
  /** The same two, on the target resource. */
  targetSlots: [Timeslot, Timeslot];
}

async function planBulkMove(session: TargetSession): Promise<BulkMovePlan> {
  const slots = (await freeSlots(session)).filter((slot) => slot.healthcare_service_id !== null);
  const key = (slot: Timeslot): string => `${slot.healthcare_service_id}|${ms(slot.start)}|${ms(slot.end)}`;
  const byTime = new Map<string, Timeslot[]>();
  for (const slot of slots) byTime.set(key(slot), [...(byTime.get(key(slot)) ?? []), slot]);
  for (const first of slots) {
    for (const partner of byTime.get(key(first)) ?? []) {
      if (partner.resource_id === first.resource_id) continue;
      const second = slots.find(
        (slot) =>
          slot.resource_id === first.resource_id &&
          slot.healthcare_service_id === first.healthcare_service_id &&
          ms(slot.start) >= ms(first.end) + 60 * 60_000 &&
          (byTime.get(key(slot)) ?? []).some((other) => other.resource_id === partner.resource_id),
      );
      const secondPartner = second && (byTime.get(key(second)) ?? []).find((other) => other.resource_id === partner.resource_id);
      if (second && secondPartner) return { from: first.resource_id, to: partner.resource_id, slots: [first, second], targetSlots: [partner, secondPartner] };
    }
  }
  assert.fail('no two resources with two shared free times');
}

for (const target of contractTargets()) {
  describe(`bulk update and cancel [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    before(async () => {
      session = await target.start();
    });
    beforeEach(async () => {
      await session.controls?.reset();
    });
    after(async () => {
      await session?.close();
    });

    async function bookTwo(plan: BulkMovePlan): Promise<[Appointment, Appointment]> {
      const patient = await freshPatient(session.api);
      return [await book(session.api, plan.slots[0], patient.id), await book(session.api, plan.slots[1], patient.id)];
    }

    it('moves every appointment to a resource at its own time', async () => {
      const plan = await planBulkMove(session);
      const [a, b] = await bookTwo(plan);
      const moved = await session.api.bulkUpdateAppointments({ ids: [a.id, b.id], resource_id: plan.to });
      assert.deepEqual(moved.map((appointment) => appointment.id).sort(), [a.id, b.id].sort());
      for (const original of [a, b]) {
        const after = moved.find((appointment) => appointment.id === original.id);
        assert.ok(after);
        assert.equal(after.resource_id, plan.to);
        assert.equal(ms(after.start), ms(original.start));
        assert.equal(ms(after.end), ms(original.end));
        assert.equal(after.status, original.status);
      }
    });

    it('moves nothing when one appointment has no free slot on the resource (400, all or nothing)', async () => {
      const plan = await planBulkMove(session);
      const [a, b] = await bookTwo(plan);
      await book(session.api, plan.targetSlots[1], (await freshPatient(session.api)).id);
      await refusedWithoutChange(session, () => session.api.bulkUpdateAppointments({ ids: [a.id, b.id], resource_id: plan.to }), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'NO_TIMESLOTS_AVAILABLE',
      });
      const listed = await session.api.listAppointments({ ...session.window, resource_id: plan.from });
      assert.ok(listed.some((appointment) => appointment.id === a.id && isActive(appointment)), 'the movable one stayed');
    });

    it('updates only the comments of many (plain bulk update)', async () => {
      const plan = await planBulkMove(session);
      const [a, b] = await bookTwo(plan);
      const updated = await session.api.bulkUpdateAppointments({ ids: [a.id, b.id], comment: 'Ny kommentar' });
      assert.equal(updated.length, 2);
      for (const appointment of updated) {
        assert.equal(appointment.comment, 'Ny kommentar');
        assert.equal(appointment.resource_id, plan.from);
      }
    });

    it('refuses an unknown id among many, or an empty list, changing nothing', async () => {
      const plan = await planBulkMove(session);
      const [a] = await bookTwo(plan);
      await refusedWithoutChange(session, () => session.api.bulkUpdateAppointments({ ids: [a.id, 'no-such-appointment'], resource_id: plan.to }), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_APPOINTMENT_ID',
      });
      await refusedWithoutChange(session, () => session.api.cancelAppointments([a.id, 'no-such-appointment'], 'x'), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_APPOINTMENT_ID',
      });
      await refusedWithoutChange(session, () => session.api.bulkUpdateAppointments({ ids: [], comment: 'x' }), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: ['MISSING_REQUIRED_FIELD', 'BAD_INPUT'],
      });
    });

    it('refuses more ids than the bulk limit with MAX_ITEMS_EXCEEDED', async (t) => {
      if (!needsLocal(t, session, 'the bulk limit (500) is the sandbox’s; Leyr does not document its own')) return;
      const ids = Array.from({ length: 501 }, (_, index) => `apt-${index}`);
      await refusedWithoutChange(session, () => session.api.cancelAppointments(ids, 'x'), { status: 400, code: 'BAD_REQUEST', errorCode: 'MAX_ITEMS_EXCEEDED' });
    });

    it('cancels many with one comment, freeing their slots', async () => {
      const plan = await planBulkMove(session);
      const [a, b] = await bookTwo(plan);
      const cancelled = await session.api.cancelAppointments([a.id, b.id], 'Doktorn är sjuk');
      assert.deepEqual(cancelled.map((appointment) => appointment.id).sort(), [a.id, b.id].sort());
      for (const appointment of cancelled) {
        assert.equal(appointment.status, 'cancelled');
        assert.equal(appointment.comment, 'Doktorn är sjuk');
      }
      const free = await freeSlots(session, { resource_id: plan.from });
      for (const slot of plan.slots) assert.ok(free.some((other) => ms(other.start) === ms(slot.start)), `slot ${slot.start} is free again`);
    });

    // ---------------------------------------------------------------------------------
    // Continuous reschedule.

    async function bookRun(count: number, runLength: number): Promise<{ booked: Appointment[]; run: Timeslot[] }> {
      const run = await contiguousFreeSlots(session, runLength);
      const patient = await freshPatient(session.api);
      const booked: Appointment[] = [];
      for (const slot of run.slice(0, count)) booked.push(await book(session.api, slot, patient.id));
      return { booked, run };
    }

    function assertFitsRange(result: Appointment[], range: { start: string; end: string }, template: Appointment): void {
      const active = result.filter(isActive).sort((a, b) => ms(a.start) - ms(b.start));
      assert.ok(active.length > 0);
      assert.equal(ms(active[0]?.start ?? ''), ms(range.start), 'the first starts at the range start');
      assert.equal(ms(active[active.length - 1]?.end ?? ''), ms(range.end), 'the last ends at the range end');
      for (let index = 1; index < active.length; index += 1) assert.equal(ms(active[index]?.start ?? ''), ms(active[index - 1]?.end ?? ''), 'back to back');
      for (const appointment of active) {
        assert.equal(appointment.patient_id, template.patient_id);
        assert.equal(appointment.resource_id, template.resource_id);
        assert.equal(appointment.healthcare_service_id, template.healthcare_service_id);
        assert.equal(appointment.care_unit_id, template.care_unit_id);
      }
    }

    it('reschedules onto a longer range: reuses every appointment and creates the rest', async () => {
      const { booked } = await bookRun(2, 2);
      const first = booked[0] as Appointment;
      const later = await contiguousFreeSlots(session, 3, { resource_id: first.resource_id ?? '', healthcare_service_id: first.healthcare_service_id ?? '', after: booked[1]?.end ?? '' });
      const range = { start: later[0]?.start ?? '', end: later[2]?.end ?? '' };
      const result = await session.api.bulkUpdateAppointments({ ids: booked.map((appointment) => appointment.id), ...range });
      assertFitsRange(result, range, first);
      const active = result.filter(isActive);
      assert.equal(active.length, 3);
      for (const original of booked) assert.ok(active.some((appointment) => appointment.id === original.id), `${original.id} was reused`);
      const created = active.filter((appointment) => !booked.some((original) => original.id === appointment.id));
      assert.equal(created.length, 1, 'one appointment was created');
    });

    it('reschedules onto a shorter range: reuses one and cancels the extra', async () => {
      const { booked } = await bookRun(2, 2);
      const first = booked[0] as Appointment;
      const [target] = await contiguousFreeSlots(session, 1, { resource_id: first.resource_id ?? '', healthcare_service_id: first.healthcare_service_id ?? '', after: booked[1]?.end ?? '' });
      assert.ok(target);
      const result = await session.api.bulkUpdateAppointments({ ids: booked.map((appointment) => appointment.id), start: target.start, end: target.end });
      assertFitsRange(result, target, first);
      assert.equal(result.filter(isActive).length, 1);
      const cancelled = result.filter((appointment) => appointment.status === 'cancelled');
      assert.equal(cancelled.length, 1, 'the extra one is answered as cancelled');
      assert.ok(booked.some((original) => original.id === cancelled[0]?.id));
      if (session.controls) {
        const state = await snapshot(session);
        assert.equal(byId(state, cancelled[0]?.id ?? '').status, 'cancelled');
      }
    });

    it('counts the slots the appointments occupy as free (shift by one slot)', async () => {
      const { booked, run } = await bookRun(2, 3);
      const range = { start: run[1]?.start ?? '', end: run[2]?.end ?? '' };
      const result = await session.api.bulkUpdateAppointments({ ids: booked.map((appointment) => appointment.id), ...range });
      assertFitsRange(result, range, booked[0] as Appointment);
      assert.equal(result.filter(isActive).length, 2);
    });

    it('refuses a range that is not covered by contiguous free slots, changing nothing', async () => {
      const { booked, run } = await bookRun(1, 3);
      await book(session.api, run[2] as Timeslot, (await freshPatient(session.api)).id);
      await refusedWithoutChange(session, () => session.api.bulkUpdateAppointments({ ids: booked.map((appointment) => appointment.id), start: run[0]?.start, end: run[2]?.end }), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'NO_TIMESLOTS_AVAILABLE',
      });
    });

    it('refuses appointments that do not share patient, resource and service, changing nothing', async () => {
      const run = await contiguousFreeSlots(session, 4);
      const a = await book(session.api, run[0] as Timeslot, (await freshPatient(session.api)).id);
      const b = await book(session.api, run[1] as Timeslot, (await freshPatient(session.api)).id);
      await refusedWithoutChange(session, () => session.api.bulkUpdateAppointments({ ids: [a.id, b.id], start: run[2]?.start, end: run[3]?.end }), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: ['BAD_INPUT', 'NOT_SUPPORTED'],
      });
    });
  });
}
