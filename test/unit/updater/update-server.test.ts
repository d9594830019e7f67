// The update path against a real generic update server on 127.0.0.1: the metadata files as
// electron-builder writes them, parsed and compared the way the controller relies on, and
// electron-updater's own Windows updater checking, downloading and verifying real bytes
// under the controller (desktopUpdates, as in the app).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { UpdateStatus } from '../../../preload/contract/index.ts';
import { desktopUpdates } from '../../../main/updater/desktop.ts';
import { channelFileName, compareVersions, parseUpdateMetadataYaml } from '../../../main/updater/metadata.ts';
import type { UpdateService } from '../../../main/updater/service.ts';
import { captureLog } from '../../support/log-capture.ts';
import { createNodeNsisUpdater, type NodeUpdaterSetup } from './support/node-updater.ts';
import { channelFile, fakeInstaller, publish, sha512Base64, startUpdateServer, type UpdateServer } from './support/update-server.ts';

const text = async (url: string): Promise<string> => {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  return response.text();
};

describe('update metadata from a real update server', () => {
  let server: UpdateServer;
  before(async () => {
    server = await startUpdateServer();
  });
  after(() => server.close());

  it('parses latest.yml as electron-builder writes it, and its digest matches the served installer', async () => {
    publish(server, 'latest', '1.3.0');
    const parsed = parseUpdateMetadataYaml(await text(`${server.url}${channelFileName('stable', 'win32')}`));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
    const { metadata } = parsed;
    assert.equal(metadata.version, '1.3.0');
    assert.equal(metadata.releaseDate, '2026-03-20T09:30:00.000Z');
    assert.equal(metadata.stagingPercentage, undefined);
    const file = metadata.files[0];
    assert.ok(file);
    const installer = Buffer.from(await (await fetch(`${server.url}${file.url}`)).arrayBuffer());
    assert.equal(file.sha512, sha512Base64(installer));
    assert.equal(file.size, installer.length);
  });

  it('reads a staged release from beta.yml', async () => {
    publish(server, 'beta', '1.4.0-beta.2', { stagingPercentage: 25 });
    const parsed = parseUpdateMetadataYaml(await text(`${server.url}${channelFileName('beta', 'win32')}`));
    assert.ok(parsed.ok);
    assert.equal(parsed.metadata.version, '1.4.0-beta.2');
    assert.equal(parsed.metadata.stagingPercentage, 25);
  });

  it('accepts an unquoted release date and a quoted percentage, as hand edits produce', async () => {
    const installer = fakeInstaller('1.3.1');
    server.put('latest.yml', channelFile('1.3.1', installer).replace(/releaseDate: '([^']+)'/, 'releaseDate: $1') + "stagingPercentage: '40'\n");
    const parsed = parseUpdateMetadataYaml(await text(`${server.url}latest.yml`));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
    assert.equal(parsed.metadata.releaseDate, '2026-03-20T09:30:00.000Z');
    assert.equal(parsed.metadata.stagingPercentage, 40);
  });

  for (const [label, edit, expect] of [
    ['a version that is not semver', (t: string) => t.replace('version: 1.3.0', 'version: v1.3'), /version/],
    ['a digest that is not sha512', (t: string) => t.replace(/ {4}sha512: \S+/, '    sha512: abc'), /files\.0\.sha512/],
    ['no files', (t: string) => t.replace(/files:\n( {2}.*\n)+/, 'files: []\n'), /files/],
    ['a staging percentage over 100', (t: string) => `${t}stagingPercentage: 150\n`, /stagingPercentage/],
    ['a release date that is not a date', (t: string) => t.replace(/releaseDate: .*/, "releaseDate: 'soon'"), /releaseDate/],
    ['an HTML error page', () => '<html><body>502 Bad Gateway</body></html>', /YAML mapping/],
    ['broken YAML', () => 'version: [1.3.0\nfiles: {', /not YAML/],
  ] as const) {
    it(`refuses ${label}`, async () => {
      server.put('broken.yml', edit(channelFile('1.3.0', fakeInstaller('1.3.0'))));
      const parsed = parseUpdateMetadataYaml(await text(`${server.url}broken.yml`));
      assert.equal(parsed.ok, false);
      assert.match(parsed.ok ? '' : parsed.problem, expect);
    });
  }

  it('names the channel file of each platform as electron-updater fetches it', () => {
    assert.equal(channelFileName('stable', 'win32'), 'latest.yml');
    assert.equal(channelFileName('beta', 'win32'), 'beta.yml');
    assert.equal(channelFileName('stable', 'darwin'), 'latest-mac.yml');
    assert.equal(channelFileName('beta', 'darwin', 'arm64'), 'beta-mac.yml');
    assert.equal(channelFileName('stable', 'linux'), 'latest-linux.yml');
    assert.equal(channelFileName('stable', 'linux', 'arm64'), 'latest-linux-arm64.yml');
  });

  it('compares versions by semantic-version precedence', () => {
    const ascending = ['1.2.0', '1.2.1', '1.3.0-beta.1', '1.3.0-beta.2', '1.3.0-beta.10', '1.3.0', '1.10.0', '2.0.0'];
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) {
        assert.equal(compareVersions(ascending[i] ?? '', ascending[j] ?? ''), Math.sign(i - j), `${ascending[i]} vs ${ascending[j]}`);
      }
    }
  });
});

