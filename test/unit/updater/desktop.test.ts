import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { UpdateStatus } from '../../../preload/contract/index.ts';
import { DEVELOPMENT_REASON, desktopUpdates, HELD_BACK_REASON, type DesktopUpdater, type UpdaterLogger } from '../../../main/updater/desktop.ts';
import { unavailableUpdates, WEB_HOST_REASON } from '../../../main/updater/service.ts';
import { captureLog } from '../../support/log-capture.ts';
import { FakeClock, FakeUpdater, updateInfo } from './support/fakes.ts';

class FakeDesktopUpdater extends FakeUpdater implements DesktopUpdater {
  logger: UpdaterLogger | null = null;
  disableWebInstaller = false;
  feeds: { provider: 'generic'; url: string }[] = [];
  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(options);
  }
}

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function setup(options: { isPackaged?: boolean; env?: NodeJS.ProcessEnv; policy?: object; version?: string } = {}) {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-desktop-updates-'));
  dirs.push(userData);
  if (options.policy) writeFileSync(path.join(userData, 'update-policy.json'), JSON.stringify(options.policy));
  const capture = captureLog();
  const statuses: UpdateStatus[] = [];
  let loads = 0;
  const updater = new FakeDesktopUpdater();
  const clock = new FakeClock();
  const service = desktopUpdates({
    isPackaged: options.isPackaged ?? true,
    userData,
    env: options.env ?? {},
    clock,
    startupDelayMs: 1000,
    loadUpdater: () => {
      loads += 1;
      return updater;
    },
  })({ version: options.version ?? '1.2.0', log: capture.log, emit: (s) => statuses.push(s), pendingChanges: () => 0 });
  return { service, updater, clock, capture, statuses, userData, loads: () => loads };
}

describe('desktop updates wiring', () => {
  it('does not update a development build, and never loads electron-updater there', () => {
    const s = setup({ isPackaged: false });
    assert.deepEqual({ state: s.service.status().state, reason: (s.service.status() as { reason?: string }).reason }, { state: 'unavailable', reason: DEVELOPMENT_REASON });
    assert.equal(s.loads(), 0);
    assert.equal(s.service.check().state, 'unavailable');
    assert.equal(s.service.requestRestart().state, 'unavailable');
  });

  it('honours a clinic holding the computer back', () => {
    const s = setup({ policy: { enabled: false } });
    const status = s.service.status();
    assert.equal(status.state, 'unavailable');
    assert.equal(status.state === 'unavailable' && status.reason, HELD_BACK_REASON);
    assert.equal(s.loads(), 0);
    assert.equal(existsSync(path.join(s.userData, '.updaterId')), false, 'nothing written for a held-back desk');
  });

  it('configures electron-updater from the settings: feed, channel, logger, web installers off', () => {
    const s = setup({ policy: { channel: 'beta' }, env: { FRONTDESK_UPDATE_URL: 'https://updates.example.se/frontdesk/' } });
    assert.deepEqual(s.updater.feeds, [{ provider: 'generic', url: 'https://updates.example.se/frontdesk/' }]);
    assert.equal(s.updater.channel, 'beta');
    assert.equal(s.updater.disableWebInstaller, true);
    assert.ok(s.updater.logger);
    s.updater.logger.info('Checking for update');
    assert.ok(s.capture.lines().some((l) => l.source === 'electron-updater' && l.msg === 'Checking for update'));
  });

  it('keeps the built-in feed when none is configured', () => {
    const s = setup();
    assert.deepEqual(s.updater.feeds, []);
  });

  it('logs a refused setting and carries on with the default', () => {
    const s = setup({ env: { FRONTDESK_UPDATE_CHANNEL: 'nightly' } });
    assert.equal(s.updater.channel, 'latest');
    assert.ok(s.capture.lines().some((l) => l.msg === 'update: a setting was refused; the default holds' && String(l.problem).includes('FRONTDESK_UPDATE_CHANNEL')));
  });

  it('decides rollouts with the install id it keeps in userData', async () => {
    const s = setup();
    const id = readFileSync(path.join(s.userData, '.updaterId'), 'utf8');
    assert.match(id, /^[0-9a-f-]{36}$/);
    const bucketPercent = (Number.parseInt(id.replace(/-/g, '').slice(24, 32), 16) / 0xffffffff) * 100;
    const above = Math.min(100, Math.floor(bucketPercent) + 1);
    assert.equal(await s.updater.isUserWithinRollout(updateInfo('1.3.0', { stagingPercentage: above }) as { version: string }), true);
  });

  it('runs the controller: first check after the startup delay, statuses to the renderer', () => {
    const s = setup();
    s.clock.advance(1000);
    assert.equal(s.updater.checks, 1);
    assert.equal(s.statuses.at(-1)?.state, 'checking');
  });

  it('holds a restart while the renderer has a dialog open', () => {
    const s = setup();
    s.clock.advance(1000);
    s.updater.emit('update-available', updateInfo('1.3.0'));
    s.updater.emit('update-downloaded', updateInfo('1.3.0'));
    const busy = s.service.setUiBusy(true);
    assert.equal(busy.state, 'ready');
    const held = s.service.requestRestart();
    assert.deepEqual(held.state === 'ready' && held.hold, { reason: 'dialog-open' });
    assert.equal(s.updater.installs.length, 0);
    const free = s.service.setUiBusy(false);
    assert.equal(free.state === 'ready' && free.hold, null);
    s.service.requestRestart();
    assert.equal(s.updater.installs.length, 1);
  });

  it('stops its timers when closed', () => {
    const s = setup();
    s.service.close();
    s.clock.advance(10 * 3_600_000);
    assert.equal(s.updater.checks, 0);
  });
});

describe('unavailable updates (web host)', () => {
  it('answers every call with a clear status and never fails', () => {
    const capture = captureLog();
    const service = unavailableUpdates(WEB_HOST_REASON)({ version: '1.2.0', log: capture.log, emit: () => assert.fail('nothing to emit'), pendingChanges: () => 0 });
    for (const status of [service.status(), service.check(), service.requestRestart(), service.setUiBusy(true)]) {
      assert.deepEqual(status, { state: 'unavailable', reason: 'Updates are managed by the desktop app.', currentVersion: '1.2.0', channel: null, lastCheckedAt: null, nextCheckAt: null });
    }
    service.prepareForQuit();
    service.pendingChangesChanged();
    service.close();
  });
});

