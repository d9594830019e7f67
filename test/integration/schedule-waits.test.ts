// Waits Leyr (or a gateway in front of it) asks for, honoured by the schedule service against
// the strict sandbox over HTTP, with the gaps measured at the client's HTTP layer:
// - a change that met 429/503 with Retry-After is not sent again (nor is anything else)
//   before that time; the header shows until when (ConnectivityStatus.waitUntil);
// - the patient-name fetcher pauses while the wait lasts and fetches the rest after it;
// - a change that met EMR_ERROR or UNKNOWN_ERROR keeps its reason visible while it waits.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ChangeView, ConnectivityStatus, DaySnapshot } from '../../preload/contract/index.ts';
import { booked, freeSlotFor, firstMovable } from '../support/day-picks.ts';
import { DAY, startHarness, type Harness, type SentRequest } from '../support/schedule-harness.ts';

let h: Harness;

const finalStatus = (changeId: string, timeoutMs = 15_000): Promise<ChangeView> =>
  h.events.waitFor('change.status', (c) => c.changeId === changeId && (c.status === 'applied' || c.status === 'refused' || c.status === 'conflict'), timeoutMs);

async function openFresh(): Promise<DaySnapshot> {
  h.service.openDay(DAY);
  const day = await h.service.refreshDay(DAY);
  await h.events.waitFor('day.snapshot', (s) => s.date === DAY && s.appointments.every((a) => a.patientName !== null));
  return day;
}

/** The requests sent after the answer of `refused` that asked to wait, until `until` ms after it. */
const sentWithin = (refused: SentRequest, fromMs: number, toMs: number): SentRequest[] =>
  h.sent.filter((r) => r !== refused && r.at >= (refused.answeredAt ?? refused.at) + fromMs && r.at < (refused.answeredAt ?? refused.at) + toMs);

