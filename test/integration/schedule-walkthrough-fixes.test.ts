// What a receptionist's walkthrough found in main's part, against the strict sandbox over
// HTTP: a change into time that has passed is refused before anything is sent (unless the
// clinic allows it), and a "Not done" mark goes once a later change of the same appointment
// went through (a wrong then right code; a refused move, then a cancel Leyr took).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Refusal } from '../../main/errors/failure.ts';
import { booked, freeSlotFor } from '../support/day-picks.ts';
import { clockFrom } from '../support/clinic-clock.ts';
import { DAY, startHarness, type Harness } from '../support/schedule-harness.ts';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const failedOf = (harness: Harness, id: string) => harness.service.snapshot(DAY).appointments.find((a) => a.id === id)?.failed ?? null;

describe('changes into the past', () => {
  it('refuses a move and a booking into time that has passed, and sends nothing', async () => {
    // The care unit's clock reads 13:00 on the seeded day.
    h = await startHarness({ service: { careUnitNow: clockFrom(`${DAY}T13:00:00+01:00`) } });
    const day = await h.openFresh();
    const before = h.sent.filter((r) => r.method !== 'GET').length;
    const early = day.freeSlots.find((s) => Date.parse(s.start) < Date.parse(`${DAY}T13:00:00+01:00`));
    const later = booked(day).find((a) => Date.parse(a.start) > Date.parse(`${DAY}T13:00:00+01:00`));
    assert.ok(early && later, 'the day has free time before 13:00 and an appointment after it');
    assert.throws(
      () => h?.service.moveAppointment({ appointmentId: later.id, start: early.start, end: early.end, resourceId: early.resourceId }),
      (error: unknown) => error instanceof Refusal && error.code === 'REJECTED' && /passed/.test(error.message),
    );
    assert.throws(
      () => h?.service.bookAppointment({ patientId: later.patientId ?? 'p', resourceId: early.resourceId, start: early.start, end: early.end }),
      (error: unknown) => error instanceof Refusal && /passed/.test(error.message),
    );
    assert.equal(h.sent.filter((r) => r.method !== 'GET').length, before, 'nothing reached Leyr');
    assert.equal(h.service.listChanges().length, 0, 'nothing was queued');
  });

  it('refuses a bulk move to another resource of appointments whose time has passed', async () => {
    h = await startHarness({ service: { careUnitNow: clockFrom(`${DAY}T13:00:00+01:00`) } });
    const day = await h.openFresh();
    const past = booked(day).find((a) => Date.parse(a.start) < Date.parse(`${DAY}T13:00:00+01:00`));
    const other = day.resources.find((r) => r.id !== past?.resourceId);
    assert.ok(past && other);
    assert.throws(
      () => h?.service.moveAppointmentsToResource({ ids: [past.id], resourceId: other.id }),
      (error: unknown) => error instanceof Refusal && /passed/.test(error.message),
    );
    assert.equal(h.service.listChanges().length, 0, 'nothing was queued');
  });

  it('refuses a retry whose time has passed since the change was first made', async () => {
    let clock = Date.parse(`${DAY}T07:00:00+01:00`);
    h = await startHarness({ service: { careUnitNow: () => clock } });
    const day = await h.openFresh();
    const all = booked(day);
    // Onto another appointment of the same resource: the strict sandbox refuses it.
    const pair = all.flatMap((a) => all.filter((b) => b.id !== a.id && b.resourceId === a.resourceId && b.serviceId === a.serviceId).map((b) => [a, b] as const))[0];
    assert.ok(pair);
    const [moved, occupant] = pair;
    const move = h.service.moveAppointment({ appointmentId: moved.id, start: occupant.start, end: occupant.end });
    assert.equal((await h.finalStatus(move.changeId)).status, 'refused');
    clock = Date.parse(occupant.end) + 60_000;
    assert.throws(
      () => h?.service.retryChange(move.changeId),
      (error: unknown) => error instanceof Refusal && /passed/.test(error.message),
    );
  });

  it('lets the change through when the clinic allows changes in the past', async () => {
    h = await startHarness({ service: { careUnitNow: clockFrom(`${DAY}T23:00:00+01:00`), allowPastChanges: () => true } });
    const day = await h.openFresh();
    const appointment = booked(day).find((a) => freeSlotFor(day, a) !== undefined);
    assert.ok(appointment);
    const slot = freeSlotFor(day, appointment);
    assert.ok(slot);
    const receipt = h.service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
  });
});

describe('a "Not done" mark after a later change went through', () => {
  it('goes when a cancel Leyr accepts follows a refused move', async () => {
    h = await startHarness();
    const day = await h.openFresh();
    const all = booked(day);
    // Onto another appointment of the same resource: the strict sandbox refuses it.
    const pair = all.flatMap((a) => all.filter((b) => b.id !== a.id && b.resourceId === a.resourceId && b.serviceId === a.serviceId).map((b) => [a, b] as const))[0];
    assert.ok(pair, 'two appointments on one resource');
    const [moved, occupant] = pair;
    const move = h.service.moveAppointment({ appointmentId: moved.id, start: occupant.start, end: occupant.end });
    assert.equal((await h.finalStatus(move.changeId)).status, 'refused');
    assert.notEqual(failedOf(h, moved.id), null, 'the block says the move was not done');
    const cancel = h.service.cancelAppointments({ ids: [moved.id], reason: 'Patient called' });
    assert.equal((await h.finalStatus(cancel.changeId)).status, 'applied');
    assert.equal(failedOf(h, moved.id), null, 'no "Not done" once the cancel went through');
    assert.ok(h.service.listChanges().some((c) => c.changeId === move.changeId), 'the refused move is still listed until dismissed');
  });

  it('goes when the right code follows a wrong one', async () => {
    h = await startHarness({ emr: 'anitasystems' });
    const day = await h.openFresh();
    const [first] = booked(day);
    assert.ok(first);
    const cancel = h.service.cancelAppointments({ ids: [first.id], reason: 'Rest' });
    assert.equal((await h.finalStatus(cancel.changeId)).status, 'applied');
    const record = (await h.control.state()).appointments.find((a) => a.cancellation_of === first.id) as { id: string } | undefined;
    assert.ok(record);
    const code = await h.control.code(record.id);
    assert.ok(code);
    const wrong = h.service.confirmAppointment({ appointmentId: first.id, code: code === '000000' ? '111111' : '000000' });
    assert.equal((await h.finalStatus(wrong.changeId)).status, 'refused');
    assert.notEqual(failedOf(h, first.id), null, 'a wrong code is marked');
    const right = h.service.confirmAppointment({ appointmentId: first.id, code });
    assert.equal((await h.finalStatus(right.changeId)).status, 'applied');
    assert.equal(failedOf(h, first.id), null, 'the right code clears the mark');
  });
});
