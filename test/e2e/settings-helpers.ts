// A web host for the settings specs: main's real services with their own data folder, a log
// file, a private keychain entry name (or a keychain that cannot load), the embedded demo
// clinic, and a second sandbox that plays the clinic's real Leyr and accepts one set of
// credentials. Keychain specs run inside scripts/with-keyring.sh (npm test does).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import pino from 'pino';
import type { SettingsView } from '../../preload/contract/index.ts';
import { createLogger, silentLogger } from '../../main/log/logger.ts';
import { loadSeedFile } from '../../main/sandbox/seed.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/server.ts';
import { createKeytarSecretStore, type SecretStore } from '../../main/secrets/secret-store.ts';
import { SETTINGS_FILE_NAME } from '../../main/settings/settings-store.ts';
import { startWebHost, type WebHost } from '../../main/webhost/server.ts';
import { createTestServices, type TestServices } from '../support/main-services.ts';
import { sandboxControl, type SandboxControl } from '../support/sandbox-control.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
export const DAY_CLINIC = path.join(root, 'test', 'fixtures', 'day-clinic.json');
export const DAY = '2026-03-23';
/** In every patient's last name at the clinic's Leyr, so its traces on disk can be searched for. */
export const CLINIC_MARKER = 'Kontoklinik';
export const CLIENT_ID = 'clinic-client-0042';
export const IN_KEYRING = process.env.FRONTDESK_IN_KEYRING === '1';
export const NEEDS_KEYRING = 'needs a real Secret Service: run under scripts/with-keyring.sh (npm test does)';

export interface SettingsHost {
  host: WebHost;
  services: TestServices;
  dataDir: string;
  logFile: string;
  secretStore: SecretStore;
  /** The clinic's Leyr (a second sandbox) and its control API. */
  clinic: Sandbox;
  clinicControl: SandboxControl;
  secret: string;
  /** The app's address on the demo day. */
  url: string;
  /** Everything written to disk in the data folder (settings.json, the SQLite file and its -wal), as text. */
  diskText(): string;
  logText(): string;
  close(): Promise<void>;
}

export interface SettingsHostOptions {
  /** The client secret the clinic's Leyr accepts. */
  secret?: string;
  /** A keychain whose native module cannot load: no keychain on this computer. */
  brokenKeychain?: boolean;
  /** settings.json to start with. */
  settings?: (clinicApiBaseUrl: string) => unknown;
}

export async function startSettingsHost(options: SettingsHostOptions = {}): Promise<SettingsHost> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-settings-e2e-'));
  const logFile = path.join(dataDir, 'frontdesk.log');
  const secret = options.secret ?? `clinic-secret-${randomUUID()}`;
  const seed = await loadSeedFile(DAY_CLINIC);
  const clinic = await startSandbox({
    control: true,
    seed: { ...seed, patients: seed.patients.map((patient) => ({ ...patient, last_name: `${patient.last_name}-${CLINIC_MARKER}` })) },
    credentials: { clientId: CLIENT_ID, clientSecret: secret },
  });
  if (options.settings !== undefined) writeFileSync(path.join(dataDir, SETTINGS_FILE_NAME), JSON.stringify(options.settings(clinic.apiBaseUrl)));
  const serviceName = `Frontdesk (Leyr) e2e ${randomUUID()}`;
  const secretStore = createKeytarSecretStore({
    serviceName,
    log: silentLogger,
    ...(options.brokenKeychain === true && { loadKeytar: () => Promise.reject(new Error('keytar is not installed in this copy')) }),
  });
  const secrets = new Set<string>();
  const log = createLogger({ destination: pino.destination({ dest: logFile, sync: true }), level: 'debug', secrets });
  const services = await createTestServices({
    mode: 'web',
    version: '0.0.0-test',
    log,
    secrets,
    dataDir,
    demoDate: DAY,
    secretStore,
    keychainWaitMs: 5_000,
    schedule: { refreshIntervalMs: 0, prefetchDays: 0, retry: { baseMs: 20, maxMs: 200 } },
  });
  const host = await startWebHost({
    services,
    rendererDir: path.join(root, 'dist', 'renderer'),
    bridgeScriptPath: path.join(root, 'dist', 'web', 'web-bridge.js'),
    port: 0,
    log,
  });
  const diskText = (): string =>
    readdirSync(dataDir)
      .filter((name) => name === SETTINGS_FILE_NAME || name.startsWith('frontdesk.sqlite'))
      .map((name) => readFileSync(path.join(dataDir, name)).toString('latin1'))
      .join('\n');
  return {
    host,
    services,
    dataDir,
    logFile,
    secretStore,
    clinic,
    clinicControl: sandboxControl(clinic.origin),
    secret,
    url: `${host.origin}/?date=${DAY}#token=${host.token}`,
    diskText,
    logText: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async close() {
      await host.close();
      await services.close();
      await clinic.close();
      if (options.brokenKeychain !== true) await secretStore.remove({ emr: 'webdoc', clientId: CLIENT_ID }).catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the app on the demo day and waits for its grid. */
export async function openApp(page: Page, fixture: SettingsHost): Promise<void> {
  await page.goto(fixture.url);
  await page.locator(`[data-testid="day-grid"][data-day="${DAY}"]`).waitFor();
}

/** The day grid's column headings, in order. */
export const columnNames = (page: Page) => page.locator('[data-resource-column] .col-name');

/** Main's settings as the renderer gets them, through the contract. */
export async function settingsOf(page: Page): Promise<SettingsView> {
  const result = await page.evaluate(() => window.frontdesk.getSettings());
  if (!result.ok) throw new Error(`getSettings failed: ${result.error.message}`);
  return result.value;
}

/** Opens the settings dialog from the header (in whichever language) and returns it. */
export async function openSettings(page: Page) {
  await page.getByTestId('open-settings').click();
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Fills the account form (the secret only when given) and presses Test connection. */
export async function enterCredentials(page: Page, fixture: SettingsHost, secret: string): Promise<void> {
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByLabel('EHR').fill('webdoc');
  await dialog.getByLabel('Client id').fill(CLIENT_ID);
  await dialog.getByLabel('Client secret').fill(secret);
  const advanced = dialog.locator('details.settings-advanced');
  if ((await advanced.getAttribute('open')) === null) await advanced.locator('summary').click();
  await dialog.getByLabel('Leyr address').fill(fixture.clinic.apiBaseUrl);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
}
