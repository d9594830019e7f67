// Two-step cancels against the strict sandbox over HTTP (Anita Systems: the EHR texts the
// patient a code). Leyr answers a cancel with a NEW record in awaiting_confirmation that names
// nothing; the app pairs it with the appointment from the request it sent (a bulk cancel by
// the order and count of the ids), keeps the pair in the store (across a restart), shows the
// appointment as waiting for the patient's code, never shows the record as an appointment,
// and sends the code down the cancellation path. Confirming answers the closed record, not
// the appointment: the app does not rely on it naming the appointment.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { AppointmentView, DaySnapshot } from '../../preload/contract/index.ts';
import { booked } from '../support/day-picks.ts';
import { DAY, sandboxAppointments, startHarness, type Harness } from '../support/schedule-harness.ts';

let h: Harness;

/** Leyr's record of the pending cancel of `appointmentId` (read from the sandbox's own state, never from an answer). */
async function recordOf(appointmentId: string): Promise<string> {
  const records = (await h.control.state()).appointments.filter((a) => a.cancellation_of === appointmentId);
  assert.equal(records.length, 1, `one cancellation record for ${appointmentId}`);
  return (records[0] as { id: string }).id;
}

/** No appointment of the day is a cancellation record, nor holds the slot of the appointment it cancels. */
function noPhantom(snapshot: DaySnapshot, appointment: AppointmentView, recordId: string): void {
  assert.ok(!snapshot.appointments.some((a) => a.id === recordId), `record ${recordId} is not an appointment of the day`);
  const twins = snapshot.appointments.filter((a) => a.id !== appointment.id && a.resourceId === appointment.resourceId && Date.parse(a.start) === Date.parse(appointment.start));
  assert.deepEqual(twins, [], 'nothing else holds its slot');
}

