// The day arithmetic of the free-time search: requests of at most 31 days, gaps split runs,
// the first window's length by how many doctors, noon as the line between morning and
// afternoon in the care unit's zone (also across a change of offset), and the results' order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareKeys, daysBetween, firstWindowDays, inPartOfDay, runsOf } from '../../../main/schedule/free-time/search-days.ts';

describe('free-time search days', () => {
  it('splits days into runs of at most 31, and at every gap', () => {
    const days = daysBetween('2026-12-01', '2027-03-01');
    const runs = runsOf(days);
    assert.deepEqual(runs.map((r) => daysBetween(r.first, r.last).length), [31, 31, 29]);
    assert.equal(runs[0]!.first, '2026-12-01');
    assert.equal(runs.at(-1)!.last, '2027-03-01');
    assert.deepEqual(runsOf(['2026-12-01', '2026-12-02', '2026-12-05']), [
      { first: '2026-12-01', last: '2026-12-02' },
      { first: '2026-12-05', last: '2026-12-05' },
    ]);
  });

  it('makes the first window shorter for many doctors, never below a week nor above four', () => {
    assert.equal(firstWindowDays(1), 28);
    assert.equal(firstWindowDays(3), 28);
    assert.equal(firstWindowDays(20), 14);
    assert.equal(firstWindowDays(80), 7);
  });

  it('draws the line at noon in the zone, whatever the offset written', () => {
    assert.equal(inPartOfDay('2026-03-23T11:45:00+01:00', 'morning', 'Europe/Stockholm'), true);
    assert.equal(inPartOfDay('2026-03-23T12:00:00+01:00', 'morning', 'Europe/Stockholm'), false);
    assert.equal(inPartOfDay('2026-03-23T12:00:00+01:00', 'afternoon', 'Europe/Stockholm'), true);
    // 10:30Z is 12:30 in Stockholm's summer time.
    assert.equal(inPartOfDay('2026-06-01T10:30:00Z', 'afternoon', 'Europe/Stockholm'), true);
    assert.equal(inPartOfDay('2026-06-01T10:30:00Z', 'any', 'Europe/Stockholm'), true);
  });

  it('orders by time, then by name as a Swede sorts it, then by id', () => {
    const at = Date.parse('2026-03-23T09:00:00+01:00');
    const keys = [
      { startMs: at, name: 'Dr. Örjan Ås', resourceId: 'r1' },
      { startMs: at, name: 'Dr. Anna Ek', resourceId: 'r3' },
      { startMs: at - 900_000, name: 'Dr. Zed', resourceId: 'r9' },
      { startMs: at, name: 'Dr. Anna Ek', resourceId: 'r2' },
    ];
    assert.deepEqual(
      [...keys].sort(compareKeys).map((k) => k.resourceId),
      ['r9', 'r2', 'r3', 'r1'],
    );
  });
});
