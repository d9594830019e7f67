// Rebooking a sick doctor's day against the sandbox over HTTP (main/schedule/rebook/): the
// proposal from the store (and Leyr's free slots of days the store does not hold), then the
// moves the window sends for it, as the sandbox shows them afterwards.
import assert from 'node:assert/strict';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { slotsCollide, type RebookProposal, type RebookSlot } from '../../preload/contract/index.ts';
import { chosenSlots, sendPlan } from '../../renderer/day/model/rebook-plan.ts';
import { fillDay } from '../support/fill-day.ts';
import { DAY, sandboxAppointments, startHarness, type Harness } from '../support/schedule-harness.ts';

const DAY_CLINIC = path.resolve(import.meta.dirname, '..', 'fixtures', 'day-clinic.json');
const DR_BO_LIND = ['apt-b1', 'apt-b2', 'apt-b3', 'apt-b4'];
let h: Harness | undefined;

async function open(nowIso: string): Promise<Harness> {
  const now = Date.parse(nowIso);
  h = await startHarness({ seedFile: DAY_CLINIC, service: { now: () => now, careUnitNow: () => now } });
  await h.openFresh();
  return h;
}

const place = (slot: RebookSlot | null | undefined): string | null => (slot == null ? null : `${slot.resourceId} ${slot.start.slice(11, 16)} ${slot.reason}`);

/** Every proposal is one of Leyr's free slots of its service, on another resource; no two collide. */
async function assertRealAndApart(harness: Harness, proposal: RebookProposal): Promise<void> {
  const proposals = proposal.rows.flatMap((row) => (row.proposal === null ? [] : [{ row, slot: row.proposal }]));
  for (const { row, slot } of proposals) {
    assert.notEqual(slot.resourceId, row.appointment.resourceId);
    assert.equal(slot.serviceId, row.appointment.serviceId);
    const free = await harness.otherDesk.listTimeslots({ start: `${slot.date}T00:00:00+01:00`, end: `${slot.date}T23:59:00+01:00`, resource_id: slot.resourceId });
    assert.ok(
      free.some((s) => Date.parse(s.start) === Date.parse(slot.start) && Date.parse(s.end) === Date.parse(slot.end) && s.healthcare_service_id === slot.serviceId),
      `${row.appointment.id}: ${place(slot)} is a free slot in Leyr`,
    );
  }
  for (let i = 0; i < proposals.length; i += 1)
    for (let j = i + 1; j < proposals.length; j += 1) assert.ok(!slotsCollide(proposals[i]!.slot, proposals[j]!.slot), 'no two proposals collide');
}

