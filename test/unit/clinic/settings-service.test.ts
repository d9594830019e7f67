// The settings calls through the real composition: real SQLite file, settings.json, the real
// keychain (a private Secret Service), the embedded demo sandbox and a second sandbox that
// plays the clinic's real Leyr with its own credentials. Run inside a private keyring:
//   scripts/with-keyring.sh node_modules/.bin/node --test --test-reporter=spec "test/unit/clinic/*.test.ts"
// Outside it the keychain tests report skipped, with the reason.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DaySnapshot, EventName, Result, SettingsView } from '../../../preload/contract/index.ts';
import { createRouter } from '../../../main/ipc/router.ts';
import { loadSeedFile } from '../../../main/sandbox/seed.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/server.ts';
import { createKeytarSecretStore, type SecretStore } from '../../../main/secrets/secret-store.ts';
import { SETTINGS_FILE_NAME } from '../../../main/settings/settings-store.ts';
import { captureLog, type CapturedLog } from '../../support/log-capture.ts';
import { createTestServices, type TestServices } from '../../support/main-services.ts';
import { sandboxControl, type SandboxControl } from '../../support/sandbox-control.ts';

const inKeyring = process.env.FRONTDESK_IN_KEYRING === '1';
const NEEDS_KEYRING = 'needs a real Secret Service: run under scripts/with-keyring.sh (FRONTDESK_IN_KEYRING=1)';
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const DAY_CLINIC = path.join(root, 'test', 'fixtures', 'day-clinic.json');
const DAY = '2026-03-23';
/** A name only the account's clinic has: its traces in the store can be searched for. */
const MARKER = 'Kontoklinik';

const CLIENT_ID = 'clinic-client-0042';
const SECRET = `LEAK-CANARY-${randomUUID()}+/=&`;
const trusted = { url: 'app://frontdesk/index.html', isMainFrame: true };

