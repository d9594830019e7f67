// Faults on request, and the other control endpoints.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { at, openMini, type Envelope, type SandboxHttp, type WireAppointment } from '../../support/sandbox-http.ts';

let s: SandboxHttp;
afterEach(() => s.close());

const booking = { start: at('09:30'), end: at('10:00'), patient_id: 'p2', resource_id: 'r1', healthcare_service_id: 's30' };

/** Resolves to the HTTP status, or to 'dropped' when the connection closed without an answer. */
async function outcome(request: Promise<{ status: number }>): Promise<number | 'dropped'> {
  try {
    return (await request).status;
  } catch (error) {
    assert.ok(error instanceof TypeError, `fetch fails with a TypeError, got ${String(error)}`);
    return 'dropped';
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

describe('faults', () => {
  beforeEach(async () => {
    s = await openMini();
  });

  it('adds latency to /api requests only', async () => {
    const set = await s.control('PUT', '/faults', { latencyMs: 300 });
    assert.deepEqual(set.body, { latencyMs: 300, errorRate: 0, dropRate: 0, dropPhase: 'request', offline: false });
    const slow = await timed(() => s.unit('GET', '/resources'));
    assert.equal(slow.value.status, 200);
    assert.ok(slow.ms >= 290, `took ${slow.ms} ms`);
    const control = await timed(() => s.control('GET', '/faults'));
    assert.ok(control.ms < 250, `control took ${control.ms} ms`);
  });

  it('answers 5xx in the envelope at errorRate 1, alternating EMR_ERROR and UNKNOWN_ERROR, without processing', async () => {
    const before = await s.snapshot();
    await s.control('PUT', '/faults', { errorRate: 1 });
    const first = await s.unit<Envelope>('POST', '/appointments', { body: booking });
    const second = await s.unit<Envelope>('GET', '/resources');
    assert.deepEqual([first.status, first.body.code, first.body.status], [503, 'EMR_ERROR', 503]);
    assert.deepEqual([second.status, second.body.code], [500, 'UNKNOWN_ERROR']);
    assert.match(first.body.instance, /^[0-9a-f-]{36}$/);
    assert.equal(await s.snapshot(), before, 'the booking was not made');
    await s.control('DELETE', '/faults');
    assert.equal((await s.unit('GET', '/resources')).status, 200);
  });

  it('drops the connection without an answer at dropRate 1, before processing', async () => {
    const before = await s.snapshot();
    const { next } = (await s.control<{ next: number }>('GET', '/requests')).body;
    await s.control('PUT', '/faults', { dropRate: 1 });
    assert.equal(await outcome(s.unit('POST', '/appointments', { body: booking })), 'dropped');
    assert.equal(await s.snapshot(), before);
    const log = await s.control<{ requests: { method: string; path: string }[] }>('GET', `/requests?since=${next}`);
    assert.deepEqual(log.body.requests.map((request) => request.method), ['POST'], 'it reached the sandbox once');
  });

  it('drops the answer after processing with dropPhase "response"', async () => {
    await s.control('PUT', '/faults', { dropRate: 1, dropPhase: 'response' });
    assert.equal(await outcome(s.unit('POST', '/appointments', { body: booking })), 'dropped');
    const appointments = await s.appointments();
    assert.ok(appointments.some((appointment) => appointment.start === at('09:30') && appointment.resource_id === 'r1'), 'the booking was made');
  });

  it('meets only the methods named in "methods": the answer of a POST is lost, a GET still answers', async () => {
    await s.control('PUT', '/faults', { dropRate: 1, dropPhase: 'response', methods: ['POST', 'PATCH'] });
    assert.equal(await outcome(s.unit('POST', '/appointments', { body: booking })), 'dropped');
    assert.equal((await s.unit('GET', '/resources')).status, 200);
    const appointments = await s.appointments();
    assert.ok(appointments.some((appointment) => appointment.start === at('09:30') && appointment.resource_id === 'r1'), 'the booking was made');
    for (const bad of [{ methods: [] }, { methods: ['DELETE'] }, { methods: 'GET' }]) {
      assert.equal((await s.control('PUT', '/faults', bad)).status, 400, JSON.stringify(bad));
    }
  });

  it('destroys every connection at once when offline, and recovers', async () => {
    const { next } = (await s.control<{ next: number }>('GET', '/requests')).body;
    await s.control('PUT', '/faults', { offline: true, latencyMs: 5000 });
    const dropped = await timed(() => outcome(s.unit('GET', '/resources')));
    assert.equal(dropped.value, 'dropped');
    assert.ok(dropped.ms < 2000, 'offline does not wait for the latency');
    assert.equal((await s.control<{ requests: unknown[] }>('GET', `/requests?since=${next}`)).body.requests.length, 0, 'nothing was received');
    await s.control('DELETE', '/faults');
    assert.equal(await outcome(s.unit('GET', '/resources')), 200);
  });

  it('replaces the faults on PUT and refuses bad ones', async () => {
    await s.control('PUT', '/faults', { latencyMs: 10, errorRate: 0.5 });
    const replaced = await s.control('PUT', '/faults', { dropRate: 0.25 });
    assert.deepEqual(replaced.body, { latencyMs: 0, errorRate: 0, dropRate: 0.25, dropPhase: 'request', offline: false });
    for (const bad of [{ errorRate: 2 }, { latencyMs: -1 }, { offline: 'yes' }, { jitter: 5 }, [1]]) {
      const answer = await s.control<Envelope>('PUT', '/faults', bad);
      assert.equal(answer.status, 400, JSON.stringify(bad));
      assert.equal(answer.body.errors[0]?.error_code, 'BAD_INPUT');
    }
    assert.deepEqual((await s.control('GET', '/faults')).body, replaced.body, 'bad input changed nothing');
  });
});

describe('fault shares', () => {
  it('fail the share of requests the random source says', async () => {
    const rolls = [0.1, 0.9, 0.1, 0.9];
    s = await openMini({ random: () => rolls.shift() ?? 0.9 });
    await s.control('PUT', '/faults', { errorRate: 0.5 });
    const statuses = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await s.unit('GET', '/resources')).status);
    assert.deepEqual(statuses, [503, 200, 500, 200]);
  });
});

