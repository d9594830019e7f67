import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { buildSlotIndex, covered, type IndexSlot, type MovingAppointment } from '../../../renderer/day/model/slot-index.ts';

const at = (hhmm: string): number => DateTime.fromISO(`2026-03-23T${hhmm}:00+01:00`, { setZone: true }).toMillis();

/** Slots as the sandbox makes them: every 15 minutes where the whole service fits in free time. */
function slotsFor(resourceId: string, free: [string, string][], services: [string, number][]): IndexSlot[] {
  const slots: IndexSlot[] = [];
  for (const [from, to] of free) {
    for (const [serviceId, minutes] of services) {
      for (let start = at(from); start + minutes * 60_000 <= at(to); start += 15 * 60_000) {
        slots.push({ resourceId, serviceId, startMs: start, endMs: start + minutes * 60_000 });
      }
    }
  }
  return slots;
}

describe('slot index', () => {
  const services: [string, number][] = [
    ['svc-15', 15],
    ['svc-30', 30],
  ];
  // r1 is free 09:00–10:00 and 10:30–10:45 (busy 10:00–10:30 with the appointment we move).
  const index = buildSlotIndex([
    ...slotsFor('r1', [['09:00', '10:00'], ['10:30', '10:45']], services),
    ...slotsFor('r2', [['08:00', '12:00']], [['svc-15', 15]]),
  ]);
  const moving: MovingAppointment = { id: 'a', resourceId: 'r1', serviceId: 'svc-30', startMs: at('10:00'), endMs: at('10:30') };

  it('reads the slot grid off the slots', () => {
    assert.equal(index.gridMinutes, 15);
    assert.equal(buildSlotIndex([]).gridMinutes, 15);
  });

  it('finds an exact free slot, and only an exact one', () => {
    assert.equal(index.hasSlot('r1', 'svc-30', at('09:15'), at('09:45')), true);
    assert.equal(index.hasSlot('r1', 'svc-30', at('09:15'), at('09:30')), false);
    assert.equal(index.hasSlot('r1', 'svc-30', at('09:45'), at('10:15')), false);
    assert.equal(index.hasSlot('r2', 'svc-30', at('09:00'), at('09:30')), false);
  });

  it('accepts a move to a free slot of the right length on the same or another resource', () => {
    assert.deepEqual(index.checkMove(moving, 'r1', at('09:00')), { ok: true, startMs: at('09:00'), endMs: at('09:30'), resourceId: 'r1' });
  });

  it('refuses a move onto busy time, with the reason', () => {
    const busy = buildSlotIndex(slotsFor('r1', [['09:00', '09:30']], services));
    const check = busy.checkMove(moving, 'r1', at('08:00'));
    assert.equal(check.ok, false);
    assert.equal(!check.ok && check.reason, 'no_free_slot');
  });

  it('refuses a resource that has no free slot for the service', () => {
    const check = index.checkMove(moving, 'r2', at('09:00'));
    assert.equal(!check.ok && check.reason, 'service_not_offered');
  });

  it('refuses dropping an appointment where it already is', () => {
    const check = index.checkMove(moving, 'r1', at('10:00'));
    assert.equal(!check.ok && check.reason, 'unchanged');
  });

  it('counts the time the appointment leaves as free when it moves over its own old place', () => {
    // 10:15–10:45 = half its old place + the free 10:30–10:45.
    assert.equal(index.checkMove(moving, 'r1', at('10:15')).ok, true);
    // 09:45–10:15 = free 09:45–10:00 + its old place.
    assert.equal(index.checkMove(moving, 'r1', at('09:45')).ok, true);
    // 10:30–11:00 needs 10:45–11:00, which is not free.
    assert.equal(index.checkMove(moving, 'r1', at('10:30')).ok, false);
    // Off the slot grid.
    assert.equal(index.checkMove(moving, 'r1', at('10:05')).ok, false);
  });

  it('lists the slots starting in a stretch, in order', () => {
    const within = index.slotsWithin('r1', at('10:30'), at('11:00'));
    assert.deepEqual(within.map((s) => [s.serviceId, s.startMs === at('10:30')]), [['svc-15', true]]);
    assert.deepEqual(index.slotsWithin('nobody', 0, Number.MAX_SAFE_INTEGER), []);
  });

  it('checks coverage with a binary search over merged free time', () => {
    const free = [
      { startMs: 0, endMs: 10 },
      { startMs: 20, endMs: 40 },
    ];
    assert.equal(covered(free, 0, 10), true);
    assert.equal(covered(free, 25, 40), true);
    assert.equal(covered(free, 5, 25), false);
    assert.equal(covered(free, -5, 5), false);
    assert.equal(covered([], 0, 1), false);
    assert.deepEqual(index.freeTime('r1'), [
      { startMs: at('09:00'), endMs: at('10:00') },
      { startMs: at('10:30'), endMs: at('10:45') },
    ]);
  });
});
