// The updater as the rest of main reaches it: the contract's calls through the composition
// root, and its statuses on the event bus that both transports forward.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { EventName } from '../../../preload/contract/index.ts';
import { createMainServices } from '../../../main/app/services.ts';
import { silentLogger } from '../../../main/log/logger.ts';
import { desktopUpdates, type DesktopUpdater, type UpdaterLogger } from '../../../main/updater/desktop.ts';
import { FakeClock, FakeUpdater, updateInfo } from './support/fakes.ts';

class FakeDesktopUpdater extends FakeUpdater implements DesktopUpdater {
  logger: UpdaterLogger | null = null;
  disableWebInstaller = false;
  setFeedURL(): void {}
}

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const temp = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-updater-wiring-'));
  dirs.push(dir);
  return dir;
};

describe('update calls in the composition root', () => {
  it('answer in the web host that the desktop app manages updates', async () => {
    const services = await createMainServices({ mode: 'web', version: '1.2.0', log: silentLogger, dataDir: temp() });
    try {
      for (const result of [
        await services.handlers.getUpdateStatus(undefined),
        await services.handlers.checkForUpdates(undefined),
        await services.handlers.restartToUpdate(undefined),
        await services.handlers.setUiBusy({ busy: true }),
      ]) {
        assert.ok(result.ok);
        assert.deepEqual({ state: result.value.state, reason: result.value.state === 'unavailable' ? result.value.reason : null }, { state: 'unavailable', reason: 'Updates are managed by the desktop app.' });
      }
    } finally {
      await services.close();
    }
  });

  it('reach the desktop updater, whose statuses go out on the bus', async () => {
    const userData = temp();
    const updater = new FakeDesktopUpdater();
    // A check in flight: electron-updater reports by events before its promise settles.
    updater.checkResult = () => new Promise(() => {});
    const clock = new FakeClock();
    const services = await createMainServices({
      mode: 'electron',
      version: '1.2.0',
      log: silentLogger,
      dataDir: path.join(userData, 'data'),
      updates: desktopUpdates({ isPackaged: true, userData, env: {}, clock, loadUpdater: () => updater }),
    });
    const events: EventName[] = [];
    const states: string[] = [];
    const unsubscribe = services.bus.subscribe((event, payload) => {
      events.push(event);
      if (event === 'update.status') states.push((payload as { state: string }).state);
    });
    try {
      const checking = await services.handlers.checkForUpdates(undefined);
      assert.equal(checking.ok && checking.value.state, 'checking');
      updater.emit('update-available', updateInfo('1.3.0'));
      updater.emit('update-downloaded', updateInfo('1.3.0'));
      const busy = await services.handlers.setUiBusy({ busy: true });
      assert.equal(busy.ok && busy.value.state, 'ready');
      const held = await services.handlers.restartToUpdate(undefined);
      assert.deepEqual(held.ok && held.value.state === 'ready' && held.value.hold, { reason: 'dialog-open' });
      assert.equal(updater.installs.length, 0);
      assert.deepEqual(states.slice(0, 3), ['checking', 'available', 'ready']);
      assert.ok(events.every((event) => event === 'update.status'));
      services.updates?.prepareForQuit();
      assert.equal(updater.autoInstallOnAppQuit, true, 'nothing unsent: a ready update installs at quit');
    } finally {
      unsubscribe();
      await services.close();
    }
    clock.advance(48 * 3_600_000);
    assert.equal(updater.checks, 1, 'closing the services stops the updater’s schedule');
  });
});
