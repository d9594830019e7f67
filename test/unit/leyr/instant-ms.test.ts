// instantMs reads Leyr's times on a fast path (Date.parse) when they carry an offset; it must
// read every time exactly as luxon does, invalid calendar dates and naive times included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { instantMs } from '../../../main/leyr/lists.ts';

const ZONE = 'Europe/Stockholm';
const byLuxon = (value: string): number => {
  const time = DateTime.fromISO(value, { zone: ZONE, setZone: false });
  return time.isValid ? time.toMillis() : Number.NaN;
};

describe('instantMs', () => {
  it('agrees with luxon on edge cases', () => {
    for (const value of [
      '2026-03-23T08:00:00+01:00',
      '2026-03-23T08:00+01:00',
      '2026-03-23T07:00:00Z',
      '2026-03-23T08:00:00.123-02:30',
      '2026-02-31T00:00:00Z', // no such day: Date.parse alone would roll it into March
      '2026-02-29T00:00:00Z',
      '2024-02-29T00:00:00Z',
      '2026-04-31T10:00:00+02:00',
      '2026-03-23T24:00:00Z',
      '2026-03-23T23:60:00Z',
      '2026-00-10T00:00:00Z',
      '2026-03-23T08:00:00+24:00',
      '2026-03-23T08:00:00', // naive: the care unit's zone
      '2026-03-29T02:30:00', // naive, in the spring-forward gap
      'soon',
    ]) {
      assert.ok(Object.is(instantMs(value, ZONE), byLuxon(value)), value);
    }
  });

  it('agrees with luxon on any time with an offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: -28, max: 28 }), fc.boolean(), (ms, halfHours, millis) => {
        const offset = halfHours * 30;
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, millis ? 23 : 19);
        const abs = Math.abs(offset);
        const value = `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        assert.equal(instantMs(value, ZONE), byLuxon(value), value);
      }),
    );
  });
});
