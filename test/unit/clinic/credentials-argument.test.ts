// saveCredentials' argument through the real router and the contract's schema: every way it
// can be wrong gets a typed INVALID_ARGUMENT, and neither the answer nor the log line ever
// repeats the secret (zod's messages carry no values; this checks that it stays so).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calls, ok } from '../../../preload/contract/index.ts';
import { createRouter, type Handlers } from '../../../main/ipc/router.ts';
import { MAX_SECRET_BYTES } from '../../../preload/contract/secret-rules.ts';
import { captureLog } from '../../support/log-capture.ts';

const SECRET = 'LEAK-CANARY-7f3a9c-0d1e2f+/=&';
const trusted = { url: 'app://frontdesk/index.html', isMainFrame: true };
const valid = { emr: 'webdoc', clientId: 'client-0042', clientSecret: SECRET };

function setup() {
  const capture = captureLog();
  const received: unknown[] = [];
  const router = createRouter({
    handlers: {
      saveCredentials: (arg: unknown) => {
        received.push(arg);
        return ok({ saved: true });
      },
    } as unknown as Handlers,
    isTrustedUrl: (url) => url.startsWith('app://frontdesk/'),
    log: capture.log,
  });
  return { router, capture, received };
}

const longSecret = (bytes: number): string => `${SECRET}${'x'.repeat(bytes - Buffer.byteLength(SECRET))}`;

describe('saveCredentials argument', () => {
  it('passes a valid argument to the handler as sent', async () => {
    const { router, received } = setup();
    const result = await router.dispatch('saveCredentials', { ...valid, baseUrl: 'http://127.0.0.1:4790/api' }, trusted);
    assert.ok(result.ok);
    assert.deepEqual(received, [{ ...valid, baseUrl: 'http://127.0.0.1:4790/api' }]);
  });

  it(`accepts a secret of exactly ${MAX_SECRET_BYTES} bytes, also of multi-byte letters`, () => {
    assert.ok(calls.saveCredentials.arg.safeParse({ ...valid, clientSecret: longSecret(MAX_SECRET_BYTES) }).success);
    assert.ok(calls.saveCredentials.arg.safeParse({ ...valid, clientSecret: 'å'.repeat(MAX_SECRET_BYTES / 2) }).success);
    assert.ok(!calls.saveCredentials.arg.safeParse({ ...valid, clientSecret: 'å'.repeat(MAX_SECRET_BYTES / 2 + 1) }).success, 'bytes, not characters');
  });

  const cases: [string, unknown, string, RegExp][] = [
    ['a secret one byte over the keychain limit', { ...valid, clientSecret: longSecret(MAX_SECRET_BYTES + 1) }, 'clientSecret', /too long for the keychain: the limit is 2,560 bytes/],
    ['an empty secret', { ...valid, clientSecret: '' }, 'clientSecret', /is empty/],
    ['a secret of spaces', { ...valid, clientSecret: '   ' }, 'clientSecret', /is empty/],
    ['a secret with a line break', { ...valid, clientSecret: `${SECRET}\n` }, 'clientSecret', /line break/],
    ['a secret that is not text', { ...valid, clientSecret: 12345 }, 'clientSecret', /must be text/],
    ['no secret at all', { emr: 'webdoc', clientId: 'client-0042' }, 'clientSecret', /must be text/],
    ['an unknown field carrying the secret', { ...valid, secret: SECRET }, '(argument)', /secret/],
    ['a bad EHR code next to a good secret', { ...valid, emr: 'Web Doc' }, 'emr', /lowercase code/],
    ['the secret pasted into the client id with a tab', { ...valid, clientId: `\t${SECRET}` }, 'clientId', /control character|starts or ends with a space/],
    ['the secret in a Leyr address', { ...valid, baseUrl: `https://api.leyr.io/api?secret=${SECRET}` }, 'baseUrl', /must not carry a query/],
    ['a plain-http address to another computer', { ...valid, baseUrl: `http://${encodeURIComponent(SECRET)}.example/api` }, 'baseUrl', /https|http\(s\) URL/],
  ];
  for (const [label, arg, path, message] of cases) {
    it(`refuses ${label} with a typed error that does not repeat the secret`, async () => {
      const { router, capture, received } = setup();
      const result = await router.dispatch('saveCredentials', arg, trusted);
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'INVALID_ARGUMENT');
      const issue = result.error.issues?.find((i) => i.path === path);
      assert.ok(issue, `an issue at ${path}: ${JSON.stringify(result.error.issues)}`);
      assert.match(issue.message, message);
      assert.equal(received.length, 0, 'the handler never ran');
      const logged = capture.text();
      assert.ok(logged.includes('refused call with an invalid argument'), 'sanity: the refusal was logged');
      for (const text of [JSON.stringify(result), logged]) {
        for (const form of [SECRET, SECRET.slice(0, 20), encodeURIComponent(SECRET), Buffer.from(SECRET).toString('base64').slice(0, 24)]) {
          assert.equal(text.includes(form), false, `the secret (${form.slice(0, 12)}…) is repeated in ${text.slice(0, 200)}`);
        }
      }
    });
  }
});
