// A change made on a view that another desk has since changed: before it is sent, the
// appointments it touches are checked at Leyr, and a collision is reported as a conflict with
// both versions; the other desk's change stands and nothing is sent over it. Background
// refresh is off (the harness), so the local view stays as stale as a receptionist's screen
// between refreshes. And the normal path still sends, without false conflicts.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { AppointmentView, ChangeView, DaySnapshot, FreeSlot } from '../../preload/contract/index.ts';
import { booked, contiguousFree, freeSlotFor, movableToOtherResource, sameInstant } from '../support/day-picks.ts';
import { Failure } from '../../main/errors/failure.ts';
import type { LoggedRequest } from '../support/sandbox-control.ts';
import { DAY, sandboxAppointments, startHarness, type Harness, type HarnessOptions } from '../support/schedule-harness.ts';

let h: Harness;

async function open(options: HarnessOptions = {}): Promise<DaySnapshot> {
  h = await startHarness(options);
  h.service.openDay(DAY);
  return h.service.refreshDay(DAY);
}

afterEach(async () => {
  await h.close();
});

const since = async (): Promise<number> => (await h.control.requests()).next;
const requestsSince = async (from: number): Promise<LoggedRequest[]> => (await h.control.requests(from)).requests;
const patches = async (from: number): Promise<LoggedRequest[]> => (await requestsSince(from)).filter((r) => r.method === 'PATCH');
const listings = async (from: number): Promise<LoggedRequest[]> => (await requestsSince(from)).filter((r) => r.method === 'GET' && /\/appointments(\?|$)/.test(r.path));

const ms = (iso: string): number => Date.parse(iso);
const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }): boolean => ms(a.start) < ms(b.end) && ms(a.end) > ms(b.start);

/**
 * Two free places for `appointment` on its resource, apart from each other, from where it
 * is and from the places in `taken` (where other appointments of the test go).
 */
function twoPlaces(day: DaySnapshot, appointment: AppointmentView, taken: readonly FreeSlot[] = []): [FreeSlot, FreeSlot] | undefined {
  const apart = (s: FreeSlot, other: FreeSlot): boolean => s.resourceId !== other.resourceId || !overlaps(s, other);
  const fits = day.freeSlots.filter(
    (s) =>
      s.resourceId === appointment.resourceId &&
      s.serviceId === appointment.serviceId &&
      ms(s.end) - ms(s.start) === ms(appointment.end) - ms(appointment.start) &&
      !overlaps(s, appointment) &&
      taken.every((t) => apart(s, t)),
  );
  const first = fits[0];
  const second = fits.find((s) => first !== undefined && apart(s, first));
  return first === undefined || second === undefined ? undefined : [first, second];
}

/** A booked appointment (none of `used`) with two free places apart from `taken`. */
function movable(day: DaySnapshot, used: readonly AppointmentView[] = [], taken: readonly FreeSlot[] = []): { x: AppointmentView; places: [FreeSlot, FreeSlot] } {
  for (const x of booked(day)) {
    if (used.some((u) => u.id === x.id)) continue;
    const places = twoPlaces(day, x, taken);
    if (places !== undefined) return { x, places };
  }
  assert.fail('the fixture has an appointment with two free places');
}

function shown(id: string): AppointmentView | undefined {
  return h.service.snapshot(DAY).appointments.find((a) => a.id === id);
}