describe('waits Leyr asks for', () => {
  beforeEach(async () => {
    // Fast outbox retries: only the wait Leyr asked for may hold a change back.
    h = await startHarness({ service: { retry: { baseMs: 20, maxMs: 100 } } });
  });
  afterEach(async () => {
    await h.close();
  });

  for (const [label, error, askedMs, minGapMs] of [
    ['503 SERVICE_UNAVAILABLE, Retry-After: 2', { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 }, 2_000, 1_950],
    ['a gateway’s 429, Retry-After as an HTTP date 2 s ahead', { code: 'GATEWAY', status: 429, retryAfterSeconds: 2, retryAfterFormat: 'http-date' }, 2_000, 1_000],
  ] as const) {
    it(`the outbox sends nothing before the time Leyr named (${label}), and the header says until when`, async (t) => {
      const day = await openFresh();
      const { appointment, slot } = firstMovable(day);
      const statuses: ConnectivityStatus[] = [];
      h.bus.subscribe((event, payload) => {
        if (event === 'connectivity') statuses.push(payload as ConnectivityStatus);
      });
      const first = h.sent.length;
      await h.control.setFaults({ errorRate: 1, limit: 1, methods: ['PATCH'], errors: [error] });
      const move = h.service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
      assert.equal((await finalStatus(move.changeId)).status, 'applied');

      const patches = h.sent.slice(first).filter((r) => r.method === 'PATCH');
      assert.equal(patches.length, 2, 'refused once, then sent once');
      const [refused, again] = patches as [SentRequest, SentRequest];
      assert.equal(refused.status, error.code === 'GATEWAY' ? 429 : 503);
      const gap = again.at - (refused.answeredAt ?? refused.at);
      assert.ok(gap >= minGapMs, `sent again ${gap} ms after Leyr asked to wait ${askedMs} ms`);
      t.diagnostic(`measured: the change was sent again ${gap} ms after the answer that asked to wait`);
      assert.deepEqual(sentWithin(refused, 5, minGapMs), [], 'nothing at all went to Leyr meanwhile');
      // The header was told until when, and that the wait is over.
      const told = statuses.find((s) => s.waitUntil !== null && s.waitUntil !== undefined);
      assert.ok(told?.waitUntil, 'ConnectivityStatus.waitUntil was pushed');
      const until = Date.parse(told.waitUntil);
      assert.ok(Math.abs(until - ((refused.answeredAt ?? 0) + askedMs)) <= 1_100, `waitUntil ${told.waitUntil} is Leyr's time`);
      assert.ok(statuses.at(-1)?.waitUntil === null, 'and null once over');
      assert.equal(h.service.connectivity().waitUntil, null);
    });
  }

  it('the patient-name fetcher pauses while Leyr asks to wait, and fetches the rest after', async (t) => {
    await h.close();
    // One name at a time, so that what follows the refusal is not already on its way.
    h = await startHarness({ service: { nameConcurrency: 1 } });
    // The first patient fetch meets a 503 asking for 2 s.
    await h.control.setFaults({ errorRate: 1, limit: 1, routes: ['patient'], errors: [{ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 }] });
    h.service.openDay(DAY);
    const named = await h.events.waitFor('day.snapshot', (s) => s.date === DAY && s.appointments.length > 0 && s.appointments.every((a) => a.patientName !== null), 15_000);
    assert.equal(named.appointments.length, 120);
    const patientGets = h.sent.filter((r) => r.method === 'GET' && /\/patients\/[^/?]+$/.test(r.path));
    const refused = patientGets[0];
    assert.ok(refused && refused.status === 503);
    assert.deepEqual(sentWithin(refused, 5, 1_950), [], 'no name (nor anything else) asked for during the wait');
    const next = patientGets[1];
    assert.ok(next && next.at - (refused.answeredAt ?? 0) >= 1_950, 'the names came after the wait');
    t.diagnostic(`measured: the next patient fetch ${next.at - (refused.answeredAt ?? 0)} ms after Retry-After: 2`);
  });

  it('a search while Leyr asks to wait longer than a read may wait answers from this computer, sending nothing', async () => {
    const first = await h.service.searchPatients({ query: 'Anna' });
    assert.equal(first.source, 'leyr');
    await h.control.setFaults({ errorRate: 1, limit: 1, routes: ['patients'], errors: [{ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 60 }] });
    const refused = await h.service.searchPatients({ query: 'Anna' });
    assert.deepEqual([refused.source, refused.patients.map((p) => p.id)], ['store', first.patients.map((p) => p.id)]);
    const waitUntil = h.service.connectivity().waitUntil;
    assert.ok(waitUntil && Date.parse(waitUntil) - Date.now() > 50_000, `the header shows the wait: ${waitUntil}`);
    const before = h.sent.length;
    const held = await h.service.searchPatients({ query: 'Anna' });
    assert.equal(held.source, 'store');
    assert.deepEqual(h.sent.slice(before), [], 'nothing was sent during the wait');
  });

  for (const [code, status, detail] of [
    ['EMR_ERROR', 401, 'Anita: the journal is locked for maintenance'],
    ['UNKNOWN_ERROR', 500, null],
  ] as const) {
    it(`a change that met ${code} (${status}) keeps its reason visible while it waits, then goes through once`, async () => {
      await h.close();
      // Slow retries: the change waits long enough to be looked at.
      h = await startHarness({ service: { retry: { baseMs: 600, maxMs: 600 } } });
      const day = await openFresh();
      const appointment = booked(day)[1];
      assert.ok(appointment);
      const slot = freeSlotFor(day, appointment);
      assert.ok(slot);
      await h.control.setFaults({ errorRate: 1, limit: 1, methods: ['PATCH'], errors: [{ code, status, ...(detail !== null && { detail }) }] });
      const move = h.service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
      const waiting = await h.events.waitFor('change.status', (c) => c.changeId === move.changeId && c.failure !== null && (c.status === 'pending' || c.status === 'sent'), 5_000).catch(() => null);
      const listed = h.service.listChanges().find((c) => c.changeId === move.changeId);
      const view = listed?.failure !== null && listed?.failure !== undefined ? listed : waiting;
      assert.ok(view && (view.status === 'pending' || view.status === 'sent'), 'still to be tried');
      assert.equal(view.failure?.code, code);
      assert.equal(view.failure?.leyr?.code, code);
      assert.match(view.failure?.leyr?.instance ?? '', /^[0-9a-f-]{36}$/, 'with Leyr’s instance for support');
      if (detail !== null) assert.match(view.failure?.reason ?? '', /journal is locked/);
      assert.doesNotMatch(view.failure?.reason ?? '', /client id|secret|credentials/i, 'never said to be wrong credentials');
      const done = await finalStatus(move.changeId);
      assert.equal(done.status, 'applied');
      assert.equal(done.failure, null, 'the reason goes once it went through');
      const moved = h.sent.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/appointments/${appointment.id}`));
      assert.ok(moved.length <= 2, 'applied once: Leyr’s state read before sending again');
    });
  }
});
