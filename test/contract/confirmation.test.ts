// Contract: the two EHR profiles. Anita Systems answers a booking with
// `awaiting_confirmation` until the patient's code is sent, and cancels in two steps (a new
// record awaiting a code); WebDoc books and cancels directly.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Appointment } from '../../main/leyr/api.ts';
import { book, byId, freeSlots, freshPatient, ms, refusedWithoutChange, snapshot, someFreeSlot } from './support.ts';
import { contractTargets, needsControls, type SandboxControls, type TargetSession } from './targets.ts';

const wrongCode = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

for (const target of contractTargets()) {
  describe(`booking confirmation and two-step cancel, anitasystems profile [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    before(async () => {
      session = await target.start({ emr: 'anitasystems' });
    });
    beforeEach(async () => {
      await session.controls?.reset();
    });
    after(async () => {
      await session?.close();
    });

    async function bookAndConfirm(controls: SandboxControls): Promise<Appointment> {
      const booked = await book(session.api, await someFreeSlot(session), (await freshPatient(session.api)).id);
      const code = await controls.code(booked.id);
      assert.ok(code, 'a code was texted');
      const confirmed = await session.api.confirmAppointment(booked.id, code);
      assert.equal(confirmed.status, 'booked');
      return confirmed;
    }

    it('answers a booking awaiting confirmation, holding the slot; the right code books it', async (t) => {
      const controls = needsControls(t, session, 'confirmation-codes (the code texted to the patient)');
      if (!controls) return;
      const slot = await someFreeSlot(session);
      const pending = await book(session.api, slot, (await freshPatient(session.api)).id);
      assert.equal(pending.status, 'awaiting_confirmation');
      const free = await freeSlots(session, { resource_id: slot.resource_id, range: slot });
      assert.ok(!free.some((other) => ms(other.start) === ms(slot.start)), 'the slot is held while awaiting confirmation');

      const code = await controls.code(pending.id);
      assert.match(code ?? '', /^\d{6}$/);
      const confirmed = await session.api.confirmAppointment(pending.id, code ?? '');
      assert.equal(confirmed.id, pending.id);
      assert.equal(confirmed.status, 'booked');
      assert.equal(byId(await snapshot(session), pending.id).status, 'booked');
      assert.equal(await controls.code(pending.id), null, 'the code is used up');
    });

    it('refuses a wrong confirmation code with 400, changing nothing', async (t) => {
      const controls = needsControls(t, session, 'confirmation-codes');
      if (!controls) return;
      const pending = await book(session.api, await someFreeSlot(session), (await freshPatient(session.api)).id);
      const code = (await controls.code(pending.id)) ?? '';
      await refusedWithoutChange(session, () => session.api.confirmAppointment(pending.id, wrongCode(code)), { status: 400, code: 'BAD_REQUEST', errorCode: 'BAD_INPUT' });
      assert.equal(await controls.code(pending.id), code, 'the right code still works');
    });

    it('refuses to confirm an appointment that awaits nothing', async (t) => {
      const controls = needsControls(t, session, 'confirmation-codes');
      if (!controls) return;
      const confirmed = await bookAndConfirm(controls);
      await refusedWithoutChange(session, () => session.api.confirmAppointment(confirmed.id, '000000'), { status: 400, code: 'BAD_REQUEST' });
    });

    it('cancels in two steps: a new record awaits a code, which then cancels the original', async (t) => {
      const controls = needsControls(t, session, 'confirmation-codes');
      if (!controls) return;
      const appointment = await bookAndConfirm(controls);
      const request = await session.api.cancelAppointment(appointment.id, 'Kan inte komma');
      assert.notEqual(request.id, appointment.id, 'the cancel answers a new id');
      assert.equal(request.status, 'awaiting_confirmation');
      assert.equal(byId(await snapshot(session), appointment.id).status, 'booked', 'the original stands until the code is sent');

      const code = await controls.code(request.id);
      assert.ok(code, 'the patient was texted a code for the cancellation');
      await refusedWithoutChange(session, () => session.api.confirmAppointment(request.id, wrongCode(code)), { status: 400, code: 'BAD_REQUEST', errorCode: 'BAD_INPUT' });
      await session.api.confirmAppointment(request.id, code);
      const original = byId(await snapshot(session), appointment.id);
      assert.equal(original.status, 'cancelled');
      const free = await freeSlots(session, { resource_id: appointment.resource_id ?? '', range: appointment });
      assert.ok(free.some((slot) => ms(slot.start) === ms(appointment.start)), 'the slot is free once the cancel is confirmed');
    });

    it('answers a cancel with a new record that names nothing; a bulk cancel answers in the order of the ids sent', async (t) => {
      const controls = needsControls(t, session, 'confirmation-codes');
      if (!controls) return;
      const first = await bookAndConfirm(controls);
      const second = await bookAndConfirm(controls);
      const requests = await session.api.cancelAppointments([second.id, first.id], 'Stängt');
      assert.equal(requests.length, 2, 'one answer per id');
      const pairs = [
        [requests[0], second],
        [requests[1], first],
      ] as const;
      for (const [request, original] of pairs) {
        assert.ok(request);
        assert.notEqual(request.id, original.id, 'a new id');
        assert.equal(request.status, 'awaiting_confirmation');
        assert.deepEqual([ms(request.start), ms(request.end)], [ms(original.start), ms(original.end)], 'the answers come in the order of the ids sent');
        if (target.mode === 'lenient') assert.equal((request as Appointment & { cancellation_of?: string }).cancellation_of, original.id, 'the lenient sandbox links them');
        else assert.ok(!Object.values(request).includes(original.id), 'nothing in the answer names the appointment being cancelled');
      }
      const [secondRequest] = requests;
      assert.ok(secondRequest);
      const code = await controls.code(secondRequest.id);
      assert.ok(code);
      await session.api.confirmAppointment(secondRequest.id, code);
      const state = await snapshot(session);
      assert.deepEqual([byId(state, second.id).status, byId(state, first.id).status], ['cancelled', 'booked'], 'each code cancels its own original');
    });
  });

  describe(`direct booking and cancel, webdoc profile [${target.name}]`, { skip: target.skip ?? false }, () => {
    let session: TargetSession;
    before(async () => {
      session = await target.start({ emr: 'webdoc' });
    });
    after(async () => {
      await session?.close();
    });

    it('books as booked and cancels the same appointment at once, with no code texted', async (t) => {
      const controls = needsControls(t, session, 'confirmation-codes');
      if (!controls) return;
      const appointment = await book(session.api, await someFreeSlot(session), (await freshPatient(session.api)).id);
      assert.equal(appointment.status, 'booked');
      assert.equal(await controls.code(appointment.id), null);
      const cancelled = await session.api.cancelAppointment(appointment.id, 'Avbokad');
      assert.equal(cancelled.id, appointment.id);
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(await controls.code(appointment.id), null);
    });
  });
}
