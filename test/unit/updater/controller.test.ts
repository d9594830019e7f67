import { DateTime } from 'luxon';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UpdateStatus } from '../../../preload/contract/index.ts';
import { createUpdateController, type UpdateControllerOptions } from '../../../main/updater/controller.ts';
import { defaultSettings, type UpdaterSettings } from '../../../main/updater/settings.ts';
import { captureLog } from '../../support/log-capture.ts';
import { FakeClock, FakeUpdater, settle, updateInfo, updaterError } from './support/fakes.ts';

const HOUR = 3_600_000;
const instant = (iso: string | null): number | null => (iso === null ? null : DateTime.fromISO(iso, { setZone: true }).toMillis());
const STARTUP = 15_000;
/** Install ids whose rollout bucket is 0, about 0.5 and 1. */
const LOW_ID = '11111111-2222-4333-8444-555500000000';
const MID_ID = '11111111-2222-4333-8444-55557fffffff';
const HIGH_ID = '11111111-2222-4333-8444-5555ffffffff';

interface Setup {
  settings?: Partial<UpdaterSettings>;
  currentVersion?: string;
  installId?: string;
  pending?: () => number;
  busy?: () => boolean;
  extra?: Partial<UpdateControllerOptions>;
}

function setup(options: Setup = {}) {
  const updater = new FakeUpdater();
  const clock = new FakeClock();
  const capture = captureLog();
  const statuses: UpdateStatus[] = [];
  let pending = 0;
  let busy = false;
  const currentVersion = options.currentVersion ?? '1.2.0';
  const controller = createUpdateController({
    updater,
    currentVersion,
    settings: { ...defaultSettings(currentVersion), ...options.settings },
    installId: options.installId ?? LOW_ID,
    log: capture.log,
    emit: (status) => statuses.push(status),
    clock,
    pendingChanges: options.pending ?? (() => pending),
    isUiBusy: options.busy ?? (() => busy),
    startupDelayMs: STARTUP,
    retryAfterFailureMs: 30 * 60_000,
    holdPollMs: 10_000,
    ...options.extra,
  });
  controller.start();
  return {
    updater,
    clock,
    capture,
    statuses,
    controller,
    last: (): UpdateStatus => {
      const status = statuses.at(-1);
      assert.ok(status, 'a status was emitted');
      return status;
    },
    setPending: (count: number) => {
      pending = count;
    },
    setBusy: (value: boolean) => {
      busy = value;
    },
    messages: () => capture.lines().map((line) => String(line.msg)),
  };
}

/** Runs a check the way electron-updater reports it: checking, then available or not. */
async function serve(s: ReturnType<typeof setup>, info: Record<string, unknown>, available: boolean): Promise<void> {
  s.controller.check('manual');
  s.updater.emit('checking-for-update');
  s.updater.emit(available ? 'update-available' : 'update-not-available', info);
  await settle();
}

/** Offers 1.3.0 and lets it download and verify. */
async function readyUpdate(s: ReturnType<typeof setup>, version = '1.3.0'): Promise<void> {
  await serve(s, updateInfo(version), true);
  s.updater.emit('download-progress', { percent: 50, transferred: 500, total: 1000, bytesPerSecond: 100, delta: 10 });
  s.updater.emit('update-downloaded', { ...updateInfo(version), downloadedFile: '/tmp/x.exe' });
  await settle();
}

