import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isFree, isSlotOf, shiftPeriods, slotsInPeriods, type Interval } from '../../../main/sandbox/slots.ts';
import { formatInstant } from '../../../main/sandbox/time.ts';
import { at, MINI_DAY, miniSeed, openMini, type SandboxHttp, type WireAppointment } from '../../support/sandbox-http.ts';

const ZONE = 'Europe/Stockholm';
const seed = miniSeed();
const [r1Schedule, , nightSchedule] = seed.schedules;
const MINUTE = 60_000;
const s30 = [{ id: 's30', durationMs: 30 * MINUTE }];
const show = (periods: Interval[]): string[][] => periods.map((period) => [formatInstant(period.startMs, ZONE), formatInstant(period.endMs, ZONE)]);

describe('slot math', () => {
  it('splits a working day at its break', () => {
    assert.ok(r1Schedule);
    assert.deepEqual(show(shiftPeriods(r1Schedule, MINI_DAY, ZONE)), [
      [at('08:00'), at('10:00')],
      [at('10:15'), at('12:00')],
    ]);
    assert.deepEqual(shiftPeriods(r1Schedule, '2026-03-28', ZONE), [], 'no work on a Saturday');
  });

  it('puts a slot at every 15-minute mark where the whole service fits', () => {
    assert.ok(r1Schedule);
    const periods = shiftPeriods(r1Schedule, MINI_DAY, ZONE);
    const slots = slotsInPeriods(periods, [{ id: 's15', durationMs: 15 * MINUTE }, ...s30], 15, 'r1');
    const thirty = slots.filter((slot) => slot.serviceId === 's30').map((slot) => formatInstant(slot.startMs, ZONE));
    // 08:00..09:30 before the break (09:45 would end in it), 10:15..11:30 after.
    assert.equal(thirty.length, 7 + 6);
    assert.ok(thirty.includes(at('09:30')) && !thirty.includes(at('09:45')) && thirty.includes(at('10:15')) && !thirty.includes(at('11:45')));
    assert.equal(slots.filter((slot) => slot.serviceId === 's15').length, 8 + 7);
  });

  it('lists a slot once when two schedule entries cover the same hours', () => {
    assert.ok(r1Schedule);
    const periods = shiftPeriods(r1Schedule, MINI_DAY, ZONE);
    const once = slotsInPeriods(periods, s30, 15, 'r1');
    const twice = slotsInPeriods([...periods, ...periods], s30, 15, 'r1');
    assert.deepEqual(twice, once);
  });

  it('matches a slot exactly: length, period and 15-minute mark', () => {
    assert.ok(r1Schedule);
    const periods = shiftPeriods(r1Schedule, MINI_DAY, ZONE);
    const t = (clock: string): number => Date.parse(at(clock));
    assert.equal(isSlotOf(periods, t('10:15'), t('10:45'), 30 * MINUTE, 15), true);
    assert.equal(isSlotOf(periods, t('10:20'), t('10:50'), 30 * MINUTE, 15), false, 'off the marks');
    assert.equal(isSlotOf(periods, t('09:45'), t('10:15'), 30 * MINUTE, 15), false, 'across the break');
    assert.equal(isSlotOf(periods, t('10:15'), t('10:30'), 30 * MINUTE, 15), false, 'wrong length');
    assert.equal(isSlotOf(periods, t('07:45'), t('08:15'), 30 * MINUTE, 15), false, 'before work');
  });

  it('sees any overlap as busy, touching ends as free', () => {
    const busy = [{ startMs: 100, endMs: 200 }, { startMs: 300, endMs: 400 }];
    assert.equal(isFree(busy, { startMs: 200, endMs: 300 }), true);
    assert.equal(isFree(busy, { startMs: 150, endMs: 250 }), false);
    assert.equal(isFree(busy, { startMs: 0, endMs: 500 }), false);
    assert.equal(isFree(busy, { startMs: 400, endMs: 450 }), true);
  });

  describe('a night shift 22:00–06:00 across DST', () => {
    const night = (date: string): { periods: Interval[]; starts: string[] } => {
      assert.ok(nightSchedule);
      const periods = shiftPeriods(nightSchedule, date, ZONE);
      return { periods, starts: slotsInPeriods(periods, s30, 15, 'r3').map((slot) => formatInstant(slot.startMs, ZONE)) };
    };

    it('an ordinary night is 8 hours: 31 half-hour slots', () => {
      const { periods, starts } = night('2026-03-21');
      assert.deepEqual(show(periods), [['2026-03-21T22:00:00+01:00', '2026-03-22T06:00:00+01:00']]);
      assert.equal(starts.length, 31);
    });

    it('the spring night (2026-03-29) is 7 hours: 27 slots, none in the missing hour', () => {
      const { periods, starts } = night('2026-03-28');
      assert.deepEqual(show(periods), [['2026-03-28T22:00:00+01:00', '2026-03-29T06:00:00+02:00']]);
      assert.equal(starts.length, 27);
      const index = starts.indexOf('2026-03-29T01:45:00+01:00');
      assert.equal(starts[index + 1], '2026-03-29T03:00:00+02:00');
      assert.ok(!starts.some((start) => start.startsWith('2026-03-29T02:')));
      assert.equal(starts.at(-1), '2026-03-29T05:30:00+02:00');
    });

    it('the autumn night (2026-10-25) is 9 hours: 35 slots, the repeated hour twice', () => {
      const { periods, starts } = night('2026-10-24');
      assert.deepEqual(show(periods), [['2026-10-24T22:00:00+02:00', '2026-10-25T06:00:00+01:00']]);
      assert.equal(starts.length, 35);
      for (const clock of ['02:00', '02:15', '02:30', '02:45']) {
        assert.ok(starts.includes(`2026-10-25T${clock}:00+02:00`) && starts.includes(`2026-10-25T${clock}:00+01:00`), clock);
      }
      assert.equal(starts.indexOf('2026-10-25T02:45:00+02:00') + 1, starts.indexOf('2026-10-25T02:00:00+01:00'));
    });

    it('the nights after the changes are 8 hours again, in the new offset', () => {
      assert.deepEqual(show(night('2026-03-29').periods), [['2026-03-29T22:00:00+02:00', '2026-03-30T06:00:00+02:00']]);
      assert.deepEqual(show(night('2026-10-25').periods), [['2026-10-25T22:00:00+01:00', '2026-10-26T06:00:00+01:00']]);
    });
  });
});