describe('two-step cancel (anitasystems, strict)', () => {
  beforeEach(async () => {
    h = await startHarness({ emr: 'anitasystems' });
    assert.equal((await h.control.profile()).strict, true, 'the sandbox plays Leyr strictly by default');
  });
  afterEach(async () => {
    await h.close();
  });

  it('pairs the record from the request, keeps it across a restart, and confirms the code down the cancel path', async () => {
    const day = await h.openFresh();
    const appointment = booked(day)[0];
    assert.ok(appointment);
    const since = (await h.control.requests()).next;
    const cancel = h.service.cancelAppointments({ ids: [appointment.id], reason: 'Rest' });
    assert.equal((await h.finalStatus(cancel.changeId)).status, 'applied');
    const [patch] = (await h.control.requests(since)).requests.filter((r) => r.method === 'PATCH');
    assert.ok(patch);
    const recordId = await recordOf(appointment.id);
    assert.notEqual(recordId, appointment.id);
    // Leyr's answer names nothing but its own id and status.
    assert.ok(!('cancellation_of' in ((await h.otherDesk.listAppointments({ start: appointment.start, end: appointment.end })).find((a) => a.id === recordId) ?? {})));

    const waiting = h.service.snapshot(DAY).appointments.find((a) => a.id === appointment.id);
    assert.equal(waiting?.status, 'booked', 'still booked until the patient confirms');
    assert.equal(waiting?.awaitingCancellation, true);
    noPhantom(h.service.snapshot(DAY), appointment, recordId);
    noPhantom(await h.service.refreshDay(DAY), appointment, recordId);
    assert.throws(() => h.service.cancelAppointments({ ids: [appointment.id], reason: 'again' }), /waits for the patient's code/);

    // Main restarts on the same SQLite file: the pending cancel is still known.
    // (The fixture day lies in the past, so housekeeping at start forgets its appointments; the
    // pending cancel is kept, and the day fetched again shows it.)
    await h.restart();
    assert.deepEqual([...h.store.days.cancellationRequests(h.accountId)], [[appointment.id, recordId]], 'kept in the store across a restart');
    h.service.openDay(DAY);
    noPhantom(await h.service.refreshDay(DAY), appointment, recordId);
    assert.equal(h.service.snapshot(DAY).appointments.find((a) => a.id === appointment.id)?.awaitingCancellation, true, 'shown as waiting for the code after the restart');

    const code = await h.control.code(recordId);
    assert.ok(code);
    const before = (await h.control.requests()).next;
    const confirm = h.service.confirmAppointment({ appointmentId: appointment.id, code });
    assert.equal(confirm.appointments[0]?.status, 'cancelled');
    assert.equal((await h.finalStatus(confirm.changeId)).status, 'applied');
    const sent = (await h.control.requests(before)).requests.filter((r) => r.method === 'PATCH');
    assert.deepEqual(
      sent.map((r) => [r.path.split('/').at(-1), r.body]),
      [[recordId, { confirmation: { code } }]],
      'the code went to the cancellation record (not the booking-confirm path)',
    );
    assert.equal((await sandboxAppointments(h.control)).get(appointment.id)?.status, 'cancelled');
    const after = await h.service.refreshDay(DAY);
    const shown = after.appointments.find((a) => a.id === appointment.id);
    assert.equal(shown?.status, 'cancelled');
    assert.equal(shown?.awaitingCancellation, false);
    assert.ok(!after.appointments.some((a) => a.id === recordId), 'the closed record is no appointment either');
  });

  it('pairs a bulk cancel by the order and count of the ids sent', async () => {
    const day = await h.openFresh();
    const picked = booked(day).slice(0, 3);
    // A booking not yet confirmed is cancelled at once: same id in the answer.
    const unconfirmed = day.appointments.find((a) => a.status === 'awaiting_confirmation' && !a.pending);
    const ids = [...picked.map((a) => a.id), ...(unconfirmed === undefined ? [] : [unconfirmed.id])];
    assert.equal(picked.length, 3);
    const since = (await h.control.requests()).next;
    const cancel = h.service.cancelAppointments({ ids, reason: 'Läkaren sjuk' });
    assert.equal((await h.finalStatus(cancel.changeId)).status, 'applied');
    assert.equal((await h.control.requests(since)).requests.filter((r) => r.method === 'PATCH').length, 1, 'one bulk request');
    const snapshot = h.service.snapshot(DAY);
    for (const appointment of picked) {
      const shown = snapshot.appointments.find((a) => a.id === appointment.id);
      assert.deepEqual([shown?.status, shown?.awaitingCancellation], ['booked', true], appointment.id);
      noPhantom(snapshot, appointment, await recordOf(appointment.id));
    }
    if (unconfirmed !== undefined) {
      const shown = snapshot.appointments.find((a) => a.id === unconfirmed.id);
      assert.deepEqual([shown?.status, shown?.awaitingCancellation], ['cancelled', false], 'the unconfirmed booking was cancelled at once');
    }
    // Each record's code cancels its own appointment.
    const second = picked[1] as AppointmentView;
    const code = await h.control.code(await recordOf(second.id));
    assert.ok(code);
    const confirm = h.service.confirmAppointment({ appointmentId: second.id, code });
    assert.equal((await h.finalStatus(confirm.changeId)).status, 'applied');
    const remote = await sandboxAppointments(h.control);
    assert.deepEqual(
      picked.map((a) => remote.get(a.id)?.status),
      ['booked', 'cancelled', 'booked'],
    );
    const after = await h.service.refreshDay(DAY);
    assert.deepEqual(
      picked.map((a) => after.appointments.find((x) => x.id === a.id)?.awaitingCancellation),
      [true, false, true],
    );
  });

  it('keeps waiting after a wrong code, and stops waiting when the patient’s code is sent at another desk', async () => {
    const day = await h.openFresh();
    const [first, second] = booked(day);
    assert.ok(first && second);
    const cancel = h.service.cancelAppointments({ ids: [first.id, second.id], reason: 'Rest' });
    assert.equal((await h.finalStatus(cancel.changeId)).status, 'applied');
    const firstRecord = await recordOf(first.id);
    const code = await h.control.code(firstRecord);
    assert.ok(code);
    const wrong = h.service.confirmAppointment({ appointmentId: first.id, code: code === '000000' ? '111111' : '000000' });
    assert.equal((await h.finalStatus(wrong.changeId)).status, 'refused');
    const still = h.service.snapshot(DAY).appointments.find((a) => a.id === first.id);
    assert.deepEqual([still?.status, still?.awaitingCancellation], ['booked', true], 'a wrong code leaves it waiting');

    // Another desk sends the second appointment's code: it no longer waits here either.
    const secondRecord = await recordOf(second.id);
    const secondCode = await h.control.code(secondRecord);
    assert.ok(secondCode);
    await h.otherDesk.confirmAppointment(secondRecord, secondCode);
    const refreshed = await h.service.refreshDay(DAY);
    const confirmed = refreshed.appointments.find((a) => a.id === second.id);
    assert.deepEqual([confirmed?.status, confirmed?.awaitingCancellation], ['cancelled', false]);
    assert.ok(!refreshed.appointments.some((a) => a.id === secondRecord));

    const right = h.service.confirmAppointment({ appointmentId: first.id, code });
    assert.equal((await h.finalStatus(right.changeId)).status, 'applied');
    assert.equal((await sandboxAppointments(h.control)).get(first.id)?.status, 'cancelled');
  });

  it('a cancel whose answer was lost is judged from Leyr’s state and paired when sent again: one record', async () => {
    await h.close();
    h = await startHarness({ emr: 'anitasystems', service: { retry: { baseMs: 50, maxMs: 100 } } });
    const day = await h.openFresh();
    const appointment = booked(day)[4];
    assert.ok(appointment);
    await h.control.setFaults({ dropRate: 1, dropPhase: 'response', methods: ['PATCH'], limit: 1 });
    const cancel = h.service.cancelAppointments({ ids: [appointment.id], reason: 'Rest' });
    assert.equal((await h.finalStatus(cancel.changeId)).status, 'applied');
    const recordId = await recordOf(appointment.id);
    const shown = h.service.snapshot(DAY).appointments.find((a) => a.id === appointment.id);
    assert.deepEqual([shown?.status, shown?.awaitingCancellation], ['booked', true]);
    noPhantom(await h.service.refreshDay(DAY), appointment, recordId);
  });
});