describe('rebook against the sandbox', () => {
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('proposes the same time with a colleague, else the nearest free time that day; the moves reach Leyr', async () => {
    const harness = await open('2026-03-23T07:00:00+01:00');
    const before = harness.sent.length;
    const proposal = await harness.service.proposeRebook({ appointmentIds: DR_BO_LIND });
    // Every day it needed is held: nothing asked of Leyr.
    assert.deepEqual(harness.sent.slice(before), []);
    assert.deepEqual(
      proposal.rows.map((row) => [row.appointment.id, row.appointment.patientName, place(row.proposal)]),
      [
        ['apt-b1', 'Tolvan Tolvansson', 'res-a 09:00 same-day'],
        ['apt-b2', 'Tolvan Tolvansson', 'res-a 09:30 same-day'],
        ['apt-b3', 'Tolvan Tolvansson', 'res-c 10:00 same-day'],
        ['apt-b4', 'Hugo Lund', 'res-a 10:30 same-time'],
      ],
    );
    assert.ok(proposal.rows.every((row) => row.alternatives.length > 0));
    await assertRealAndApart(harness, proposal);

    // The receptionist takes b4's other same-time choice (Cilla Berg) and leaves b2 out.
    const b4 = proposal.rows.find((row) => row.appointment.id === 'apt-b4');
    const other = b4?.alternatives.find((alt) => alt.reason === 'same-time');
    assert.equal(other?.resourceId, 'res-c');
    const picked = new Map([['apt-b4', `${other?.resourceId}|${other?.start}|${other?.end}`]]);
    const chosen = chosenSlots(proposal.rows, picked);
    const included = new Set(['apt-b1', 'apt-b3', 'apt-b4']);
    const sends = sendPlan(proposal.rows, chosen, included);
    assert.deepEqual(sends.map((s) => (s.kind === 'bulk' ? ['bulk', s.resourceId, s.ids] : ['single', s.id])), [['single', 'apt-b1'], ['single', 'apt-b3'], ['single', 'apt-b4']]);
    const seen = (id: string) => {
      const a = proposal.rows.find((row) => row.appointment.id === id)!.appointment;
      return [{ id, start: a.start, end: a.end, resourceId: a.resourceId, status: a.status }];
    };
    const changeIds = sends.map((send) =>
      send.kind === 'bulk'
        ? harness.service.moveAppointmentsToResource({ ids: send.ids, resourceId: send.resourceId, seen: send.ids.flatMap(seen) }).changeId
        : harness.service.moveAppointment({ appointmentId: send.id, start: send.slot.start, end: send.slot.end, resourceId: send.slot.resourceId, seen: seen(send.id) }).changeId,
    );
    for (const changeId of changeIds) assert.equal((await harness.finalStatus(changeId)).status, 'applied');
    const leyr = await sandboxAppointments(harness.control);
    const at = (id: string): string => `${leyr.get(id)?.resource_id} ${new Date(leyr.get(id)?.start ?? 0).toISOString()}`;
    assert.equal(at('apt-b1'), `res-a ${new Date('2026-03-23T09:00:00+01:00').toISOString()}`);
    assert.equal(at('apt-b3'), `res-c ${new Date('2026-03-23T10:00:00+01:00').toISOString()}`);
    assert.equal(at('apt-b4'), `res-c ${new Date('2026-03-23T10:30:00+01:00').toISOString()}`);
    assert.equal(at('apt-b2'), `res-b ${new Date('2026-03-23T08:30:00+01:00').toISOString()}`, 'left out: not moved');
  });

  it('moves that keep their times with one colleague go as one bulk request', async () => {
    const harness = await open('2026-03-23T07:00:00+01:00');
    // Cilla Berg's 08:00 and 08:30 are cancelled: Dr. Bo Lind's 08:00 and 08:30 fit her at the same times.
    const cancel = harness.service.cancelAppointments({ ids: ['apt-c1', 'apt-c2'], reason: 'Test: free Cilla Berg’s morning' });
    assert.equal((await harness.finalStatus(cancel.changeId)).status, 'applied');
    await harness.service.refreshDay(DAY);
    const proposal = await harness.service.proposeRebook({ appointmentIds: ['apt-b1', 'apt-b2'] });
    assert.deepEqual(proposal.rows.map((row) => place(row.proposal)), ['res-c 08:00 same-time', 'res-c 08:30 same-time']);
    const sends = sendPlan(proposal.rows, chosenSlots(proposal.rows, new Map()), new Set(['apt-b1', 'apt-b2']));
    assert.deepEqual(sends, [{ kind: 'bulk', resourceId: 'res-c', ids: ['apt-b1', 'apt-b2'] }]);
    const mark = (await harness.control.requests()).next;
    const receipt = harness.service.moveAppointmentsToResource({ ids: ['apt-b1', 'apt-b2'], resourceId: 'res-c' });
    assert.equal((await harness.finalStatus(receipt.changeId)).status, 'applied');
    const writes = (await harness.control.requests(mark)).requests.filter((r) => r.method !== 'GET');
    assert.equal(writes.length, 1, 'one bulk request');
    const leyr = await sandboxAppointments(harness.control);
    assert.deepEqual([leyr.get('apt-b1')?.resource_id, leyr.get('apt-b2')?.resource_id], ['res-c', 'res-c']);
  });

  it('appointments that have started get no proposal, the row says so; nothing is asked of Leyr', async () => {
    // At 11:45 every one of Dr. Bo Lind's appointments has started.
    const harness = await open('2026-03-23T11:45:00+01:00');
    const before = harness.sent.length;
    const proposal = await harness.service.proposeRebook({ appointmentIds: DR_BO_LIND });
    assert.deepEqual(harness.sent.slice(before), []);
    assert.deepEqual(proposal.rows.map((row) => [row.appointment.id, row.started, row.proposal, row.alternatives.length]), DR_BO_LIND.map((id) => [id, true, null, 0]));
  });

  it('an earlier day the store does not hold beats a later one it holds fresh: D+1 is asked of Leyr and proposed', async () => {
    const now = Date.parse('2026-03-23T07:00:00+01:00');
    const harness = await startHarness({ seedFile: DAY_CLINIC, service: { now: () => now, careUnitNow: () => now } });
    h = harness;
    // The day is full but for Dr. Bo Lind's own time: another desk books every other free slot.
    const fillers = await fillDay(harness.otherDesk, { range: { start: `${DAY}T00:00:00+01:00`, end: `${DAY}T23:59:00+01:00` }, spare: 'res-b', patientIds: ['pat-003', 'pat-004', 'pat-005'] });
    assert.ok(fillers > 0);
    const day = await harness.openFresh();
    assert.deepEqual(day.freeSlots.filter((slot) => slot.resourceId !== 'res-b'), [], 'nobody else has time on the day');
    // D+3 opened and fetched (held fresh); D+1 and D+2 never opened, though Leyr has free time on them.
    const d1 = '2026-03-24';
    const d3 = '2026-03-26';
    harness.service.openDay(d3);
    await harness.service.refreshDay(d3);
    assert.ok(harness.service.snapshot(d3).freeSlots.some((slot) => slot.resourceId !== 'res-b' && slot.serviceId === 'svc-30'), 'D+3 held with free time');
    for (const date of [d1, '2026-03-25']) {
      const free = await harness.otherDesk.listTimeslots({ start: `${date}T00:00:00+01:00`, end: `${date}T23:59:00+01:00`, healthcare_service_id: 'svc-30' });
      assert.ok(free.some((slot) => slot.resource_id !== 'res-b'), `${date} has free time in Leyr`);
    }

    const before = harness.sent.length;
    const proposal = await harness.service.proposeRebook({ appointmentIds: ['apt-b4'] });
    const row = proposal.rows[0];
    assert.equal(row?.proposal?.reason, 'later-day');
    assert.equal(row?.proposal?.date, d1, `the earliest day with free time, not the held ${d3}`);
    assert.notEqual(row?.proposal?.resourceId, 'res-b');
    // It came from Leyr: a timeslot request covering D+1.
    const asked = harness.sent.slice(before).filter((r) => r.method === 'GET' && r.path.includes('/timeslots'));
    assert.ok(
      asked.some((r) => {
        const query = new URL(r.path, 'http://x').searchParams;
        return Date.parse(query.get('start') ?? '') <= Date.parse(`${d1}T08:00:00+01:00`) && Date.parse(query.get('end') ?? '') >= Date.parse(`${d1}T12:00:00+01:00`);
      }),
      `Leyr was asked for ${d1}'s free time: ${JSON.stringify(harness.sent.slice(before).map((r) => r.path))}`,
    );
    await assertRealAndApart(harness, proposal);
  });

  it('a set spread over more than 31 days is refused in words, naming the earliest and the latest, without ids', async () => {
    const harness = await open('2026-03-23T07:00:00+01:00');
    harness.service.moveAppointment({ appointmentId: 'apt-c4', start: '2026-05-04T09:30:00+02:00', end: '2026-05-04T10:00:00+02:00', resourceId: 'res-c' });
    await assert.rejects(harness.service.proposeRebook({ appointmentIds: ['apt-b1', 'apt-c4'] }), (error: { code?: string; message: string; subject?: unknown }) => {
      assert.equal(error.code, 'REJECTED');
      assert.deepEqual(error.subject, { problem: 'too-far-apart', appointmentIds: ['apt-b1', 'apt-c4'] });
      assert.doesNotMatch(error.message, /apt-/);
      return true;
    });
  });

  it('an unknown appointment is refused without its id on screen', async () => {
    const harness = await open('2026-03-23T07:00:00+01:00');
    await assert.rejects(harness.service.proposeRebook({ appointmentIds: ['apt-b1', 'apt-nowhere'] }), (error: { code?: string; message: string; subject?: unknown }) => {
      assert.equal(error.code, 'NOT_FOUND');
      assert.deepEqual(error.subject, { problem: 'not-found', appointmentIds: ['apt-nowhere'] });
      assert.doesNotMatch(error.message, /apt-/);
      return true;
    });
  });
});

