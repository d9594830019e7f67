// Contract: single PATCH (move in time, move to a resource, comment; start and end together;
// `status` only `cancelled`) and cancelling one appointment.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Appointment, AppointmentChange, Timeslot } from '../../main/leyr/api.ts';
import { book, byId, freeSlots, freshPatient, isActive, ms, plusMinutes, readBack, refusedWithoutChange, snapshot } from './support.ts';
import { contractTargets, type TargetSession } from './targets.ts';

interface MovePlan {
  slot: Timeslot;
  /** Same resource and service, another time not overlapping `slot`. */
  later: Timeslot;
  /** Same times and service, another resource. */
  sideways: Timeslot;
}

/** A free slot with somewhere to move to in time and to another resource. */
async function planMove(session: TargetSession): Promise<MovePlan> {
  const slots = (await freeSlots(session)).filter((slot) => slot.healthcare_service_id !== null);
  for (const slot of slots) {
    const sideways = slots.find(
      (other) => other.resource_id !== slot.resource_id && other.healthcare_service_id === slot.healthcare_service_id && ms(other.start) === ms(slot.start) && ms(other.end) === ms(slot.end),
    );
    const later = slots.find(
      (other) => other.resource_id === slot.resource_id && other.healthcare_service_id === slot.healthcare_service_id && ms(other.start) >= ms(slot.end) + 60 * 60_000,
    );
    if (sideways && later) return { slot, later, sideways };
  }
  assert.fail('no free slot with room to move in time and to another resource');
}

for (const target of contractTargets()) {
  describe(`single update and cancel [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    let plan: MovePlan;
    let appointment: Appointment;
    before(async () => {
      session = await target.start();
    });
    beforeEach(async () => {
      await session.controls?.reset();
      plan = await planMove(session);
      appointment = await book(session.api, plan.slot, (await freshPatient(session.api)).id, 'före');
    });
    after(async () => {
      await session?.close();
    });

    it('moves to a new time on the same resource, freeing the old slot', async () => {
      const moved = await session.api.updateAppointment(appointment.id, { start: plan.later.start, end: plan.later.end });
      assert.equal(moved.id, appointment.id);
      assert.equal(ms(moved.start), ms(plan.later.start));
      assert.equal(ms(moved.end), ms(plan.later.end));
      assert.equal(moved.resource_id, appointment.resource_id);
      const freeAgain = await freeSlots(session, { resource_id: plan.slot.resource_id, healthcare_service_id: plan.slot.healthcare_service_id ?? undefined, range: plan.slot });
      assert.ok(freeAgain.some((slot) => ms(slot.start) === ms(plan.slot.start)), 'the old slot is free again');
    });

    it('moves to another resource at the same time when only resource_id is given', async () => {
      const moved = await session.api.updateAppointment(appointment.id, { resource_id: plan.sideways.resource_id });
      assert.equal(moved.resource_id, plan.sideways.resource_id);
      assert.equal(ms(moved.start), ms(appointment.start));
      assert.equal(ms(moved.end), ms(appointment.end));
    });

    it('updates only the comment, keeping time and resource', async () => {
      const updated = await session.api.updateAppointment(appointment.id, { comment: 'efter' });
      assert.equal(updated.comment, 'efter');
      assert.equal(ms(updated.start), ms(appointment.start));
      assert.equal(updated.resource_id, appointment.resource_id);
      assert.equal((await readBack(session.api, updated))?.comment, 'efter');
    });

    it('refuses a move onto a taken slot, off the grid, or to a resource busy at that time, changing nothing', async () => {
      const refused = { status: 400, code: 'BAD_REQUEST', errorCode: 'NO_TIMESLOTS_AVAILABLE' } as const;
      await book(session.api, plan.later, (await freshPatient(session.api)).id);
      await refusedWithoutChange(session, () => session.api.updateAppointment(appointment.id, { start: plan.later.start, end: plan.later.end }), refused);
      await refusedWithoutChange(session, () => session.api.updateAppointment(appointment.id, { start: plusMinutes(appointment.start, 7), end: plusMinutes(appointment.end, 7) }), refused);
      await book(session.api, plan.sideways, (await freshPatient(session.api)).id);
      await refusedWithoutChange(session, () => session.api.updateAppointment(appointment.id, { resource_id: plan.sideways.resource_id }), refused);
    });

    it('refuses start without end (they come together), changing nothing', async () => {
      for (const change of [{ start: plan.later.start }, { end: plan.later.end }] as AppointmentChange[]) {
        await refusedWithoutChange(session, () => session.api.updateAppointment(appointment.id, change), {
          status: 400,
          code: 'BAD_REQUEST',
          errorCode: ['MISSING_REQUIRED_FIELD', 'BAD_INPUT'],
        });
      }
    });

    it('refuses any status but cancelled, changing nothing', async () => {
      for (const status of ['booked', 'completed', 'awaiting_confirmation', 'no_show']) {
        await refusedWithoutChange(session, () => session.api.updateAppointment(appointment.id, { status } as AppointmentChange), {
          status: 400,
          code: 'BAD_REQUEST',
          errorCode: ['BAD_INPUT', 'NOT_SUPPORTED'],
        });
      }
    });

    it('refuses an unknown appointment id, and an unknown resource, with their INVALID_*_ID', async () => {
      await refusedWithoutChange(session, () => session.api.updateAppointment('no-such-appointment', { comment: 'x' }), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_APPOINTMENT_ID',
      });
      await refusedWithoutChange(session, () => session.api.updateAppointment(appointment.id, { resource_id: 'no-such-resource' }), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_RESOURCE_ID',
      });
      await refusedWithoutChange(session, () => session.api.cancelAppointment('no-such-appointment', 'x'), {
        status: 400,
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_APPOINTMENT_ID',
      });
    });

    it('cancels one appointment with a comment, freeing its slot', async () => {
      const cancelled = await session.api.cancelAppointment(appointment.id, 'Patienten är sjuk');
      assert.equal(cancelled.id, appointment.id);
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.comment, 'Patienten är sjuk');
      const listed = await readBack(session.api, appointment);
      assert.equal(listed?.status, 'cancelled', 'a cancelled appointment is still listed, as cancelled');
      const free = await freeSlots(session, { resource_id: plan.slot.resource_id, range: plan.slot });
      assert.ok(free.some((slot) => ms(slot.start) === ms(plan.slot.start)), 'the slot is free again');
      if (session.controls) assert.ok(!isActive(byId(await snapshot(session), appointment.id)));
    });
  });
}
