// The week: openWeek answers each day's stored snapshot at once, then fetches every day of
// the week from Leyr (one after the other) and pushes it; while the week is shown, its days
// are all kept current (another desk's change on any of them shows on the next refresh),
// and opening a single day again stops refreshing the week's other days.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { addDays } from '../../main/schedule/common/day-time.ts';
import { booked } from '../support/day-picks.ts';
import { DAY, startHarness, type Harness } from '../support/schedule-harness.ts';

let h: Harness;

afterEach(async () => {
  await h.close();
});

const WEEK = [0, 1, 2, 3, 4].map((i) => addDays(DAY, i));

/** The dates (each listing's start) whose appointments the service asked Leyr for, from request `from` on. */
function listedDates(from: number): Set<string> {
  return new Set(h.sent.slice(from).flatMap((r) => (r.method === 'GET' && /\/appointments\?/.test(r.path) ? [/(\d{4}-\d{2}-\d{2})T/.exec(r.path)?.[1] ?? ''] : [])));
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) assert.fail('timed out');
    await sleep(20);
  }
}

describe('openWeek', () => {
  it('answers the stored days at once, then fetches and pushes every day of the week', async () => {
    h = await startHarness();
    const answer = h.service.openWeek({ from: DAY, days: 5 });
    assert.deepEqual(
      answer.days.map((d) => d.date),
      WEEK,
    );
    // Nothing stored yet: the answer is the stored copy, never fetched.
    assert.ok(answer.days.every((d) => d.fetchedAt === null));
    const fetched = await Promise.all(WEEK.map((date) => h.events.waitFor('day.snapshot', (s) => s.date === date && s.fetchedAt !== null)));
    assert.equal(fetched.length, 5);
    assert.ok(
      fetched.some((d) => d.appointments.length > 0),
      'the fixture has appointments in the week',
    );
    // One day after the other: no two listings of the week overlapped in time.
    const listings = h.sent.filter((r) => r.method === 'GET' && /\/appointments\?/.test(r.path));
    for (let i = 1; i < listings.length; i += 1) {
      const previous = listings[i - 1];
      const current = listings[i];
      if (previous === undefined || current === undefined || previous.answeredAt === null) continue;
      assert.ok(current.at >= previous.answeredAt, 'the week is fetched one day after the other');
    }
  });

  it('answers only the resources the week shows (the resource list whole, to choose from)', async () => {
    h = await startHarness();
    h.service.openWeek({ from: DAY, days: 5 });
    await Promise.all(WEEK.map((date) => h.events.waitFor('day.snapshot', (s) => s.date === date && s.fetchedAt !== null)));
    const whole = h.service.openWeek({ from: DAY, days: 5 });
    const all = whole.days[0]?.resources.map((r) => r.id) ?? [];
    assert.ok(all.length >= 2, 'the fixture has several resources');
    const chosen = all.slice(0, 1);
    assert.ok(
      whole.days.some((d) => d.appointments.some((a) => a.resourceId !== null && !chosen.includes(a.resourceId))),
      'other resources have appointments in the week',
    );
    const only = h.service.openWeek({ from: DAY, days: 5, resourceIds: chosen });
    for (const [i, day] of only.days.entries()) {
      assert.deepEqual(day.resources, whole.days[i]?.resources, 'every resource to choose from');
      assert.ok(day.appointments.every((a) => a.resourceId !== null && chosen.includes(a.resourceId)));
      assert.ok(day.freeSlots.every((slot) => chosen.includes(slot.resourceId)));
      assert.deepEqual(
        day.appointments.map((a) => a.id),
        (whole.days[i]?.appointments ?? []).filter((a) => a.resourceId !== null && chosen.includes(a.resourceId)).map((a) => a.id),
        'the chosen resource’s appointments, all of them',
      );
    }
    assert.ok(only.days.some((d) => d.appointments.length > 0), 'the chosen resource has appointments in the week');
  });

  it('keeps every day of the shown week current: another desk’s cancel on a later day shows after a refresh', async () => {
    h = await startHarness();
    h.service.openWeek({ from: DAY, days: 5 });
    const later = WEEK[3] ?? '';
    const days = await Promise.all(WEEK.map((date) => h.events.waitFor('day.snapshot', (s) => s.date === date && s.fetchedAt !== null)));
    const target = booked(days[3] ?? assert.fail('the later day')).at(0);
    assert.ok(target !== undefined, 'the later day has a booked appointment');
    await h.otherDesk.cancelAppointment(target.id, 'other desk');
    const before = h.events.of('day.snapshot').length;
    h.service.windowFocused();
    const seen = await h.events.waitFor('day.snapshot', (s) => s.date === later && s.appointments.some((a) => a.id === target.id && a.status === 'cancelled'));
    assert.equal(seen.date, later);
    assert.ok(h.events.of('day.snapshot').length > before);
  });

  it('opening a day leaves the week: a refresh then fetches that day only', async () => {
    h = await startHarness();
    h.service.openWeek({ from: DAY, days: 5 });
    await Promise.all(WEEK.map((date) => h.events.waitFor('day.snapshot', (s) => s.date === date && s.fetchedAt !== null)));
    const opened = h.sent.length;
    h.service.openDay(DAY);
    // The opened day's own refresh (it was stored, so it follows shortly).
    await until(() => listedDates(opened).has(DAY));
    await sleep(300);
    const from = h.sent.length;
    h.service.windowFocused();
    await until(() => listedDates(from).has(DAY));
    // Time for the week's other days to be asked for, were they still refreshed.
    await sleep(500);
    const dates = listedDates(from);
    assert.ok(dates.has(DAY), 'the open day is refreshed');
    for (const date of WEEK.slice(1)) assert.ok(!dates.has(date), `${date} is no longer refreshed`);
  });

  it('readWeek answers the same stored days and opens nothing: no day is fetched or pushed for it', async () => {
    h = await startHarness();
    h.service.openWeek({ from: DAY, days: 5 });
    await Promise.all(WEEK.map((date) => h.events.waitFor('day.snapshot', (s) => s.date === date && s.fetchedAt !== null)));
    // Back to one day: the week's other days are no longer shown.
    h.service.openDay(DAY);
    await sleep(300);
    const chosen = h.service.snapshot(DAY).resources.slice(0, 1).map((r) => r.id);
    const from = h.sent.length;
    const pushes = h.events.of('day.snapshot').length;
    const read = h.service.readWeek({ from: DAY, days: 5, resourceIds: chosen });
    const opened = h.service.openWeek({ from: DAY, days: 5, resourceIds: chosen });
    assert.deepEqual(
      read.days.map((d) => [d.date, d.appointments.map((a) => a.id), d.freeSlots.length]),
      opened.days.map((d) => [d.date, d.appointments.map((a) => a.id), d.freeSlots.length]),
      'the same days as openWeek answers from the store',
    );
    assert.ok(read.days.every((d) => d.appointments.every((a) => a.resourceId !== null && chosen.includes(a.resourceId))));
    // A week only read (the next one) is neither fetched nor pushed.
    const nextWeek = WEEK.map((d) => addDays(d, 7));
    h.service.openDay(DAY);
    const readOnly = h.service.readWeek({ from: nextWeek[0] ?? '', days: 5 });
    assert.deepEqual(readOnly.days.map((d) => d.date), nextWeek);
    await sleep(500);
    for (const date of nextWeek) assert.ok(!listedDates(from).has(date), `${date} was not fetched`);
    assert.ok(h.events.of('day.snapshot').slice(pushes).every((s) => !nextWeek.includes(s.date)), 'nothing was pushed for the week only read');
  });
});
