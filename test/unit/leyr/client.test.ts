// The Leyr client against a scripted HTTP server on 127.0.0.1: exactly what it sends, how
// it reads odd answers, and how it fails. (The rules of the API itself are covered by the
// contract suite in test/contract, against the sandbox.)
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import pino from 'pino';
import { skippedOf, type LeyrApi } from '../../../main/leyr/api.ts';
import { checkBaseUrl, createLeyrClient, type LeyrClientOptions } from '../../../main/leyr/client.ts';
import { aroundEveryCall } from '../../../main/leyr/around-every-call.ts';
import { LeyrError, toAppError } from '../../../main/leyr/errors.ts';
import { drop, json, raw, sequence, startScriptedServer, type ScriptedServer } from '../../support/scripted-server.ts';

const SECRET = 'sup3r-s3cret-value';
const credentials = { clientId: 'client-1', clientSecret: SECRET };

const appointment = {
  id: 'apt-1',
  status: 'booked',
  care_unit_id: 'L0_1',
  start: '2026-03-23T08:00:00+01:00',
  end: '2026-03-23T08:30:00+01:00',
  comment: null,
  patient_id: 'pat-1',
  resource_id: 'res-1',
  healthcare_service_id: 'svc-30',
};
const patient = { id: 'pat-1', emr_id: 'wd-1', first_name: 'Tolvan', last_name: 'Tolvansson', care_unit_id: 'L0_1' };

let server: ScriptedServer;
before(async () => {
  server = await startScriptedServer();
});
after(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.answer(json(200, []));
});

function client(overrides: Partial<LeyrClientOptions> = {}): LeyrApi {
  return createLeyrClient({
    baseUrl: `${server.origin}/api/`,
    emr: 'webdoc',
    careUnitId: 'L0_1',
    credentials: () => credentials,
    timeoutMs: 2_000,
    retry: { attempts: 3, baseDelayMs: 5 },
    // Leyr's ladder (1 s, 5 s, …) shortened; the contract suite measures the real one.
    waitLadderMs: [20, 40, 80],
    ...overrides,
  });
}