function value<T>(result: Result<T>, what: string): T {
  if (!result.ok) assert.fail(`${what} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

interface Host {
  services: TestServices;
  capture: CapturedLog;
  events: { event: EventName; payload: unknown }[];
  call(name: string, arg?: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

describe('the Leyr account: settings, keychain and switching clinics', { skip: !inKeyring && NEEDS_KEYRING }, () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-account-'));
  const serviceName = `Frontdesk (Leyr) account test ${randomUUID()}`;
  let secretStore: SecretStore;
  let clinic: Sandbox;
  let control: SandboxControl;
  let host: Host;
  const hosts: Host[] = [];

  async function startHost(options: { secretStore?: SecretStore; dir?: string } = {}): Promise<Host> {
    const secrets = new Set<string>();
    const capture = captureLog(secrets);
    const services = await createTestServices({
      mode: 'web',
      version: '0.0.0-test',
      log: capture.log,
      secrets,
      dataDir: options.dir ?? dataDir,
      demoDate: DAY,
      secretStore: options.secretStore ?? secretStore,
      keychainWaitMs: 5_000,
      schedule: { refreshIntervalMs: 0, prefetchDays: 0, retry: { baseMs: 20, maxMs: 200 } },
    });
    const events: Host['events'] = [];
    services.bus.subscribe((event, payload) => events.push({ event, payload }));
    const router = createRouter({ handlers: services.handlers, isTrustedUrl: (url) => url.startsWith('app://frontdesk/'), log: capture.log });
    const started: Host = {
      services,
      capture,
      events,
      call: (name, arg) => router.dispatch(name, arg, trusted),
      close: () => services.close(),
    };
    hosts.push(started);
    return started;
  }

  const settings = async (h: Host = host, checkKeychain = false): Promise<SettingsView> => value((await h.call('getSettings', checkKeychain ? { checkKeychain } : undefined)) as Result<SettingsView>, 'getSettings');
  const day = async (h: Host = host): Promise<DaySnapshot> => value((await h.call('refreshDay', { date: DAY })) as Result<DaySnapshot>, 'refreshDay');
  const settingsOnDisk = (dir = dataDir): string => (existsSync(path.join(dir, SETTINGS_FILE_NAME)) ? readFileSync(path.join(dir, SETTINGS_FILE_NAME), 'utf8') : '');
  const storeBytes = (dir = dataDir): string =>
    ['frontdesk.sqlite', 'frontdesk.sqlite-wal']
      .map((name) => path.join(dir, name))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('\n');
  const credentials = (secret = SECRET) => ({ emr: 'webdoc', clientId: CLIENT_ID, clientSecret: secret, baseUrl: clinic.apiBaseUrl });

  before(async () => {
    secretStore = createKeytarSecretStore({ serviceName, log: captureLog().log });
    const seed = await loadSeedFile(DAY_CLINIC);
    // The account's clinic: the day clinic with a marker in every patient's last name.
    clinic = await startSandbox({
      control: true,
      seed: { ...seed, patients: seed.patients.map((patient) => ({ ...patient, last_name: `${patient.last_name}-${MARKER}` })) },
      credentials: { clientId: CLIENT_ID, clientSecret: SECRET },
    });
    control = sandboxControl(clinic.origin);
    host = await startHost();
  });

  after(async () => {
    for (const h of hosts) await h.close();
    await clinic?.close();
    await secretStore?.remove({ emr: 'webdoc', clientId: CLIENT_ID }).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts in demo mode without touching the keychain, and says so', async () => {
    const view = await settings();
    assert.equal(view.account, null);
    assert.equal(view.mode.mode, 'demo');
    assert.equal(view.mode.reason, null);
    assert.equal(view.keychain.available, null, 'not asked: the demo needs nothing of it');
    const info = value((await host.call('getAppInfo')) as Result<{ demo: boolean }>, 'getAppInfo');
    assert.equal(info.demo, true);
    const demoDay = await day();
    assert.ok(demoDay.resources.some((resource) => resource.name === 'Dr. Karin Lindqvist'), 'the demo clinic');
    const checked = await settings(host, true);
    assert.deepEqual(checked.keychain, { available: true, reason: null });
  });

  it('wrong credentials: the 401 in plain words, and nothing changes', async () => {
    const before = settingsOnDisk();
    const seq = (await control.requests()).next;
    const result = await host.call('saveCredentials', credentials(`${SECRET}-wrong`));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'LEYR_ERROR');
    assert.equal(result.error.leyr?.status, 401);
    assert.match(result.error.message, /did not accept the app’s credentials \(wrong client id or secret\).*Nothing was saved\./);
    assert.match(result.error.message, /Reference for Leyr support: [0-9a-f-]{36}/);
    assert.equal((await control.requests(seq)).requests.length, 1, 'Leyr was really asked');
    assert.equal(settingsOnDisk(), before, 'settings.json unchanged');
    assert.equal(await secretStore.has({ emr: 'webdoc', clientId: CLIENT_ID }), false, 'nothing in the keychain');
    const view = await settings();
    assert.equal(view.account, null);
    assert.equal(view.mode.mode, 'demo');
  });

  it('right credentials: the secret goes to the keychain only, and the care units are listed', async () => {
    const result = value(await host.call('saveCredentials', credentials()), 'saveCredentials') as { settings: SettingsView; connection: { careUnits: { id: string; name: string | null }[]; message: string } };
    assert.deepEqual(result.connection.careUnits, [{ id: 'L0_1', name: 'Vårdcentralen Test' }]);
    assert.match(result.connection.message, /accepted the credentials/);
    assert.deepEqual(result.settings.account, { emr: 'webdoc', clientId: CLIENT_ID, careUnitId: null, baseUrl: clinic.apiBaseUrl });
    assert.equal(result.settings.secretStored, true);
    assert.equal(result.settings.mode.mode, 'demo', 'no care unit chosen yet');
    assert.equal(await secretStore.read({ emr: 'webdoc', clientId: CLIENT_ID }), SECRET);
    const onDisk = settingsOnDisk();
    assert.ok(onDisk.includes(CLIENT_ID), 'sanity: the search finds what is there');
    assert.ok(!onDisk.includes(SECRET), 'the secret is not in settings.json');
    assert.ok(!JSON.stringify(result).includes(SECRET), 'nor in the answer');
  });

  it('choosing the care unit switches to that clinic in one action, and the day comes from its Leyr', async () => {
    const seq = (await control.requests()).next;
    const modeEvents = host.events.length;
    const view = value((await host.call('chooseCareUnit', { careUnitId: 'L0_1' })) as Result<SettingsView>, 'chooseCareUnit');
    assert.equal(view.mode.mode, 'account');
    assert.equal(view.mode.careUnitId, 'L0_1');
    assert.ok(host.events.slice(modeEvents).some((e) => e.event === 'mode.changed' && (e.payload as { mode: string }).mode === 'account'));
    const info = value((await host.call('getAppInfo')) as Result<{ demo: boolean }>, 'getAppInfo');
    assert.equal(info.demo, false);
    const accountDay = await day();
    assert.deepEqual(accountDay.resources.map((r) => r.name), ['Dr. Anna Ek', 'Dr. Bo Lind', 'Sjuksköterska Cilla Berg']);
    assert.equal(accountDay.careUnit.id, 'L0_1');
    const paths = (await control.requests(seq)).requests.map((r) => `${r.method} ${r.path.split('?')[0]}`);
    assert.ok(paths.includes('GET /api/emrs/webdoc/care-units/L0_1/appointments'), paths.join('\n'));
    assert.ok(storeBytes().includes(MARKER), 'sanity: the clinic’s patients are cached now');
  });

  it('switches back to the demo and again to the clinic; the choice survives a restart', async () => {
    const demo = value((await host.call('useDemo')) as Result<SettingsView>, 'useDemo');
    assert.equal(demo.mode.mode, 'demo');
    assert.equal(demo.account?.careUnitId, 'L0_1', 'the account stays set up');
    assert.ok((await day()).resources.some((r) => r.name === 'Dr. Karin Lindqvist'));
    await host.close();
    host = await startHost();
    assert.equal((await settings()).mode.mode, 'demo', 'the demo choice is remembered');
    const back = value((await host.call('chooseCareUnit', { careUnitId: 'L0_1' })) as Result<SettingsView>, 'chooseCareUnit');
    assert.equal(back.mode.mode, 'account');
    await host.close();
    host = await startHost();
    const restarted = await settings();
    assert.equal(restarted.mode.mode, 'account', 'an account with its secret in the keychain runs at start');
    assert.equal(restarted.secretStored, true);
    assert.equal(restarted.keychain.available, true);
    assert.equal((await day()).careUnit.id, 'L0_1');
  });

  it('the outbox of the clinic left behind waits, is reported, and is sent when switched back', async () => {
    const before = await day();
    const target = before.appointments.find((a) => a.status === 'booked');
    assert.ok(target);
    await control.setFaults({ offline: true });
    const cancel = await host.call('cancelAppointments', { ids: [target.id], reason: 'Sjuk' });
    assert.ok(cancel.ok);
    await host.call('useDemo');
    const view = await settings();
    assert.deepEqual(view.mode.waiting, [{ clinic: 'Vårdcentralen Test', demo: false, count: 1 }]);
    await control.clearFaults();
    value(await host.call('chooseCareUnit', { careUnitId: 'L0_1' }), 'chooseCareUnit');
    await host.services.schedule?.whenIdle();
    const state = await control.state();
    assert.equal(state.appointments.find((a) => a.id === target.id)?.status, 'cancelled', 'sent once the clinic was used again');
    assert.deepEqual((await settings()).mode.waiting, []);
  });

  it('Test connection: plain words for the EHR’s error with Leyr’s reference, and for no network', async () => {
    const works = value(await host.call('testConnection'), 'testConnection') as { careUnits: unknown[] };
    assert.equal(works.careUnits.length, 1);
    await control.setFaults({ errorRate: 1 });
    const ehr = await host.call('testConnection');
    assert.ok(!ehr.ok);
    assert.equal(ehr.error.code, 'LEYR_ERROR');
    assert.equal(ehr.error.leyr?.code, 'EMR_ERROR');
    assert.match(ehr.error.message, /The clinic’s EHR reported an error/);
    assert.ok(ehr.error.leyr?.instance && ehr.error.message.includes(ehr.error.leyr.instance), 'Leyr’s instance, to quote to support');
    await control.setFaults({ offline: true });
    const offline = await host.call('testConnection');
    assert.ok(!offline.ok);
    assert.equal(offline.error.code, 'NETWORK');
    assert.match(offline.error.message, /could not be reached/);
    await control.clearFaults();
  });

  it('a care unit Leyr does not list is refused; the clinic stays', async () => {
    const result = await host.call('chooseCareUnit', { careUnitId: 'L9_9' });
    assert.equal(!result.ok && result.error.code, 'NOT_FOUND');
    assert.equal((await settings()).mode.careUnitId, 'L0_1');
  });

  it('preferences are saved and announced', async () => {
    const view = value((await host.call('updatePreferences', { language: 'sv', maskPersonalNumbers: false })) as Result<SettingsView>, 'updatePreferences');
    assert.equal(view.language, 'sv');
    assert.equal(view.maskPersonalNumbers, false);
    assert.equal(JSON.parse(settingsOnDisk()).language, 'sv');
    assert.ok(host.events.some((e) => e.event === 'settings.changed' && (e.payload as SettingsView).language === 'sv'));
    const empty = await host.call('updatePreferences', {});
    assert.equal(!empty.ok && empty.error.code, 'INVALID_ARGUMENT');
  });

  it('removing the secret keeps the account but runs the demo; saving it again returns to the clinic', async () => {
    const removed = value((await host.call('removeSecret')) as Result<SettingsView>, 'removeSecret');
    assert.equal(removed.secretStored, false);
    assert.equal(removed.mode.mode, 'demo');
    assert.equal(removed.account?.clientId, CLIENT_ID);
    assert.equal(await secretStore.has({ emr: 'webdoc', clientId: CLIENT_ID }), false);
    const saved = value(await host.call('saveCredentials', credentials()), 'saveCredentials') as { settings: SettingsView };
    assert.equal(saved.settings.account?.careUnitId, 'L0_1', 'the care unit is kept for the same clinic');
    assert.equal(saved.settings.mode.mode, 'account');
  });

  it('sign-out is refused while changes wait, then removes the secret and erases the clinic’s cached data', async () => {
    const shown = await day();
    const target = shown.appointments.find((a) => a.status === 'booked');
    assert.ok(target);
    await control.setFaults({ offline: true });
    assert.ok((await host.call('cancelAppointments', { ids: [target.id], reason: 'Sjuk' })).ok);
    const refused = await host.call('signOut');
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'REJECTED');
    assert.match(refused.error.message, /One change for this clinic has not reached Leyr yet/);
    assert.equal((await settings()).mode.mode, 'account', 'nothing happened');
    assert.ok(storeBytes().includes(MARKER));

    const out = value(await host.call('signOut', { discardPendingChanges: true }), 'signOut') as { settings: SettingsView; secretRemoved: boolean; erasedClinics: number; warning: string | null };
    await control.clearFaults();
    assert.equal(out.secretRemoved, true);
    assert.equal(out.erasedClinics, 1);
    assert.equal(out.warning, null);
    assert.equal(out.settings.account, null);
    assert.equal(out.settings.mode.mode, 'demo');
    assert.equal(await secretStore.has({ emr: 'webdoc', clientId: CLIENT_ID }), false, 'the secret left the keychain');
    assert.equal(storeBytes().includes(MARKER), false, 'no patient of the clinic is left in the .sqlite or -wal file');
    assert.equal(JSON.parse(settingsOnDisk()).account, null);
  });

  it('the secret never reached a log line, an event, settings.json or the store', () => {
    const everything = [...hosts.map((h) => h.capture.text()), ...hosts.flatMap((h) => h.events.map((e) => JSON.stringify(e))), settingsOnDisk(), storeBytes()].join('\n');
    assert.ok(everything.includes(CLIENT_ID), 'sanity: the client id is there to be found');
    for (const form of [SECRET, encodeURIComponent(SECRET), Buffer.from(SECRET).toString('base64'), SECRET.slice(0, 30)]) {
      assert.equal(everything.includes(form), false, `found ${form.slice(0, 16)}…`);
    }
  });

  it('with no keychain: the demo runs, the screen gets the reason, and credentials cannot be saved', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-no-keychain-'));
    try {
      writeFileSync(path.join(dir, SETTINGS_FILE_NAME), JSON.stringify({ version: 1, account: { emr: 'webdoc', clientId: CLIENT_ID, careUnitId: 'L0_1', baseUrl: clinic.apiBaseUrl }, language: 'system', maskPersonalNumbers: true }));
      const broken = createKeytarSecretStore({ serviceName, log: captureLog().log, loadKeytar: () => Promise.reject(new Error('keytar is not installed')) });
      const h = await startHost({ secretStore: broken, dir });
      const view = await settings(h);
      assert.equal(view.mode.mode, 'demo');
      assert.match(view.mode.reason ?? '', /Keychain support could not be loaded.*keeps working in demo mode and never stores the secret in a file/);
      assert.equal(view.keychain.available, false);
      assert.ok((await day(h)).resources.some((r) => r.name === 'Dr. Karin Lindqvist'), 'the demo clinic works');
      const save = await h.call('saveCredentials', credentials());
      assert.ok(!save.ok);
      assert.equal(save.error.code, 'KEYCHAIN');
      assert.ok(!JSON.stringify(save).includes(SECRET));
      assert.equal((await settings(h)).mode.mode, 'demo');
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an account whose secret is not in the keychain starts in demo mode and says why', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-no-secret-'));
    try {
      writeFileSync(path.join(dir, SETTINGS_FILE_NAME), JSON.stringify({ version: 1, account: { emr: 'webdoc', clientId: 'nobody', careUnitId: 'L0_1', baseUrl: clinic.apiBaseUrl }, language: 'system', maskPersonalNumbers: true }));
      const h = await startHost({ dir });
      const view = await settings(h);
      assert.equal(view.mode.mode, 'demo');
      assert.match(view.mode.reason ?? '', /No client secret for the clinic is stored in the keychain/);
      assert.equal(view.secretStored, false);
      const chosen = await h.call('chooseCareUnit', { careUnitId: 'L0_1' });
      assert.equal(!chosen.ok && chosen.error.code, 'KEYCHAIN');
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
