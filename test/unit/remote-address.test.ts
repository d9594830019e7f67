// The one rule for where a secret or an update may travel, with the look-alikes of "this
// computer" that must not pass for it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { remoteAddressProblem } from '../../preload/contract/remote-address.ts';
import { leyrBaseUrlProblem } from '../../preload/contract/remote-address.ts';

describe('remote addresses', () => {
  for (const [value, problem] of [
    ['https://api.leyr.io/api', null],
    ['http://127.0.0.1:4790/api', null],
    ['http://localhost:4790/api', null],
    ['http://[::1]:4790/api', null],
    ['http://localhost.evil.example/api', 'plain-http-elsewhere'],
    ['http://127.0.0.1.nip.io/api', 'plain-http-elsewhere'],
    ['http://10.0.0.5/api', 'plain-http-elsewhere'],
    ['ftp://127.0.0.1/api', 'not-http'],
    ['api.leyr.io', 'not-http'],
    ['', 'not-http'],
    ['https://user:pw@api.leyr.io/api', 'credentials-or-fragment'],
    ['https://api.leyr.io/api#x', 'credentials-or-fragment'],
  ] as const) {
    it(`${JSON.stringify(value)}: ${problem ?? 'fine'}`, () => {
      assert.equal(remoteAddressProblem(value), problem);
    });
  }

  it('Leyr’s address also carries no query, and no refusal repeats the value', () => {
    assert.equal(leyrBaseUrlProblem('https://api.leyr.io/api'), null);
    for (const value of ['https://api.leyr.io/api?secret=s3cr3t', 'http://s3cr3t.example/api', 'https://s3cr3t:x@api.leyr.io/', 'nope s3cr3t']) {
      const problem = leyrBaseUrlProblem(value);
      assert.ok(problem !== null, value);
      assert.ok(!problem.includes('s3cr3t'));
    }
  });
});
