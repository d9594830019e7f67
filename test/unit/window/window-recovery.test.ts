// The window's renderer dies or hangs: the window is reloaded at an address that says why
// (the page then tells the receptionist), logged with context, and never in a loop.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_URL } from '../../../main/electron/app-protocol.ts';
import { MAX_RELOADS, recoveredUrl, watchRenderer } from '../../../main/electron/window-recovery.ts';
import { FakeBrowserWindow } from '../../support/fake-electron.ts';
import { captureLog } from '../../support/log-capture.ts';
import { windowOptions } from '../../../main/electron/hardening.ts';

function watched(options: { hangGraceMs?: number; now?: () => number } = {}) {
  const window = new FakeBrowserWindow(windowOptions('/p.cjs'));
  const capture = captureLog();
  const watch = watchRenderer(window, { appUrl: APP_URL, log: capture.log, ...options });
  return { window, capture, watch };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('window recovery', () => {
  it('reloads the window when its renderer is gone, saying so in the address, logged with the reason', () => {
    const { window, capture } = watched();
    window.webContents.fire('render-process-gone', {}, { reason: 'oom', exitCode: 133 });
    assert.equal(window.loadedUrl, 'app://frontdesk/index.html?recovered=gone');
    const line = capture.lines().find((l) => String(l.msg).startsWith('the window’s renderer is gone'));
    assert.equal(line?.reason, 'oom');
    assert.equal(line?.exitCode, 133);
  });

  it('leaves a clean exit alone (the window closing)', () => {
    const { window } = watched();
    window.webContents.fire('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    assert.equal(window.loadedUrl, null);
  });

  it('gives a hung page a grace period, then ends its renderer and reloads it as hung', async () => {
    const { window, watch } = watched({ hangGraceMs: 40 });
    window.webContents.fire('unresponsive');
    await sleep(10);
    assert.equal(window.webContents.crashes, 0, 'not at once');
    await sleep(60);
    assert.equal(window.webContents.crashes, 1);
    assert.equal(window.loadedUrl, recoveredUrl(APP_URL, 'hung'));
    watch.dispose();
  });

  it('does nothing when a slow page answers again within the grace period', async () => {
    const { window, watch } = watched({ hangGraceMs: 40 });
    window.webContents.fire('unresponsive');
    await sleep(10);
    window.webContents.fire('responsive');
    await sleep(60);
    assert.equal(window.webContents.crashes, 0);
    assert.equal(window.loadedUrl, null);
    watch.dispose();
  });

  it('stops reloading a page that keeps dying, and reloads again after a quiet minute', () => {
    let clock = 0;
    const { window, capture } = watched({ now: () => clock });
    let loads = 0;
    const load = window.loadURL.bind(window);
    window.loadURL = async (url) => {
      loads += 1;
      await load(url);
    };
    for (let i = 0; i < MAX_RELOADS + 2; i += 1) window.webContents.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    assert.equal(loads, MAX_RELOADS);
    assert.ok(capture.lines().some((l) => String(l.msg).startsWith('the window keeps failing')));
    clock += 61_000;
    window.webContents.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    assert.equal(loads, MAX_RELOADS + 1);
  });
});
