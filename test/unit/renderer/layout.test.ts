import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { assignLanes, layoutDay, mergeIntervals, type LayoutAppointment } from '../../../renderer/day/model/layout.ts';
import { buildTimeAxis } from '../../../renderer/day/model/time-axis.ts';

const zone = 'Europe/Stockholm';
const ms = (iso: string): number => DateTime.fromISO(iso, { setZone: true }).toMillis();
const at = (hhmm: string, date = '2026-03-23', offset = '+01:00'): number => ms(`${date}T${hhmm}:00${offset}`);
const appt = (id: string, resourceId: string, start: string, end: string, cancelled = false): LayoutAppointment => ({ id, resourceId, startMs: at(start), endMs: at(end), cancelled });

describe('overlap lanes', () => {
  it('puts non-overlapping appointments in one full-width lane, back to back included', () => {
    const lanes = assignLanes([
      { startMs: 0, endMs: 10 },
      { startMs: 10, endMs: 20 },
      { startMs: 30, endMs: 40 },
    ]);
    assert.deepEqual(lanes, [
      { lane: 0, lanes: 1 },
      { lane: 0, lanes: 1 },
      { lane: 0, lanes: 1 },
    ]);
  });

  it('sets overlapping appointments side by side, and a chain shares one lane count', () => {
    // A overlaps B, B overlaps C, A and C do not overlap: C reuses A's lane; all three use 2 lanes.
    const lanes = assignLanes([
      { startMs: 0, endMs: 30 },
      { startMs: 15, endMs: 45 },
      { startMs: 30, endMs: 60 },
      { startMs: 100, endMs: 110 },
    ]);
    assert.deepEqual(lanes, [
      { lane: 0, lanes: 2 },
      { lane: 1, lanes: 2 },
      { lane: 0, lanes: 2 },
      { lane: 0, lanes: 1 },
    ]);
  });

  it('gives three appointments at the same time three lanes', () => {
    const lanes = assignLanes([
      { startMs: 0, endMs: 30 },
      { startMs: 0, endMs: 30 },
      { startMs: 0, endMs: 15 },
    ]);
    assert.deepEqual(lanes.map((l) => l.lane), [0, 1, 2]);
    assert.ok(lanes.every((l) => l.lanes === 3));
  });

  it('never lets two overlapping appointments share a lane, and every lane is below the count (property)', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 60 })).map(([start, length]) => ({ startMs: start, endMs: start + length }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 40 }), (intervals) => {
        const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs);
        const lanes = assignLanes(sorted);
        for (let i = 0; i < sorted.length; i += 1) {
          assert.ok(lanes[i]!.lane < lanes[i]!.lanes);
          for (let j = i + 1; j < sorted.length; j += 1) {
            const overlap = sorted[i]!.startMs < sorted[j]!.endMs && sorted[j]!.startMs < sorted[i]!.endMs;
            if (overlap) {
              assert.notEqual(lanes[i]!.lane, lanes[j]!.lane);
              assert.equal(lanes[i]!.lanes, lanes[j]!.lanes, 'overlapping blocks share a width');
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('free-time bands', () => {
  it('merges overlapping and touching slots into one band each', () => {
    assert.deepEqual(
      mergeIntervals([
        { startMs: 30, endMs: 60 },
        { startMs: 0, endMs: 30 },
        { startMs: 15, endMs: 45 },
        { startMs: 90, endMs: 120 },
        { startMs: 100, endMs: 100 },
      ]),
      [
        { startMs: 0, endMs: 60 },
        { startMs: 90, endMs: 120 },
      ],
    );
  });
});

describe('day layout', () => {
  const axis = buildTimeAxis({ date: '2026-03-23', zone, intervals: [{ startMs: at('08:00'), endMs: at('17:00') }] });

  it('places blocks by minutes from the axis start, per resource, with lanes', () => {
    const layout = layoutDay({
      axis,
      resourceIds: ['r1', 'r2'],
      appointments: [appt('a', 'r1', '09:00', '09:30'), appt('b', 'r1', '09:15', '09:45'), appt('c', 'r2', '08:00', '08:15'), appt('x', 'unknown', '10:00', '10:15')],
      freeSlots: [
        { resourceId: 'r1', startMs: at('10:00'), endMs: at('10:30') },
        { resourceId: 'r1', startMs: at('10:15'), endMs: at('10:45') },
        { resourceId: 'r1', startMs: at('13:00'), endMs: at('13:15') },
      ],
      showCancelled: false,
    });
    assert.deepEqual(layout.blocks.get('a'), { id: 'a', resourceId: 'r1', startMs: at('09:00'), endMs: at('09:30'), top: 60, height: 30, lane: 0, lanes: 2 });
    assert.equal(layout.blocks.get('b')!.lane, 1);
    assert.equal(layout.blocks.get('c')!.top, 0);
    assert.equal(layout.blocks.has('x'), false, 'an appointment of an unknown resource is not drawn');
    assert.deepEqual(layout.columns.get('r1')!.free.map((f) => [f.top, f.height]), [[120, 45], [300, 15]]);
    assert.deepEqual(layout.columns.get('r2')!.free, []);
  });

  it('hides cancelled appointments unless asked, and then gives them lanes too', () => {
    const appointments = [appt('a', 'r1', '09:00', '09:30'), appt('gone', 'r1', '09:00', '09:30', true)];
    const hidden = layoutDay({ axis, resourceIds: ['r1'], appointments, freeSlots: [], showCancelled: false });
    assert.deepEqual([...hidden.blocks.keys()], ['a']);
    assert.equal(hidden.blocks.get('a')!.lanes, 1);
    const shown = layoutDay({ axis, resourceIds: ['r1'], appointments, freeSlots: [], showCancelled: true });
    assert.deepEqual([...shown.blocks.keys()].sort(), ['a', 'gone']);
    assert.equal(shown.blocks.get('a')!.lanes, 2);
  });

  it('lays out a night shift through the repeated hour of 2026-10-25 at real lengths', () => {
    const d = '2026-10-25';
    const night = buildTimeAxis({ date: d, zone, intervals: [{ startMs: at('00:00', d, '+02:00'), endMs: at('06:00', d, '+01:00') }] });
    const layout = layoutDay({
      axis: night,
      resourceIds: ['n'],
      appointments: [
        { id: 'first-2', resourceId: 'n', startMs: at('02:00', d, '+02:00'), endMs: at('02:30', d, '+02:00'), cancelled: false },
        { id: 'second-2', resourceId: 'n', startMs: at('02:00', d, '+01:00'), endMs: at('02:30', d, '+01:00'), cancelled: false },
        { id: 'across', resourceId: 'n', startMs: at('02:30', d, '+02:00'), endMs: at('02:00', d, '+01:00'), cancelled: false },
      ],
      freeSlots: [],
      showCancelled: false,
    });
    assert.equal(layout.blocks.get('first-2')!.top, 120);
    assert.equal(layout.blocks.get('second-2')!.top, 180);
    // 02:30 CEST to 02:00 CET is 30 real minutes, although the wall clock went backwards.
    assert.equal(layout.blocks.get('across')!.height, 30);
    assert.ok([...layout.blocks.values()].every((b) => b.lanes === 1), 'the two 02:00s do not overlap');
  });

  it('lays out a night shift through the skipped hour of 2026-03-29 without a hole', () => {
    const d = '2026-03-29';
    const night = buildTimeAxis({ date: d, zone, intervals: [{ startMs: at('00:00', d), endMs: at('06:00', d, '+02:00') }] });
    const layout = layoutDay({
      axis: night,
      resourceIds: ['n'],
      appointments: [
        { id: 'before', resourceId: 'n', startMs: at('01:30', d), endMs: at('03:00', d, '+02:00'), cancelled: false },
        { id: 'after', resourceId: 'n', startMs: at('03:00', d, '+02:00'), endMs: at('03:30', d, '+02:00'), cancelled: false },
      ],
      freeSlots: [{ resourceId: 'n', startMs: at('01:45', d), endMs: at('03:15', d, '+02:00') }],
      showCancelled: false,
    });
    assert.equal(layout.blocks.get('before')!.height, 30, '01:30 CET to 03:00 CEST is half an hour');
    assert.equal(layout.blocks.get('after')!.top, 120);
    assert.deepEqual(layout.columns.get('n')!.free.map((f) => [f.top, f.height]), [[105, 30]]);
  });
});