async function rejection(promise: Promise<unknown>): Promise<LeyrError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LeyrError, `expected a LeyrError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('leyr client: what goes on the wire', () => {
  const range = { start: '2026-03-23T00:00:00+01:00', end: '2026-03-24T00:00:00+01:00' };
  const encodedRange = 'start=2026-03-23T00%3A00%3A00%2B01%3A00&end=2026-03-24T00%3A00%3A00%2B01%3A00';
  const cu = '/api/emrs/webdoc/care-units/L0_1';
  const cases: { name: string; call: (api: LeyrApi) => Promise<unknown>; answer: unknown; method: string; url: string; body?: unknown }[] = [
    { name: 'listCareUnits', call: (api) => api.listCareUnits(), answer: [{ id: 'L0_1' }], method: 'GET', url: '/api/emrs/webdoc/care-units' },
    { name: 'listResources', call: (api) => api.listResources(), answer: [], method: 'GET', url: `${cu}/resources` },
    { name: 'listHealthcareServices', call: (api) => api.listHealthcareServices(), answer: [], method: 'GET', url: `${cu}/healthcare-services` },
    {
      name: 'listTimeslots',
      call: (api) => api.listTimeslots({ ...range, resource_id: 'res-1', healthcare_service_id: 'svc-30' }),
      answer: [],
      method: 'GET',
      url: `${cu}/timeslots?${encodedRange}&resource_id=res-1&healthcare_service_id=svc-30`,
    },
    { name: 'listTimeslots without filters', call: (api) => api.listTimeslots(range), answer: [], method: 'GET', url: `${cu}/timeslots?${encodedRange}` },
    {
      name: 'searchPatients',
      call: (api) => api.searchPatients({ first_name: 'Åsa & Co', last_name: 'Öberg+Ström' }),
      answer: [],
      method: 'GET',
      url: `${cu}/patients?first_name=%C3%85sa+%26+Co&last_name=%C3%96berg%2BStr%C3%B6m`,
    },
    {
      name: 'getPatient (typed id)',
      call: (api) => api.getPatient('se_personal_number:191212121212'),
      answer: patient,
      method: 'GET',
      url: `${cu}/patients/se_personal_number%3A191212121212`,
    },
    {
      name: 'createPatient',
      call: (api) => api.createPatient({ first_name: 'Tolvan', last_name: 'Tolvansson', external_id: '191212121212', phones: ['+46701234567'] }),
      answer: patient,
      method: 'POST',
      url: `${cu}/patients`,
      body: { first_name: 'Tolvan', last_name: 'Tolvansson', external_id: '191212121212', phones: ['+46701234567'] },
    },
    {
      name: 'listAppointments',
      call: (api) => api.listAppointments({ ...range, patient_id: 'pat-1', resource_id: 'hsa_id:SE2321000131-E000000012345' }),
      answer: [],
      method: 'GET',
      url: `${cu}/appointments?${encodedRange}&patient_id=pat-1&resource_id=hsa_id%3ASE2321000131-E000000012345`,
    },
    {
      name: 'createAppointment',
      call: (api) => api.createAppointment({ start: appointment.start, end: appointment.end, patient_id: 'pat-1', resource_id: 'res-1', healthcare_service_id: 'svc-30', comment: 'First visit' }),
      answer: [appointment],
      method: 'POST',
      url: `${cu}/appointments`,
      body: { start: appointment.start, end: appointment.end, patient_id: 'pat-1', resource_id: 'res-1', healthcare_service_id: 'svc-30', comment: 'First visit' },
    },
    {
      name: 'updateAppointment (scoped route, id encoded)',
      call: (api) => api.updateAppointment('apt/1?x#y', { resource_id: 'res-2' }),
      answer: appointment,
      method: 'PATCH',
      url: `${cu}/appointments/apt%2F1%3Fx%23y`,
      body: { resource_id: 'res-2' },
    },
    {
      name: 'bulkUpdateAppointments',
      call: (api) => api.bulkUpdateAppointments({ ids: ['apt-1', 'apt-2'], resource_id: 'res-2' }),
      answer: [appointment],
      method: 'PATCH',
      url: `${cu}/appointments`,
      body: { ids: ['apt-1', 'apt-2'], resource_id: 'res-2' },
    },
    {
      name: 'cancelAppointment',
      call: (api) => api.cancelAppointment('apt-1', 'Patient ill'),
      answer: { ...appointment, status: 'cancelled' },
      method: 'PATCH',
      url: `${cu}/appointments/apt-1`,
      body: { status: 'cancelled', comment: 'Patient ill' },
    },
    {
      name: 'cancelAppointments',
      call: (api) => api.cancelAppointments(['apt-1', 'apt-2'], 'Doctor ill'),
      answer: [{ ...appointment, status: 'cancelled' }],
      method: 'PATCH',
      url: `${cu}/appointments`,
      body: { ids: ['apt-1', 'apt-2'], status: 'cancelled', comment: 'Doctor ill' },
    },
    {
      name: 'confirmAppointment',
      call: (api) => api.confirmAppointment('apt-1', '123456'),
      answer: appointment,
      method: 'PATCH',
      url: `${cu}/appointments/apt-1`,
      body: { confirmation: { code: '123456' } },
    },
  ];

  for (const entry of cases) {
    it(`${entry.name}: ${entry.method} ${entry.url}`, async () => {
      server.answer(json(200, entry.answer));
      await entry.call(client());
      assert.equal(server.requests.length, 1);
      const [request] = server.requests;
      assert.ok(request);
      assert.equal(request.method, entry.method);
      assert.equal(request.url, entry.url);
      if (entry.body === undefined) assert.equal(request.body, '');
      else assert.deepEqual(JSON.parse(request.body), entry.body);
    });
  }

  it('sends the two auth headers, JSON content type with a body, and never x-leyr-standard', async () => {
    server.answer(json(200, [appointment]));
    const api = client();
    await api.listResources();
    await api.createAppointment({ start: appointment.start, end: appointment.end, patient_id: 'pat-1', resource_id: 'res-1' });
    const [get, post] = server.requests;
    assert.ok(get && post);
    for (const request of [get, post]) {
      assert.equal(request.headers['x-leyr-client-id'], 'client-1');
      assert.equal(request.headers['x-leyr-client-secret'], SECRET);
      assert.equal(request.headers['x-leyr-standard'], undefined);
      assert.equal(request.headers.authorization, undefined);
    }
    assert.equal(get.headers['content-type'], undefined);
    assert.equal(post.headers['content-type'], 'application/json');
    assert.equal(get.headers.accept, 'application/json');
  });

  it('reads the credentials on every call, so a changed secret is used at once', async () => {
    let reads = 0;
    const api = client({
      credentials: async () => {
        reads += 1;
        return { clientId: 'client-1', clientSecret: `secret-${reads}` };
      },
    });
    await api.listResources();
    await api.listResources();
    assert.equal(reads, 2);
    assert.deepEqual(
      server.requests.map((request) => request.headers['x-leyr-client-secret']),
      ['secret-1', 'secret-2'],
    );
  });

  for (const bad of ['', ' ', '.', '..']) {
    it(`refuses to send an id that is not one path segment (${JSON.stringify(bad)})`, async () => {
      const error = await rejection(client().updateAppointment(bad, { comment: 'x' }));
      assert.equal(error.kind, 'invalid-request');
      assert.equal(server.requests.length, 0, 'nothing was sent');
    });
  }

  it('refuses an empty care unit before sending anything', async () => {
    const error = await rejection(client({ careUnitId: '' }).listResources());
    assert.equal(error.kind, 'invalid-request');
    assert.equal(server.requests.length, 0);
  });
});

describe('leyr client: options', () => {
  it('accepts https anywhere and plain http only to this machine, without a trailing slash', () => {
    assert.equal(checkBaseUrl('https://api.leyr.io/api/'), 'https://api.leyr.io/api');
    assert.equal(checkBaseUrl('http://127.0.0.1:4010/api'), 'http://127.0.0.1:4010/api');
    assert.equal(checkBaseUrl('http://localhost:4010/api'), 'http://localhost:4010/api');
  });

  for (const bad of ['api.leyr.io', 'http://api.leyr.io/api', 'ftp://127.0.0.1/api', 'https://u:p@api.leyr.io/api', 'https://api.leyr.io/api?x=1', '']) {
    it(`refuses the base URL ${JSON.stringify(bad)} (the secret would travel unprotected or oddly)`, () => {
      assert.throws(() => client({ baseUrl: bad }), RangeError);
    });
  }

  for (const [label, overrides] of [
    ['a zero timeout', { timeoutMs: 0 }],
    ['a NaN timeout', { timeoutMs: Number.NaN }],
    ['zero attempts', { retry: { attempts: 0, baseDelayMs: 1 } }],
    ['endless attempts', { retry: { attempts: Number.POSITIVE_INFINITY, baseDelayMs: 1 } }],
    ['a negative delay', { retry: { attempts: 2, baseDelayMs: -1 } }],
  ] as const) {
    it(`refuses ${label}`, () => {
      assert.throws(() => client(overrides), RangeError);
    });
  }
});

describe('leyr client: lenient reading', () => {
  it('keeps extra fields and surfaces an unknown status as-is', async () => {
    server.answer(json(200, [{ ...appointment, status: 'no_show', room: 'B12', extra: { nested: true } }]));
    const [first] = await client().listAppointments({ start: appointment.start, end: appointment.end });
    assert.ok(first);
    assert.equal(first.status, 'no_show');
    assert.equal((first as unknown as Record<string, unknown>).room, 'B12');
    assert.deepEqual((first as unknown as Record<string, unknown>).extra, { nested: true });
  });

  it('accepts a single object where an array is documented', async () => {
    server.answer(json(200, appointment));
    const created = await client().createAppointment({ start: appointment.start, end: appointment.end, patient_id: 'pat-1', resource_id: 'res-1' });
    assert.equal(created.length, 1);
    assert.equal(created[0]?.id, 'apt-1');

    server.answer(json(200, { id: 'res-9', name: 'Dr. Solo' }));
    assert.deepEqual(await client().listResources(), [{ id: 'res-9', name: 'Dr. Solo' }]);
  });

  it('accepts a one-item array where a single object is documented', async () => {
    server.answer(json(200, [{ ...appointment, status: 'cancelled' }]));
    const cancelled = await client().cancelAppointment('apt-1', 'ill');
    assert.equal(cancelled.status, 'cancelled');
  });

  it('defaults missing descriptive fields to null and turns numeric ids into strings', async () => {
    server.answer(json(200, [{ id: 42 }, { id: 'svc-2', name: 'Kort', duration_minutes: '15' }, { id: 'svc-3', name: 7, duration_minutes: 'soon' }]));
    assert.deepEqual(await client().listHealthcareServices(), [
      { id: '42', name: null, duration_minutes: null },
      { id: 'svc-2', name: 'Kort', duration_minutes: 15 },
      { id: 'svc-3', name: null, duration_minutes: null },
    ]);
    server.answer(json(200, { id: 'pat-1' }));
    assert.deepEqual(await client().getPatient('pat-1'), {
      id: 'pat-1',
      emr_id: null,
      first_name: null,
      last_name: null,
      care_unit_id: null,
      external_id: null,
    });
  });

  for (const [label, script, fragment] of [
    ['a body that is not JSON', raw(200, '<html>oops</html>', 'text/html'), 'not JSON'],
    ['an empty body', raw(200, ''), 'listAppointments'],
    ['a number instead of a list', json(200, 17), 'expected a list'],
  ] as const) {
    it(`turns ${label} into an invalid-response error with a clear message`, async () => {
      server.answer(script);
      const error = await rejection(client().listAppointments({ start: appointment.start, end: appointment.end }));
      assert.equal(error.kind, 'invalid-response');
      assert.equal(error.status, 200);
      assert.equal(error.operation, 'listAppointments');
      assert.ok(error.message.includes(fragment), error.message);
    });
  }

  for (const [label, broken, fragment] of [
    ['an appointment without an id', { ...appointment, id: undefined }, '[1]: id'],
    ['an appointment with an unreadable start', { ...appointment, start: 'tomorrow-ish' }, '[1]: start'],
    ['an appointment without an end', { ...appointment, end: undefined }, '[1]: end'],
    ['an appointment without a status', { ...appointment, status: '' }, '[1]: status'],
    ['null', null, '[1]: the item'],
  ] as const) {
    it(`skips ${label} in a list and counts it, keeping the others`, async () => {
      const others = [appointment, { ...appointment, id: 'apt-3' }];
      server.answer(json(200, [others[0], broken, others[1]]));
      const listed = await client().listAppointments({ start: appointment.start, end: appointment.end });
      assert.deepEqual(listed, others);
      assert.deepEqual(skippedOf(listed), { unreadable: 1, outOfRange: 0 });
    });

    it(`fails a write's answer holding ${label} as a whole (its items are paired with what was sent)`, async () => {
      server.answer(json(200, [appointment, broken]));
      const error = await rejection(client().cancelAppointments(['apt-1', 'apt-2'], 'ill'));
      assert.equal(error.kind, 'invalid-response');
      assert.ok(error.message.includes(fragment), error.message);
    });
  }

  it('logs a skipped item with the operation and the failing field, never its content', async () => {
    const chunks: string[] = [];
    const log = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk.toString()), done()) }));
    server.answer(json(200, [appointment, { ...appointment, id: 'apt-2', end: undefined, comment: 'Tolvan 191212121212' }]));
    const listed = await client({ log }).listAppointments({ start: appointment.start, end: appointment.end });
    assert.equal(listed.length, 1);
    const text = chunks.join('');
    assert.match(text, /unreadable items skipped/);
    assert.match(text, /listAppointments/);
    assert.match(text, /end/);
    assert.ok(!text.includes('191212121212') && !text.includes('Tolvan'), text);
  });
});

