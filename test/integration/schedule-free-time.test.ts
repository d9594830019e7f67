// "When is the first free time?" against the sandbox over HTTP: windows of at most 31 days
// per timeslots request, searching on past the first window for a sparse service, morning
// and afternoon, the order and the distinct starts, "More", the cache (no Leyr request for a
// repeat or a narrower question; forgotten after this app books), and Leyr out of reach.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { toAppError } from '../../main/leyr/errors.ts';
import type { FreeTimeAnswer } from '../../preload/contract/index.ts';
import { FREE_CLINIC, writeFreeTimeClinic } from '../support/free-time-clinic.ts';
import { sandboxAppointments, startHarness, type Harness } from '../support/schedule-harness.ts';

const ZONE = 'Europe/Stockholm';
const DAY_MS = 86_400_000;
let h: Harness;
/** The schedule's clock: real time plus this (the cache's age is moved by it). */
let shift = 0;

const today = (): string => DateTime.fromMillis(Date.now() + shift, { zone: ZONE }).toISODate() ?? '';
const local = (iso: string): DateTime => DateTime.fromISO(iso, { setZone: true }).setZone(ZONE);

/** The timeslots requests Leyr received since `mark`, with the days each covered. */
async function timeslotRequests(mark: number): Promise<{ days: number; query: URLSearchParams }[]> {
  const { requests } = await h.control.requests(mark);
  return requests
    .filter((r) => r.method === 'GET' && r.path.includes('/timeslots'))
    .map((r) => {
      const query = new URL(r.path, 'http://x').searchParams;
      const days = (Date.parse(query.get('end') ?? '') - Date.parse(query.get('start') ?? '')) / DAY_MS;
      return { days, query };
    });
}
const mark = async (): Promise<number> => (await h.control.requests(0)).next;

function assertOrdered(answer: FreeTimeAnswer, names: Record<string, string>): void {
  const keys = answer.slots.map((s) => `${s.resourceId}@${Date.parse(s.start)}`);
  assert.equal(new Set(keys).size, keys.length, 'distinct starts per resource');
  for (let i = 1; i < answer.slots.length; i += 1) {
    const a = answer.slots[i - 1]!;
    const b = answer.slots[i]!;
    const order = Date.parse(a.start) - Date.parse(b.start) || (names[a.resourceId] ?? '').localeCompare(names[b.resourceId] ?? '');
    assert.ok(order < 0, `sorted by time then name: ${a.start} ${a.resourceId} before ${b.start} ${b.resourceId}`);
  }
}