describe('electron-updater under the controller, against the update server', () => {
  let server: UpdateServer;
  const roots: string[] = [];
  const services: UpdateService[] = [];
  before(async () => {
    server = await startUpdateServer();
  });
  after(async () => {
    for (const service of services) service.close();
    await server.close();
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  function start(options: { version?: string; publisherName?: string; policy?: object; pending?: () => number; refuseSignature?: boolean } = {}) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-updater-'));
    roots.push(root);
    const userData = path.join(root, 'userData');
    const version = options.version ?? '1.2.0';
    let node: NodeUpdaterSetup | null = null;
    const capture = captureLog();
    const statuses: UpdateStatus[] = [];
    if (options.policy !== undefined) {
      // The clinic's policy file, where the app reads it.
      const file = path.join(userData, 'update-policy.json');
      mkdirSync(userData, { recursive: true });
      writeFileSync(file, JSON.stringify(options.policy));
    }
    const service = desktopUpdates({
      isPackaged: true,
      userData,
      // The feed override from the environment; app-update.yml names an unroutable feed.
      env: { FRONTDESK_UPDATE_URL: server.url },
      startupDelayMs: 3_600_000,
      loadUpdater: () => {
        node = createNodeNsisUpdater({ version, root, userData, feedUrl: 'https://updates.invalid/', ...(options.publisherName !== undefined && { publisherName: options.publisherName }) });
        if (options.refuseSignature) node.updater.verifyUpdateCodeSignature = async () => 'the installer is signed by "Mallory Ltd", not by Frontdesk AB';
        return node.updater;
      },
    })({ version, log: capture.log, emit: (status) => statuses.push(status), pendingChanges: options.pending ?? (() => 0) });
    services.push(service);
    const requested = (): string[] => server.requests.map((r) => r.path);
    return {
      service,
      capture,
      statuses,
      userData,
      requested,
      node: (): NodeUpdaterSetup => {
        assert.ok(node, 'the updater was loaded');
        return node;
      },
    };
  }

  const settled = async (service: UpdateService, states: UpdateStatus['state'][]): Promise<UpdateStatus> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const status = service.status();
      if (states.includes(status.state)) return status;
      if (Date.now() > deadline) assert.fail(`timed out in state ${status.state}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('checks, downloads and verifies a newer release; it is ready, and installs only when asked and clear', async () => {
    server.requests.length = 0;
    publish(server, 'latest', '1.3.0');
    let pending = 2;
    const s = start({ pending: () => pending });
    s.service.check();
    const ready = await settled(s.service, ['ready', 'failed', 'idle']);
    assert.equal(ready.state, 'ready', JSON.stringify(ready));
    assert.equal(ready.state === 'ready' && ready.version, '1.3.0');
    assert.ok(s.statuses.some((x) => x.state === 'downloading'), 'progress was reported');
    assert.deepEqual(s.requested(), ['latest.yml', 'Frontdesk-Setup-1.3.0.exe']);

    // The id the rollout decision used is the one electron-updater sent.
    const installId = readFileSync(path.join(s.userData, '.updaterId'), 'utf8');
    assert.equal(server.requests[0]?.headers['x-user-staging-id'], installId);

    const node = s.node();
    assert.equal(node.quitHandlers.length, 1, 'install-at-quit registered for the verified file');
    const held = s.service.requestRestart();
    assert.deepEqual(held.state === 'ready' && held.hold, { reason: 'pending-changes', pendingChanges: 2 });
    assert.equal(node.installs.length, 0);
    pending = 0;
    s.service.pendingChangesChanged();
    assert.equal(s.service.requestRestart().state, 'restarting');
    assert.deepEqual(node.installs, [[true, true]]);
  });

  it('discards a tampered installer (sha512 mismatch) and installs nothing', async () => {
    server.requests.length = 0;
    publish(server, 'latest', '1.3.0');
    const tampered = fakeInstaller('1.3.0');
    tampered[1000] = (tampered[1000] ?? 0) ^ 0xff;
    server.put('Frontdesk-Setup-1.3.0.exe', tampered);
    const s = start();
    s.service.check();
    const failed = await settled(s.service, ['failed', 'ready', 'idle']);
    assert.equal(failed.state, 'failed', JSON.stringify(failed));
    if (failed.state === 'failed') {
      assert.equal(failed.phase, 'download');
      assert.match(failed.message, /failed verification/);
    }
    const node = s.node();
    assert.equal(node.quitHandlers.length, 0, 'nothing to install at quit');
    assert.equal(node.updater.autoInstallOnAppQuit, false);
    s.service.requestRestart();
    assert.equal(node.installs.length, 0);
    const pendingDir = path.join(node.cacheDir, 'pending');
    const leftovers = existsSync(pendingDir) ? readdirSync(pendingDir).filter((f) => f.endsWith('.exe')) : [];
    assert.deepEqual(leftovers, [], 'the downloaded file was deleted');
    const line = s.capture.lines().find((l) => l.msg === 'update: download failed verification; discarded');
    assert.equal(line?.code, 'ERR_CHECKSUM_MISMATCH');
  });

  it('discards an installer whose signature is not the publisher’s', async () => {
    publish(server, 'latest', '1.3.0');
    const s = start({ publisherName: 'Frontdesk AB', refuseSignature: true });
    s.service.check();
    const failed = await settled(s.service, ['failed', 'ready', 'idle']);
    assert.equal(failed.state, 'failed', JSON.stringify(failed));
    assert.match(failed.state === 'failed' ? failed.message : '', /verification/);
    assert.equal(s.node().quitHandlers.length, 0);
    assert.ok(s.capture.lines().some((l) => l.code === 'ERR_UPDATER_INVALID_SIGNATURE'));
  });

  it('holds a staged release back from installs outside its percentage, without downloading it', async () => {
    server.requests.length = 0;
    publish(server, 'latest', '1.3.0', { stagingPercentage: 0 });
    const s = start();
    s.service.check();
    const idle = await settled(s.service, ['idle', 'failed', 'ready']);
    assert.equal(idle.state, 'idle', JSON.stringify(idle));
    assert.match(idle.state === 'idle' ? (idle.note ?? '') : '', /rolled out in stages/);
    assert.deepEqual(s.requested(), ['latest.yml']);
  });

  it('follows the beta channel set by the clinic’s policy file', async () => {
    server.requests.length = 0;
    publish(server, 'latest', '1.3.0');
    publish(server, 'beta', '1.4.0-beta.1');
    const s = start({ policy: { channel: 'beta' } });
    s.service.check();
    const ready = await settled(s.service, ['ready', 'failed', 'idle']);
    assert.equal(ready.state === 'ready' && ready.version, '1.4.0-beta.1', JSON.stringify(ready));
    assert.equal(ready.channel, 'beta');
    assert.equal(s.requested()[0], 'beta.yml');
  });

  it('stays put when the server has the running version', async () => {
    server.requests.length = 0;
    publish(server, 'latest', '1.2.0');
    const s = start();
    s.service.check();
    const idle = await settled(s.service, ['idle', 'failed', 'ready']);
    assert.deepEqual({ state: idle.state, note: idle.state === 'idle' ? idle.note : 'x' }, { state: 'idle', note: null });
    assert.deepEqual(s.requested(), ['latest.yml']);
  });

  it('reports a feed without the channel file as a failed check', async () => {
    server.remove('latest.yml');
    const s = start();
    s.service.check();
    const failed = await settled(s.service, ['failed', 'idle', 'ready']);
    assert.deepEqual({ state: failed.state, phase: failed.state === 'failed' ? failed.phase : null }, { state: 'failed', phase: 'check' });
  });
});
