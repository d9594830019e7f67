// The composition root of main's services: everything the contract's handlers need, built
// from plain options, so that the Electron shell and the web host start the very same thing.
import { ok, type AppInfo, type RunMode } from '../../preload/contract.ts';
import { EventBus } from '../events/bus.ts';
import type { Handlers } from '../ipc/router.ts';
import type { Logger } from '../log/logger.ts';

export interface ServiceOptions {
  mode: RunMode;
  version: string;
  log: Logger;
  /** Folder for the local store and logs (Electron's userData, or the web host's --data). */
  dataDir: string;
  /** Seed file for the embedded sandbox (`--seed`); the built-in demo clinic when absent. */
  seedFile?: string;
  /** The day the demo clinic is built around (`--date`, YYYY-MM-DD); today when absent. */
  demoDate?: string;
  electronVersion?: string | null;
}

export interface MainServices {
  handlers: Handlers;
  bus: EventBus;
  close(): Promise<void>;
}

export async function createMainServices(options: ServiceOptions): Promise<MainServices> {
  const bus = new EventBus();
  const info: AppInfo = {
    name: 'Frontdesk',
    version: options.version,
    mode: options.mode,
    platform: process.platform,
    runtime: { node: process.versions.node, electron: options.electronVersion ?? null },
    demo: true,
  };
  const handlers: Handlers = {
    getAppInfo: () => ok(info),
  };
  return {
    handlers,
    bus,
    async close() {
      // Later services (store, sync, sandbox) are closed here in reverse order of start.
    },
  };
}
