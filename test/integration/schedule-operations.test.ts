// Every schedule operation against the Leyr sandbox over HTTP, with a real SQLite file:
// the optimistic answer, the outbox, Leyr's answer replacing the optimistic copy, and
// refusals reverting it with Leyr's reason.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { booked, contiguousFree, freeSlotFor, movableToOtherResource, sameInstant, firstMovable } from '../support/day-picks.ts';
import { DAY, sandboxAppointments, startHarness, type Harness } from '../support/schedule-harness.ts';

let h: Harness;

const mutatingRequests = async (since: number): Promise<{ method: string; path: string; body: unknown }[]> =>
  (await h.control.requests(since)).requests.filter((r) => r.method !== 'GET');

describe('schedule operations against the sandbox', () => {
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('opens a day from the store at once, then pushes the fetched day as an event', async () => {
    const first = h.service.openDay(DAY);
    assert.equal(first.fetchedAt, null, 'nothing cached yet');
    assert.equal(first.stale, true);
    assert.deepEqual(first.appointments, []);
    const fetched = await h.events.waitFor('day.snapshot', (s) => s.date === DAY && s.fetchedAt !== null && s.appointments.length > 0);
    assert.equal(fetched.appointments.length, 120);
    assert.equal(fetched.resources.length, 8);
    assert.equal(fetched.careUnit.timeZone, 'Europe/Stockholm');
    assert.equal(fetched.stale, false);
    // Names arrive from the store once fetched; never personal numbers.
    const named = await h.events.waitFor('day.snapshot', (s) => s.appointments.every((a) => a.patientName !== null));
    assert.ok(!JSON.stringify(named).match(/\d{12}/), 'no personal numbers in a snapshot');
    // A second open answers the cached day at once, with its age.
    const again = h.service.openDay(DAY);
    assert.equal(again.appointments.length, 120);
    assert.ok(again.fetchedAt !== null);
  });

  it('fetches each patient at most once per day, concurrently', async () => {
    const before = (await h.control.requests()).next;
    await h.openFresh();
    const snapshot = await h.service.refreshDay(DAY);
    const gets = (await h.control.requests(before)).requests.filter((r) => r.method === 'GET' && /\/patients\/[^/?]+$/.test(r.path));
    const distinct = new Set(snapshot.appointments.map((a) => a.patientId));
    assert.equal(gets.length, distinct.size, 'one fetch per distinct patient, even over two refreshes');
    assert.ok(snapshot.appointments.every((a) => a.patientName !== null));
  });

  it('moves an appointment to a free time: pending at once, then Leyr’s answer replaces it', async () => {
    const day = await h.openFresh();
    const { appointment, slot } = firstMovable(day);
    const receipt = h.service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
    assert.equal(receipt.status, 'pending');
    assert.equal(receipt.appointments[0]?.pending, true);
    assert.ok(sameInstant(receipt.appointments[0]?.start ?? '', slot.start));
    const overlaps = (s: { resourceId: string; start: string; end: string }): boolean =>
      s.resourceId === appointment.resourceId && Date.parse(s.start) < Date.parse(slot.end) && Date.parse(s.end) > Date.parse(slot.start);
    assert.ok(day.freeSlots.some(overlaps));
    assert.ok(!h.service.snapshot(DAY).freeSlots.some(overlaps), 'the slot the pending move fills is no longer offered');
    const done = await h.finalStatus(receipt.changeId);
    assert.equal(done.status, 'applied');
    const remote = (await sandboxAppointments(h.control)).get(appointment.id);
    assert.ok(remote && sameInstant(remote.start, slot.start));
    const shown = h.service.snapshot(DAY).appointments.find((a) => a.id === appointment.id);
    assert.equal(shown?.pending, false);
    assert.ok(shown && sameInstant(shown.start, slot.start));
  });

  it('moves an appointment to another resource at the same time', async () => {
    const day = await h.openFresh();
    const pick = movableToOtherResource(day);
    assert.ok(pick);
    const receipt = h.service.moveAppointment({ appointmentId: pick.appointment.id, resourceId: pick.resourceId });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    const remote = (await sandboxAppointments(h.control)).get(pick.appointment.id);
    assert.equal(remote?.resource_id, pick.resourceId);
    assert.ok(remote && sameInstant(remote.start, pick.appointment.start));
  });

  it('reverts a refused move and reports Leyr’s reason and instance', async () => {
    const day = await h.openFresh();
    const [a, b] = booked(day).filter((x, _, all) => all.some((y) => y.id !== x.id && y.resourceId === x.resourceId && y.serviceId === x.serviceId));
    assert.ok(a);
    const taken = booked(day).find((y) => y.id !== a.id && y.resourceId === a.resourceId && y.serviceId === a.serviceId);
    assert.ok(taken && b);
    const receipt = h.service.moveAppointment({ appointmentId: a.id, start: taken.start, end: taken.end });
    assert.ok(sameInstant(receipt.appointments[0]?.start ?? '', taken.start), 'shown at the new place while pending');
    const done = await h.finalStatus(receipt.changeId);
    assert.equal(done.status, 'refused');
    assert.equal(done.failure?.code, 'NO_TIMESLOTS_AVAILABLE');
    assert.match(done.failure?.leyr?.instance ?? '', /^[0-9a-f-]{36}$/);
    const shown = h.service.snapshot(DAY).appointments.find((x) => x.id === a.id);
    assert.ok(shown && sameInstant(shown.start, a.start), 'back at its place');
    assert.equal(shown.pending, false);
    assert.equal(shown.failed?.changeId, receipt.changeId);
    const remote = (await sandboxAppointments(h.control)).get(a.id);
    assert.ok(remote && sameInstant(remote.start, a.start), 'Leyr unchanged');
    // The audit log holds the refusal with Leyr's instance.
    const audit = h.store.audit.recent(h.accountId, 20);
    assert.ok(audit.some((e) => e.action === 'change.refused' && e.changeId === receipt.changeId && e.leyrInstance === done.failure?.leyr?.instance));
    // Dismissed, the failure leaves the list and the appointment.
    h.service.dismissChange(receipt.changeId);
    assert.ok(!h.service.listChanges().some((c) => c.changeId === receipt.changeId));
    assert.equal(h.service.snapshot(DAY).appointments.find((x) => x.id === a.id)?.failed, null);
  });

  it('cancels one appointment with a reason', async () => {
    const day = await h.openFresh();
    const appointment = booked(day)[2];
    assert.ok(appointment);
    const since = (await h.control.requests()).next;
    const receipt = h.service.cancelAppointments({ ids: [appointment.id], reason: 'Patienten är sjuk' });
    assert.equal(receipt.appointments[0]?.status, 'cancelled');
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    const remote = (await sandboxAppointments(h.control)).get(appointment.id);
    assert.equal(remote?.status, 'cancelled');
    assert.equal(remote?.comment, 'Patienten är sjuk');
    assert.equal((await mutatingRequests(since)).length, 1);
  });

  it('cancels many in one bulk request', async () => {
    const day = await h.openFresh();
    const ids = booked(day)
      .slice(0, 5)
      .map((a) => a.id);
    const since = (await h.control.requests()).next;
    const receipt = h.service.cancelAppointments({ ids, reason: 'Doctor ill' });
    assert.equal(receipt.appointments.length, 5);
    assert.ok(receipt.appointments.every((a) => a.status === 'cancelled' && a.pending));
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    const sent = await mutatingRequests(since);
    assert.equal(sent.length, 1, 'one bulk request, never one per appointment');
    assert.deepEqual((sent[0]?.body as { ids: string[] }).ids, ids);
    const remote = await sandboxAppointments(h.control);
    assert.ok(ids.every((id) => remote.get(id)?.status === 'cancelled'));
  });

  it('moves many to another resource in one bulk request, and reverts them all when Leyr refuses', async () => {
    const day = await h.openFresh();
    const first = movableToOtherResource(day);
    assert.ok(first);
    const second = booked(day).find(
      (a) =>
        a.id !== first.appointment.id &&
        a.resourceId !== first.resourceId &&
        day.freeSlots.some((s) => s.resourceId === first.resourceId && s.serviceId === a.serviceId && sameInstant(s.start, a.start) && sameInstant(s.end, a.end)) &&
        (Date.parse(a.end) <= Date.parse(first.appointment.start) || Date.parse(a.start) >= Date.parse(first.appointment.end)),
    );
    assert.ok(second, 'fixture has two appointments that fit on one other resource');
    const since = (await h.control.requests()).next;
    const receipt = h.service.moveAppointmentsToResource({ ids: [first.appointment.id, second.id], resourceId: first.resourceId });
    assert.ok(receipt.appointments.every((a) => a.resourceId === first.resourceId && a.pending));
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    assert.equal((await mutatingRequests(since)).length, 1);
    const remote = await sandboxAppointments(h.control);
    assert.equal(remote.get(first.appointment.id)?.resource_id, first.resourceId);
    assert.equal(remote.get(second.id)?.resource_id, first.resourceId);

    // One of them cannot fit: all or nothing, and the local copy reverts.
    const now = await h.service.refreshDay(DAY);
    const target = now.resources.find((r) => r.id !== first.resourceId)?.id;
    assert.ok(target);
    const candidates = booked(now).filter((a) => a.resourceId !== target);
    const fits = candidates.find((a) => now.freeSlots.some((s) => s.resourceId === target && s.serviceId === a.serviceId && sameInstant(s.start, a.start) && sameInstant(s.end, a.end)));
    const clashes = candidates.find((a) => booked(now).some((b) => b.resourceId === target && Date.parse(b.start) < Date.parse(a.end) && Date.parse(b.end) > Date.parse(a.start)));
    assert.ok(fits && clashes);
    const refused = h.service.moveAppointmentsToResource({ ids: [fits.id, clashes.id], resourceId: target });
    const done = await h.finalStatus(refused.changeId);
    assert.equal(done.status, 'refused');
    assert.equal(done.failure?.code, 'NO_TIMESLOTS_AVAILABLE');
    const after = h.service.snapshot(DAY).appointments;
    assert.equal(after.find((a) => a.id === fits.id)?.resourceId, fits.resourceId);
    assert.equal(after.find((a) => a.id === clashes.id)?.resourceId, clashes.resourceId);
    const remoteAfter = await sandboxAppointments(h.control);
    assert.equal(remoteAfter.get(fits.id)?.resource_id, fits.resourceId, 'nothing moved at Leyr');
  });

  it('searches patients by name and by personal number, creates one and books a free slot for them', async () => {
    const day = await h.openFresh();
    const byName = await h.service.searchPatients({ query: 'Anna' });
    assert.equal(byName.source, 'leyr');
    assert.ok(byName.patients.length > 0);
    assert.ok(byName.patients.every((p) => p.firstName?.startsWith('Anna') || p.lastName?.startsWith('Anna')));
    const known = byName.patients[0];
    assert.ok(known);
    // Leyr's patients carry no personal number (strict): a name search shows none…
    assert.ok(byName.patients.every((p) => p.personalNumber === null), 'only what Leyr gives');
    // …but a search by the number finds them through Leyr's typed id lookup.
    const number = (await h.control.state()).patients.find((p) => p.id === known.id)?.external_id;
    assert.ok(typeof number === 'string' && /^\d{12}$/.test(number));
    const byNumber = await h.service.searchPatients({ query: `${number.slice(2, 8)}-${number.slice(8)}` });
    assert.deepEqual(
      byNumber.patients.map((p) => [p.id, p.personalNumber]),
      [[known.id, number]],
    );
    const { patient: created, existing } = await h.service.createPatient({ firstName: 'Tolvan', lastName: 'Tolvansson', personalNumber: '19121212-1212' });
    assert.equal(existing, false);
    assert.equal(created.personalNumber, '191212121212');
    const again = await h.service.createPatient({ firstName: 'Tolvan', lastName: 'Tolvansson', personalNumber: '191212121212' });
    assert.equal(again.patient.id, created.id, 'creating twice gives one patient');
    assert.equal(again.existing, true, 'and the second time says the patient was already registered');

    const free = contiguousFree(day, 'svc-30', 30, 1);
    assert.ok(free);
    const receipt = h.service.bookAppointment({ patientId: created.id, resourceId: free.resourceId, serviceId: 'svc-30', start: free.start, end: free.end, comment: 'Första besök' });
    const local = receipt.appointments[0];
    assert.ok(local);
    assert.ok(local.id.startsWith('local:') && local.pending);
    assert.equal(local.patientName, 'Tolvan Tolvansson');
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    const shown = h.service.snapshot(DAY).appointments.filter((a) => a.patientId === created.id);
    assert.equal(shown.length, 1);
    assert.ok(!shown[0]?.id.startsWith('local:'), 'Leyr’s id replaces the local one');
    assert.equal(shown[0]?.pending, false);
    const remote = [...(await sandboxAppointments(h.control)).values()].filter((a) => a.patient_id === created.id);
    assert.equal(remote.length, 1);
    assert.equal(remote[0]?.id, shown[0]?.id);
    // The audit log has no personal numbers.
    const audit = JSON.stringify(h.store.audit.recent(h.accountId, 100));
    assert.ok(!audit.includes('191212121212') && !audit.includes(number));
  });

  it('reverts a booking Leyr refuses (slot taken): the local appointment disappears', async () => {
    const day = await h.openFresh();
    const taken = booked(day)[0];
    const { patients } = await h.service.searchPatients({ query: 'Erik' });
    assert.ok(taken && patients[0]);
    const receipt = h.service.bookAppointment({ patientId: patients[0].id, resourceId: taken.resourceId ?? '', serviceId: taken.serviceId ?? '', start: taken.start, end: taken.end });
    assert.ok(h.service.snapshot(DAY).appointments.some((a) => a.id === receipt.appointments[0]?.id));
    const done = await h.finalStatus(receipt.changeId);
    assert.equal(done.status, 'refused');
    assert.equal(done.failure?.code, 'NO_TIMESLOTS_AVAILABLE');
    assert.ok(!h.service.snapshot(DAY).appointments.some((a) => a.id.startsWith('local:')));
  });

  it('reschedules a patient’s consecutive appointments continuously (creating and cancelling as Leyr does)', async () => {
    const day = await h.openFresh();
    const run = contiguousFree(day, 'svc-30', 30, 3);
    assert.ok(run, 'three free half hours in a row');
    const { patients } = await h.service.searchPatients({ query: 'Maria' });
    const patient = patients[0];
    assert.ok(patient);
    const [s0, s1, s2] = run.slots;
    assert.ok(s0 && s1 && s2);
    const b1 = h.service.bookAppointment({ patientId: patient.id, resourceId: run.resourceId, serviceId: 'svc-30', start: s0.start, end: s0.end });
    const b2 = h.service.bookAppointment({ patientId: patient.id, resourceId: run.resourceId, serviceId: 'svc-30', start: s1.start, end: s1.end });
    await h.finalStatus(b1.changeId);
    await h.finalStatus(b2.changeId);
    const mine = () => h.service.snapshot(DAY).appointments.filter((a) => a.patientId === patient.id && a.status === 'booked');
    const ids = mine().map((a) => a.id);
    assert.equal(ids.length, 2);

    // Longer: three slots from the same start; Leyr creates the third.
    const since = (await h.control.requests()).next;
    const longer = h.service.rescheduleContinuous({ ids, start: s0.start, end: s2.end });
    assert.equal(longer.appointments.length, 3, 'the created one shows at once');
    assert.equal((await h.finalStatus(longer.changeId)).status, 'applied');
    assert.equal((await mutatingRequests(since)).length, 1);
    assert.equal(mine().length, 3);
    assert.ok(mine().every((a) => !a.id.startsWith('local:')));

    // Shorter: one slot; Leyr cancels the extra two.
    const shorter = h.service.rescheduleContinuous({ ids: mine().map((a) => a.id), start: s1.start, end: s1.end });
    assert.equal(shorter.appointments.filter((a) => a.status === 'cancelled').length, 2);
    assert.equal((await h.finalStatus(shorter.changeId)).status, 'applied');
    const left = mine();
    assert.equal(left.length, 1);
    assert.ok(left[0] && sameInstant(left[0].start, s1.start));
    const remote = [...(await sandboxAppointments(h.control)).values()].filter((a) => a.patient_id === patient.id && a.status === 'booked');
    assert.equal(remote.length, 1);

    // Into a range another patient holds: Leyr refuses, and the local guess (one moved, one
    // created) reverts completely.
    const now = await h.service.refreshDay(DAY);
    const other = booked(now).find((a) => a.resourceId === run.resourceId && a.serviceId === 'svc-30' && a.patientId !== patient.id);
    assert.ok(other && left[0]);
    const refused = h.service.rescheduleContinuous({ ids: [left[0].id], start: other.start, end: new Date(Date.parse(other.end) + 30 * 60_000).toISOString() });
    assert.equal(refused.appointments.length, 2);
    const failed = await h.finalStatus(refused.changeId);
    assert.equal(failed.status, 'refused');
    assert.equal(failed.failure?.code, 'NO_TIMESLOTS_AVAILABLE');
    const reverted = mine();
    assert.equal(reverted.length, 1);
    assert.equal(reverted[0]?.id, left[0].id);
    assert.ok(reverted[0] && sameInstant(reverted[0].start, s1.start));
    assert.ok(!h.service.snapshot(DAY).appointments.some((a) => a.id.startsWith('local:')));
  });

  it('does not send a change made on top of a refused one, and can queue it again', async () => {
    const day = await h.openFresh();
    const a = booked(day)[0];
    const taken = booked(day).find((y) => a && y.id !== a.id && y.resourceId === a.resourceId && y.serviceId === a.serviceId);
    assert.ok(a && taken);
    await h.control.setFaults({ offline: true });
    const move = h.service.moveAppointment({ appointmentId: a.id, start: taken.start, end: taken.end });
    const cancel = h.service.cancelAppointments({ ids: [a.id], reason: 'no longer needed' });
    assert.equal(h.service.connectivity().pendingCount, 2);
    await h.control.clearFaults();
    const since = (await h.control.requests()).next;
    h.service.windowFocused();
    assert.equal((await h.finalStatus(move.changeId)).status, 'refused');
    const dependent = await h.finalStatus(cancel.changeId);
    assert.equal(dependent.status, 'refused');
    assert.equal(dependent.failure?.code, 'DEPENDS_ON_FAILED');
    assert.equal((await mutatingRequests(since)).filter((r) => r.path.includes(a.id) && JSON.stringify(r.body).includes('cancelled')).length, 0, 'the cancel was not sent');
    const shown = h.service.snapshot(DAY).appointments.find((x) => x.id === a.id);
    assert.equal(shown?.status, 'booked');
    assert.ok(shown && sameInstant(shown.start, a.start));

    const retried = h.service.retryChange(cancel.changeId);
    assert.notEqual(retried.changeId, cancel.changeId);
    assert.equal((await h.finalStatus(retried.changeId)).status, 'applied');
    assert.equal((await sandboxAppointments(h.control)).get(a.id)?.status, 'cancelled');
    assert.ok(!h.service.listChanges().some((c) => c.changeId === cancel.changeId), 'the retried change left the list');
  });

  it('shows a change made at another desk after a refresh', async () => {
    const day = await h.openFresh();
    const appointment = booked(day)[3];
    assert.ok(appointment);
    const slot = freeSlotFor(day, appointment);
    assert.ok(slot);
    await h.otherDesk.updateAppointment(appointment.id, { start: slot.start, end: slot.end });
    h.service.windowFocused();
    await h.events.waitFor('day.snapshot', (s) => s.appointments.some((a) => a.id === appointment.id && sameInstant(a.start, slot.start)));
  });

  it('reports a collision with a change made elsewhere as a conflict with both versions, never overwriting it', async () => {
    // Slow retries: the outbox waits while the other desk acts (its timing is then the test's).
    await h.close();
    h = await startHarness({ service: { retry: { baseMs: 60_000, maxMs: 60_000 } } });
    h.service.openDay(DAY);
    await h.events.waitFor('day.snapshot', (s) => s.fetchedAt !== null);
    const day = await h.service.refreshDay(DAY);
    const [first, second] = booked(day);
    assert.ok(first && second);
    const slotFirst = freeSlotFor(day, first);
    const slotSecond = freeSlotFor(day, second);
    assert.ok(slotFirst && slotSecond);
    const otherPlace = day.freeSlots.find(
      (s) => s.resourceId === second.resourceId && s.serviceId === second.serviceId && !sameInstant(s.start, slotSecond.start) && !sameInstant(s.start, second.start) && Date.parse(s.end) - Date.parse(s.start) === Date.parse(second.end) - Date.parse(second.start),
    );
    assert.ok(otherPlace);
    // Offline: two local changes queue; the first is tried (its check cannot read Leyr, so it
    // waits unsent), the second waits behind it.
    await h.control.setFaults({ offline: true });
    const e1 = h.service.moveAppointment({ appointmentId: first.id, start: slotFirst.start, end: slotFirst.end });
    const e2 = h.service.moveAppointment({ appointmentId: second.id, start: slotSecond.start, end: slotSecond.end });
    await h.events.waitFor('change.status', (c) => c.changeId === e1.changeId && c.status === 'pending' && c.failure !== null);
    await h.events.waitFor('connectivity', (c) => c.state !== 'online');
    await h.control.clearFaults();
    // Meanwhile another desk moves the second appointment elsewhere.
    await h.otherDesk.updateAppointment(second.id, { start: otherPlace.start, end: otherPlace.end });
    await h.service.refreshDay(DAY);
    const conflict = await h.finalStatus(e2.changeId);
    assert.equal(conflict.status, 'conflict');
    assert.equal(conflict.failure?.code, 'CHANGED_ELSEWHERE');
    assert.ok(conflict.conflict);
    assert.ok(sameInstant(conflict.conflict.local[0]?.start ?? '', slotSecond.start), 'the local version');
    assert.ok(sameInstant(conflict.conflict.remote[0]?.start ?? '', otherPlace.start), 'the other desk’s version');
    // The other desk's change stands, locally and at Leyr; the first change still goes through.
    h.service.windowFocused();
    assert.equal((await h.finalStatus(e1.changeId)).status, 'applied');
    const remote = (await sandboxAppointments(h.control)).get(second.id);
    assert.ok(remote && sameInstant(remote.start, otherPlace.start));
    const shown = h.service.snapshot(DAY).appointments.find((a) => a.id === second.id);
    assert.ok(shown && sameInstant(shown.start, otherPlace.start));
    assert.equal(shown.failed?.status, 'conflict');
  });

  it('reports a change whose answer was lost and that someone else overrode meanwhile as a conflict', async () => {
    await h.close();
    h = await startHarness({ service: { retry: { baseMs: 60_000, maxMs: 60_000 } } });
    const day = await h.openFresh();
    const appointment = booked(day)[1];
    assert.ok(appointment);
    const mine = freeSlotFor(day, appointment);
    assert.ok(mine);
    const theirs = day.freeSlots.find(
      (s) => s.resourceId === appointment.resourceId && s.serviceId === appointment.serviceId && !sameInstant(s.start, mine.start) && !sameInstant(s.start, appointment.start) && Date.parse(s.end) - Date.parse(s.start) === Date.parse(appointment.end) - Date.parse(appointment.start),
    );
    assert.ok(theirs);
    // Leyr applies the move but the answer is lost (the check before it still answers);
    // then another desk moves it again.
    await h.control.setFaults({ dropRate: 1, dropPhase: 'response', methods: ['PATCH'] });
    const change = h.service.moveAppointment({ appointmentId: appointment.id, start: mine.start, end: mine.end });
    await h.events.waitFor('change.status', (c) => c.changeId === change.changeId && c.status === 'sent');
    await h.events.waitFor('connectivity', (c) => c.state !== 'online');
    await h.control.clearFaults();
    await h.otherDesk.updateAppointment(appointment.id, { start: theirs.start, end: theirs.end });
    h.service.windowFocused();
    const done = await h.finalStatus(change.changeId);
    assert.equal(done.status, 'conflict');
    assert.ok(sameInstant(done.conflict?.remote[0]?.start ?? '', theirs.start));
    const remote = (await sandboxAppointments(h.control)).get(appointment.id);
    assert.ok(remote && sameInstant(remote.start, theirs.start), 'the later change at the other desk stands');
  });
});