describe('a change made on a stale view of an appointment another desk changed', () => {
  it('move: reported as a conflict with both versions, not sent; the other desk’s move stands and shows', async () => {
    const day = await open();
    const {
      x,
      places: [theirs, mine],
    } = movable(day);
    await h.otherDesk.updateAppointment(x.id, { start: theirs.start, end: theirs.end });
    const from = await since();

    // The screen still shows x where it was; the receptionist drags it elsewhere.
    assert.ok(sameInstant(shown(x.id)?.start ?? '', x.start), 'the view is stale');
    const receipt = h.service.moveAppointment({ appointmentId: x.id, start: mine.start, end: mine.end });
    assert.equal(receipt.status, 'pending');
    const done = await h.finalStatus(receipt.changeId);
    assert.equal(done.status, 'conflict');
    assert.equal(done.failure?.code, 'CHANGED_ELSEWHERE');
    assert.ok(done.conflict);
    assert.equal(done.conflict.local.length, 1);
    assert.ok(sameInstant(done.conflict.local[0]?.start ?? '', mine.start), 'the local version');
    assert.equal(done.conflict.remote.length, 1);
    assert.ok(sameInstant(done.conflict.remote[0]?.start ?? '', theirs.start), 'the other desk’s version');

    assert.deepEqual(await patches(from), [], 'nothing was sent over the other desk’s move');
    const remote = (await sandboxAppointments(h.control)).get(x.id);
    assert.ok(remote && sameInstant(remote.start, theirs.start), 'Leyr keeps the other desk’s move');
    // The local copy reverts to Leyr's, without waiting for a refresh.
    const local = shown(x.id);
    assert.ok(local && sameInstant(local.start, theirs.start));
    assert.equal(local.pending, false);
    assert.equal(local.failed?.status, 'conflict');
    assert.ok(h.service.listChanges().some((c) => c.changeId === receipt.changeId && c.status === 'conflict' && c.conflict !== null));
    assert.ok(h.store.audit.recent(h.accountId, 10).some((e) => e.action === 'change.conflict' && e.changeId === receipt.changeId));
  });

  it('cancel: a moved appointment is not cancelled from the old view', async () => {
    const day = await open();
    const {
      x,
      places: [theirs],
    } = movable(day);
    await h.otherDesk.updateAppointment(x.id, { start: theirs.start, end: theirs.end });
    const from = await since();
    const receipt = h.service.cancelAppointments({ ids: [x.id], reason: 'Sjuk' });
    const done = await h.finalStatus(receipt.changeId);
    assert.equal(done.status, 'conflict');
    assert.equal(done.conflict?.local[0]?.status, 'cancelled');
    assert.equal(done.conflict?.remote[0]?.status, 'booked');
    assert.ok(sameInstant(done.conflict?.remote[0]?.start ?? '', theirs.start));
    assert.deepEqual(await patches(from), []);
    const remote = (await sandboxAppointments(h.control)).get(x.id);
    assert.equal(remote?.status, 'booked');
    assert.ok(remote && sameInstant(remote.start, theirs.start));
    assert.equal(shown(x.id)?.status, 'booked');
  });

  it('move: an appointment cancelled at another desk is not moved back to life', async () => {
    const day = await open();
    const {
      x,
      places: [mine],
    } = movable(day);
    await h.otherDesk.cancelAppointment(x.id, 'Avbokad i telefon');
    const from = await since();
    const receipt = h.service.moveAppointment({ appointmentId: x.id, start: mine.start, end: mine.end });
    const done = await h.finalStatus(receipt.changeId);
    assert.equal(done.status, 'conflict');
    assert.equal(done.conflict?.remote[0]?.status, 'cancelled');
    assert.deepEqual(await patches(from), []);
    assert.equal((await sandboxAppointments(h.control)).get(x.id)?.status, 'cancelled');
    assert.equal(shown(x.id)?.status, 'cancelled');
  });

  it('bulk move to another resource: one changed appointment stops the whole request', async () => {
    const day = await open();
    const pick = movableToOtherResource(day);
    assert.ok(pick);
    const y = booked(day).find((a) => a.id !== pick.appointment.id && a.resourceId !== pick.resourceId && freeSlotFor(day, a) !== undefined);
    assert.ok(y);
    const theirs = freeSlotFor(day, y);
    assert.ok(theirs);
    await h.otherDesk.updateAppointment(y.id, { start: theirs.start, end: theirs.end });
    const from = await since();
    const receipt = h.service.moveAppointmentsToResource({ ids: [pick.appointment.id, y.id], resourceId: pick.resourceId });
    const done = await h.finalStatus(receipt.changeId);
    assert.equal(done.status, 'conflict');
    assert.deepEqual(done.conflict?.local.map((a) => a.resourceId), [pick.resourceId, pick.resourceId]);
    const remoteY = done.conflict?.remote.find((a) => a.id === y.id);
    assert.ok(remoteY && sameInstant(remoteY.start, theirs.start), 'the other desk’s version of the changed one');
    assert.equal(done.conflict?.remote.find((a) => a.id === pick.appointment.id)?.resourceId, pick.appointment.resourceId, 'Leyr’s version of the other');
    assert.deepEqual(await patches(from), [], 'no bulk request was sent');
    const remote = await sandboxAppointments(h.control);
    assert.equal(remote.get(pick.appointment.id)?.resource_id, pick.appointment.resourceId);
    assert.ok(sameInstant(remote.get(y.id)?.start ?? '', theirs.start));
    assert.equal(shown(pick.appointment.id)?.resourceId, pick.appointment.resourceId);
    assert.ok(sameInstant(shown(y.id)?.start ?? '', theirs.start));
  });

  it('bulk cancel of one resource’s appointments: one moved to another resource is found there and reported', async () => {
    const day = await open();
    // Two appointments of one resource; another desk moves one to another resource at the same time.
    const pick = movableToOtherResource(day);
    assert.ok(pick);
    const sibling = booked(day).find((a) => a.id !== pick.appointment.id && a.resourceId === pick.appointment.resourceId);
    assert.ok(sibling);
    await h.otherDesk.updateAppointment(pick.appointment.id, { resource_id: pick.resourceId });
    const from = await since();
    const receipt = h.service.cancelAppointments({ ids: [sibling.id, pick.appointment.id], reason: 'Läkaren sjuk' });
    const done = await h.finalStatus(receipt.changeId);
    assert.equal(done.status, 'conflict');
    assert.equal(done.conflict?.remote.find((a) => a.id === pick.appointment.id)?.resourceId, pick.resourceId, 'Leyr’s version, though it left the resource');
    assert.deepEqual(await patches(from), []);
    const remote = await sandboxAppointments(h.control);
    assert.equal(remote.get(sibling.id)?.status, 'booked');
    assert.equal(remote.get(pick.appointment.id)?.status, 'booked');
    assert.equal(remote.get(pick.appointment.id)?.resource_id, pick.resourceId);
  });

  it('continuous reschedule: a patient’s run that another desk changed is not rescheduled', async () => {
    const day = await open();
    const run = contiguousFree(day, 'svc-30', 30, 3);
    assert.ok(run, 'three free half hours in a row');
    const { patients } = await h.service.searchPatients({ query: 'Maria' });
    const patient = patients[0];
    const [s0, s1, s2] = run.slots;
    assert.ok(patient && s0 && s1 && s2);
    for (const slot of [s0, s1]) {
      const booking = h.service.bookAppointment({ patientId: patient.id, resourceId: run.resourceId, serviceId: 'svc-30', start: slot.start, end: slot.end });
      assert.equal((await h.finalStatus(booking.changeId)).status, 'applied');
    }
    const mine = h.service.snapshot(DAY).appointments.filter((a) => a.patientId === patient.id && a.status === 'booked');
    assert.equal(mine.length, 2);
    const second = mine.find((a) => sameInstant(a.start, s1.start));
    assert.ok(second);
    // Another desk moves the second one to the end of the run; sent, the reschedule below
    // would fit (one at each end, one created between) and undo that move.
    await h.otherDesk.updateAppointment(second.id, { start: s2.start, end: s2.end });
    const from = await since();
    const receipt = h.service.rescheduleContinuous({ ids: mine.map((a) => a.id), start: s0.start, end: s2.end });
    assert.equal(receipt.appointments.length, 3, 'the local guess shows at once');
    const done = await h.finalStatus(receipt.changeId);
    assert.equal(done.status, 'conflict');
    assert.equal(done.conflict?.local.length, 3);
    assert.ok(sameInstant(done.conflict?.remote.find((a) => a.id === second.id)?.start ?? '', s2.start));
    assert.deepEqual(await patches(from), []);
    const remote = [...(await sandboxAppointments(h.control)).values()].filter((a) => a.patient_id === patient.id && a.status === 'booked');
    assert.equal(remote.length, 2, 'nothing created');
    assert.ok(sameInstant(remote.find((a) => a.id === second.id)?.start ?? '', s2.start));
    assert.ok(!h.service.snapshot(DAY).appointments.some((a) => a.id.startsWith('local:')), 'the local guess is gone');
  });

  it('the very change another desk already made is applied without sending it again', async () => {
    const day = await open();
    const {
      x,
      places: [place],
    } = movable(day);
    await h.otherDesk.updateAppointment(x.id, { start: place.start, end: place.end });
    const from = await since();
    const receipt = h.service.moveAppointment({ appointmentId: x.id, start: place.start, end: place.end });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    assert.deepEqual(await patches(from), []);
    assert.ok(h.store.audit.recent(h.accountId, 10).some((e) => e.action === 'change.applied' && e.changeId === receipt.changeId && e.outcome === 'already-so'));
    assert.ok(sameInstant(shown(x.id)?.start ?? '', place.start));
  });

  it('in a queue, only the change that collides is held back; the others are sent', async () => {
    const day = await open();
    const {
      x: y,
      places: [theirsY],
    } = movable(day);
    const {
      x,
      places: [placeX],
    } = movable(day, [y], [theirsY]);
    const z = booked(day).find((a) => a.id !== x.id && a.id !== y.id);
    assert.ok(z);
    await h.otherDesk.updateAppointment(y.id, { start: theirsY.start, end: theirsY.end });
    const from = await since();
    const changes = [
      h.service.moveAppointment({ appointmentId: x.id, start: placeX.start, end: placeX.end }),
      h.service.cancelAppointments({ ids: [y.id], reason: 'Sjuk' }),
      h.service.cancelAppointments({ ids: [z.id], reason: 'Sjuk' }),
    ];
    assert.deepEqual(
      await Promise.all(changes.map(async (c) => (await h.finalStatus(c.changeId)).status)),
      ['applied', 'conflict', 'applied'],
    );
    assert.deepEqual(
      (await patches(from)).map((r) => r.path.split('/').pop()),
      [x.id, z.id],
    );
    const remote = await sandboxAppointments(h.control);
    assert.ok(sameInstant(remote.get(x.id)?.start ?? '', placeX.start));
    assert.equal(remote.get(y.id)?.status, 'booked');
    assert.equal(remote.get(z.id)?.status, 'cancelled');
  });
});