describe('the first free time, against the sandbox', () => {
  beforeEach(async () => {
    shift = 0;
    h = await startHarness({ seedFile: writeFreeTimeClinic(), service: { now: () => Date.now() + shift, careUnitNow: () => Date.now() + shift, freeTimeMaxAgeMs: 60_000 } });
    // The catalog (resource names, the care unit's zone), as the window has it when the panel opens.
    await h.service.refreshDay(today());
  });
  afterEach(async () => {
    await h.close();
  });

  it('searches a sparse service window after window, each request at most 31 days', async () => {
    const since = await mark();
    const answer = await h.service.findFreeTimes({ serviceId: FREE_CLINIC.long, from: today(), partOfDay: 'any', count: 10 });
    assert.equal(answer.slots.length, 10);
    assert.equal(answer.source, 'leyr');
    // Wednesdays 08:00 only: ten of them lie more than four weeks out.
    for (const slot of answer.slots) {
      assert.equal(slot.resourceId, FREE_CLINIC.sara);
      assert.equal(local(slot.start).weekday, 3);
      assert.equal(local(slot.start).toFormat('HH:mm'), '08:00');
      assert.equal(slot.serviceId, FREE_CLINIC.long);
      assert.ok(Date.parse(slot.start) >= Date.now(), 'never a time already past');
    }
    const requests = await timeslotRequests(since);
    assert.ok(requests.length >= 3, `ten weekly slots need three four-week windows, got ${requests.length} requests`);
    for (const r of requests) {
      assert.ok(r.days <= 31 && r.days > 0, `a request covers ${r.days} days`);
      assert.equal(r.query.get('healthcare_service_id'), FREE_CLINIC.long);
    }
    assert.ok(answer.searchedUntil > DateTime.fromISO(today()).plus({ days: 56 }).toISODate()!, 'searched past two windows');
    assert.equal(answer.more, true);
    // "More" goes on after the last one, without repeating it.
    const last = answer.slots.at(-1)!;
    const more = await h.service.findFreeTimes({ serviceId: FREE_CLINIC.long, from: today(), partOfDay: 'any', count: 10, after: { start: last.start, resourceId: last.resourceId } });
    assert.equal(more.slots.length, 10);
    assert.ok(Date.parse(more.slots[0]!.start) > Date.parse(last.start));
  });

  it('keeps to the morning or the afternoon, and lists distinct starts by time then name', async () => {
    const names = { [FREE_CLINIC.anna]: 'Dr. Anna Ek', [FREE_CLINIC.bo]: 'Dr. Bo Lind', [FREE_CLINIC.sara]: 'Dr. Sara Gles' };
    const morning = await h.service.findFreeTimes({ serviceId: FREE_CLINIC.short, from: today(), partOfDay: 'morning', count: 40 });
    assert.equal(morning.slots.length, 40);
    for (const slot of morning.slots) assert.ok(local(slot.start).hour < 12, `${slot.start} is a morning`);
    assertOrdered(morning, names);
    // Both doctors at the same start: Anna before Bo, whatever order Leyr lists them in.
    const shared = morning.slots.filter((s) => s.start === morning.slots[0]!.start).map((s) => s.resourceId);
    if (shared.length > 1) assert.deepEqual(shared.slice(0, 2), [FREE_CLINIC.anna, FREE_CLINIC.bo]);

    const afternoon = await h.service.findFreeTimes({ serviceId: FREE_CLINIC.short, resourceIds: [FREE_CLINIC.bo], from: today(), partOfDay: 'afternoon', count: 20 });
    assert.equal(afternoon.slots.length, 20);
    for (const slot of afternoon.slots) {
      assert.ok(local(slot.start).hour >= 12, `${slot.start} is an afternoon`);
      assert.equal(slot.resourceId, FREE_CLINIC.bo);
      assert.ok(Date.parse(slot.start) >= Date.now());
    }
    assertOrdered(afternoon, names);
    // 30-minute slots start every 15 minutes: each start once.
    const starts = afternoon.slots.map((s) => local(s.start).toFormat('yyyy-MM-dd HH:mm'));
    assert.equal(new Set(starts).size, starts.length);
  });

  it('answers a repeat or a narrower question from the cache, and asks Leyr again once it expired', async () => {
    const first = await h.service.findFreeTimes({ serviceId: FREE_CLINIC.short, from: today(), partOfDay: 'any', count: 10 });
    assert.equal(first.source, 'leyr');
    const since = await mark();
    const repeat = await h.service.findFreeTimes({ serviceId: FREE_CLINIC.short, from: today(), partOfDay: 'any', count: 10 });
    assert.deepEqual(repeat.slots, first.slots);
    assert.equal(repeat.source, 'cache');
    const narrower = await h.service.findFreeTimes({ serviceId: FREE_CLINIC.short, resourceIds: [FREE_CLINIC.bo], from: today(), partOfDay: 'afternoon', count: 3 });
    assert.equal(narrower.source, 'cache');
    assert.equal(narrower.slots.length, 3);
    assert.deepEqual(await timeslotRequests(since), [], 'no timeslots request for a repeat or a narrower question');

    shift += 2 * 60_000;
    const later = await h.service.findFreeTimes({ serviceId: FREE_CLINIC.short, from: today(), partOfDay: 'any', count: 10 });
    assert.equal(later.source, 'leyr');
    assert.ok((await timeslotRequests(since)).length > 0, 'an expired answer is asked again');
  });

  it('forgets a day once this app books on it: the booked time is not offered again', async () => {
    const question = { serviceId: FREE_CLINIC.short, resourceIds: [FREE_CLINIC.anna], from: today(), partOfDay: 'any' as const, count: 5 };
    const before = await h.service.findFreeTimes(question);
    const chosen = before.slots[0]!;
    await h.service.searchPatients({ query: 'Tolvan' });
    const receipt = h.service.bookAppointment({ patientId: FREE_CLINIC.patient, resourceId: chosen.resourceId, serviceId: FREE_CLINIC.short, start: chosen.start, end: chosen.end });
    const status = await h.finalStatus(receipt.changeId);
    assert.equal(status.status, 'applied');
    const inLeyr = [...(await sandboxAppointments(h.control)).values()].find((a) => a.resource_id === FREE_CLINIC.anna && Date.parse(a.start) === Date.parse(chosen.start));
    assert.ok(inLeyr !== undefined, 'the booking reached the sandbox');

    const since = await mark();
    const after = await h.service.findFreeTimes(question);
    assert.equal(after.source, 'leyr', 'the booked day is asked of Leyr again');
    assert.ok((await timeslotRequests(since)).length > 0);
    assert.ok(!after.slots.some((s) => Date.parse(s.start) === Date.parse(chosen.start)), 'the booked time is gone');
  });

  it('answers what it last saw when Leyr cannot be reached, and a clear error when it saw nothing', async () => {
    await h.control.setFaults({ offline: true });
    // Days never fetched (the day view fetched only today): nothing to show, so the failure says why.
    const unseen = DateTime.fromISO(today()).plus({ days: 60 }).toISODate()!;
    await assert.rejects(h.service.findFreeTimes({ serviceId: FREE_CLINIC.long, from: unseen, partOfDay: 'any', count: 3 }), (error: Error) => {
      assert.equal(toAppError(error).code, 'NETWORK');
      return true;
    });
    await h.control.clearFaults();
    const seen = await h.service.findFreeTimes({ serviceId: FREE_CLINIC.short, from: today(), partOfDay: 'any', count: 5 });
    shift += 5 * 60_000;
    await h.control.setFaults({ offline: true });
    const offline = await h.service.findFreeTimes({ serviceId: FREE_CLINIC.short, from: today(), partOfDay: 'any', count: 5 });
    assert.equal(offline.source, 'store');
    assert.equal(offline.more, false);
    assert.ok(offline.slots.length > 0);
    assert.ok(offline.slots.every((s) => seen.slots.some((t) => t.start === s.start && t.resourceId === s.resourceId) || Date.parse(s.start) > Date.parse(seen.slots.at(-1)!.start)));
  });
});