describe('a bulk move Leyr refuses whole', () => {
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('is pinned on the appointment that had no free slot; the others were held back by it', async () => {
    const harness = await open('2026-03-23T07:00:00+01:00');
    // Cilla Berg is free from 10:00: Bo Lind's 10:30 fits her, his 09:00 does not (her 09:00 is booked).
    const receipt = harness.service.moveAppointmentsToResource({ ids: ['apt-b3', 'apt-b4'], resourceId: 'res-c' });
    const final = await harness.finalStatus(receipt.changeId);
    assert.equal(final.status, 'refused');
    assert.equal(final.failure?.code, 'NO_TIMESLOTS_AVAILABLE');
    assert.deepEqual(final.failure?.blockers, ['apt-b3']);
    assert.match(final.failure?.reason ?? '', /No free slot at Sjuksköterska Cilla Berg for 09:00; Leyr moves all or none/);
    // Both appointments carry the failure, and with it who is to blame.
    const day = harness.service.snapshot(DAY);
    assert.deepEqual(day.appointments.find((a) => a.id === 'apt-b4')?.failed?.blockers, ['apt-b3']);
    const leyr = await sandboxAppointments(harness.control);
    assert.deepEqual([leyr.get('apt-b3')?.resource_id, leyr.get('apt-b4')?.resource_id], ['res-b', 'res-b'], 'Leyr moved none');
    // After a restart the store reads the failure back with its blockers.
    await harness.restart();
    assert.deepEqual(harness.service.listChanges().find((c) => c.changeId === receipt.changeId)?.failure?.blockers, ['apt-b3']);
  });
});
