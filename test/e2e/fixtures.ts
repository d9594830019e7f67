// Web hosts for the browser tests: main's real services (with the embedded Leyr sandbox)
// behind the WebSocket bridge, serving the built renderer (run `npm run build` first;
// `npm test` does).
//
// - `web` (worker-scoped): one host with the demo clinic, for tests that only read.
// - `clinic` (per test): a fresh host on a seed file (by default test/fixtures/day-clinic.json,
//   Monday 2026-03-23), so a test that changes appointments starts from a known day, plus the
//   sandbox's control API to assert what really reached Leyr.
// The services are built as the web host builds them (test/support/main-services.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import type { ServiceOptions } from '../../main/app/services.ts';
import type { CallLimits } from '../../main/ipc/call-limiter.ts';
import { silentLogger } from '../../main/log/logger.ts';
import { startWebHost, type WebHost } from '../../main/webhost/server.ts';
import type { UpdateServiceFactory } from '../../main/updater/service.ts';
import { createTestServices, type TestServices } from '../support/main-services.ts';
import { sandboxControl, type SandboxControl } from '../support/sandbox-control.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

export const DAY_CLINIC = path.join(root, 'test', 'fixtures', 'day-clinic.json');
export const DST_CLINIC = path.join(root, 'test', 'fixtures', 'dst-clinic.json');
/** The Monday the day clinic is seeded on. */
export const CLINIC_DATE = '2026-03-23';

export interface HostFixture {
  host: WebHost;
  services: TestServices;
  dataDir: string;
  /** The embedded sandbox's control API (null against an external Leyr). */
  sandbox: SandboxControl | null;
  /** Stops the host and its services; the data folder goes too unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface HostOptions {
  demoDate?: string;
  seedFile?: string;
  /** Serve the seed under another EHR code: `anitasystems` confirms bookings and cancels by code. */
  emr?: string;
  schedule?: ServiceOptions['schedule'];
  /** Reuse a data folder (its store, settings), as an app restart would; a fresh one when absent. */
  dataDir?: string;
  /** The port and token of an earlier host, to start it again where an open tab expects it; a free port and a fresh token when absent. */
  port?: number;
  token?: string;
  /** Calls in flight per socket; `false` turns the limiter off (the burst bench's "before"). */
  callLimits?: CallLimits | false;
  /** The updater main runs (e.g. a rehearsal, main/updater/rehearsal.ts); none by default, as in the web host. */
  updates?: UpdateServiceFactory;
  /** The app's version as main reports it; `0.0.0-test` when absent. */
  version?: string;
}

export async function startTestHost(options: HostOptions = {}): Promise<HostFixture> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'frontdesk-e2e-'));
  let seedFile = options.seedFile;
  if (seedFile !== undefined && options.emr !== undefined) {
    // The sandbox's profile follows the seed's EHR code; a copy carries the other code.
    const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as { emr: string };
    seedFile = path.join(dataDir, `seed-${options.emr}.json`);
    writeFileSync(seedFile, JSON.stringify({ ...seed, emr: options.emr }));
  }
  const services = await createTestServices({
    mode: 'web',
    version: options.version ?? '0.0.0-test',
    log: silentLogger,
    dataDir,
    ...(seedFile !== undefined && { seedFile }),
    ...(options.demoDate !== undefined && { demoDate: options.demoDate }),
    ...(options.schedule !== undefined && { schedule: options.schedule }),
    ...(options.updates !== undefined && { updates: options.updates }),
  });
  const host = await startWebHost({
    services,
    rendererDir: path.join(root, 'dist', 'renderer'),
    bridgeScriptPath: path.join(root, 'dist', 'web', 'web-bridge.js'),
    port: options.port ?? 0,
    log: silentLogger,
    ...(options.token !== undefined && { token: options.token }),
    ...(options.callLimits !== undefined && { callLimits: options.callLimits }),
    testFaults: true,
  });
  const origin = services.demoSandbox?.origin;
  return {
    host,
    services,
    dataDir,
    sandbox: origin === undefined ? null : sandboxControl(origin),
    async close({ keepData = false } = {}) {
      await host.close();
      await services.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The address of the app showing `date` (the token stays in the fragment). */
export function dayUrl(fixture: HostFixture, date: string): string {
  return `${fixture.host.origin}/?date=${date}#token=${fixture.host.token}`;
}

/** Opens the app on a day and waits until that day's grid is drawn. */
export async function openDay(page: Page, fixture: HostFixture, date: string = CLINIC_DATE): Promise<void> {
  await page.goto(dayUrl(fixture, date));
  await page.locator(`[data-testid="day-grid"][data-day="${date}"]`).waitFor();
}

export const test = base.extend<{ clinicOptions: HostOptions; clinic: HostFixture & { sandbox: SandboxControl } }, { web: HostFixture }>({
  clinicOptions: [{ seedFile: DAY_CLINIC, demoDate: CLINIC_DATE }, { option: true }],
  clinic: async ({ clinicOptions }, use) => {
    const fixture = await startTestHost(clinicOptions);
    if (fixture.sandbox === null) throw new Error('The clinic fixture needs the embedded sandbox.');
    await use(fixture as HostFixture & { sandbox: SandboxControl });
    await fixture.close();
  },
  web: [
    async ({}, use) => {
      const fixture = await startTestHost();
      await use(fixture);
      await fixture.close();
    },
    { scope: 'worker' },
  ],
});
export { expect } from '@playwright/test';
