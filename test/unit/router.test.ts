import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ok, type AppInfo } from '../../preload/contract/index.ts';
import { createRouter, type Handlers } from '../../main/ipc/router.ts';
import { captureLog } from '../support/log-capture.ts';

const info: AppInfo = { name: 'Frontdesk', version: '1.2.3', mode: 'web', platform: 'linux', runtime: { node: '24', electron: null }, demo: true };
const trusted = { url: 'app://frontdesk/index.html', isMainFrame: true };

function setup(handlers: Partial<Handlers> = {}) {
  const capture = captureLog();
  let handled = 0;
  const router = createRouter({
    handlers: {
      getAppInfo: () => {
        handled += 1;
        return ok(info);
      },
      ...handlers,
    } as Handlers,
    isTrustedUrl: (url) => url.startsWith('app://frontdesk/'),
    log: capture.log,
  });
  return { router, capture, handled: () => handled };
}

describe('ipc router', () => {
  it('answers a valid call from our window with the handler result', async () => {
    const { router } = setup();
    assert.deepEqual(await router.dispatch('getAppInfo', undefined, trusted), { ok: true, value: info });
  });

  for (const [label, sender] of [
    ['another origin', { url: 'https://evil.example/', isMainFrame: true }],
    ['a file:// page', { url: 'file:///tmp/index.html', isMainFrame: true }],
    ['a look-alike host', { url: 'app://frontdesk.evil/index.html', isMainFrame: true }],
    ['a sub-frame of our origin', { url: 'app://frontdesk/index.html', isMainFrame: false }],
    ['a sender without a frame', { url: null, isMainFrame: false }],
  ] as const) {
    it(`refuses a forged sender: ${label}, without running the handler`, async () => {
      const { router, capture, handled } = setup();
      const result = await router.dispatch('getAppInfo', undefined, sender);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, 'FORBIDDEN_SENDER');
      assert.equal(handled(), 0);
      assert.ok(capture.lines().some((line) => line.msg === 'refused call from untrusted sender'));
    });
  }

  for (const arg of [42, 'x', { a: 1 }, [], null, true]) {
    it(`refuses a malformed argument ${JSON.stringify(arg)} with a typed error`, async () => {
      const { router, handled, capture } = setup();
      const result = await router.dispatch('getAppInfo', arg, trusted);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.error.code, 'INVALID_ARGUMENT');
        assert.ok((result.error.issues ?? []).length > 0);
      }
      assert.equal(handled(), 0);
      assert.ok(capture.lines().some((line) => line.msg === 'refused call with an invalid argument'));
    });
  }

  for (const name of ['nope', '__proto__', 'constructor', 'toString', '']) {
    it(`refuses an unknown call ${JSON.stringify(name)}`, async () => {
      const { router } = setup();
      const result = await router.dispatch(name, undefined, trusted);
      assert.equal(!result.ok && result.error.code, 'UNKNOWN_CALL');
    });
  }

  it('turns a throwing handler into an INTERNAL error and keeps serving', async () => {
    const { router, capture } = setup({
      getAppInfo: () => {
        throw new Error('boom 191212121212');
      },
    });
    const result = await router.dispatch('getAppInfo', undefined, trusted);
    assert.equal(!result.ok && result.error.code, 'INTERNAL');
    assert.ok(!JSON.stringify(result).includes('boom'), 'internal details stay in the log');
    assert.ok(capture.text().includes('boom'));
    assert.ok(!capture.text().includes('191212121212'), 'personal numbers never reach the log');
  });
});