describe('leyr client: answers checked against the request', () => {
  const day = { start: '2026-03-23T00:00:00+01:00', end: '2026-03-24T00:00:00+01:00' };
  const at = (start: string, end: string, id = `apt-${start}`) => ({ ...appointment, id, start, end });

  it('drops appointments that do not overlap the asked range and counts them apart from unreadable ones', async () => {
    const kept = [at('2026-03-23T00:00:00+01:00', '2026-03-23T00:30:00+01:00'), at('2026-03-22T23:45:00+01:00', '2026-03-23T00:15:00+01:00'), at('2026-03-23T23:30:00+01:00', '2026-03-24T00:30:00+01:00')];
    const dropped = [at('2026-03-22T23:00:00+01:00', '2026-03-23T00:00:00+01:00'), at('2026-03-24T00:00:00+01:00', '2026-03-24T00:30:00+01:00'), at('2026-03-25T08:00:00+01:00', '2026-03-25T08:30:00+01:00')];
    server.answer(json(200, [dropped[0], ...kept, dropped[1], { id: 'x' }, dropped[2]]));
    const listed = await client().listAppointments(day);
    assert.deepEqual(listed, kept);
    assert.deepEqual(skippedOf(listed), { unreadable: 1, outOfRange: 3 });
  });

  it('keeps only timeslots wholly inside the asked range', async () => {
    const slot = (start: string, end: string) => ({ start, end, resource_id: 'res-1', healthcare_service_id: 'svc-30' });
    const inside = slot('2026-03-23T23:30:00+01:00', '2026-03-24T00:00:00+01:00');
    server.answer(json(200, [slot('2026-03-22T23:45:00+01:00', '2026-03-23T00:15:00+01:00'), inside, slot('2026-03-23T23:45:00+01:00', '2026-03-24T00:15:00+01:00')]));
    const listed = await client().listTimeslots(day);
    assert.deepEqual(listed, [inside]);
    assert.deepEqual(skippedOf(listed), { unreadable: 0, outOfRange: 2 });
  });

  it('reads times without an offset in the care unit’s zone, never the computer’s', async () => {
    const naive = { ...appointment, start: '2026-03-23T08:00:00', end: '2026-03-23T08:30:00' };
    server.answer(json(200, [naive, { ...naive, id: 'apt-summer', start: '2026-06-01T08:00:00', end: '2026-06-01T08:30:00' }]));
    const listed = await client().listAppointments({ start: day.start, end: '2026-06-02T00:00:00+02:00' });
    assert.deepEqual(
      listed.map((a) => [a.start, a.end]),
      [
        ['2026-03-23T08:00:00+01:00', '2026-03-23T08:30:00+01:00'],
        ['2026-06-01T08:00:00+02:00', '2026-06-01T08:30:00+02:00'],
      ],
    );
    server.answer(json(200, [naive]));
    const [helsinki] = await client({ timeZone: 'Europe/Helsinki' }).listAppointments(day);
    assert.equal(helsinki?.start, '2026-03-23T08:00:00+02:00');
    assert.equal(Date.parse(helsinki?.start ?? ''), Date.parse('2026-03-23T06:00:00Z'));
  });

  it('keeps a time that has an offset exactly as sent', async () => {
    const utc = { ...appointment, start: '2026-03-23T07:00:00Z', end: '2026-03-23T07:30:00.000Z' };
    server.answer(json(200, [utc]));
    const [read] = await client().listAppointments(day);
    assert.equal(read?.start, utc.start);
    assert.equal(read?.end, utc.end);
  });

  it('refuses a time zone that is not one', () => {
    assert.throws(() => client({ timeZone: 'Mars/Olympus' }), RangeError);
  });

  it('gives appointments without resource_id or patient_id the ids of the filters they were listed with', async () => {
    const bare = { ...appointment, resource_id: undefined, patient_id: null };
    server.answer(json(200, [bare, { ...appointment, id: 'apt-2', resource_id: 'res-1', patient_id: 'pat-9' }]));
    const listed = await client().listAppointments({ ...day, resource_id: 'res-1', patient_id: 'emr_id:pat-1' });
    assert.deepEqual(
      listed.map((a) => [a.id, a.resource_id, a.patient_id]),
      [
        ['apt-1', 'res-1', 'pat-1'],
        ['apt-2', 'res-1', 'pat-9'],
      ],
    );
  });

  it('fills nothing from a typed filter (an HSA id or personal number is not the id items carry), nor without a filter', async () => {
    const bare = { ...appointment, resource_id: undefined, patient_id: undefined };
    server.answer(json(200, [bare]));
    const [typed] = await client().listAppointments({ ...day, resource_id: 'hsa_id:SE2321000131-E000000012345', patient_id: 'se_personal_number:191212121212' });
    assert.deepEqual([typed?.resource_id, typed?.patient_id], [null, null]);
    const [plain] = await client().listAppointments(day);
    assert.deepEqual([plain?.resource_id, plain?.patient_id], [null, null]);
  });

  it('gives timeslots without resource_id the filter’s, which would otherwise make them unreadable', async () => {
    const slot = { start: '2026-03-23T08:00:00+01:00', end: '2026-03-23T08:30:00+01:00', healthcare_service_id: null };
    server.answer(json(200, [slot]));
    const filtered = await client().listTimeslots({ ...day, resource_id: 'res-7', healthcare_service_id: 'svc-30' });
    assert.deepEqual(filtered, [{ ...slot, resource_id: 'res-7', healthcare_service_id: 'svc-30' }]);
    const unfiltered = await client().listTimeslots(day);
    assert.deepEqual([unfiltered.length, skippedOf(unfiltered).unreadable], [0, 1]);
  });

  it('gives a booked or moved appointment lacking ids the plain ids the request named', async () => {
    const bare = { ...appointment, resource_id: undefined, patient_id: undefined, healthcare_service_id: undefined };
    server.answer(json(200, [bare]));
    const [booked] = await client().createAppointment({ start: appointment.start, end: appointment.end, patient_id: 'pat-1', resource_id: 'res-1', healthcare_service_id: 'svc-30' });
    assert.deepEqual([booked?.resource_id, booked?.patient_id, booked?.healthcare_service_id], ['res-1', 'pat-1', 'svc-30']);
    server.answer(json(200, bare));
    const moved = await client().updateAppointment('apt-1', { resource_id: 'res-2' });
    assert.equal(moved.resource_id, 'res-2');
    server.answer(json(200, bare));
    const cancelled = await client().cancelAppointment('apt-1', 'ill');
    assert.equal(cancelled.resource_id, null);
  });

  it('counts nothing on a clean answer, and the counts stay out of copies and JSON', async () => {
    server.answer(json(200, [appointment]));
    const listed = await client().listAppointments(day);
    assert.deepEqual(skippedOf(listed), { unreadable: 0, outOfRange: 0 });
    assert.equal(JSON.stringify(listed), JSON.stringify([appointment]));
    assert.deepEqual(Object.keys(listed), ['0']);
    assert.deepEqual(skippedOf([...listed]), { unreadable: 0, outOfRange: 0 });
  });
});

