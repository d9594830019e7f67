// The week's lens moves times between a real day and the shown day by wall clock, with plain
// arithmetic (week-compose.ts says why). It must land where luxon's `set({year, month, day})`
// does, across the clocks' changes too: checked here against luxon itself, quarter hour by
// quarter hour over weeks with a change, in zones that change by an hour, by half an hour, and
// not at all, for times written with an offset and in UTC.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import type { AppointmentView } from '../../../preload/contract/index.ts';
import { formatDayLabel } from '../../../renderer/i18n/format.ts';
import { columnId, composeWeek, weekMapping } from '../../../renderer/week/week-compose.ts';

const view = (start: string, end: string, resourceId = 'r1'): AppointmentView =>
  ({ id: 'a', resourceId, start, end, status: 'booked', pending: false }) as unknown as AppointmentView;

const byLuxon = (iso: string, date: string, zone: string): string => {
  const [year, month, day] = date.split('-').map(Number);
  return DateTime.fromISO(iso, { zone }).set({ year, month, day }).toISO() ?? '';
};

/** The same instant, written with the same wall clock (luxon writes UTC's offset as "Z"). */
const sameTime = (actual: string, expected: string, what: string): void => {
  assert.equal(Date.parse(actual), Date.parse(expected), what);
  assert.equal(actual.slice(0, 23), expected.slice(0, 23), what);
};

const CASES = [
  // Sweden into summer time (29 March 2026) and out of it (25 October 2026).
  { zone: 'Europe/Stockholm', dates: ['2026-03-23', '2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26'], shown: '2027-03-29' },
  { zone: 'Europe/Oslo', dates: ['2026-10-19', '2026-10-25'], shown: '2027-03-28' },
  // Half an hour (Lord Howe Island) and none at all (UTC).
  { zone: 'Australia/Lord_Howe', dates: ['2026-10-04', '2026-04-05'], shown: '2027-10-03' },
  { zone: 'UTC', dates: ['2026-03-23'], shown: '2027-03-29' },
];

describe('the week’s lens', () => {
  for (const { zone, dates, shown } of CASES) {
    it(`moves every quarter hour of a day onto the shown day as luxon would (${zone})`, () => {
      for (const date of dates) {
        const mapping = weekMapping(shown, zone, ['r1'], [date]);
        const midnight = DateTime.fromISO(date, { zone }).toMillis();
        for (let quarter = 0; quarter < 24 * 4 + 4; quarter += 1) {
          const instant = DateTime.fromMillis(midnight + quarter * 15 * 60_000, { zone });
          if (instant.toISODate() !== date) continue;
          for (const iso of [instant.toISO() ?? '', instant.toUTC().toISO() ?? '']) {
            const moved = mapping.toShown(view(iso, iso));
            assert.ok(moved, `${iso} is in the week`);
            sameTime(moved.start, byLuxon(iso, shown, zone), `${iso} → ${shown}`);
            assert.equal(moved.resourceId, columnId('r1', date));
            // And back: the real day's time from the shown one, as an ISO string and as a place.
            const back = mapping.toReal(moved);
            sameTime(back.start, byLuxon(moved.start, date, zone), `${moved.start} → ${date}`);
            const place = mapping.toRealPlace({ resourceId: columnId('r1', date), startMs: Date.parse(moved.start), endMs: Date.parse(moved.end) });
            assert.equal(place.startMs, Date.parse(byLuxon(moved.start, date, zone)));
            assert.equal(place.resourceId, 'r1');
          }
        }
      }
    });
  }

  it('leaves out what is not on the week’s days or not of its resources', () => {
    const mapping = weekMapping('2027-03-29', 'Europe/Stockholm', ['r1'], ['2026-03-23']);
    assert.equal(mapping.toShown(view('2026-03-24T10:00:00+01:00', '2026-03-24T10:30:00+01:00')), null, 'another day');
    assert.equal(mapping.toShown(view('2026-03-23T10:00:00+01:00', '2026-03-23T10:30:00+01:00', 'r2')), null, 'another resource');
    // 23:30 UTC on the 22nd is 00:30 on the 23rd in Stockholm: the care unit's day decides.
    assert.ok(mapping.toShown(view('2026-03-22T23:30:00Z', '2026-03-23T00:00:00Z')));
  });

  it('composes the days into one with a column per day and resource, each day’s past free time left out', () => {
    const day = (date: string) => ({
      date,
      careUnit: { id: 'cu', name: 'Cu', timeZone: 'Europe/Stockholm' },
      resources: [{ id: 'r1', name: 'Dr One' }, { id: 'r2', name: 'Dr Two' }],
      services: [],
      appointments: [view(`${date}T09:00:00+01:00`, `${date}T09:30:00+01:00`), view(`${date}T09:00:00+01:00`, `${date}T09:30:00+01:00`, 'r2')],
      freeSlots: [{ resourceId: 'r1', serviceId: null, start: `${date}T10:00:00+01:00`, end: `${date}T10:30:00+01:00` }],
      fetchedAt: `${date}T06:00:00Z`,
      stale: false,
      pendingCount: 0,
      unreadable: 0,
      changedElsewhere: [],
    });
    const dates = ['2026-03-23', '2026-03-24'];
    const composed = composeWeek({
      dates,
      days: new Map(dates.map((d) => [d, day(d)])) as never,
      resourceIds: ['r1'],
      today: '2026-03-23',
      nowMs: Date.parse('2026-03-23T12:00:00+01:00'),
      allowPast: false,
      dayLabel: (d) => d.slice(5),
    });
    assert.ok(composed);
    const { snapshot } = composed;
    assert.equal(snapshot.date, '2026-03-30', 'a date after today: nothing on the shared axis has passed');
    assert.deepEqual(snapshot.resources.map((r) => r.id), ['r1@2026-03-23', 'r1@2026-03-24']);
    assert.deepEqual(snapshot.appointments.map((a) => [a.resourceId, a.start]), [
      ['r1@2026-03-23', '2026-03-30T09:00:00.000+02:00'],
      ['r1@2026-03-24', '2026-03-30T09:00:00.000+02:00'],
    ]);
    assert.deepEqual(snapshot.freeSlots.map((f) => f.resourceId), ['r1@2026-03-24'], 'Monday 10:00 has passed at noon');
  });

  it('moves sideways to the same resource’s day before or after, and nowhere past the week', () => {
    const mapping = weekMapping('2027-03-29', 'Europe/Stockholm', ['r1', 'r2'], ['2026-03-23', '2026-03-24', '2026-03-25']);
    assert.equal(mapping.sideways('r2@2026-03-23', 1), 'r2@2026-03-24');
    assert.equal(mapping.sideways('r2@2026-03-24', -1), 'r2@2026-03-23');
    assert.equal(mapping.sideways('r1@2026-03-25', 1), null);
    assert.equal(mapping.sideways('r1@2026-03-23', -1), null);
  });

  it('heads each column with its day, short, in the window’s language', () => {
    assert.equal(formatDayLabel('2026-03-24', 'en'), 'Tue 24/3');
    assert.equal(formatDayLabel('2026-03-24', 'sv'), 'tis 24/3');
    assert.equal(formatDayLabel('2026-12-07', 'en'), 'Mon 7/12');
  });
});