describe('update controller: configuration of electron-updater', () => {
  it('takes over downloading and installing, and keeps downgrades off after setting the channel', () => {
    const { updater } = setup();
    assert.equal(updater.autoDownload, false);
    assert.equal(updater.autoInstallOnAppQuit, false);
    assert.equal(updater.channel, 'latest');
    assert.equal(updater.allowPrerelease, false);
    assert.equal(updater.allowDowngrade, false, 'electron-updater switches downgrades on with the channel; the controller switches them off');
    assert.equal(updater.disableDifferentialDownload, false);
  });

  it('follows the beta feed on the beta channel, and honours the differential switch', () => {
    const { updater } = setup({ settings: { channel: 'beta', differential: false } });
    assert.equal(updater.channel, 'beta');
    assert.equal(updater.allowPrerelease, true);
    assert.equal(updater.allowDowngrade, false);
    assert.equal(updater.disableDifferentialDownload, true);
  });

  it('puts its own staged-rollout decision into electron-updater', async () => {
    const low = setup({ installId: LOW_ID }).updater;
    const high = setup({ installId: HIGH_ID }).updater;
    const staged = updateInfo('1.3.0', { stagingPercentage: 10 }) as { version: string; stagingPercentage: number };
    assert.equal(await low.isUserWithinRollout(staged), true);
    assert.equal(await high.isUserWithinRollout(staged), false);
    assert.equal(await high.isUserWithinRollout(updateInfo('1.3.0') as { version: string }), true, 'no percentage: everyone');
  });
});

describe('update controller: when to check', () => {
  it('checks once shortly after start, then every few hours', async () => {
    const s = setup({ settings: { checkIntervalHours: 4 } });
    assert.equal(s.updater.checks, 0);
    assert.equal(s.last().state, 'idle');
    const start = s.clock.now();
    assert.equal(instant(s.last().nextCheckAt), start + STARTUP, 'the next check is announced');
    s.clock.advance(STARTUP - 1);
    assert.equal(s.updater.checks, 0, 'not before the startup delay');
    s.clock.advance(1);
    assert.equal(s.updater.checks, 1);
    assert.equal(s.last().state, 'checking');
    s.updater.emit('update-not-available', updateInfo('1.2.0'));
    await settle();
    assert.equal(s.last().state, 'idle');
    assert.match(s.last().lastCheckedAt ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/, 'ISO 8601 with offset');
    assert.equal(instant(s.last().lastCheckedAt), start + STARTUP);
    s.clock.advance(4 * HOUR - 1);
    assert.equal(s.updater.checks, 1);
    s.clock.advance(1);
    assert.equal(s.updater.checks, 2, 'the next check comes after the interval');
  });

  it('does not start a second check while one runs, and a manual check resets the schedule', async () => {
    const s = setup();
    s.controller.check('manual');
    s.controller.check('manual');
    assert.equal(s.updater.checks, 1);
    assert.ok(s.messages().includes('update: check skipped, one is already under way or an update is ready'));
    s.updater.emit('update-not-available', updateInfo('1.2.0'));
    await settle();
    s.clock.advance(STARTUP);
    assert.equal(s.updater.checks, 1, 'the startup check was replaced by the manual one');
  });

  it('retries a failed check sooner than the interval, and says what failed', async () => {
    const s = setup();
    s.updater.checkResult = () => Promise.reject(updaterError('getaddrinfo ENOTFOUND updates.example', 'ENOTFOUND'));
    s.controller.check('manual');
    s.updater.emit('error', updaterError('getaddrinfo ENOTFOUND updates.example', 'ENOTFOUND'));
    await settle();
    const status = s.last();
    assert.equal(status.state, 'failed');
    assert.equal(status.state === 'failed' && status.phase, 'check');
    assert.equal(s.statuses.filter((x) => x.state === 'failed').length, 1, 'the error event and the rejected promise report once');
    s.clock.advance(30 * 60_000);
    assert.equal(s.updater.checks, 2);
  });

  it('closes a check the updater answered without events (inactive updater)', async () => {
    const s = setup();
    s.controller.check('manual');
    await settle();
    assert.equal(s.last().state, 'idle');
  });
});