describe('leyr client: failures', () => {
  const envelope = {
    code: 'BAD_REQUEST',
    status: 400,
    title: 'Request validation failed',
    detail: 'The timeslot for the given parameters was not found',
    instance: 'd3e84cc1-148a-4edf-9579-5dcef1d6dbfa',
    type: 'https://docs.leyr.io/api/error-handling/bad_request',
    errors: [{ error_code: 'NO_TIMESLOTS_AVAILABLE', details: 'The timeslot for the given parameters was not found', emr_error: null, path: null }],
  };

  it("carries Leyr's code, error codes, status and instance", async () => {
    server.answer(json(400, envelope));
    const error = await rejection(client().createAppointment({ start: appointment.start, end: appointment.end, patient_id: 'p', resource_id: 'r' }));
    assert.equal(error.kind, 'http');
    assert.equal(error.code, 'BAD_REQUEST');
    assert.deepEqual(error.errorCodes, ['NO_TIMESLOTS_AVAILABLE']);
    assert.equal(error.status, 400);
    assert.equal(error.instance, envelope.instance);
    assert.equal(error.title, envelope.title);
    assert.equal(error.type, envelope.type);
    assert.ok(error.message.includes('NO_TIMESLOTS_AVAILABLE') && error.message.includes(envelope.instance), error.message);
  });

  it('keeps what it can of a partial envelope and of a non-JSON error page', async () => {
    server.answer(json(503, { code: 'EMR_ERROR', errors: 'not-a-list' }));
    const partial = await rejection(client({ retry: { attempts: 1, baseDelayMs: 1 } }).listResources());
    assert.deepEqual([partial.kind, partial.code, partial.status, partial.instance, partial.errorCodes], ['http', 'EMR_ERROR', 503, null, []]);

    server.answer(raw(502, '<html><body>Bad   gateway\n</body></html>', 'text/html'));
    const page = await rejection(client({ retry: { attempts: 1, baseDelayMs: 1 } }).listResources());
    assert.deepEqual([page.kind, page.code, page.status], ['http', null, 502]);
    assert.equal(page.detail, '<html><body>Bad gateway </body></html>');
  });

  it('never puts the secret in an error message or a log line, even when Leyr echoes it', async () => {
    const chunks: string[] = [];
    // A bare pino logger without the app's scrubber: the client itself must keep secrets and URLs out.
    const log = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk.toString()), done()) }));
    server.answer(json(401, { code: 'UNAUTHORIZED', status: 401, detail: `unknown client client-1 with secret ${SECRET}`, instance: 'i-1' }));
    const error = await rejection(client({ log }).getPatient('se_personal_number:191212121212'));
    assert.equal(error.status, 401);
    assert.ok(!error.message.includes(SECRET), error.message);
    assert.ok(!(error.detail ?? '').includes(SECRET));
    assert.ok(!JSON.stringify(error).includes(SECRET));
    const text = chunks.join('');
    assert.ok(text.includes('getPatient'), 'the failure was logged');
    assert.ok(text.includes('i-1'), 'with the instance for support');
    assert.ok(!text.includes(SECRET), 'secret not logged');
    assert.ok(!text.includes('191212121212'), 'personal number from the path not logged');
  });

  it('does not follow a redirect (the secret would travel with it)', async () => {
    const elsewhere = await startScriptedServer(json(200, []));
    try {
      server.answer((_request, response) => {
        response.writeHead(302, { location: `${elsewhere.origin}/steal` });
        response.end();
      });
      const error = await rejection(client().listResources());
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 302);
      assert.equal(elsewhere.requests.length, 0);
    } finally {
      await elsewhere.close();
    }
  });

  it('retries a GET on 5xx and a dropped connection, then succeeds', async () => {
    server.answer(sequence(json(503, { code: 'EMR_ERROR' }), drop, json(200, [{ id: 'res-1', name: 'Dr' }])));
    assert.deepEqual(await client().listResources(), [{ id: 'res-1', name: 'Dr' }]);
    assert.equal(server.requests.length, 3);
  });

  it('retries a GET on 429, honouring Retry-After', async () => {
    server.answer(sequence(json(429, { code: 'TOO_MANY_REQUESTS' }, { 'retry-after': '0' }), json(200, [])));
    assert.deepEqual(await client().listResources(), []);
    assert.equal(server.requests.length, 2);
  });

  it('gives up after the configured attempts with the last error', async () => {
    server.answer(json(500, { code: 'UNKNOWN_ERROR', instance: 'i-500' }));
    const error = await rejection(client({ retry: { attempts: 4, baseDelayMs: 1 } }).listResources());
    assert.equal(server.requests.length, 4);
    assert.equal(error.code, 'UNKNOWN_ERROR');
  });

  it('does not retry a GET that Leyr refused (4xx)', async () => {
    server.answer(json(400, envelope));
    await rejection(client().listTimeslots({ start: 'x', end: 'y' }));
    assert.equal(server.requests.length, 1);
  });

  for (const [label, call] of [
    ['POST', (api: LeyrApi) => api.createAppointment({ start: appointment.start, end: appointment.end, patient_id: 'p', resource_id: 'r' })],
    ['PATCH', (api: LeyrApi) => api.cancelAppointments(['a', 'b'], 'ill')],
  ] as const) {
    it(`never retries a ${label}, whether refused or dropped`, async () => {
      server.answer(json(503, { code: 'EMR_ERROR' }));
      await rejection(call(client()));
      assert.equal(server.requests.length, 1);
      server.answer(drop);
      const error = await rejection(call(client()));
      assert.equal(error.kind, 'network');
      assert.equal(server.requests.length, 2);
    });
  }

  it('times out a call whose answer does not come, per attempt', async () => {
    server.answer(() => {
      // Never answers.
    });
    const started = performance.now();
    const error = await rejection(client({ timeoutMs: 150, retry: { attempts: 2, baseDelayMs: 1 } }).listResources());
    const elapsed = performance.now() - started;
    assert.equal(error.kind, 'timeout');
    assert.equal(server.requests.length, 2, 'the GET was tried twice');
    assert.ok(elapsed >= 290 && elapsed < 1_500, `took ${elapsed} ms`);
  });

  it('times out a body that stalls after the headers', async () => {
    server.answer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[{"id":');
    });
    const error = await rejection(client({ timeoutMs: 150 }).createPatient({ first_name: 'a', last_name: 'b', external_id: '191212121212' }));
    assert.equal(error.kind, 'timeout');
  });

  it('reports a refused connection as a network failure', async () => {
    const gone = await startScriptedServer();
    const origin = gone.origin;
    await gone.close();
    const error = await rejection(client({ baseUrl: origin, retry: { attempts: 2, baseDelayMs: 1 } }).listCareUnits());
    assert.equal(error.kind, 'network');
    assert.equal(error.status, null);
    assert.ok(!error.message.includes(SECRET));
  });
});

