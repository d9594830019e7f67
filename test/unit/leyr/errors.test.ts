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
    assert.match(error.message, /EHR reported an error: WebDoc: patient \[personal-number\] locked/);
    assert.equal(error.leyr?.detail, 'WebDoc: patient [personal-number] locked');
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