describe('update controller: what to offer', () => {
  it('downloads a newer version in the background and reports progress, then ready', async () => {
    const s = setup();
    await serve(s, updateInfo('1.3.0'), true);
    assert.equal(s.updater.downloads, 1);
    assert.deepEqual(
      (({ state, version }) => ({ state, version }))(s.last() as { state: string; version: string }),
      { state: 'available', version: '1.3.0' },
    );
    s.updater.emit('download-progress', { percent: 42.7, transferred: 427, total: 1000, bytesPerSecond: 2048, delta: 1 });
    const progress = s.last();
    assert.equal(progress.state, 'downloading');
    if (progress.state === 'downloading') {
      assert.equal(progress.percent, 42);
      assert.equal(progress.transferredBytes, 427);
      assert.equal(progress.totalBytes, 1000);
    }
    const before = s.statuses.length;
    s.updater.emit('download-progress', { percent: 42.9, transferred: 429, total: 1000, bytesPerSecond: 2048, delta: 1 });
    assert.equal(s.statuses.length, before, 'progress is reported per whole percent');
    assert.equal(s.updater.autoInstallOnAppQuit, false, 'nothing installs at quit while downloading');
    s.updater.emit('update-downloaded', { ...updateInfo('1.3.0'), downloadedFile: '/tmp/x.exe' });
    const ready = s.last();
    assert.deepEqual({ state: ready.state, version: ready.state === 'ready' ? ready.version : null, hold: ready.state === 'ready' ? ready.hold : 'x' }, { state: 'ready', version: '1.3.0', hold: null });
    assert.equal(s.updater.autoInstallOnAppQuit, true, 'a verified download may install at quit');
    assert.equal(s.updater.installs.length, 0, 'but nothing restarts until the receptionist asks');
  });

  for (const [label, version] of [
    ['the same version', '1.2.0'],
    ['an older version (no downgrades)', '1.1.9'],
  ] as const) {
    it(`does not offer ${label}`, async () => {
      const s = setup();
      await serve(s, updateInfo(version), true);
      assert.equal(s.updater.downloads, 0);
      assert.deepEqual({ state: s.last().state }, { state: 'idle' });
    });
  }

  it('compares versions by semver, not as text (1.10.0 is newer than 1.9.0)', async () => {
    const s = setup({ currentVersion: '1.9.0' });
    await serve(s, updateInfo('1.10.0'), true);
    assert.equal(s.updater.downloads, 1);
  });

  it('keeps a stable desk off betas and other pre-releases', async () => {
    for (const version of ['1.3.0-beta.1', '1.3.0-rc.1', '1.3.0-alpha.2']) {
      const s = setup();
      await serve(s, updateInfo(version), true);
      assert.equal(s.updater.downloads, 0, version);
    }
  });

  it('gives a beta desk betas and stable releases, but no other pre-releases', async () => {
    for (const [version, offered] of [
      ['1.3.0-beta.1', true],
      ['1.3.0', true],
      ['1.3.0-alpha.1', false],
    ] as const) {
      const s = setup({ settings: { channel: 'beta' } });
      await serve(s, updateInfo(version), true);
      assert.equal(s.updater.downloads, offered ? 1 : 0, version);
    }
  });

  it('a beta build moves on to the stable release of the same version', async () => {
    const s = setup({ currentVersion: '1.3.0-beta.3' });
    assert.equal(s.last().channel, 'beta', 'a beta build follows the beta channel by default');
    await serve(s, updateInfo('1.3.0'), true);
    assert.equal(s.updater.downloads, 1);
  });

  it('honours a staged rollout for this install, with a note for the receptionist', async () => {
    const cases = [
      { id: LOW_ID, pct: 0, offered: false },
      { id: LOW_ID, pct: 1, offered: true },
      { id: MID_ID, pct: 40, offered: false },
      { id: MID_ID, pct: 60, offered: true },
      { id: HIGH_ID, pct: 99, offered: false },
      { id: HIGH_ID, pct: 100, offered: true },
    ];
    for (const { id, pct, offered } of cases) {
      const s = setup({ installId: id });
      await serve(s, updateInfo('1.3.0', { stagingPercentage: pct }), true);
      assert.equal(s.updater.downloads, offered ? 1 : 0, `${id} at ${pct}%`);
      const status = s.last();
      if (!offered) {
        assert.equal(status.state, 'idle');
        assert.match(status.state === 'idle' ? (status.note ?? '') : '', /rolled out in stages/);
      }
    }
  });

  it('explains a staged version electron-updater reported as not available', async () => {
    const s = setup({ installId: HIGH_ID });
    await serve(s, updateInfo('1.3.0', { stagingPercentage: 20 }), false);
    const status = s.last();
    assert.equal(status.state, 'idle');
    assert.match(status.state === 'idle' ? (status.note ?? '') : '', /1\.3\.0 is being rolled out in stages/);
  });

  it('refuses malformed metadata from the server without downloading', async () => {
    const s = setup();
    await serve(s, { ...updateInfo('1.3.0'), files: [{ url: 'x.exe', sha512: 'not-a-digest' }] }, true);
    assert.equal(s.updater.downloads, 0);
    const status = s.last();
    assert.equal(status.state, 'failed');
    assert.ok(s.messages().includes('update: the server offered malformed metadata; nothing downloaded'));
  });
});

