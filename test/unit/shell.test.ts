// The Electron shell, driven with a fake of the Electron objects it touches. Each security
// option and handler is asserted one by one, so switching any of them off fails a test.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CALL_NAMES, EVENT_CHANNEL, ipcChannel, ok } from '../../preload/contract/index.ts';
import { APP_URL } from '../../main/electron/app-protocol.ts';
import { startShell, type ShellServices } from '../../main/electron/shell.ts';
import { EventBus } from '../../main/events/bus.ts';
import type { Handlers } from '../../main/ipc/router.ts';
import { FakeBrowserWindow, FakeWebContents, fakeElectron } from '../support/fake-electron.ts';
import { captureLog } from '../support/log-capture.ts';

function rendererDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-shell-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
  writeFileSync(path.join(os.tmpdir(), 'secret.txt'), 'outside');
  return dir;
}

function fakeServices(): ShellServices & { bus: EventBus; closed: () => boolean } {
  let closed = false;
  const handlers = Object.fromEntries(CALL_NAMES.map((name) => [name, () => ok(`answer of ${name}`)])) as unknown as Handlers;
  return {
    handlers,
    bus: new EventBus(),
    close: async () => {
      closed = true;
    },
    closed: () => closed,
  };
}

async function started(options: { gotLock?: boolean } = {}) {
  const electron = fakeElectron(options);
  const services = fakeServices();
  const capture = captureLog();
  const handle = startShell(electron, {
    rendererDir: rendererDir(),
    preloadPath: '/app/dist/preload/index.cjs',
    log: capture.log,
    startServices: async () => services,
  });
  const window = await handle.ready;
  return { electron, services, window, capture };
}