describe('the check before sending, when nothing changed elsewhere', () => {
  it('sends several queued changes to one appointment in a row, with one listing of the day for all of them', async () => {
    const day = await open({ service: { checkReuseMs: 60_000 } });
    const {
      x,
      places: [first, second],
    } = movable(day);
    const from = await since();
    const changes = [
      h.service.moveAppointment({ appointmentId: x.id, start: first.start, end: first.end }),
      h.service.moveAppointment({ appointmentId: x.id, start: second.start, end: second.end }),
      h.service.cancelAppointments({ ids: [x.id], reason: 'Flyttad två gånger, sedan avbokad' }),
    ];
    for (const change of changes) assert.equal((await h.finalStatus(change.changeId)).status, 'applied');
    assert.equal((await patches(from)).length, 3);
    const lists = await listings(from);
    assert.equal(lists.length, 1, 'one listing of the day served the three changes');
    assert.ok(!lists[0]?.path.includes('patient_id') && !lists[0]?.path.includes('resource_id'), 'of the whole day, since more changes waited');
    const remote = (await sandboxAppointments(h.control)).get(x.id);
    assert.equal(remote?.status, 'cancelled');
    assert.ok(remote && sameInstant(remote.start, second.start));
  });

  it('sends a change made after our own accepted changes, checking a lone change with a narrow listing', async () => {
    const day = await open();
    const {
      x,
      places: [first, second],
    } = movable(day);
    let from = await since();
    const moved = h.service.moveAppointment({ appointmentId: x.id, start: first.start, end: first.end });
    assert.equal((await h.finalStatus(moved.changeId)).status, 'applied');
    const lists = await listings(from);
    assert.equal(lists.length, 1);
    assert.match(lists[0]?.path ?? '', new RegExp(`patient_id=${x.patientId}`), 'only the patient’s appointments of the day');

    from = await since();
    const again = h.service.moveAppointment({ appointmentId: x.id, start: second.start, end: second.end });
    assert.equal((await h.finalStatus(again.changeId)).status, 'applied');
    const cancel = h.service.cancelAppointments({ ids: [x.id], reason: 'Till slut avbokad' });
    assert.equal((await h.finalStatus(cancel.changeId)).status, 'applied');
    assert.equal((await patches(from)).length, 2);
    assert.equal((await sandboxAppointments(h.control)).get(x.id)?.status, 'cancelled');
  });

  it('reads Leyr again for each change when the listing is not to be reused', async () => {
    const day = await open({ service: { checkReuseMs: 0 } });
    const [a, b, c] = booked(day);
    assert.ok(a && b && c);
    const from = await since();
    const changes = [a, b, c].map((x) => h.service.cancelAppointments({ ids: [x.id], reason: 'Stängt' }));
    for (const change of changes) assert.equal((await h.finalStatus(change.changeId)).status, 'applied');
    assert.equal((await listings(from)).length, 3);
  });
});

