// The composition root of main's services: everything the contract's handlers need, built
// from plain options, so that the Electron shell and the web host start the very same thing.
import { ok, type AppInfo, type RunMode } from '../../preload/contract.ts';
import { EventBus } from '../events/bus.ts';
import type { Handlers } from '../ipc/router.ts';
import type { Logger } from '../log/logger.ts';
import { scheduleHandlers } from '../schedule/handlers.ts';
import { createScheduleService, type ScheduleService, type ScheduleServiceOptions } from '../schedule/service.ts';
import { openStore, type LocalStore } from '../store/store.ts';
import { startLeyrBackend, type ExternalLeyr } from './leyr-backend.ts';
import { unavailableUpdates, WEB_HOST_REASON, type UpdateService, type UpdateServiceFactory } from '../updater/service.ts';

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
  /** The desktop app's updater (main/updater/desktop.ts); without it, updates are reported unavailable. */
  updates?: UpdateServiceFactory;
  /** An external Leyr (or a sandbox run on its own) instead of the embedded demo sandbox. */
  leyr?: ExternalLeyr;
  /** Per-attempt timeout of Leyr calls; the client's default when absent. */
  leyrTimeoutMs?: number;
  /** Tuning of the schedule service (tests: shorter backoff, no background refresh). */
  schedule?: Pick<ScheduleServiceOptions, 'refreshIntervalMs' | 'prefetchDays' | 'retry' | 'staleAfterMs' | 'snapshotDebounceMs' | 'actor'>;
}

export interface MainServices {
  handlers: Handlers;
  bus: EventBus;
  /** The shell calls `updates.prepareForQuit()` from before-quit (always set by createMainServices). */
  updates?: UpdateService;
  /** Always set by createMainServices (optional for hand-made fakes in tests). */
  schedule?: ScheduleService;
  /** The embedded demo sandbox (tests use its /__sandbox control endpoints); null against an external Leyr. */
  demoSandbox?: { origin: string; apiBaseUrl: string } | null;
  close(): Promise<void>;
}

export async function createMainServices(options: ServiceOptions): Promise<MainServices> {
  const bus = new EventBus();
  const backend = await startLeyrBackend({
    log: options.log,
    ...(options.leyr !== undefined && { leyr: options.leyr }),
    ...(options.seedFile !== undefined && { seedFile: options.seedFile }),
    ...(options.demoDate !== undefined && { demoDate: options.demoDate }),
    ...(options.leyrTimeoutMs !== undefined && { timeoutMs: options.leyrTimeoutMs }),
  });
  // The store and the schedule service over it; whatever fails to start closes what started.
  const { store, schedule } = await (async () => {
    let opened: LocalStore | null = null;
    try {
      opened = openStore(options.dataDir);
      return { store: opened, schedule: createScheduleService({ store: opened, api: backend.api, bus, log: options.log, account: backend.account, ...options.schedule }) };
    } catch (error) {
      opened?.close();
      await backend.close();
      throw error;
    }
  })();
  const info: AppInfo = {
    name: 'Frontdesk',
    version: options.version,
    mode: options.mode,
    platform: process.platform,
    runtime: { node: process.versions.node, electron: options.electronVersion ?? null },
    demo: backend.sandbox !== null,
  };
  const updates = (options.updates ?? unavailableUpdates(options.mode === 'web' ? WEB_HOST_REASON : 'Updates are not set up in this build.'))({
    version: options.version,
    log: options.log,
    emit: (status) => bus.emit('update.status', status),
    // A restart to update waits while changes are not yet accepted by Leyr.
    pendingChanges: () => schedule.connectivity().pendingCount,
  });
  const unsubscribePending = bus.subscribe((event) => {
    if (event === 'connectivity') updates.pendingChangesChanged();
  });
  const handlers: Handlers = {
    getAppInfo: () => ok(info),
    getUpdateStatus: () => ok(updates.status()),
    checkForUpdates: () => ok(updates.check()),
    restartToUpdate: () => ok(updates.requestRestart()),
    setUiBusy: ({ busy }) => ok(updates.setUiBusy(busy)),
    ...scheduleHandlers(schedule),
  };
  return {
    handlers,
    bus,
    updates,
    schedule,
    demoSandbox: backend.sandbox === null ? null : { origin: backend.sandbox.origin, apiBaseUrl: backend.sandbox.apiBaseUrl },
    async close() {
      // In reverse order of start.
      unsubscribePending();
      updates.close();
      await schedule.close();
      store.close();
      await backend.close();
    },
  };
}