describe('timeslots over HTTP on the DST nights', () => {
  let sandbox: SandboxHttp;
  before(async () => {
    sandbox = await openMini({ strict: true });
  });
  after(() => sandbox.close());

  const slots = async (start: string, end: string): Promise<{ start: string; end: string; resource_id: string; healthcare_service_id: string }[]> => {
    const answer = await sandbox.unit<{ start: string; end: string; resource_id: string; healthcare_service_id: string }[]>('GET', '/timeslots', {
      query: { start, end, resource_id: 'r3' },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };

  it('lists the spring night with the offsets in force and books across the jump', async () => {
    const night = await slots('2026-03-28T12:00:00+01:00', '2026-03-29T12:00:00+02:00');
    assert.equal(night.length, 27);
    const across = night.find((slot) => slot.start === '2026-03-29T01:45:00+01:00');
    assert.deepEqual(across, { start: '2026-03-29T01:45:00+01:00', end: '2026-03-29T03:15:00+02:00', resource_id: 'r3', healthcare_service_id: 's30' });
    // Asked in UTC, answered in Stockholm time.
    const booked = await sandbox.unit<WireAppointment[]>('POST', '/appointments', {
      body: { start: '2026-03-29T00:45:00Z', end: '2026-03-29T01:15:00Z', patient_id: 'p1', resource_id: 'r3' },
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.equal(booked.body[0]?.start, '2026-03-29T01:45:00+01:00');
    assert.equal(booked.body[0]?.end, '2026-03-29T03:15:00+02:00');
    const after = await slots('2026-03-28T12:00:00+01:00', '2026-03-29T12:00:00+02:00');
    // The booking takes its own slot and the slots overlapping it: 01:30, 01:45, 03:00.
    assert.equal(after.length, 24);
  });

  it('lists the autumn night with the repeated hour twice', async () => {
    const night = await slots('2026-10-24T12:00:00+02:00', '2026-10-25T12:00:00+01:00');
    assert.equal(night.length, 35);
    assert.equal(night.filter((slot) => slot.start.startsWith('2026-10-25T02:30:00')).length, 2);
  });

  it('lists a working day with its 15-minute marks', async () => {
    const day = await sandbox.unit<{ start: string; healthcare_service_id: string }[]>('GET', '/timeslots', {
      query: { start: at('00:00'), end: at('23:59'), resource_id: 'r1', healthcare_service_id: 's30' },
    });
    assert.equal(day.status, 200);
    // 13 half-hour slots minus those overlapping a1 08:00–08:30 and a2 08:30–08:45 (08:00, 08:15, 08:30).
    assert.equal(day.body.length, 10);
    assert.equal(day.body[0]?.start, at('08:45'));
    assert.ok(day.body.some((slot) => slot.start === at('09:00')), 'the cancelled a3 holds no slot');
  });
});
