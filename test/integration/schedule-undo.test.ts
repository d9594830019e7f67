// Undo against the sandbox over HTTP, with a real SQLite file: an unsent change withdrawn
// from the outbox (nothing reaches Leyr), a sent move moved back, a bulk cancel rebooked as far
// as the slots are still free (the rest said), a booking cancelled, a confirmation refused,
// and redo as the undo of the undo. What Leyr holds is read from the sandbox's state.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { booked, contiguousFree, movableToOtherResource, sameInstant, firstMovable } from '../support/day-picks.ts';
import { DAY, sandboxAppointments, startHarness, type Harness } from '../support/schedule-harness.ts';

let h: Harness;

describe('undo against the sandbox', () => {
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.control.clearFaults();
    await h.close();
  });

  it('withdraws a move not yet sent: nothing reaches Leyr, the appointment is back at once', async () => {
    const day = await h.openFresh();
    const { appointment, slot } = firstMovable(day);
    await h.control.setFaults({ offline: true });
    const since = (await h.control.requests()).next;
    const receipt = h.service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
    // Its first attempt met the offline sandbox: it waits, unsent, in the outbox.
    await h.events.waitFor('change.status', (c) => c.changeId === receipt.changeId && c.status === 'pending' && c.failure !== null);
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId] });
    assert.deepEqual(undone.withdrawn, [receipt.changeId]);
    assert.deepEqual(undone.inverses, []);
    const shown = undone.appointments.find((a) => a.id === appointment.id);
    assert.ok(shown && sameInstant(shown.start, appointment.start) && !shown.pending, 'shown where it was, not pending');
    assert.equal(h.service.listChanges().length, 0, 'the change is gone from the outbox');
    await h.control.clearFaults();
    h.service.windowActivity(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const patches = (await h.control.requests(since)).requests.filter((r) => r.method !== 'GET');
    assert.deepEqual(patches, [], 'nothing was sent to Leyr');
    const remote = (await sandboxAppointments(h.control)).get(appointment.id);
    assert.ok(remote && sameInstant(remote.start, appointment.start));
    const audit = h.store.audit.recent(h.accountId, 20).map((e) => e.action);
    assert.ok(audit.includes('change.withdrawn'));
  });

  it('withdraws a move while its check is still reading Leyr: the move is never sent', async () => {
    // Leyr is slow to answer reads: the change's last look at Leyr is on the wire when the
    // receptionist presses Undo. It has not left, so it is withdrawn, not moved there and back.
    await h.close();
    h = await startHarness({ service: { checkReuseMs: 0 } });
    const day = await h.openFresh();
    const { appointment, slot } = firstMovable(day);
    await h.control.setFaults({ latencyMs: 1_500, methods: ['GET'] });
    const since = (await h.control.requests()).next;
    const receipt = h.service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
    const deadline = Date.now() + 5_000;
    while (!(await h.control.requests(since)).requests.some((r) => r.method === 'GET')) {
      assert.ok(Date.now() < deadline, 'the change’s check reached Leyr');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId] });
    assert.deepEqual(undone.withdrawn, [receipt.changeId]);
    assert.deepEqual(undone.inverses, []);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.deepEqual((await h.control.requests(since)).requests.filter((r) => r.method !== 'GET'), [], 'nothing but the read reached Leyr');
    assert.equal(h.service.listChanges().length, 0);
    const remote = (await sandboxAppointments(h.control)).get(appointment.id);
    assert.ok(remote && sameInstant(remote.start, appointment.start));
  });

  it('undoes an edited comment by writing its old text back in Leyr', async () => {
    const day = await h.openFresh();
    const appointment = booked(day)[0];
    assert.ok(appointment);
    const before = (await sandboxAppointments(h.control)).get(appointment.id)?.comment ?? null;
    const receipt = h.service.editComment({ appointmentId: appointment.id, comment: 'Bring the referral' });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    assert.equal((await sandboxAppointments(h.control)).get(appointment.id)?.comment, 'Bring the referral');
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId] });
    const [inverse] = undone.inverses;
    assert.ok(inverse);
    assert.equal(inverse.kind, 'comment');
    assert.equal((await h.finalStatus(inverse.changeId)).status, 'applied');
    const now = (await sandboxAppointments(h.control)).get(appointment.id)?.comment ?? null;
    assert.equal(now === '' ? null : now, before === '' ? null : before, 'the old comment is back');
  });

  it('undoes a sent move by moving it back, and redoes it by undoing the undo', async () => {
    const day = await h.openFresh();
    const { appointment, slot } = firstMovable(day);
    const receipt = h.service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId] });
    assert.equal(undone.withdrawn.length, 0);
    const [inverse] = undone.inverses;
    assert.ok(inverse);
    assert.equal(inverse.kind, 'move');
    assert.equal(inverse.undoes, receipt.changeId);
    assert.ok(sameInstant(undone.appointments.find((a) => a.id === appointment.id)?.start ?? '', appointment.start), 'the optimistic copy is back at once');
    assert.equal((await h.finalStatus(inverse.changeId)).status, 'applied');
    let remote = (await sandboxAppointments(h.control)).get(appointment.id);
    assert.ok(remote && sameInstant(remote.start, appointment.start), 'Leyr holds it where it was');
    const redone = h.service.undoChanges({ changeIds: [inverse.changeId] });
    const [again] = redone.inverses;
    assert.ok(again);
    assert.equal((await h.finalStatus(again.changeId)).status, 'applied');
    remote = (await sandboxAppointments(h.control)).get(appointment.id);
    assert.ok(remote && sameInstant(remote.start, slot.start), 'moved again');
  });

  it('does not move back over a change made elsewhere since, and says so', async () => {
    const day = await h.openFresh();
    const { appointment, slot } = firstMovable(day);
    const receipt = h.service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    // Another desk cancels it; this desk's refresh sees that.
    await h.otherDesk.cancelAppointment(appointment.id, 'Other desk');
    await h.service.refreshDay(DAY);
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId] });
    assert.deepEqual(undone.inverses, []);
    assert.deepEqual(undone.blocked.map((b) => [b.appointmentId, b.why]), [[appointment.id, 'changed-since']]);
    assert.equal((await sandboxAppointments(h.control)).get(appointment.id)?.status, 'cancelled', 'Leyr untouched');
  });

  it('undoes a bulk cancel by rebooking each in its slot while free, and names the ones whose time was taken', async () => {
    const day = await h.openFresh();
    const three = booked(day).filter((a) => a.patientId !== null).slice(0, 3);
    assert.equal(three.length, 3);
    const receipt = h.service.cancelAppointments({ ids: three.map((a) => a.id), reason: 'Sjuk' });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    // Another desk books the first one's time meanwhile.
    const [first, ...rest] = three as [(typeof three)[number], ...typeof three];
    await h.otherDesk.createAppointment({ start: first.start, end: first.end, patient_id: rest[0]?.patientId ?? '', resource_id: first.resourceId ?? '', ...(first.serviceId !== null && { healthcare_service_id: first.serviceId }) });
    await h.service.refreshDay(DAY);
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId] });
    assert.deepEqual(undone.blocked.map((b) => [b.appointmentId, b.why]), [[first.id, 'slot-taken']]);
    assert.equal(undone.inverses.length, 2);
    assert.ok(undone.inverses.every((i) => i.kind === 'book' && i.undoes === receipt.changeId));
    for (const inverse of undone.inverses) assert.equal((await h.finalStatus(inverse.changeId)).status, 'applied');
    const remote = [...(await sandboxAppointments(h.control)).values()];
    for (const original of rest) {
      const rebooked = remote.find((a) => a.id !== original.id && a.patient_id === original.patientId && a.resource_id === original.resourceId && sameInstant(a.start, original.start) && a.status === 'booked');
      assert.ok(rebooked, `rebooked in the same slot: ${original.id}`);
      assert.equal(rebooked.healthcare_service_id, original.serviceId);
    }
  });

  it('undoes a booking by cancelling it with the reason given', async () => {
    const day = await h.openFresh();
    const { patients } = await h.service.searchPatients({ query: 'Erik' });
    const [patient] = patients;
    const free = day.freeSlots.find((s) => s.serviceId === 'svc-15');
    assert.ok(patient && free);
    const receipt = h.service.bookAppointment({ patientId: patient.id, resourceId: free.resourceId, serviceId: 'svc-15', start: free.start, end: free.end });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId], reason: 'Ångrad' });
    const [inverse] = undone.inverses;
    assert.ok(inverse);
    assert.equal(inverse.kind, 'cancel');
    assert.equal((await h.finalStatus(inverse.changeId)).status, 'applied');
    const made = [...(await sandboxAppointments(h.control)).values()].find((a) => a.patient_id === patient.id && sameInstant(a.start, free.start) && a.resource_id === free.resourceId);
    assert.equal(made?.status, 'cancelled');
    assert.equal(made?.comment, 'Ångrad');
  });

  it('says a change Leyr refused has nothing to undo', async () => {
    const day = await h.openFresh();
    const [a, b] = booked(day).filter((x) => x.resourceId !== null);
    assert.ok(a && b);
    // Onto another appointment's time and column: Leyr refuses it.
    const receipt = h.service.moveAppointment({ appointmentId: a.id, start: b.start, end: b.end, ...(a.resourceId !== b.resourceId && { resourceId: b.resourceId ?? '' }) });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'refused');
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId] });
    assert.deepEqual(undone.blocked.map((x) => x.why), ['not-done']);
    assert.deepEqual(undone.inverses, []);
  });
  it('undoes a move caught on its way to Leyr by queueing the move back behind it', async () => {
    const day = await h.openFresh();
    const { appointment, slot } = firstMovable(day);
    await h.control.setFaults({ latencyMs: 600, methods: ['PATCH'] });
    const receipt = h.service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
    await h.events.waitFor('change.status', (c) => c.changeId === receipt.changeId && c.status === 'sent');
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId] });
    assert.deepEqual(undone.withdrawn, [], 'a change on its way is not withdrawn');
    const [inverse] = undone.inverses;
    assert.ok(inverse);
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    assert.equal((await h.finalStatus(inverse.changeId)).status, 'applied');
    const remote = (await sandboxAppointments(h.control)).get(appointment.id);
    assert.ok(remote && sameInstant(remote.start, appointment.start), 'Leyr ends where it began');
  });

  it('undoes a move to another resource: back to the resource it came from', async () => {
    const day = await h.openFresh();
    const pick = movableToOtherResource(day);
    assert.ok(pick);
    const receipt = h.service.moveAppointmentsToResource({ ids: [pick.appointment.id], resourceId: pick.resourceId });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId] });
    assert.deepEqual(undone.inverses.map((i) => [i.kind, i.appointmentIds]), [['move-to-resource', [pick.appointment.id]]]);
    for (const inverse of undone.inverses) assert.equal((await h.finalStatus(inverse.changeId)).status, 'applied');
    assert.equal((await sandboxAppointments(h.control)).get(pick.appointment.id)?.resource_id, pick.appointment.resourceId);
  });

  it('undoes a continuous reschedule by laying the series back over its old range', async () => {
    const day = await h.openFresh();
    const run = contiguousFree(day, 'svc-30', 30, 3);
    assert.ok(run);
    const { patients } = await h.service.searchPatients({ query: 'Maria' });
    const patient = patients[0];
    const [s0, s1, s2] = run.slots;
    assert.ok(patient && s0 && s1 && s2);
    for (const s of [s0, s1]) {
      const b = h.service.bookAppointment({ patientId: patient.id, resourceId: run.resourceId, serviceId: 'svc-30', start: s.start, end: s.end });
      assert.equal((await h.finalStatus(b.changeId)).status, 'applied');
    }
    const mine = () => h.service.snapshot(DAY).appointments.filter((a) => a.patientId === patient.id && a.status === 'booked' && a.resourceId === run.resourceId);
    const longer = h.service.rescheduleContinuous({ ids: mine().map((a) => a.id), start: s0.start, end: s2.end });
    assert.equal((await h.finalStatus(longer.changeId)).status, 'applied');
    assert.equal(mine().length, 3);
    const undone = h.service.undoChanges({ changeIds: [longer.changeId] });
    const [inverse] = undone.inverses;
    assert.ok(inverse && inverse.kind === 'reschedule');
    assert.equal((await h.finalStatus(inverse.changeId)).status, 'applied');
    const remote = [...(await sandboxAppointments(h.control)).values()].filter((a) => a.patient_id === patient.id && a.resource_id === run.resourceId && a.status === 'booked');
    assert.deepEqual(remote.map((a) => Date.parse(a.start)).sort(), [Date.parse(s0.start), Date.parse(s1.start)], 'two half hours again, where they were');
  });

  it('says a confirmation with the code cannot be undone', async () => {
    const day = await h.openFresh();
    const waiting = day.appointments.find((a) => a.status === 'awaiting_confirmation');
    assert.ok(waiting, 'the clinic has a booking awaiting its code');
    const code = await h.control.code(waiting.id);
    assert.ok(code);
    const receipt = h.service.confirmAppointment({ appointmentId: waiting.id, code });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    const undone = h.service.undoChanges({ changeIds: [receipt.changeId] });
    assert.deepEqual(undone.blocked.map((b) => b.why), ['irreversible']);
    assert.deepEqual(undone.inverses, []);
  });
});
