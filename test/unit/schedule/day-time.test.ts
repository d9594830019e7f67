import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateOf, dayRange, nextWorkingDays, toZoneIso, todayIn, wallClock } from '../../../main/schedule/common/day-time.ts';

const ZONE = 'Europe/Stockholm';
const hours = (date: string): number => {
  const range = dayRange(date, ZONE);
  return (range.endMs - range.startMs) / 3_600_000;
};

describe('day time in the care unit’s zone', () => {
  it('makes a day run from local midnight to local midnight, with the zone’s offsets', () => {
    assert.deepEqual(
      { start: dayRange('2026-03-23', ZONE).start, end: dayRange('2026-03-23', ZONE).end },
      { start: '2026-03-23T00:00:00+01:00', end: '2026-03-24T00:00:00+01:00' },
    );
    assert.equal(hours('2026-03-23'), 24);
  });

  it('has 23 hours on the spring DST day and 25 on the autumn one', () => {
    assert.equal(hours('2026-03-29'), 23);
    assert.equal(dayRange('2026-03-29', ZONE).end, '2026-03-30T00:00:00+02:00');
    assert.equal(hours('2026-10-25'), 25);
  });

  it('puts an instant on its local date, also near midnight and across offsets', () => {
    assert.equal(dateOf('2026-03-23T23:30:00Z', ZONE), '2026-03-24');
    assert.equal(dateOf('2026-03-23T22:59:59Z', ZONE), '2026-03-23');
    assert.equal(dateOf('2026-03-24T00:15:00+01:00', ZONE), '2026-03-24');
    assert.throws(() => dateOf('not a time', ZONE), RangeError);
  });

  it('steps to working days by the calendar, skipping the weekend', () => {
    assert.deepEqual(nextWorkingDays('2026-03-26', 3), ['2026-03-27', '2026-03-30', '2026-03-31']);
    assert.deepEqual(nextWorkingDays('2026-03-28', 1), ['2026-03-30']);
    assert.deepEqual(nextWorkingDays('2026-03-23', 0), []);
  });

  it('writes instants with the zone’s offset and shows wall-clock times', () => {
    assert.equal(toZoneIso(Date.parse('2026-03-29T01:30:00Z'), ZONE), '2026-03-29T03:30:00+02:00');
    assert.equal(wallClock('2026-03-23T08:00:00Z', ZONE), '09:00');
    assert.equal(todayIn(ZONE, Date.parse('2026-03-23T23:30:00Z')), '2026-03-24');
  });
});
