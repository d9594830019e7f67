// Worker-scoped web host: main's real services behind the WebSocket bridge, serving the
// built renderer (run `npm run build` first; `npm test` does).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { createMainServices, type MainServices } from '../../main/app/services.ts';
import { silentLogger } from '../../main/log/logger.ts';
import { startWebHost, type WebHost } from '../../main/webhost/server.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface HostFixture {
  host: WebHost;
  services: MainServices;
  dataDir: string;
}

export async function startTestHost(options: { demoDate?: string; seedFile?: string } = {}): Promise<HostFixture> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-e2e-'));
  const services = await createMainServices({ mode: 'web', version: '0.0.0-test', log: silentLogger, dataDir, ...options });
  const host = await startWebHost({
    services,
    rendererDir: path.join(root, 'dist', 'renderer'),
    bridgeScriptPath: path.join(root, 'dist', 'web', 'web-bridge.js'),
    port: 0,
    log: silentLogger,
  });
  return { host, services, dataDir };
}

export const test = base.extend<object, { web: HostFixture }>({
  web: [
    async ({}, use) => {
      const fixture = await startTestHost();
      await use(fixture);
      await fixture.host.close();
      await fixture.services.close();
    },
    { scope: 'worker' },
  ],
});
export { expect } from '@playwright/test';
