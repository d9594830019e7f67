// Debian's Chromium, not a Playwright download (none can be fetched here). The flags keep
// it from calling out to the network, which this machine refuses.
import type { LaunchOptions } from '@playwright/test';

export const CHROMIUM_PATH = process.env.FRONTDESK_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=Translate,MediaRouter,OptimizationHints',
    ],
  };
}
