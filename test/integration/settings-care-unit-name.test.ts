// The header names the care unit as soon as main knows its name: main's services built as a
// host builds them, on a Leyr fixed for the run (a sandbox over HTTP), a fresh data folder.
// The name arrives with the first catalog fetch; main then pushes the settings view again
// (settings.changed), once, without the renderer having to read the settings.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { EventName, EventPayload, Result, SettingsView } from '../../preload/contract/index.ts';
import { silentLogger } from '../../main/log/logger.ts';
import { loadSeedFile } from '../../main/sandbox/seed.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/server.ts';
import type { SecretStore } from '../../main/secrets/secret-store.ts';
import { createTestServices, type TestServices } from '../support/main-services.ts';

const DAY_CLINIC = path.resolve(import.meta.dirname, '..', 'fixtures', 'day-clinic.json');
const DAY = '2026-03-23';
const credentials = { clientId: 'name-client', clientSecret: 'name-secret' };
/** No keychain is asked on a fixed Leyr; this one says so loudly if it is. */
const noKeychain: SecretStore = {
  save: () => Promise.reject(new Error('the keychain was asked')),
  read: () => Promise.reject(new Error('the keychain was asked')),
  remove: () => Promise.reject(new Error('the keychain was asked')),
  has: () => Promise.reject(new Error('the keychain was asked')),
  availability: () => Promise.resolve({ available: false, code: 'unavailable', reason: 'Not in this test.' }),
};

function value<T>(result: Result<T>, what: string): T {
  if (!result.ok) assert.fail(`${what} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('the care unit’s name in the settings view', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-care-unit-name-'));
  let leyr: Sandbox;
  let services: TestServices;
  const events: { event: EventName; payload: unknown }[] = [];
  const pushed = (): SettingsView[] => events.filter((e) => e.event === 'settings.changed').map((e) => e.payload as EventPayload<'settings.changed'>);

  before(async () => {
    leyr = await startSandbox({ seed: await loadSeedFile(DAY_CLINIC), credentials });
    services = await createTestServices({
      mode: 'web',
      version: '0.0.0-test',
      log: silentLogger,
      dataDir: dir,
      demoDate: DAY,
      secretStore: noKeychain,
      leyr: { baseUrl: leyr.apiBaseUrl, emr: leyr.emr, careUnitId: 'L0_1', credentials },
      schedule: { refreshIntervalMs: 0, prefetchDays: 0 },
    });
    services.bus.subscribe((event, payload) => events.push({ event, payload }));
  });

  after(async () => {
    await services?.close();
    await leyr?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is not known before the first fetch: the view has no name (the badge says "Care unit", never the id)', async () => {
    const view = value(await services.handlers.getSettings(undefined), 'getSettings');
    assert.equal(view.mode.mode, 'account');
    assert.equal(view.mode.careUnitId, 'L0_1');
    assert.equal(view.mode.careUnitName, null);
  });

  it('is pushed as soon as the first fetch brings it, without the settings being read; once', async () => {
    assert.deepEqual(pushed(), []);
    const day = value(await services.handlers.refreshDay({ date: DAY }), 'refreshDay');
    assert.equal(day.careUnit.name, 'Vårdcentralen Test');
    const named = pushed().filter((view) => view.mode.careUnitName === 'Vårdcentralen Test');
    assert.equal(named.length, 1, 'the settings view was pushed with the name');
    assert.equal(named[0]?.mode.careUnitId, 'L0_1');
    // Later snapshots bring nothing new: no second push.
    value(await services.handlers.refreshDay({ date: DAY }), 'refreshDay again');
    value(await services.handlers.refreshDay({ date: '2026-03-24' }), 'refreshDay of another day');
    assert.equal(pushed().length, 1);
    assert.equal(value(await services.handlers.getSettings(undefined), 'getSettings').mode.careUnitName, 'Vårdcentralen Test');
  });
});
