// What has passed on the care unit's clock: which free time is still offered, and the
// window's copy of main's clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { careUnitNow, syncCareUnitClock } from '../../../renderer/common/care-unit-clock.ts';
import { layoutDay } from '../../../renderer/day/model/layout.ts';
import { hasPassed, offeredFrom, pastMinutes, withoutPastFree } from '../../../renderer/day/model/past.ts';
import { buildTimeAxis } from '../../../renderer/day/model/time-axis.ts';

const at = (hhmm: string): number => Date.parse(`2026-03-23T${hhmm}:00+01:00`);
const slot = (resourceId: string, from: string, to: string) => ({ resourceId, startMs: at(from), endMs: at(to) });
const slots = [slot('r1', '08:00', '09:00'), slot('r1', '10:00', '12:00'), slot('r2', '11:00', '12:00')];
const axis = buildTimeAxis({ date: '2026-03-23', zone: 'Europe/Stockholm', intervals: slots });
const layout = layoutDay({ axis, resourceIds: ['r1', 'r2'], appointments: [], freeSlots: slots, showCancelled: false });

describe('the past on the care unit’s clock', () => {
  it('offers free time from now rounded up to the slot grid on today; all of it on a day to come; none on a day gone', () => {
    assert.equal(offeredFrom(axis, at('10:10'), 15, false), at('10:15'));
    assert.equal(offeredFrom(axis, at('10:15'), 15, false), at('10:15'));
    assert.equal(offeredFrom(axis, at('00:00') - 1, 15, false), Number.NEGATIVE_INFINITY);
    assert.equal(offeredFrom(axis, at('23:59') + 120_000, 15, false), Number.POSITIVE_INFINITY);
    assert.equal(offeredFrom(axis, at('10:10'), 15, true), Number.NEGATIVE_INFINITY, 'the clinic allows changes in the past');
  });

  it('cuts the free time before it: gone before, a straddling band starting at it, untouched columns kept as they were', () => {
    const cut = withoutPastFree(layout, at('10:15'));
    const r1 = cut.columns.get('r1')?.free ?? [];
    assert.deepEqual(r1.map((band) => [band.startMs, band.endMs]), [[at('10:15'), at('12:00')]]);
    assert.equal(r1[0]?.top, 135, '10:15 is 135 minutes after the 08:00 axis start');
    assert.equal(r1[0]?.height, 105);
    assert.equal(cut.columns.get('r2'), layout.columns.get('r2'), 'a column with nothing cut keeps its object');
    assert.equal(withoutPastFree(layout, Number.NEGATIVE_INFINITY), layout);
    assert.deepEqual([...withoutPastFree(layout, Number.POSITIVE_INFINITY).columns.values()].map((column) => column.free.length), [0, 0]);
  });

  it('shades up to now, the whole axis once the day is over, nothing before it began', () => {
    assert.equal(pastMinutes(axis, at('09:30')), 90);
    assert.equal(pastMinutes(axis, at('23:00')), axis.minutes);
    assert.equal(pastMinutes(axis, at('07:00')), null);
    assert.equal(hasPassed(at('09:00'), at('09:01')), true);
    assert.equal(hasPassed(at('09:15'), at('09:01')), false);
  });

  it('follows main’s clock from a snapshot, ignoring the few seconds a snapshot takes on its way', () => {
    const local = Date.now();
    syncCareUnitClock(new Date(local + 2_000).toISOString(), local);
    assert.ok(Math.abs(careUnitNow() - Date.now()) < 50, 'two seconds apart: the same clock');
    syncCareUnitClock(new Date(at('10:10')).toISOString(), local);
    assert.ok(Math.abs(careUnitNow() - at('10:10')) < 1_000, 'a test clinic’s clock months away is followed');
    syncCareUnitClock(undefined);
    assert.ok(Math.abs(careUnitNow() - at('10:10')) < 1_000, 'a snapshot without a reading changes nothing');
    syncCareUnitClock(new Date(local).toISOString(), local);
    assert.ok(Math.abs(careUnitNow() - Date.now()) < 50);
  });
});
