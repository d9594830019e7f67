import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LEYR_BAD_REQUEST_CODES } from '../../../main/leyr/api.ts';
import { LeyrError, toAppError } from '../../../main/leyr/errors.ts';

const envelope = (code: string, status: number, errorCodes: string[] = [], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    code,
    status,
    title: 'Request failed',
    detail: 'detail text',
    instance: 'inst-42',
    type: 'https://docs.leyr.io/api/error-handling/x',
    errors: errorCodes.map((error_code) => ({ error_code, details: 'x', emr_error: null, path: null })),
    ...extra,
  });

describe('LeyrError.fromResponse', () => {
  it('reads the whole envelope', () => {
    const error = LeyrError.fromResponse(400, envelope('BAD_REQUEST', 400, ['NO_TIMESLOTS_AVAILABLE', 'BAD_INPUT']), { operation: 'createAppointment' });
    assert.deepEqual(error.info(), {
      code: 'BAD_REQUEST',
      status: 400,
      errorCodes: ['NO_TIMESLOTS_AVAILABLE', 'BAD_INPUT'],
      instance: 'inst-42',
      detail: 'detail text',
    });
    assert.equal(error.kind, 'http');
    assert.equal(error.operation, 'createAppointment');
    assert.match(error.message, /createAppointment: 400 BAD_REQUEST \(NO_TIMESLOTS_AVAILABLE, BAD_INPUT\): detail text \[instance inst-42\]/);
  });

  for (const [label, body] of [
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['a JSON array', '[1,2]'],
    ['a string', '"nope"'],
    ['an envelope with wrong types', '{"code":5,"instance":{},"errors":[{"error_code":7},"RAW_CODE",null]}'],
  ] as const) {
    it(`tolerates ${label}`, () => {
      const error = LeyrError.fromResponse(500, body);
      assert.equal(error.status, 500);
      assert.equal(error.code, null);
      assert.equal(error.instance, null);
      assert.ok(error.errorCodes.every((code) => typeof code === 'string'));
    });
  }

  it('takes the HTTP status over the envelope and keeps an error code given as a bare string', () => {
    const error = LeyrError.fromResponse(503, '{"status":400,"errors":["EMR_DOWN"]}');
    assert.equal(error.status, 503);
    assert.deepEqual(error.errorCodes, ['EMR_DOWN']);
  });

  it('masks registered secrets and personal numbers in the detail', () => {
    const error = LeyrError.fromResponse(401, JSON.stringify({ code: 'UNAUTHORIZED', detail: 'secret hunter2 for 191212121212' }), { secrets: ['hunter2'] });
    assert.ok(!error.message.includes('hunter2') && !error.message.includes('191212121212'), error.message);
    assert.ok(!(error.detail ?? '').includes('hunter2'));
  });
});

