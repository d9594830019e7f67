// Faults on request (every one docs/sandbox.md lists), and the other control endpoints.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { at, openMini, type Envelope, type SandboxHttp, type WireAppointment } from '../../support/sandbox-http.ts';

let s: SandboxHttp;
afterEach(() => s.close());

const booking = { start: at('09:30'), end: at('10:00'), patient_id: 'p2', resource_id: 'r1', healthcare_service_id: 's30' };

/** GET /__sandbox/faults with no faults in force: every field at its default. */
const NONE = { latencyMs: 0, jitterMs: 0, slowRate: 0, slowMs: 0, errorRate: 0, dropRate: 0, dropPhase: 'request', offline: false, outOfRangeHours: 0, naiveTimes: false };

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
    s = await openMini({ strict: true });
  });

  it('adds latency to /api requests only', async () => {
    const set = await s.control('PUT', '/faults', { latencyMs: 300 });
    assert.deepEqual(set.body, { ...NONE, latencyMs: 300 });
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
    assert.deepEqual(replaced.body, { ...NONE, dropRate: 0.25 });
    for (const bad of [
      { errorRate: 2 },
      { latencyMs: -1 },
      { offline: 'yes' },
      { jitter: 5 },
      [1],
      { slowRate: 1.5 },
      { errors: [] },
      { errors: [{ code: 'TEAPOT' }] },
      { errors: [{ code: 'EMR_ERROR', status: 200 }] },
      { errors: [{ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: -1 }] },
      { errors: [{ code: 'SERVICE_UNAVAILABLE', retryAfterFormat: 'minutes' }] },
      { routes: ['everything'] },
      { limit: 0 },
      { omitFields: ['start'] },
      { nullFields: [] },
      { malformed: { list: 'patients' } },
      { outOfRangeHours: -2 },
      { naiveTimes: 1 },
    ]) {
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
    s = await openMini({ strict: true, random: () => rolls.shift() ?? 0.9 });
    await s.control('PUT', '/faults', { errorRate: 0.5 });
    const statuses = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await s.unit('GET', '/resources')).status);
    assert.deepEqual(statuses, [503, 200, 500, 200]);
  });
});

