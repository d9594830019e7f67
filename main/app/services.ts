// The composition root of main's services: everything the contract's handlers need, built
// from plain options, so that the Electron shell and the web host start the very same thing.
//
// Start-up is one ordered list of named steps (startup-steps.ts), each starting one part and
// registering it for closing; whatever fails to start closes what had started:
//   1. keychain  – the secret store and the credential holder
//   2. store     – the data folder, settings.json and the local SQLite store (checked: a
//                  damaged one is set aside and its unsent changes salvaged, held for review)
//   3. clinic    – which clinic runs (the demo clinic, the Leyr account's clinic when the
//                  settings name one with a care unit and the keychain holds its secret, or a
//                  Leyr fixed on the command line), behind the clinic switcher
//   4. settings  – the settings calls (account, care unit, demo, preferences)
//   5. updates   – the updater (or the answer that this mode does not update)
//   5b. salvage  – the calls on the store's incident and the held, salvaged changes
//   6. handlers  – every contract call, for the router of either host
import type { RunMode } from '../../preload/contract/index.ts';
import type { ExternalLeyr } from '../clinic/backends.ts';
import type { DemoBackend } from '../clinic/demo-backend.ts';
import type { ScheduleTuning } from '../clinic/switcher.ts';
import { EventBus } from '../events/bus.ts';
import type { Handlers } from '../ipc/router.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { UpdateService, UpdateServiceFactory } from '../updater/service.ts';
import { startClinic, startKeychain, startSalvageCalls, startSettingsCalls, startStore, startUpdates, wireHandlers } from './startup-steps.ts';
import { Teardown } from './teardown.ts';

export interface ServiceOptions {
  mode: RunMode;
  version: string;
  log: Logger;
  /** Folder for the local store, settings.json and logs (Electron's userData, or the web host's --data). */
  dataDir: string;
  /** The demo clinic's Leyr (main/app/demo-sandbox.ts); the built-in demo clinic on an embedded sandbox when absent. */
  demo?: DemoBackend;
  electronVersion?: string | null;
  /** The desktop app's updater (main/updater/desktop.ts); without it, updates are reported unavailable. */
  updates?: UpdateServiceFactory;
  /** An external Leyr (or a sandbox run on its own) for the whole run, instead of the demo clinic or the settings' account. */
  leyr?: ExternalLeyr;
  /** Per-attempt timeout of Leyr calls; the client's default when absent. */
  leyrTimeoutMs?: number;
  /** Tuning of the schedule service (refresh interval, prefetch, retry backoff); its defaults when absent. */
  schedule?: ScheduleTuning;
  /**
   * The logger's scrubber set (the one given to `createLogger({ secrets })`): the client
   * secret is added while main holds it, so it cannot reach a log line.
   */
  secrets?: Set<string>;
  /** The keychain; the OS keychain through keytar when absent. */
  secretStore?: SecretStore;
  /** How long an unused secret stays in memory; the holder's default (5 minutes) when absent. */
  secretIdleMs?: number;
  /** How long start-up and a settings check wait for the keychain before calling it unavailable. */
  keychainWaitMs?: number;
  /** How long start-up waits for a store file another program holds before using a temporary store (10 s when absent). */
  storeLockWaitMs?: number;
}

export interface MainServices {
  handlers: Handlers;
  bus: EventBus;
  /** The shell calls `updates.prepareForQuit()` from before-quit. */
  updates: UpdateService;
  /** Closes every part, in reverse order of start. */
  close(): Promise<void>;
  // — window —
  /** Changes in the outbox not yet accepted by Leyr (the quit guard asks before leaving them). */
  unsentChanges(): number;
  /** The language setting, for main's own words (the quit question). */
  language(): string;
}

export async function createMainServices(options: ServiceOptions): Promise<MainServices> {
  const bus = new EventBus();
  const started = new Teardown();
  try {
    const keychain = startKeychain(options, started);
    const store = await startStore(options, started);
    const clinic = await startClinic(options, { bus, keychain, store }, started);
    const settings = startSettingsCalls(options, { bus, keychain, store, clinic }, started);
    const updates = startUpdates(options, { bus, clinic }, started);
    const salvage = startSalvageCalls(options, { bus, store, clinic });
    const handlers = wireHandlers(options, { clinic, settings, updates, salvage });
    return {
      handlers,
      bus,
      updates,
      close: () => started.close(),
      unsentChanges: () => clinic.switcher.current().schedule.connectivity().pendingCount,
      language: () => store.settings.get().language,
    };
  } catch (error) {
    await started.close().catch((closeError: unknown) => options.log.error({ err: closeError }, 'a part that had started did not close cleanly'));
    throw error;
  }
}