describe('toAppError', () => {
  const http = (code: string, status: number, errorCodes: string[] = [], extra: Record<string, unknown> = {}) =>
    toAppError(LeyrError.fromResponse(status, envelope(code, status, errorCodes, extra)));

  it('says wrong credentials for a 401', () => {
    const error = http('UNAUTHORIZED', 401);
    assert.equal(error.code, 'LEYR_ERROR');
    assert.match(error.message, /credentials/);
    assert.match(error.message, /inst-42/);
    assert.equal(error.leyr?.status, 401);
  });

  it('says the slot is taken for NO_TIMESLOTS_AVAILABLE, with the reference', () => {
    const error = http('BAD_REQUEST', 400, ['NO_TIMESLOTS_AVAILABLE']);
    assert.equal(error.code, 'LEYR_ERROR');
    assert.match(error.message, /not free/);
    assert.match(error.message, /Reference for Leyr support: inst-42/);
    assert.deepEqual(error.leyr?.errorCodes, ['NO_TIMESLOTS_AVAILABLE']);
  });

  for (const code of LEYR_BAD_REQUEST_CODES.filter((c) => c !== 'NO_TIMESLOTS_AVAILABLE')) {
    it(`has its own words for ${code}`, () => {
      const error = http('BAD_REQUEST', 400, [code]);
      assert.ok(!error.message.startsWith('Leyr refused the request'), error.message);
      assert.ok(!error.message.includes(code), 'plain words, not the code');
    });
  }

  it("quotes the EHR's message for EMR_ERROR, masking personal numbers", () => {
    const error = http('EMR_ERROR', 502, [], { detail: 'WebDoc: patient 191212121212 locked' });
    assert.match(error.message, /^The clinic’s EHR reported an error: WebDoc: patient \[personal-number\] locked\. Reference for Leyr support: inst-42\.$/);
    assert.equal(error.leyr?.detail, 'WebDoc: patient [personal-number] locked');
  });

  const CREDENTIALS = /credential|client id|secret/i;

  for (const status of [401, 403, 400]) {
    it(`says this app's credentials for UNAUTHORIZED at ${status}, and only then`, () => {
      const error = http('UNAUTHORIZED', status);
      assert.equal(error.code, 'LEYR_ERROR');
      assert.match(error.message, /^Leyr did not accept the app’s credentials \(wrong client id or secret\): check the client id and the client secret/);
      assert.match(error.message, /Reference for Leyr support: inst-42\.$/);
      assert.equal(error.leyr?.code, 'UNAUTHORIZED');
    });
  }

  for (const status of [401, 500, 502, 503]) {
    it(`says the EHR failed, with its message and the reference, for EMR_ERROR at ${status}: never credentials`, () => {
      const body = envelope('EMR_ERROR', status, ['EMR_ERROR'], {
        detail: 'TakeCare: the journal is locked for maintenance',
        errors: [{ error_code: 'EMR_ERROR', details: 'The EHR answered with an error.', emr_error: 'TakeCare: the journal is locked for maintenance', path: null }],
      });
      const error = LeyrError.fromResponse(status, body);
      assert.equal(error.emrError, 'TakeCare: the journal is locked for maintenance');
      const app = toAppError(error);
      assert.equal(app.code, 'LEYR_ERROR');
      assert.match(app.message, /^The clinic’s EHR reported an error: TakeCare: the journal is locked for maintenance\. /);
      assert.match(app.message, /Reference for Leyr support: inst-42\.$/);
      assert.doesNotMatch(app.message, CREDENTIALS);
      assert.deepEqual([app.leyr?.code, app.leyr?.status, app.leyr?.instance], ['EMR_ERROR', status, 'inst-42']);
    });
  }

  it("quotes the EHR's own message from errors[].emr_error when Leyr's detail is missing", () => {
    const body = JSON.stringify({ code: 'EMR_ERROR', status: 401, instance: 'i-7', errors: [{ error_code: 'EMR_ERROR', emr_error: 'WebDoc timeout' }] });
    assert.match(toAppError(LeyrError.fromResponse(401, body)).message, /^The clinic’s EHR reported an error: WebDoc timeout\. Reference for Leyr support: i-7\.$/);
    assert.match(toAppError(LeyrError.fromResponse(401, '{"code":"EMR_ERROR"}')).message, /^The clinic’s EHR reported an error; Leyr passed on no message from it\.$/);
  });

  for (const status of [401, 500]) {
    it(`says Leyr failed, with the reference, for UNKNOWN_ERROR at ${status}: never credentials`, () => {
      const app = http('UNKNOWN_ERROR', status, [], { detail: 'Something went wrong' });
      assert.match(app.message, /^Leyr failed: Something went wrong\. Reference for Leyr support: inst-42\.$/);
      assert.doesNotMatch(app.message, CREDENTIALS);
    });
  }

  it('says Leyr asked to wait, and how long, for SERVICE_UNAVAILABLE and 429', () => {
    const unavailable = LeyrError.fromResponse(503, envelope('SERVICE_UNAVAILABLE', 503)).withWait({ retryAfterMs: 5_000, waitUntil: Date.now() + 5_000 });
    assert.equal(unavailable.retryAfterMs, 5_000);
    assert.match(toAppError(unavailable).message, /^Leyr asked to wait 5 seconds before the next request; nothing is sent to it until then\. Reference for Leyr support: inst-42\.$/);
    const gateway = LeyrError.fromResponse(429, '429 Too Many Requests').withWait({ retryAfterMs: 90_000, waitUntil: Date.now() + 90_000 });
    assert.match(toAppError(gateway).message, /^Leyr asked to wait 2 minutes before the next request/);
    assert.match(toAppError(LeyrError.fromResponse(429, '')).message, /^Leyr asked to wait before the next request/);
    const emr = LeyrError.fromResponse(503, envelope('EMR_ERROR', 503)).withWait({ retryAfterMs: 1_000, waitUntil: Date.now() + 1_000 });
    assert.match(toAppError(emr).message, /^The clinic’s EHR reported an error: detail text\. Leyr asked to wait 1 second before the next request\./);
  });

  it('says a request held back by the gate was not sent, and for how much longer', () => {
    const now = Date.now();
    const held = LeyrError.held('createAppointment', { status: 503, code: 'SERVICE_UNAVAILABLE' }, now + 12_300, now);
    assert.deepEqual([held.kind, held.status, held.code, held.heldByGate, held.retryAfterMs, held.instance], ['http', 503, 'SERVICE_UNAVAILABLE', true, 12_300, null]);
    assert.equal(toAppError(held).message, 'Not sent: Leyr asked to wait 13 seconds more before the next request.');
  });

  for (const [status, body] of [
    [401, ''],
    [401, '401 Unauthorized'],
    [401, '<html><body>Unauthorized</body></html>'],
    [403, '{"message":"Forbidden"}'],
  ] as const) {
    it(`says a ${status} without Leyr's code (${JSON.stringify(body)}) was refused without Leyr's reason, never claiming credentials`, () => {
      const app = toAppError(LeyrError.fromResponse(status, body));
      assert.match(app.message, new RegExp(`^The request was refused \\(HTTP ${status}\\) without a reason from Leyr`));
      assert.doesNotMatch(app.message, CREDENTIALS);
      assert.ok(!app.message.includes('<html>'), app.message);
    });
  }

  it('names another code at 401 as Leyr gave it, without claiming credentials', () => {
    const app = http('SOMETHING_NEW', 401);
    assert.match(app.message, /^Leyr refused the request \(HTTP 401, SOMETHING_NEW\): detail text\./);
    assert.doesNotMatch(app.message, CREDENTIALS);
  });

  it('calls a timeout and a network failure NETWORK', () => {
    const timeout = toAppError(new LeyrError({ kind: 'timeout', message: 't' }));
    const network = toAppError(new LeyrError({ kind: 'network', message: 'n' }));
    assert.equal(timeout.code, 'NETWORK');
    assert.match(timeout.message, /in time/);
    assert.equal(network.code, 'NETWORK');
    assert.match(network.message, /could not be reached/);
    assert.equal(network.leyr?.status, null);
  });

  it('maps an unreadable answer to LEYR_ERROR and a refused request to REJECTED', () => {
    assert.equal(toAppError(new LeyrError({ kind: 'invalid-response', message: 'x', status: 200 })).code, 'LEYR_ERROR');
    assert.equal(toAppError(new LeyrError({ kind: 'invalid-request', message: 'x' })).code, 'REJECTED');
  });

  it('treats anything else as INTERNAL without leaking its message', () => {
    const error = toAppError(new Error('db exploded 191212121212'));
    assert.equal(error.code, 'INTERNAL');
    assert.ok(!error.message.includes('exploded'));
    assert.equal(toAppError('a string').code, 'INTERNAL');
  });
});
