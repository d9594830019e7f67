import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { AxisError, buildTimeAxis, instantAt, isOnDay, minuteOf, nowMinute } from '../../../renderer/day/model/time-axis.ts';

const zone = 'Europe/Stockholm';
const ms = (iso: string): number => DateTime.fromISO(iso, { setZone: true }).toMillis();
const hourLabels = (axis: ReturnType<typeof buildTimeAxis>): string[] => axis.ticks.filter((t) => t.hour).map((t) => t.label);

describe('time axis', () => {
  it('spans the earliest to the latest working hour, floored and ceiled to whole hours', () => {
    const axis = buildTimeAxis({
      date: '2026-03-23',
      zone,
      intervals: [
        { startMs: ms('2026-03-23T08:15:00+01:00'), endMs: ms('2026-03-23T12:00:00+01:00') },
        { startMs: ms('2026-03-23T13:00:00+01:00'), endMs: ms('2026-03-23T16:45:00+01:00') },
      ],
    });
    assert.equal(axis.startMs, ms('2026-03-23T08:00:00+01:00'));
    assert.equal(axis.endMs, ms('2026-03-23T17:00:00+01:00'));
    assert.equal(axis.minutes, 9 * 60);
    assert.deepEqual(hourLabels(axis), ['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00']);
    assert.equal(axis.ticks.filter((t) => !t.hour).length, 9);
    assert.deepEqual(axis.offsetChanges, []);
    assert.ok(axis.ticks.every((t) => !t.repeated && !t.afterGap && !t.nextDay));
  });

  it('keeps an end that is already on the hour', () => {
    const axis = buildTimeAxis({ date: '2026-03-23', zone, intervals: [{ startMs: ms('2026-03-23T09:00:00+01:00'), endMs: ms('2026-03-23T10:00:00+01:00') }] });
    assert.equal(axis.minutes, 60);
  });

  it('shows 08–17 on an empty day, in the zone', () => {
    const axis = buildTimeAxis({ date: '2026-07-01', zone, intervals: [] });
    assert.equal(axis.startMs, ms('2026-07-01T08:00:00+02:00'));
    assert.equal(axis.endMs, ms('2026-07-01T17:00:00+02:00'));
  });

  it('on 2026-03-29 the wall clock skips 02:00–03:00: no room for it, 03:00 follows 01:30', () => {
    const axis = buildTimeAxis({
      date: '2026-03-29',
      zone,
      intervals: [{ startMs: ms('2026-03-29T00:00:00+01:00'), endMs: ms('2026-03-29T06:00:00+02:00') }],
    });
    assert.equal(axis.minutes, 5 * 60, 'six wall-clock hours, five real ones');
    assert.deepEqual(hourLabels(axis), ['00:00', '01:00', '03:00', '04:00', '05:00', '06:00']);
    assert.equal(axis.ticks.some((t) => t.label.startsWith('02:')), false);
    const three = axis.ticks.find((t) => t.label === '03:00')!;
    assert.equal(three.afterGap, true);
    assert.equal(three.minute, 120, '03:00 CEST is two real hours after midnight');
    assert.equal(three.offset, '+02:00');
    assert.deepEqual(
      axis.offsetChanges.map(({ direction, fromLabel, toLabel, offsetBefore, offsetAfter, minute }) => ({ direction, fromLabel, toLabel, offsetBefore, offsetAfter, minute })),
      [{ direction: 'forward', fromLabel: '02:00', toLabel: '03:00', offsetBefore: '+01:00', offsetAfter: '+02:00', minute: 120 }],
    );
    assert.equal(axis.day.endMs - axis.day.startMs, 23 * 3_600_000);
    // An appointment 01:30–03:30 wall clock lasts one real hour and is drawn one hour tall.
    const top = minuteOf(axis, ms('2026-03-29T01:30:00+01:00'));
    const bottom = minuteOf(axis, ms('2026-03-29T03:30:00+02:00'));
    assert.equal(bottom - top, 60);
  });

  it('on 2026-10-25 the wall clock repeats 02:00–03:00: drawn twice, once per offset', () => {
    const axis = buildTimeAxis({
      date: '2026-10-25',
      zone,
      intervals: [{ startMs: ms('2026-10-25T00:00:00+02:00'), endMs: ms('2026-10-25T06:00:00+01:00') }],
    });
    assert.equal(axis.minutes, 7 * 60, 'six wall-clock hours, seven real ones');
    assert.deepEqual(hourLabels(axis), ['00:00', '01:00', '02:00', '02:00', '03:00', '04:00', '05:00', '06:00']);
    const twos = axis.ticks.filter((t) => t.label === '02:00');
    assert.deepEqual(twos.map((t) => [t.offset, t.repeated, t.minute]), [['+02:00', false, 120], ['+01:00', true, 180]]);
    const halfPasts = axis.ticks.filter((t) => t.label === '02:30');
    assert.deepEqual(halfPasts.map((t) => t.repeated), [false, true]);
    assert.equal(axis.offsetChanges.length, 1);
    assert.equal(axis.offsetChanges[0]!.direction, 'back');
    assert.equal(axis.offsetChanges[0]!.fromLabel, '02:00');
    assert.equal(axis.offsetChanges[0]!.toLabel, '03:00');
    assert.equal(axis.offsetChanges[0]!.minute, 180);
    assert.equal(axis.day.endMs - axis.day.startMs, 25 * 3_600_000);
    // The two 02:15s are two different places on the axis, an hour apart.
    const first = minuteOf(axis, ms('2026-10-25T02:15:00+02:00'));
    const second = minuteOf(axis, ms('2026-10-25T02:15:00+01:00'));
    assert.equal(second - first, 60);
  });

  it('marks wall-clock times past midnight as the next day (a night shift)', () => {
    const axis = buildTimeAxis({
      date: '2026-03-23',
      zone,
      intervals: [{ startMs: ms('2026-03-23T20:00:00+01:00'), endMs: ms('2026-03-24T02:00:00+01:00') }],
    });
    assert.deepEqual(hourLabels(axis), ['20:00', '21:00', '22:00', '23:00', '00:00', '01:00', '02:00']);
    assert.deepEqual(axis.ticks.filter((t) => t.hour).map((t) => t.nextDay), [false, false, false, false, true, true, true]);
    assert.equal(isOnDay(axis, ms('2026-03-23T23:59:00+01:00')), true);
    assert.equal(isOnDay(axis, ms('2026-03-24T00:00:00+01:00')), false);
  });

  it('converts between instants and minutes both ways, and places now only on the axis', () => {
    const axis = buildTimeAxis({ date: '2026-03-23', zone, intervals: [{ startMs: ms('2026-03-23T08:00:00+01:00'), endMs: ms('2026-03-23T17:00:00+01:00') }] });
    assert.equal(instantAt(axis, minuteOf(axis, ms('2026-03-23T10:45:00+01:00'))), ms('2026-03-23T10:45:00+01:00'));
    assert.equal(nowMinute(axis, ms('2026-03-23T09:30:00+01:00')), 90);
    assert.equal(nowMinute(axis, ms('2026-03-23T07:59:00+01:00')), null);
    assert.equal(nowMinute(axis, ms('2026-03-24T09:00:00+01:00')), null);
  });

  it('refuses a date or zone it cannot read, with a clear error', () => {
    assert.throws(() => buildTimeAxis({ date: '2026-02-30', zone, intervals: [] }), AxisError);
    assert.throws(() => buildTimeAxis({ date: '2026-03-23', zone: 'Mars/Olympus', intervals: [] }), /Mars\/Olympus/);
  });

  it('ignores non-finite intervals instead of drawing an endless axis', () => {
    const axis = buildTimeAxis({ date: '2026-03-23', zone, intervals: [{ startMs: Number.NaN, endMs: 5 }] });
    assert.equal(axis.minutes, 9 * 60);
  });
});