/** The appointment as a screen shows it: what a change carries as `seen`. */
const seenOf = (a: Pick<AppointmentView, 'id' | 'start' | 'end' | 'resourceId' | 'status'>) => ({ id: a.id, start: a.start, end: a.end, resourceId: a.resourceId, status: a.status });

describe('a change carries what the screen showed', () => {
  it('is refused at once as a conflict when the local copy differs: nothing is queued or sent, and the error says how', async () => {
    const day = await open();
    const {
      x,
      places: [theirs, mine],
    } = movable(day);
    await h.otherDesk.updateAppointment(x.id, { start: theirs.start, end: theirs.end });
    // A refresh brought the other desk's move in, but this screen was drawn before it.
    await h.service.refreshDay(DAY);
    const from = await since();
    const error = (() => {
      try {
        h.service.moveAppointment({ appointmentId: x.id, start: mine.start, end: mine.end, seen: [seenOf(x)] });
      } catch (thrown) {
        return thrown;
      }
      return assert.fail('the change was queued');
    })();
    assert.ok(error instanceof Failure);
    const appError = error.toAppError();
    assert.equal(appError.code, 'CONFLICT');
    assert.equal(appError.changed?.length, 1);
    assert.ok(sameInstant(appError.changed?.[0]?.seen.start ?? '', x.start), 'as the screen showed it');
    assert.ok(sameInstant(appError.changed?.[0]?.now?.start ?? '', theirs.start), 'as it is now');
    assert.doesNotMatch(appError.message, /Leyr refused/);
    assert.deepEqual(h.service.listChanges(), [], 'nothing queued');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(await patches(from), [], 'nothing sent');
    const remote = (await sandboxAppointments(h.control)).get(x.id);
    assert.ok(remote && sameInstant(remote.start, theirs.start), 'the other desk’s move stands');
  });

  it('goes through when the screen shows the appointment as it is (another spelling of the same instants too)', async () => {
    const day = await open();
    const {
      x,
      places: [mine],
    } = movable(day);
    const utc = { ...seenOf(x), start: new Date(x.start).toISOString(), end: new Date(x.end).toISOString() };
    const receipt = h.service.moveAppointment({ appointmentId: x.id, start: mine.start, end: mine.end, seen: [utc] });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    // A second drag made on the optimistic copy (before Leyr answered the first) is what main holds too.
    const moved = shown(x.id);
    assert.ok(moved);
    const [back] = twoPlaces(h.service.snapshot(DAY), moved) ?? [];
    assert.ok(back);
    const second = h.service.moveAppointment({ appointmentId: x.id, start: back.start, end: back.end, seen: [seenOf(moved)] });
    assert.equal((await h.finalStatus(second.changeId)).status, 'applied');
  });

  it('a bulk cancel is refused whole when one of its appointments changed since the screen showed it', async () => {
    const day = await open();
    const { x, places } = movable(day);
    const y = booked(day).find((a) => a.id !== x.id);
    assert.ok(y);
    await h.otherDesk.updateAppointment(x.id, { start: places[0].start, end: places[0].end });
    await h.service.refreshDay(DAY);
    assert.throws(() => h.service.cancelAppointments({ ids: [x.id, y.id], reason: 'Sjuk', seen: [seenOf(x), seenOf(y)] }), (e: unknown) => e instanceof Failure && e.toAppError().code === 'CONFLICT' && e.toAppError().changed?.length === 1);
    assert.equal(shown(y.id)?.status, 'booked', 'the unchanged one was not cancelled either');
  });
});

