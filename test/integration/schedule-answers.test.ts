// Leyr's answers checked, against the strict sandbox's answer faults over HTTP: items outside
// the asked day are not stored under it, unreadable items are skipped and counted in the
// day's snapshot, and appointments without `resource_id` still land in their columns (the
// day is listed per resource with Leyr's documented filter), with changes to them going
// through without false conflicts.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { booked, freeSlotFor, sameInstant } from '../support/day-picks.ts';
import { DAY, sandboxAppointments, startHarness, type Harness } from '../support/schedule-harness.ts';

let h: Harness;

/** Leyr's own appointments of the fixture day (Stockholm), by id, from the sandbox's state. */
async function leyrDay(): Promise<Map<string, { resource_id: string | null; start: string }>> {
  const all = await sandboxAppointments(h.control);
  const from = Date.parse(`${DAY}T00:00:00+01:00`);
  const to = from + 24 * 3_600_000;
  return new Map([...all].filter(([, a]) => Date.parse(a.start) >= from && Date.parse(a.start) < to));
}

describe('Leyr’s answers checked', () => {
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('always says how many of the day’s items could not be read: 0 when all could', async () => {
    const day = await h.openFresh();
    assert.equal(day.unreadable, 0);
    assert.equal(h.service.openDay('2026-03-30').unreadable, 0, 'a day never fetched');
  });

  it('stores nothing outside the asked day under it, though Leyr sends a day more on each side', async () => {
    await h.control.setFaults({ outOfRangeHours: 24 });
    const day = await h.openFresh();
    const leyr = await leyrDay();
    assert.deepEqual(new Set(day.appointments.map((a) => a.id)), new Set(leyr.keys()), 'exactly the day’s appointments');
    const from = Date.parse(`${DAY}T00:00:00+01:00`);
    assert.ok(day.freeSlots.length > 0);
    assert.ok(day.freeSlots.every((s) => Date.parse(s.start) >= from && Date.parse(s.end) <= from + 24 * 3_600_000), 'only the day’s free slots');
    assert.equal(day.unreadable, 0, 'out of range is not unreadable');
  });

  it('skips an unreadable appointment and an unreadable free slot, shows the rest, and counts them', async () => {
    await h.control.setFaults({ malformed: { list: 'appointments', index: 2, field: 'end' } });
    const first = await h.openFresh();
    assert.equal(first.appointments.length, 119, 'the rest of the day shows');
    assert.equal(first.unreadable, 1);
    await h.control.setFaults({ malformed: { list: 'timeslots', index: 0, field: 'start', value: 'soon' } });
    const second = await h.service.refreshDay(DAY);
    assert.equal(second.appointments.length, 120);
    assert.equal(second.unreadable, 1, 'the count is the last fetch’s');
    await h.control.clearFaults();
    assert.equal((await h.service.refreshDay(DAY)).unreadable, 0);
  });

  it('places appointments Leyr sends without resource_id in their columns, by listing per resource', async () => {
    await h.control.setFaults({ omitFields: ['resource_id'] });
    const since = (await h.control.requests()).next;
    const day = await h.openFresh();
    const leyr = await leyrDay();
    assert.equal(day.appointments.length, leyr.size);
    for (const appointment of day.appointments) assert.equal(appointment.resourceId, leyr.get(appointment.id)?.resource_id, appointment.id);
    const perResource = (await h.control.requests(since)).requests.filter((r) => r.method === 'GET' && /\/appointments\?.*resource_id=/.test(r.path));
    assert.equal(new Set(perResource.map((r) => new URL(r.path, 'http://x').searchParams.get('resource_id'))).size, day.resources.length, 'one listing per resource, with Leyr’s filter');

    // Changes to them go through, checked against Leyr without false conflicts.
    const [toMove, toCancel] = booked(day);
    assert.ok(toMove && toCancel);
    const slot = freeSlotFor(day, toMove);
    assert.ok(slot);
    const move = h.service.moveAppointment({ appointmentId: toMove.id, start: slot.start, end: slot.end });
    assert.equal((await h.finalStatus(move.changeId)).status, 'applied');
    const cancel = h.service.cancelAppointments({ ids: [toCancel.id], reason: 'Sjuk' });
    assert.equal((await h.finalStatus(cancel.changeId)).status, 'applied');
    const after = await h.service.refreshDay(DAY);
    const moved = after.appointments.find((a) => a.id === toMove.id);
    assert.ok(moved && sameInstant(moved.start, slot.start));
    assert.equal(moved.resourceId, toMove.resourceId, 'still in its column');
    const cancelled = after.appointments.find((a) => a.id === toCancel.id);
    assert.deepEqual([cancelled?.status, cancelled?.resourceId], ['cancelled', toCancel.resourceId]);
  });
});