describe('electron shell', () => {
  it('creates one window with every security option on', async () => {
    const { window } = await started();
    assert.equal(FakeBrowserWindow.created.length, 1);
    const prefs = FakeBrowserWindow.created[0]!.options.webPreferences;
    assert.equal(prefs.contextIsolation, true, 'contextIsolation');
    assert.equal(prefs.sandbox, true, 'sandbox');
    assert.equal(prefs.nodeIntegration, false, 'nodeIntegration');
    assert.equal(prefs.nodeIntegrationInWorker, false, 'nodeIntegrationInWorker');
    assert.equal(prefs.nodeIntegrationInSubFrames, false, 'nodeIntegrationInSubFrames');
    assert.equal(prefs.webSecurity, true, 'webSecurity');
    assert.equal(prefs.allowRunningInsecureContent, false, 'allowRunningInsecureContent');
    assert.equal(prefs.webviewTag, false, 'webviewTag');
    assert.equal(prefs.preload, '/app/dist/preload/index.cjs');
    assert.ok(window !== null);
  });

  it('loads the app from the app:// protocol, never file://', async () => {
    const { window } = await started();
    const loaded = (window as FakeBrowserWindow).loadedUrl;
    assert.equal(loaded, APP_URL);
    assert.match(loaded ?? '', /^app:\/\/frontdesk\//);
  });

  it('enables the sandbox for all renderers and registers app:// as a secure standard scheme', async () => {
    const { electron } = await started();
    assert.equal(electron.record.sandboxEnabled, true);
    const scheme = electron.record.privilegedSchemes.find((s) => s.scheme === 'app');
    assert.ok(scheme);
    assert.equal(scheme.privileges.standard, true);
    assert.equal(scheme.privileges.secure, true);
  });

  it('serves renderer files with a strict CSP and refuses paths outside the renderer folder', async () => {
    const { electron } = await started();
    const handler = electron.record.protocolHandlers.get('app');
    assert.ok(handler, 'app:// handler registered');
    const index = await handler({ url: 'app://frontdesk/index.html', method: 'GET' });
    assert.equal(index.status, 200);
    const csp = index.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    for (const url of ['app://frontdesk/../secret.txt', 'app://frontdesk/%2e%2e/secret.txt', 'app://frontdesk/..%2fsecret.txt', 'app://elsewhere/index.html']) {
      const response = await handler({ url, method: 'GET' });
      assert.equal(response.status, 404, url);
    }
    assert.equal((await handler({ url: 'app://frontdesk/index.html', method: 'POST' })).status, 404);
  });

  it('denies navigation, redirects, new windows and <webview> in every web contents', async () => {
    const { electron } = await started();
    const created = electron.record.appListeners.get('web-contents-created');
    assert.ok(created && created.length > 0, 'web-contents-created handler set');
    const contents = new FakeWebContents();
    for (const listener of created) (listener as (e: unknown, c: FakeWebContents) => void)({}, contents);
    assert.equal(contents.firePreventable('will-navigate', 'https://evil.example/'), true, 'navigation prevented');
    assert.equal(contents.firePreventable('will-redirect', 'https://evil.example/'), true, 'redirect prevented');
    assert.equal(contents.firePreventable('will-attach-webview', {}, {}), true, 'webview prevented');
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
  });

  it('denies every permission request and check', async () => {
    const { electron } = await started();
    const request = electron.record.permissionRequestHandler;
    assert.ok(request);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      request({}, permission, (value) => (granted = value));
      assert.equal(granted, false, permission);
    }
    assert.equal(electron.record.permissionCheckHandler?.({}, 'media'), false);
  });

  it('takes the single-instance lock, and quits when another instance holds it', async () => {
    const { electron, window } = await started({ gotLock: false });
    assert.equal(window, null);
    assert.equal(electron.record.quit, 1);
    assert.equal(FakeBrowserWindow.created.length, 0);
    const second = await started();
    assert.ok(second.electron.record.appListeners.get('second-instance'), 'focuses the window on a second launch');
  });

  it('handles every contract call over IPC, checking the sender frame', async () => {
    const { electron } = await started();
    for (const name of CALL_NAMES) assert.ok(electron.record.ipcHandlers.has(ipcChannel(name)), name);
    const handle = electron.record.ipcHandlers.get(ipcChannel('getAppInfo'))!;
    const top = { url: 'app://frontdesk/index.html', parent: null };
    assert.deepEqual(await handle({ senderFrame: top }, undefined), { ok: true, value: 'answer of getAppInfo' });
    const forged = [
      { senderFrame: { url: 'app://frontdesk/index.html', parent: top } },
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: null },
    ];
    for (const event of forged) {
      const result = (await handle(event, undefined)) as { ok: boolean; error?: { code: string } };
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'FORBIDDEN_SENDER');
    }
  });

  it('bounds each window’s calls: a burst of distinct days meets BUSY, another window does not', async () => {
    const { electron } = await started();
    const openDay = electron.record.ipcHandlers.get(ipcChannel('openDay'))!;
    const frame = { url: 'app://frontdesk/index.html', parent: null };
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => openDay({ senderFrame: frame, sender: { id: 1 } }, { date: `2026-03-${String(10 + i)}` }) as Promise<{ ok: boolean; error?: { code: string } }>),
    );
    assert.ok(burst.filter((result) => result.ok).length >= 1);
    assert.ok(burst.some((result) => result.error?.code === 'BUSY'), 'some of the burst is answered BUSY');
    const other = (await openDay({ senderFrame: frame, sender: { id: 2 } }, { date: '2026-03-10' })) as { ok: boolean };
    assert.equal(other.ok, true, 'another window has its own allowance');
  });

  it('forwards events from main to the window and closes services on quit', async () => {
    const { services, window, electron } = await started();
    services.bus.emit('notice', { level: 'info', message: 'hello' });
    assert.deepEqual((window as FakeBrowserWindow).webContents.sent, [{ channel: EVENT_CHANNEL, args: ['notice', { level: 'info', message: 'hello' }] }]);
    electron.app.quit();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(services.closed(), true);
    assert.equal(electron.record.quitDone, 1, 'the app quits once the services are closed');
  });

  it('logs services that fail to close on quit, without an unhandled rejection', async () => {
    const electron = fakeElectron();
    const capture = captureLog();
    const services: ShellServices = {
      handlers: fakeServices().handlers,
      bus: new EventBus(),
      close: () => Promise.reject(new Error('store would not close')),
    };
    await startShell(electron, { rendererDir: rendererDir(), preloadPath: '/app/dist/preload/index.cjs', log: capture.log, startServices: async () => services }).ready;
    electron.app.quit();
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(capture.lines().some((line) => line.msg === 'services did not close cleanly'));
    assert.equal(electron.record.quitDone, 1, 'and quits all the same');
  });
});
