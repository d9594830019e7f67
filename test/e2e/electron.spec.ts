// The real Electron app through Playwright's _electron. It needs an Electron binary; where
// none can be had (no download route, as on our CI machines) it reports itself skipped,
// with the reason, rather than passing.
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const binary = findElectronBinary(root, { download: process.env.FRONTDESK_ELECTRON_DOWNLOAD === '1' });

test('the Electron app launches a hardened window that shows app info from main', async () => {
  test.skip(!binary.ok, `No Electron binary here: ${binary.ok ? '' : binary.reason}`);
  if (!binary.ok) return;
  const app = await electron.launch({ executablePath: binary.path, args: [root, '--no-sandbox'], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
  try {
    const window = await app.firstWindow();
    expect(window.url()).toMatch(/^app:\/\/frontdesk\//);
    await expect(window.getByTestId('app-info')).toContainText('electron');
    const exposed = await window.evaluate(() => ({ require: typeof (globalThis as { require?: unknown }).require, process: typeof (globalThis as { process?: unknown }).process }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined' });
  } finally {
    await app.close();
  }
});