describe('update controller: failed and tampered downloads are discarded, never installed', () => {
  it('a checksum mismatch after the download started leads to no install, now or at quit', async () => {
    const s = setup();
    await serve(s, updateInfo('1.3.0'), true);
    s.updater.emit('download-progress', { percent: 99, transferred: 990, total: 1000, bytesPerSecond: 1, delta: 1 });
    s.updater.emit('error', updaterError('sha512 checksum mismatch, expected …, got …', 'ERR_CHECKSUM_MISMATCH'));
    await settle();
    const status = s.last();
    assert.equal(status.state, 'failed');
    if (status.state === 'failed') {
      assert.equal(status.phase, 'download');
      assert.equal(status.version, '1.3.0');
      assert.match(status.message, /failed verification.*not installed/);
    }
    assert.equal(s.updater.autoInstallOnAppQuit, false);
    s.controller.requestRestart();
    s.controller.prepareForQuit();
    assert.equal(s.updater.installs.length, 0, 'no restart into a failed download');
    assert.equal(s.updater.autoInstallOnAppQuit, false, 'and no install at quit');
    const line = s.capture.lines().find((l) => l.msg === 'update: download failed verification; discarded');
    assert.equal(line?.code, 'ERR_CHECKSUM_MISMATCH');
    s.clock.advance(30 * 60_000);
    assert.equal(s.updater.checks, 2, 'tried again later');
  });

  it('a signature the OS does not trust is treated the same way', async () => {
    const s = setup();
    await serve(s, updateInfo('1.3.0'), true);
    s.updater.emit('error', updaterError('New version 1.3.0 is not signed by the application owner', 'ERR_UPDATER_INVALID_SIGNATURE'));
    assert.equal(s.last().state, 'failed');
    assert.equal(s.updater.autoInstallOnAppQuit, false);
  });

  it('a download that fails on the network (promise only, no event) is discarded too', async () => {
    const s = setup();
    s.updater.downloadResult = () => Promise.reject(updaterError('socket hang up', 'ECONNRESET'));
    await serve(s, updateInfo('1.3.0'), true);
    const status = s.last();
    assert.equal(status.state, 'failed');
    assert.match(status.state === 'failed' ? status.message : '', /download failed/);
    assert.equal(s.updater.installs.length, 0);
  });

  it('a finished download of another version than the one offered is not made ready', async () => {
    const s = setup();
    await serve(s, updateInfo('1.3.0'), true);
    s.updater.emit('update-downloaded', { ...updateInfo('9.9.9'), downloadedFile: '/tmp/evil.exe' });
    assert.equal(s.last().state, 'failed');
    assert.equal(s.updater.autoInstallOnAppQuit, false);
    s.controller.requestRestart();
    assert.equal(s.updater.installs.length, 0);
  });

  it('an install that fails after the restart was started is reported, and this version keeps running', async () => {
    const s = setup();
    await readyUpdate(s);
    s.controller.requestRestart();
    assert.equal(s.last().state, 'restarting');
    s.updater.emit('error', new Error("No update filepath provided, can't quit and install"));
    const status = s.last();
    assert.equal(status.state, 'failed');
    assert.equal(status.state === 'failed' && status.phase, 'install');
    assert.equal(s.updater.autoInstallOnAppQuit, false);
  });
});