describe('leyr client: the wait gate', () => {
  const unavailable = { code: 'SERVICE_UNAVAILABLE', status: 503, detail: 'Retry after 1 s, 5 s, 15 s, 30 s, 1 min', instance: 'i-503' };
  const newAppointment = { start: appointment.start, end: appointment.end, patient_id: 'pat-1', resource_id: 'res-1' };
  /** The script, noting when each request arrived. */
  const timed = (times: number[], script: Parameters<ScriptedServer['answer']>[0]): Parameters<ScriptedServer['answer']>[0] => (request, response, index) => {
    times.push(performance.now());
    return script(request, response, index);
  };

  it('a write meets a closed gate: not sent, typed, with how long to wait', async () => {
    const api = client({ retry: { attempts: 1, baseDelayMs: 1 } });
    server.answer(json(429, { code: 'TOO_MANY_REQUESTS' }, { 'retry-after': '30' }));
    const first = await rejection(api.listResources());
    assert.equal(first.retryAfterMs, 30_000);
    assert.ok(first.waitUntil !== null && Math.abs(first.waitUntil - (Date.now() + 30_000)) < 1_000);
    assert.equal(first.heldByGate, false);
    const sent = server.requests.length;
    for (const write of [() => api.createAppointment(newAppointment), () => api.cancelAppointments(['a'], 'ill'), () => api.createPatient({ first_name: 'a', last_name: 'b', external_id: '191212121212' })]) {
      const error = await rejection(write());
      assert.equal(error.heldByGate, true);
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 429);
      assert.equal(error.instance, null);
      assert.ok(error.retryAfterMs !== null && error.retryAfterMs > 29_000 && error.retryAfterMs <= 30_000, String(error.retryAfterMs));
      assert.equal(error.waitUntil, first.waitUntil);
      assert.match(toAppError(error).message, /^Not sent: Leyr asked to wait 30 seconds more/);
    }
    assert.equal(server.requests.length, sent, 'nothing was sent while the gate was closed');
    assert.equal(api.gate?.waitUntil(), first.waitUntil);
  });

  it('a read fails at once when the gate opens past its budget, and waits when it opens within', async () => {
    const api = client({ retry: { attempts: 1, baseDelayMs: 1, waitBudgetMs: 2_000 } });
    server.answer(sequence(json(503, unavailable, { 'retry-after': '3' }), json(200, [])));
    await rejection(api.listResources());
    const started = performance.now();
    const held = await rejection(api.listHealthcareServices());
    assert.ok(performance.now() - started < 200, 'failed fast');
    assert.equal(held.heldByGate, true);
    assert.equal(held.code, 'SERVICE_UNAVAILABLE');
    assert.equal(server.requests.length, 1);

    const patient = client({ retry: { attempts: 1, baseDelayMs: 1, waitBudgetMs: 2_000 } });
    const times: number[] = [];
    server.requests.length = 0;
    server.answer(timed(times, sequence(json(503, unavailable, { 'retry-after': '1' }), json(200, []))));
    const asked = performance.now();
    await rejection(patient.listResources());
    assert.deepEqual(await patient.listHealthcareServices(), []);
    const gap = (times[1] ?? 0) - asked;
    assert.ok(gap >= 990 && gap < 1_600, `the second request went ${Math.round(gap)} ms after the first`);
  });

  it('a retried read honours a Retry-After longer than its own backoff cap', async () => {
    const times: number[] = [];
    server.answer(timed(times, sequence(json(429, {}, { 'retry-after': '1' }), json(200, []))));
    assert.deepEqual(await client({ retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 10 } }).listResources(), []);
    const gap = (times[1] ?? 0) - (times[0] ?? 0);
    assert.ok(gap >= 990, `retried after ${Math.round(gap)} ms`);
  });

  it('a retried read gives up at once, with the wait, when Leyr asks for longer than its budget', async () => {
    server.answer(json(503, unavailable, { 'retry-after': '60' }));
    const started = performance.now();
    const error = await rejection(client({ retry: { attempts: 3, baseDelayMs: 1 } }).listResources());
    assert.ok(performance.now() - started < 500);
    assert.equal(server.requests.length, 1);
    assert.equal(error.heldByGate, false);
    assert.equal(error.instance, 'i-503');
    assert.equal(error.retryAfterMs, 60_000);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const at = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
    server.answer(json(503, unavailable, { 'retry-after': at.toUTCString() }));
    const error = await rejection(client({ retry: { attempts: 1, baseDelayMs: 1 } }).listResources());
    assert.ok(error.waitUntil !== null && Math.abs(error.waitUntil - at.getTime()) < 50, `${error.waitUntil} vs ${at.getTime()}`);
  });

  it('caps Retry-After at 5 minutes', async () => {
    server.answer(json(429, {}, { 'retry-after': '86400' }));
    const error = await rejection(client({ retry: { attempts: 1, baseDelayMs: 1 } }).listResources());
    assert.equal(error.retryAfterMs, 5 * 60_000);
  });

  it('without Retry-After, climbs Leyr’s ladder while the refusals go on and starts over after an answer', async () => {
    const api = client({ retry: { attempts: 1, baseDelayMs: 1, waitBudgetMs: 1_000 } });
    server.answer(json(503, unavailable));
    const waits: (number | null)[] = [];
    for (let i = 0; i < 5; i += 1) waits.push((await rejection(api.listResources())).retryAfterMs);
    assert.deepEqual(waits, [20, 40, 80, 80, 80]);
    server.answer(json(200, []));
    await api.listResources();
    server.answer(json(503, unavailable));
    assert.equal((await rejection(api.listResources())).retryAfterMs, 20);
  });

  it('a 429 without Retry-After and a 503 from a gateway take the ladder too; other failures do not close the gate', async () => {
    server.answer(raw(429, '429 Too Many Requests'));
    assert.equal((await rejection(client({ retry: { attempts: 1, baseDelayMs: 1 } }).listResources())).retryAfterMs, 20);
    server.answer(raw(503, 'Service Unavailable'));
    assert.equal((await rejection(client({ retry: { attempts: 1, baseDelayMs: 1 } }).listResources())).retryAfterMs, 20);
    for (const script of [json(500, { code: 'UNKNOWN_ERROR' }), json(401, { code: 'EMR_ERROR' }), json(400, { code: 'BAD_REQUEST' }), drop]) {
      const api = client({ retry: { attempts: 1, baseDelayMs: 1 } });
      server.answer(script);
      const error = await rejection(api.listResources());
      assert.equal(error.retryAfterMs, null);
      assert.equal(api.gate?.waitUntil(), null);
    }
    server.answer(json(502, { code: 'UNKNOWN_ERROR' }, { 'retry-after': '2' }));
    assert.equal((await rejection(client({ retry: { attempts: 1, baseDelayMs: 1 } }).listResources())).retryAfterMs, 2_000);
  });

  it('says when the gate closes and when Leyr answers again, through the wrapped API as well', async () => {
    const api = aroundEveryCall(client({ retry: { attempts: 1, baseDelayMs: 1, waitBudgetMs: 1_000 } }), (call) => call());
    const seen: (number | null)[] = [];
    assert.ok(api.gate);
    const subscription = api.gate.onChange((until) => seen.push(until));
    server.answer(json(503, unavailable, { 'retry-after': '0.2' }));
    const error = await rejection(api.listResources());
    assert.deepEqual(seen, [error.waitUntil]);
    assert.equal(api.gate.waitUntil(), error.waitUntil);
    server.answer(json(200, []));
    await api.listResources();
    assert.deepEqual(seen, [error.waitUntil, null]);
    assert.equal(api.gate.waitUntil(), null);
    subscription.dispose();
    server.answer(json(429, {}));
    await rejection(api.listResources());
    assert.equal(seen.length, 2, 'no more calls after dispose');
  });

  it('after a wait, one request goes first and the others follow its answer (no crowd at the gate)', async () => {
    const api = client({ retry: { attempts: 1, baseDelayMs: 1 } });
    const times: number[] = [];
    server.answer(
      timed(
        times,
        sequence(json(503, unavailable, { 'retry-after': '0' }), async (request, response, index) => {
          await sleep(150);
          return json(200, [])(request, response, index);
        }, json(200, [])),
      ),
    );
    await rejection(api.listResources());
    await Promise.all([api.listResources(), api.listHealthcareServices(), api.listCareUnits()]);
    assert.equal(times.length, 4);
    const [, probe = 0, second = 0, third = 0] = times;
    assert.ok(second - probe >= 140 && third - probe >= 140, `the others went ${Math.round(second - probe)} and ${Math.round(third - probe)} ms after the first`);
  });

  it('each client has its own gate', async () => {
    server.answer(json(429, {}, { 'retry-after': '30' }));
    await rejection(client({ retry: { attempts: 1, baseDelayMs: 1 } }).listResources());
    server.answer(json(200, []));
    assert.deepEqual(await client().listResources(), []);
  });
});