describe('control endpoints', () => {
  beforeEach(async () => {
    s = await openMini();
  });

  it('logs /api requests with their bodies, from a sequence number on', async () => {
    const { next } = (await s.control<{ next: number }>('GET', '/requests')).body;
    await s.unit('PATCH', '/appointments', { body: { ids: ['a1', 'a2'], status: 'cancelled', comment: 'Stängt' } });
    await s.unit('GET', '/appointments', { query: { start: at('00:00'), end: at('23:00') } });
    await s.control('GET', '/state');
    const log = await s.control<{ next: number; requests: { seq: number; method: string; path: string; body: unknown }[] }>('GET', `/requests?since=${next}`);
    assert.equal(log.body.requests.length, 2, 'control calls are not logged');
    assert.deepEqual(log.body.requests[0], {
      seq: next,
      method: 'PATCH',
      path: '/api/emrs/webdoc/care-units/CU1/appointments',
      body: { ids: ['a1', 'a2'], status: 'cancelled', comment: 'Stängt' },
    });
    assert.equal(log.body.requests[1]?.method, 'GET');
    assert.match(log.body.requests[1]?.path ?? '', /^\/api\/emrs\/webdoc\/care-units\/CU1\/appointments\?start=/);
    assert.equal(log.body.next, next + 2);
    const later = await s.control<{ requests: unknown[] }>('GET', `/requests?since=${log.body.next}`);
    assert.deepEqual(later.body.requests, []);
    assert.equal((await s.control('GET', '/requests?since=-1')).status, 400);
  });

  it('shows the whole state, cancelled included, and resets it to the seed', async () => {
    const initial = await s.snapshot();
    const state = (await s.control<{ appointments: WireAppointment[]; patients: unknown[] }>('GET', '/state')).body;
    assert.deepEqual(state.appointments.map((appointment) => `${appointment.id}:${appointment.status}`), ['a1:booked', 'a2:booked', 'a3:cancelled', 'a4:booked', 'a9:booked']);
    assert.equal(state.patients.length, 3);
    await s.unit('POST', '/appointments', { body: booking });
    await s.unit('PATCH', '/appointments/a1', { body: { status: 'cancelled' } });
    assert.notEqual(await s.snapshot(), initial);
    const reset = await s.control('POST', '/reset');
    assert.deepEqual(reset.body, { appointments: 5, patients: 3 });
    assert.equal(await s.snapshot(), initial);
  });

  it('answers 404 for a code nobody awaits, an unknown path; 405 for a wrong method', async () => {
    const none = await s.control<Envelope>('GET', '/confirmation-codes/a1');
    assert.equal(none.status, 404);
    assert.equal(none.body.code, 'NOT_FOUND');
    assert.equal((await s.control('GET', '/nothing')).status, 404);
    assert.equal((await s.control('GET', '/confirmation-codes')).status, 404);
    assert.equal((await s.control('DELETE', '/state')).status, 405);
  });

  it('needs no Leyr credentials and ignores faults', async () => {
    await s.control('PUT', '/faults', { offline: true });
    const state = await fetch(`${s.sandbox.origin}/__sandbox/state`);
    assert.equal(state.status, 200);
    await state.arrayBuffer();
  });
});
