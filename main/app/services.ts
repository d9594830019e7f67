// The composition root of main's services: everything the contract's handlers need, built
// from plain options, so that the Electron shell and the web host start the very same thing.
//
// Which clinic runs is decided here at start and can change while the app runs: the demo
// clinic (the default, on the embedded sandbox), or the clinic's account when settings.json
// names one with a care unit and the keychain holds its secret; when the keychain cannot be
// used the demo runs and the screen says why. An external Leyr given on the command line
// (`leyr`) fixes the clinic for the run.
import { ok, type AppInfo, type RunMode } from '../../preload/contract/index.ts';
import { accountHandlers, currentScheduleHandlers } from '../account/account-handlers.ts';
import { askKeychain, createAccountService, DEFAULT_KEYCHAIN_WAIT_MS, desiredTarget, UNKNOWN_KEYCHAIN, type KeychainKnowledge } from '../account/account-service.ts';
import { createModeController, type BackendTarget, type ModeController, type ScheduleTuning } from '../account/mode-controller.ts';
import { EventBus } from '../events/bus.ts';
import type { Handlers } from '../ipc/router.ts';
import type { Logger } from '../log/logger.ts';
import type { ScheduleService } from '../schedule/service.ts';
import { createCredentialHolder } from '../secrets/credential-holder.ts';
import { createKeytarSecretStore, type SecretStore } from '../secrets/secret-store.ts';
import { openSettingsStore } from '../settings/settings-store.ts';
import { openStore, type LocalStore } from '../store/store.ts';
import type { ExternalLeyr } from './leyr-backend.ts';
import { unavailableUpdates, WEB_HOST_REASON, type UpdateService, type UpdateServiceFactory } from '../updater/service.ts';

export interface ServiceOptions {
  mode: RunMode;
  version: string;
  log: Logger;
  /** Folder for the local store, settings.json and logs (Electron's userData, or the web host's --data). */
  dataDir: string;
  /** Seed file for the embedded sandbox (`--seed`); the built-in demo clinic when absent. */
  seedFile?: string;
  /** The day the demo clinic is built around (`--date`, YYYY-MM-DD); today when absent. */
  demoDate?: string;
  electronVersion?: string | null;
  /** The desktop app's updater (main/updater/desktop.ts); without it, updates are reported unavailable. */
  updates?: UpdateServiceFactory;
  /** An external Leyr (or a sandbox run on its own) for the whole run, instead of the demo clinic or the settings' account. */
  leyr?: ExternalLeyr;
  /** Per-attempt timeout of Leyr calls; the client's default when absent. */
  leyrTimeoutMs?: number;
  /** Tuning of the schedule service (tests: shorter backoff, no background refresh). */
  schedule?: ScheduleTuning;
  /**
   * The logger's scrubber set (the one given to `createLogger({ secrets })`): the client
   * secret is added while main holds it, so it cannot reach a log line.
   */
  secrets?: Set<string>;
  /** The keychain; the OS keychain through keytar when absent (tests: a private service name, or one that fails). */
  secretStore?: SecretStore;
  /** How long an unused secret stays in memory; the holder's default (5 minutes) when absent. */
  secretIdleMs?: number;
  /** How long start-up and a settings check wait for the keychain before calling it unavailable. */
  keychainWaitMs?: number;
}

export interface MainServices {
  handlers: Handlers;
  bus: EventBus;
  /** The shell calls `updates.prepareForQuit()` from before-quit (always set by createMainServices). */
  updates?: UpdateService;
  /** The schedule service of the clinic in use (set by createMainServices; optional for hand-made fakes in tests). */
  readonly schedule?: ScheduleService;
  /** The embedded demo sandbox once the demo clinic has run (tests use its /__sandbox control endpoints); else null. */
  readonly demoSandbox?: { origin: string; apiBaseUrl: string } | null;
  /** The settings file (tests read it to check what was stored). */
  readonly settingsFile?: string;
  /** The local store's file. */
  readonly storeFile?: string;
  close(): Promise<void>;
}