describe('control endpoints', () => {
  beforeEach(async () => {
    s = await openMini({ strict: true });
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

/** The raw answer: status, headers and text (a gateway's answer is no JSON). */
async function raw(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${s.sandbox.apiBaseUrl}/emrs/webdoc/care-units/CU1${path}`, { ...init, headers: { ...s.auth, 'content-type': 'application/json', ...init.headers } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('errors Leyr and the gateway in front of it answer', () => {
  beforeEach(async () => {
    s = await openMini({ strict: true });
  });

  it('answers 401 EMR_ERROR in Leyr’s envelope with the EHR’s own message, not processing the request', async () => {
    const before = await s.snapshot();
    await s.control('PUT', '/faults', { errorRate: 1, errors: [{ code: 'EMR_ERROR', detail: 'WebDoc: Anslutningen till journalen bröts.' }] });
    const answer = await s.unit<Envelope>('POST', '/appointments', { body: booking });
    assert.equal(answer.status, 401);
    assert.deepEqual(Object.keys(answer.body).sort(), ['code', 'detail', 'errors', 'instance', 'status', 'title', 'type']);
    assert.deepEqual([answer.body.code, answer.body.status, answer.body.title, answer.body.detail], ['EMR_ERROR', 401, 'EMR error', 'WebDoc: Anslutningen till journalen bröts.']);
    assert.equal(answer.body.type, 'https://docs.leyr.io/api/error-handling/emr_error');
    assert.match(answer.body.instance, /^[0-9a-f-]{36}$/);
    assert.deepEqual(answer.body.errors, [{ error_code: 'EMR_ERROR', details: 'The EHR answered with an error.', emr_error: 'WebDoc: Anslutningen till journalen bröts.', path: null }]);
    assert.equal(await s.snapshot(), before, 'the booking was not made');
    await s.control('PUT', '/faults', { errorRate: 1, errors: [{ code: 'EMR_ERROR', status: 502 }] });
    const other = await s.unit<Envelope>('GET', '/resources');
    assert.deepEqual([other.status, other.body.code, other.body.status], [502, 'EMR_ERROR', 502]);
    assert.match(other.body.detail, /^webdoc: /, 'a default detail in the EHR’s name');
  });

  it('answers 500 UNKNOWN_ERROR, and 503 SERVICE_UNAVAILABLE with Retry-After in seconds', async () => {
    await s.control('PUT', '/faults', { errorRate: 1, errors: [{ code: 'UNKNOWN_ERROR' }, { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 }] });
    const unknown = await raw('/resources');
    assert.equal(unknown.status, 500);
    assert.equal((JSON.parse(unknown.text) as Envelope).code, 'UNKNOWN_ERROR');
    assert.equal(unknown.headers.get('retry-after'), null);
    const unavailable = await raw('/resources');
    assert.equal(unavailable.status, 503);
    const body = JSON.parse(unavailable.text) as Envelope;
    assert.deepEqual([body.code, body.status, body.title], ['SERVICE_UNAVAILABLE', 503, 'Service unavailable']);
    assert.equal(unavailable.headers.get('retry-after'), '5');
    assert.equal((await raw('/resources')).status, 500, 'the errors are given in turn');
  });

  it('writes Retry-After as an HTTP date when asked, that many seconds ahead', async () => {
    await s.control('PUT', '/faults', { errorRate: 1, errors: [{ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 30, retryAfterFormat: 'http-date' }] });
    const sent = Date.now();
    const answer = await raw('/timeslots?start=2026-03-23T08%3A00%3A00%2B01%3A00&end=2026-03-23T09%3A00%3A00%2B01%3A00');
    const header = answer.headers.get('retry-after') ?? '';
    assert.match(header, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const waitMs = Date.parse(header) - sent;
    assert.ok(waitMs >= 29_000 && waitMs <= 32_000, `Retry-After is ${waitMs} ms ahead`);
  });

  it('answers a gateway’s 429 in plain text, no envelope, with Retry-After', async () => {
    await s.control('PUT', '/faults', { errorRate: 1, errors: [{ code: 'GATEWAY', retryAfterSeconds: 2 }, { code: 'GATEWAY', status: 503, retryAfterSeconds: 7, retryAfterFormat: 'http-date' }] });
    const limited = await raw('/resources');
    assert.deepEqual([limited.status, limited.text, limited.headers.get('retry-after')], [429, '429 Too Many Requests', '2']);
    assert.match(limited.headers.get('content-type') ?? '', /^text\/plain/);
    const unavailable = await raw('/resources');
    assert.deepEqual([unavailable.status, unavailable.text], [503, '503 Service Unavailable']);
    assert.match(unavailable.headers.get('retry-after') ?? '', / GMT$/);
  });

  it('meets only the next `limit` requests in scope: two 503s, then the answer', async () => {
    await s.control('PUT', '/faults', { errorRate: 1, limit: 2, errors: [{ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 }] });
    const statuses = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await s.unit('GET', '/resources')).status);
    assert.deepEqual(statuses, [503, 503, 200, 200]);
    await s.control('PUT', '/faults', { errorRate: 1, limit: 1, errors: [{ code: 'SERVICE_UNAVAILABLE' }] });
    assert.equal((await s.unit('GET', '/resources')).status, 503, 'a new PUT starts the count over');
  });

  it('meets only the endpoints named in `routes`', async () => {
    await s.control('PUT', '/faults', { errorRate: 1, routes: ['appointments', 'appointment'], errors: [{ code: 'UNKNOWN_ERROR' }] });
    assert.equal((await s.unit('GET', '/resources')).status, 200);
    assert.equal((await s.unit('GET', '/timeslots', { query: { start: at('08:00'), end: at('09:00') } })).status, 200);
    assert.equal((await s.unit('GET', '/appointments', { query: { start: at('08:00'), end: at('09:00') } })).status, 500);
    assert.equal((await s.unit('PATCH', '/appointments/a1', { body: { comment: 'x' } })).status, 500);
  });
});

describe('latency with jitter, and slow requests', () => {
  it('adds up to jitterMs at random on top of the latency', async () => {
    s = await openMini({ strict: true, random: () => 0.5 });
    await s.control('PUT', '/faults', { latencyMs: 100, jitterMs: 400 });
    const { ms } = await timed(() => s.unit('GET', '/resources'));
    assert.ok(ms >= 290 && ms < 1_000, `100 + 200 ms, took ${ms} ms`);
  });

  it('makes the share slowRate of requests slowMs slower', async () => {
    const rolls = [0.1, 0.9];
    s = await openMini({ strict: true, random: () => rolls.shift() ?? 0.9 });
    await s.control('PUT', '/faults', { slowRate: 0.5, slowMs: 400 });
    const slow = await timed(() => s.unit('GET', '/resources'));
    const quick = await timed(() => s.unit('GET', '/resources'));
    assert.ok(slow.ms >= 390, `the slow one took ${slow.ms} ms`);
    assert.ok(quick.ms < 300, `the other took ${quick.ms} ms`);
  });
});

describe('answer-shaping faults', () => {
  beforeEach(async () => {
    s = await openMini({ strict: true });
  });
  const day = { start: at('00:00'), end: at('00:00', '2026-03-24') };

  it('omits [choice] fields from appointments, while the resource_id filter still works', async () => {
    await s.control('PUT', '/faults', { omitFields: ['resource_id', 'healthcare_service_id'] });
    const all = await s.unit<Record<string, unknown>[]>('GET', '/appointments', { query: day });
    assert.equal(all.body.length, 4);
    for (const item of all.body) assert.deepEqual(Object.keys(item).sort(), ['care_unit_id', 'comment', 'end', 'id', 'patient_id', 'start', 'status']);
    const r1 = await s.unit<{ id: string }[]>('GET', '/appointments', { query: { ...day, resource_id: 'r1' } });
    assert.deepEqual(r1.body.map((item) => item.id), ['a1', 'a2', 'a3']);
    const created = await s.unit<Record<string, unknown>[]>('POST', '/appointments', { body: booking });
    assert.equal(created.status, 201);
    assert.ok(!('resource_id' in (created.body[0] ?? {})), 'write answers leave it out too');
    const stored = (await s.appointments()).find((item) => item.id === created.body[0]?.id);
    assert.equal(stored?.resource_id, 'r1', 'the control state is untouched');
  });

  it('sends [choice] fields as null with nullFields', async () => {
    await s.control('PUT', '/faults', { nullFields: ['patient_id'] });
    const answer = await s.unit<Record<string, unknown>[]>('GET', '/appointments', { query: day });
    assert.ok(answer.body.every((item) => item.patient_id === null && typeof item.resource_id === 'string'));
  });

  it('includes appointments and timeslots outside the asked range', async () => {
    const range = { start: at('09:00'), end: at('10:00') };
    const plain = await s.unit<{ id: string }[]>('GET', '/appointments', { query: range });
    assert.deepEqual(plain.body.map((item) => item.id), ['a3']);
    await s.control('PUT', '/faults', { outOfRangeHours: 2 });
    const wide = await s.unit<{ id: string }[]>('GET', '/appointments', { query: range });
    assert.deepEqual(wide.body.map((item) => item.id), ['a1', 'a2', 'a3', 'a4'], '08:00–12:00 answered for 09:00–10:00');
    const slots = await s.unit<{ start: string }[]>('GET', '/timeslots', { query: { ...range, resource_id: 'r2' } });
    assert.ok(slots.body.some((slot) => slot.start === at('08:00')) && slots.body.some((slot) => slot.start === at('11:45')));
  });

  it('breaks one item of a list answer: an appointment without end, or with a value given', async () => {
    await s.control('PUT', '/faults', { malformed: { field: 'end' } });
    const answer = await s.unit<Record<string, unknown>[]>('GET', '/appointments', { query: day });
    assert.deepEqual(answer.body.map((item) => 'end' in item), [false, true, true, true]);
    await s.control('PUT', '/faults', { malformed: { index: 99, field: 'start', value: 'tomorrow-ish' } });
    const last = await s.unit<Record<string, unknown>[]>('GET', '/appointments', { query: day });
    assert.deepEqual(last.body.map((item) => item.start), [at('08:00'), at('08:30'), at('09:00'), 'tomorrow-ish'], 'past the end: the last item');
    await s.control('PUT', '/faults', { malformed: { list: 'timeslots', index: 1, field: 'resource_id', value: null } });
    const slots = await s.unit<Record<string, unknown>[]>('GET', '/timeslots', { query: { start: at('11:00'), end: at('12:00'), resource_id: 'r1' } });
    assert.deepEqual(slots.body.map((slot) => slot.resource_id), ['r1', null, 'r1', 'r1', 'r1', 'r1', 'r1']);
    assert.equal((await s.unit<unknown[]>('GET', '/appointments', { query: day })).body.length, 4, 'appointments untouched when the timeslots are broken');
  });

  it('writes times without an offset, in the care unit’s wall-clock time', async () => {
    await s.control('PUT', '/faults', { naiveTimes: true });
    const appointments = await s.unit<{ start: string; end: string }[]>('GET', '/appointments', { query: day });
    assert.deepEqual([appointments.body[0]?.start, appointments.body[0]?.end], ['2026-03-23T08:00:00', '2026-03-23T08:30:00']);
    const slots = await s.unit<{ start: string }[]>('GET', '/timeslots', { query: { start: at('11:00'), end: at('12:00'), resource_id: 'r1' } });
    assert.equal(slots.body[0]?.start, '2026-03-23T11:00:00');
    const moved = await s.unit<{ start: string }>('PATCH', '/appointments/a2', { body: { comment: 'x' } });
    assert.equal(moved.body.start, '2026-03-23T08:30:00');
  });

  it('applies only to the requests in scope', async () => {
    await s.control('PUT', '/faults', { naiveTimes: true, methods: ['PATCH'] });
    const listed = await s.unit<{ start: string }[]>('GET', '/appointments', { query: day });
    assert.equal(listed.body[0]?.start, at('08:00'));
  });
});
