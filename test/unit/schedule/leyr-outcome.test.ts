import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LeyrError } from '../../../main/leyr/errors.ts';
import { callOutcome, classifyChangeFailure } from '../../../main/schedule/common/leyr-outcome.ts';

const http = (status: number) => new LeyrError({ kind: 'http', message: 'x', status });

describe('what a failed Leyr call means', () => {
  const table: [string, unknown, string, string | null][] = [
    ['a 400 refusal', http(400), 'refused', 'answered'],
    ['a 404', http(404), 'refused', 'answered'],
    ['a 409', http(409), 'refused', 'answered'],
    ['a 401 (credentials)', http(401), 'retry', 'server-failure'],
    ['a 429', http(429), 'retry', 'server-failure'],
    ['a 408', http(408), 'unknown', 'server-failure'],
    ['a 500', http(500), 'unknown', 'server-failure'],
    ['a 503 EMR_ERROR', http(503), 'unknown', 'server-failure'],
    ['a 401 EMR_ERROR (the EHR failed, as in Leyr’s own example)', new LeyrError({ kind: 'http', message: 'x', status: 401, code: 'EMR_ERROR' }), 'unknown', 'server-failure'],
    ['a 401 UNKNOWN_ERROR', new LeyrError({ kind: 'http', message: 'x', status: 401, code: 'UNKNOWN_ERROR' }), 'unknown', 'server-failure'],
    ['a 400 EMR_ERROR', new LeyrError({ kind: 'http', message: 'x', status: 400, code: 'EMR_ERROR' }), 'unknown', 'answered'],
    ['a request held back by the wait gate (never sent)', new LeyrError({ kind: 'http', message: 'x', status: 503, code: 'SERVICE_UNAVAILABLE', heldByGate: true, retryAfterMs: 1_000, waitUntil: 1 }), 'retry', null],
    ['a dropped connection', new LeyrError({ kind: 'network', message: 'x' }), 'unknown', 'transport-failure'],
    ['a timeout', new LeyrError({ kind: 'timeout', message: 'x' }), 'unknown', 'transport-failure'],
    ['an unreadable 2xx', new LeyrError({ kind: 'invalid-response', message: 'x', status: 200 }), 'unknown', 'server-failure'],
    ['a request the client would not send', new LeyrError({ kind: 'invalid-request', message: 'x' }), 'refused', null],
    ['a bug', new TypeError('x'), 'refused', null],
  ];
  for (const [label, error, change, outcome] of table) {
    it(`${label}: the change is ${change}; the line ${outcome ?? 'is not judged'}`, () => {
      assert.equal(classifyChangeFailure(error), change);
      assert.equal(callOutcome(error), outcome);
    });
  }
});