describe('schedule operations on an EHR that confirms by code (anitasystems)', () => {
  beforeEach(async () => {
    h = await startHarness({ emr: 'anitasystems' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('books awaiting confirmation, refuses a wrong code, confirms with the patient’s code', async () => {
    const day = await h.openFresh();
    const free = contiguousFree(day, 'svc-15', 15, 1);
    const { patients } = await h.service.searchPatients({ query: 'Lars' });
    assert.ok(free && patients[0]);
    const booking = h.service.bookAppointment({ patientId: patients[0].id, resourceId: free.resourceId, serviceId: 'svc-15', start: free.start, end: free.end });
    assert.equal((await h.finalStatus(booking.changeId)).status, 'applied');
    const made = h.service.snapshot(DAY).appointments.find((a) => a.patientId === patients[0]?.id && sameInstant(a.start, free.start));
    assert.equal(made?.status, 'awaiting_confirmation');
    assert.ok(made);
    const code = await h.control.code(made.id);
    assert.ok(code);

    const wrong = h.service.confirmAppointment({ appointmentId: made.id, code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.appointments[0]?.status, 'booked', 'optimistically booked');
    const refused = await h.finalStatus(wrong.changeId);
    assert.equal(refused.status, 'refused');
    assert.equal(h.service.snapshot(DAY).appointments.find((a) => a.id === made.id)?.status, 'awaiting_confirmation', 'reverted');

    const right = h.service.confirmAppointment({ appointmentId: made.id, code });
    assert.equal((await h.finalStatus(right.changeId)).status, 'applied');
    assert.equal(h.service.snapshot(DAY).appointments.find((a) => a.id === made.id)?.status, 'booked');
    assert.equal((await sandboxAppointments(h.control)).get(made.id)?.status, 'booked');
  });

  it('cancels in two steps: the appointment waits for the code, then is cancelled', async () => {
    const day = await h.openFresh();
    const appointment = booked(day)[0];
    assert.ok(appointment);
    const cancel = h.service.cancelAppointments({ ids: [appointment.id], reason: 'Rest' });
    assert.equal((await h.finalStatus(cancel.changeId)).status, 'applied');
    const waiting = h.service.snapshot(DAY).appointments.find((a) => a.id === appointment.id);
    assert.equal(waiting?.status, 'booked', 'still booked until the patient confirms');
    assert.equal(waiting?.awaitingCancellation, true);
    assert.equal((await sandboxAppointments(h.control)).get(appointment.id)?.status, 'booked');
    // A second cancel of it is turned down locally.
    assert.throws(() => h.service.cancelAppointments({ ids: [appointment.id], reason: 'again' }), /waits for the patient's code/);

    const record = (await h.control.state()).appointments.find((a) => a.cancellation_of === appointment.id);
    assert.ok(record);
    const code = await h.control.code(record.id);
    assert.ok(code);
    const confirm = h.service.confirmAppointment({ appointmentId: appointment.id, code });
    assert.equal(confirm.appointments[0]?.status, 'cancelled');
    assert.equal((await h.finalStatus(confirm.changeId)).status, 'applied');
    const after = h.service.snapshot(DAY).appointments.find((a) => a.id === appointment.id);
    assert.equal(after?.status, 'cancelled');
    assert.equal(after?.awaitingCancellation, false);
    assert.equal((await sandboxAppointments(h.control)).get(appointment.id)?.status, 'cancelled');
  });
});