describe('after Leyr accepted a change, the refreshes check that Leyr still shows it', () => {
  const overwritten = (changeId: string): Promise<ChangeView> => h.events.waitFor('change.status', (c) => c.changeId === changeId && c.status === 'conflict');

  /** Our move applied, then another desk's move landing over it (as in the window between a check and a send). */
  async function overwrittenMove(): Promise<{ x: AppointmentView; mine: FreeSlot; theirs: FreeSlot; changeId: string; change: ChangeView }> {
    const day = await open();
    const {
      x,
      places: [mine, theirs],
    } = movable(day);
    const receipt = h.service.moveAppointment({ appointmentId: x.id, start: mine.start, end: mine.end, seen: [seenOf(x)] });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    await h.otherDesk.updateAppointment(x.id, { start: theirs.start, end: theirs.end });
    const told = overwritten(receipt.changeId);
    await h.service.refreshDay(DAY);
    return { x, mine, theirs, changeId: receipt.changeId, change: await told };
  }

  it('another desk’s change over ours: our change becomes a conflict with both versions, said as such', async () => {
    const { x, mine, theirs, change } = await overwrittenMove();
    assert.equal(change.failure?.code, 'CHANGED_AFTER_YOURS');
    assert.match(change.failure?.reason ?? '', /another desk after yours/);
    assert.doesNotMatch(change.failure?.reason ?? '', /Leyr refused/);
    assert.ok(sameInstant(change.conflict?.local[0]?.start ?? '', mine.start), 'ours');
    assert.ok(sameInstant(change.conflict?.remote[0]?.start ?? '', theirs.start), 'theirs');
    const local = shown(x.id);
    assert.ok(local && sameInstant(local.start, theirs.start), 'the day shows what Leyr holds');
    assert.equal(local.failed?.status, 'conflict');
    assert.ok(h.store.audit.recent(h.accountId, 10).some((e) => e.action === 'change.conflict' && e.outcome === 'CHANGED_AFTER_YOURS'));
  });

  it('apply mine again: ours is sent anew on top of theirs and Leyr holds ours', async () => {
    const { x, mine, changeId } = await overwrittenMove();
    const again = h.service.retryChange(changeId);
    assert.equal((await h.finalStatus(again.changeId)).status, 'applied');
    const remote = (await sandboxAppointments(h.control)).get(x.id);
    assert.ok(remote && sameInstant(remote.start, mine.start));
    assert.ok(!h.service.listChanges().some((c) => c.changeId === changeId), 'the conflict is off the list');
  });

  it('keep theirs: ours is taken off the list and nothing is sent', async () => {
    const { x, theirs, changeId } = await overwrittenMove();
    const from = await since();
    h.service.dismissChange(changeId);
    assert.ok(!h.service.listChanges().some((c) => c.changeId === changeId));
    await h.service.refreshDay(DAY);
    assert.deepEqual(await patches(from), []);
    const remote = (await sandboxAppointments(h.control)).get(x.id);
    assert.ok(remote && sameInstant(remote.start, theirs.start));
    assert.equal(shown(x.id)?.failed, null);
  });

  it('a change verified by a listing made after the overwrite window is left alone: a later change is one made by someone who saw ours', async () => {
    let clock = Date.now();
    const day = await open({ service: { now: () => clock } });
    const {
      x,
      places: [mine, theirs],
    } = movable(day);
    const receipt = h.service.moveAppointment({ appointmentId: x.id, start: mine.start, end: mine.end });
    assert.equal((await h.finalStatus(receipt.changeId)).status, 'applied');
    clock += 60_000;
    await h.service.refreshDay(DAY); // still ours, a minute later: verified
    await h.otherDesk.updateAppointment(x.id, { start: theirs.start, end: theirs.end });
    clock += 10_000;
    const fresh = await h.service.refreshDay(DAY);
    assert.ok(sameInstant(fresh.appointments.find((a) => a.id === x.id)?.start ?? '', theirs.start), 'the day shows theirs');
    assert.deepEqual(
      h.service.listChanges().filter((c) => c.status === 'conflict'),
      [],
    );
    assert.deepEqual(
      fresh.changedElsewhere.map((m) => m.appointmentId),
      [x.id],
      'marked as changed at another desk instead',
    );
  });

  it('our own later change, and a cancel that waits or went through, are no overwrite', async () => {
    const day = await open();
    const {
      x,
      places: [first, second],
    } = movable(day);
    const y = booked(day).find((a) => a.id !== x.id && a.resourceId !== x.resourceId);
    assert.ok(y);
    const one = h.service.moveAppointment({ appointmentId: x.id, start: first.start, end: first.end });
    const two = h.service.moveAppointment({ appointmentId: x.id, start: second.start, end: second.end });
    const cancel = h.service.cancelAppointments({ ids: [y.id], reason: 'Sjuk' });
    for (const id of [one.changeId, two.changeId, cancel.changeId]) assert.equal((await h.finalStatus(id)).status, 'applied');
    await h.service.refreshDay(DAY);
    await h.service.refreshDay(DAY);
    assert.deepEqual(
      h.service.listChanges().filter((c) => c.status === 'conflict'),
      [],
    );
  });

  it('marks what another desk changed a moment ago in the day’s snapshot, not what this desk changed', async () => {
    const day = await open();
    const { x, places } = movable(day);
    const { x: y, places: yPlaces } = movable(day, [x], places);
    const ours = h.service.moveAppointment({ appointmentId: x.id, start: places[0].start, end: places[0].end });
    assert.equal((await h.finalStatus(ours.changeId)).status, 'applied');
    await h.otherDesk.updateAppointment(y.id, { start: yPlaces[0].start, end: yPlaces[0].end });
    const fresh = await h.service.refreshDay(DAY);
    assert.deepEqual(
      fresh.changedElsewhere.map((m) => m.appointmentId),
      [y.id],
    );
    assert.ok(Math.abs(Date.parse(fresh.changedElsewhere[0]?.at ?? '') - Date.now()) < 10_000);
  });
});

describe('a refresh that finds the day as it was', () => {
  it('pushes no snapshot; one that finds another desk’s change does', async () => {
    const day = await open();
    const { x, places } = movable(day);
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));
    await settle();
    const pushes = (): number => h.events.of('day.snapshot').filter((s) => s.date === DAY).length;
    const before = pushes();
    await h.service.refreshDay(DAY);
    await settle();
    assert.equal(pushes(), before, 'nothing changed: nothing pushed');
    await h.otherDesk.updateAppointment(x.id, { start: places[0].start, end: places[0].end });
    await h.service.refreshDay(DAY);
    await settle();
    assert.equal(pushes(), before + 1, 'another desk’s move: pushed once');
    const last = h.events.of('day.snapshot').at(-1);
    assert.ok(sameInstant(last?.appointments.find((a) => a.id === x.id)?.start ?? '', places[0].start));
  });
});