describe('update controller: restarting only when it suits the receptionist', () => {
  it('holds a restart while changes are unsent, says why, and offers it again once they are sent', async () => {
    const s = setup();
    await readyUpdate(s);
    s.setPending(3);
    const held = s.controller.requestRestart();
    assert.equal(s.updater.installs.length, 0, 'never restarts with unsent changes');
    assert.deepEqual(held.state === 'ready' && held.hold, { reason: 'pending-changes', pendingChanges: 3 });
    assert.ok(s.messages().includes('update: restart held (3 changes are not yet sent to the EHR)'));

    s.setPending(0);
    s.clock.advance(10_000);
    const offered = s.last();
    assert.deepEqual({ state: offered.state, hold: offered.state === 'ready' ? offered.hold : 'x' }, { state: 'ready', hold: null }, 'offered again when clear');
    assert.equal(s.updater.installs.length, 0, 'offered, not done behind the receptionist’s back');

    const restarting = s.controller.requestRestart();
    assert.equal(restarting.state, 'restarting');
    assert.deepEqual(s.updater.installs, [{ isSilent: true, isForceRunAfter: true }]);
  });

  it('holds a restart while a dialog is open, and re-offers as soon as it closes', async () => {
    const s = setup();
    await readyUpdate(s);
    s.setBusy(true);
    const held = s.controller.requestRestart();
    assert.deepEqual(held.state === 'ready' && held.hold, { reason: 'dialog-open' });
    s.setBusy(false);
    s.controller.refresh();
    const offered = s.last();
    assert.equal(offered.state === 'ready' && offered.hold, null);
    assert.equal(s.updater.installs.length, 0);
  });

  it('unsent changes outrank an open dialog as the reason', async () => {
    const s = setup();
    await readyUpdate(s);
    s.setBusy(true);
    s.setPending(1);
    const held = s.controller.requestRestart();
    assert.deepEqual(held.state === 'ready' && held.hold, { reason: 'pending-changes', pendingChanges: 1 });
  });

  it('shows the hold before the receptionist asks, as the outbox changes', async () => {
    const s = setup();
    await readyUpdate(s);
    s.setPending(2);
    s.clock.advance(10_000);
    const status = s.last();
    assert.deepEqual(status.state === 'ready' && status.hold, { reason: 'pending-changes', pendingChanges: 2 });
  });

  it('holds when the outbox count cannot be read', async () => {
    const s = setup({
      pending: () => {
        throw new Error('store closed');
      },
    });
    await readyUpdate(s);
    s.controller.requestRestart();
    assert.equal(s.updater.installs.length, 0);
  });

  it('does nothing when asked to restart with no update ready', () => {
    const s = setup();
    const status = s.controller.requestRestart();
    assert.equal(status.state, 'idle');
    assert.equal(s.updater.installs.length, 0);
  });

  it('installs at quit only when nothing is left unsent', async () => {
    const s = setup();
    await readyUpdate(s);
    s.setPending(2);
    s.controller.prepareForQuit();
    assert.equal(s.updater.autoInstallOnAppQuit, false);
    s.setPending(0);
    s.controller.prepareForQuit();
    assert.equal(s.updater.autoInstallOnAppQuit, true);
  });

  it('does not check while an update is ready', async () => {
    const s = setup();
    await readyUpdate(s);
    s.clock.advance(48 * HOUR);
    assert.equal(s.updater.checks, 1);
    assert.equal(s.controller.check('manual').state, 'ready');
  });
});

describe('update controller: logging and stopping', () => {
  it('logs every step of an update', async () => {
    const s = setup();
    await readyUpdate(s);
    s.controller.requestRestart();
    const messages = s.messages();
    for (const step of [
      'update: controller started',
      'update: checking for updates',
      'update: offered; downloading in the background',
      'update: downloading',
      'update: downloaded and verified; ready to install on restart',
      'update: restarting to install',
    ]) {
      assert.ok(messages.includes(step), `logged: ${step}`);
    }
    assert.ok(messages.indexOf('update: checking for updates') < messages.indexOf('update: restarting to install'));
  });

  it('stops checking and listening when stopped', async () => {
    const s = setup();
    s.controller.stop();
    s.clock.advance(STARTUP + 10 * HOUR);
    assert.equal(s.updater.checks, 0);
    assert.equal(s.updater.listenerCount('update-available'), 0);
    assert.equal(s.clock.pending(), 0);
  });
});