export async function createMainServices(options: ServiceOptions): Promise<MainServices> {
  const { log } = options;
  const bus = new EventBus();
  const secrets = options.secrets ?? new Set<string>();
  const secretStore = options.secretStore ?? createKeytarSecretStore({ log });
  const holder = createCredentialHolder({ store: secretStore, secrets, log, ...(options.secretIdleMs !== undefined && { idleMs: options.secretIdleMs }) });
  const keychainWaitMs = options.keychainWaitMs ?? DEFAULT_KEYCHAIN_WAIT_MS;
  const settings = await openSettingsStore({ dataDir: options.dataDir, log });
  if (settings.loadProblem !== null) log.warn({ code: settings.loadProblem.code }, 'settings file had a problem; safe values in use');

  // The keychain is asked at start only when an account could run: the demo needs nothing of it.
  const initialSettings = settings.get();
  let keychain: KeychainKnowledge = { ...UNKNOWN_KEYCHAIN };
  if (options.leyr === undefined && initialSettings.account !== null && initialSettings.account.careUnitId !== null && !initialSettings.preferDemo) {
    keychain = await askKeychain(secretStore, initialSettings.account, keychainWaitMs);
    if (keychain.available === false) log.warn('keychain unavailable at start; running the demo clinic');
  }
  const initial: BackendTarget = options.leyr !== undefined ? { kind: 'external', leyr: options.leyr } : desiredTarget(initialSettings, keychain);

  // The store and the clinic over it; whatever fails to start closes what started.
  let store: LocalStore | null = null;
  let controller: ModeController;
  try {
    store = openStore(options.dataDir);
    controller = await createModeController(
      {
        store,
        bus,
        log,
        holder,
        demo: { ...(options.seedFile !== undefined && { seedFile: options.seedFile }), ...(options.demoDate !== undefined && { demoDate: options.demoDate }) },
        ...(options.leyrTimeoutMs !== undefined && { timeoutMs: options.leyrTimeoutMs }),
        ...(options.schedule !== undefined && { schedule: options.schedule }),
      },
      initial,
    );
  } catch (error) {
    store?.close();
    holder.close();
    throw error;
  }
  const localStore = store;
  const account = createAccountService({
    settings,
    secretStore,
    holder,
    store: localStore,
    controller,
    bus,
    log,
    keychain,
    fixed: options.leyr !== undefined,
    keychainWaitMs,
    ...(options.leyrTimeoutMs !== undefined && { leyrTimeoutMs: options.leyrTimeoutMs }),
  });

  const info = (): AppInfo => ({
    name: 'Frontdesk',
    version: options.version,
    mode: options.mode,
    platform: process.platform,
    runtime: { node: process.versions.node, electron: options.electronVersion ?? null },
    demo: controller.current().target.kind === 'demo',
  });
  const updates = (options.updates ?? unavailableUpdates(options.mode === 'web' ? WEB_HOST_REASON : 'Updates are not set up in this build.'))({
    version: options.version,
    log,
    emit: (status) => bus.emit('update.status', status),
    // A restart to update waits while changes are not yet accepted by Leyr.
    pendingChanges: () => controller.current().schedule.connectivity().pendingCount,
  });
  const unsubscribePending = bus.subscribe((event) => {
    if (event === 'connectivity' || event === 'mode.changed') updates.pendingChangesChanged();
  });
  const handlers: Handlers = {
    getAppInfo: () => ok(info()),
    getUpdateStatus: () => ok(updates.status()),
    checkForUpdates: () => ok(updates.check()),
    restartToUpdate: () => ok(updates.requestRestart()),
    setUiBusy: ({ busy }) => ok(updates.setUiBusy(busy)),
    ...currentScheduleHandlers(controller),
    ...accountHandlers(account),
  };
  let closing: Promise<void> | null = null;
  return {
    handlers,
    bus,
    updates,
    get schedule() {
      return controller.current().schedule;
    },
    get demoSandbox() {
      const sandbox = controller.demoSandbox();
      return sandbox === null ? null : { origin: sandbox.origin, apiBaseUrl: sandbox.apiBaseUrl };
    },
    settingsFile: settings.file,
    storeFile: localStore.file,
    close() {
      // In reverse order of start.
      closing ??= (async () => {
        unsubscribePending();
        updates.close();
        await controller.close();
        holder.close();
        localStore.close();
      })();
      return closing;
    },
  };
}
