// The steps of start-up (services.ts lists them in order). Each starts one part from the
// options and what the steps before it made, and registers what it started for closing.
import os from 'node:os';
import { ok, type AppInfo } from '../../preload/contract/index.ts';
import { currentScheduleHandlers, settingsHandlers } from '../clinic/handlers.ts';
import { accountCouldRun, desiredTarget } from '../clinic/desired-clinic.ts';
import { askKeychain, DEFAULT_KEYCHAIN_WAIT_MS, UNKNOWN_KEYCHAIN, type KeychainKnowledge } from '../clinic/keychain.ts';
import { createSettingsService, type SettingsService } from '../clinic/settings-service.ts';
import { createClinicSwitcher, type ClinicSwitcher, type ClinicTarget } from '../clinic/switcher.ts';
import type { EventBus } from '../events/bus.ts';
import type { Handlers } from '../ipc/router.ts';
import { rejected } from '../errors/failure.ts';
import { toDisposable } from '../lifecycle/disposable.ts';
import { createCredentialHolder, type CredentialHolder } from '../secrets/credential-holder.ts';
import { createKeytarSecretStore, type SecretStore } from '../secrets/secret-store.ts';
import { openSettingsStore, type SettingsStore } from '../settings/settings-store.ts';
import type { StoreIncident } from '../../preload/contract/index.ts';
import { createSalvageService, type SalvageService } from '../clinic/salvage-service.ts';
import { openStoreSafely } from '../store/salvage/open-safely.ts';
import type { LocalStore } from '../store/store.ts';
import { unavailableUpdates, WEB_HOST_REASON, type UpdateService } from '../updater/service.ts';
import { prepareDataFolder } from './data-folder.ts';
import { embeddedDemo } from './demo-sandbox.ts';
import type { ServiceOptions } from './services.ts';
import type { Teardown } from './teardown.ts';

export interface Keychain {
  secretStore: SecretStore;
  holder: CredentialHolder;
  /** The logger's scrubber set. */
  secrets: Set<string>;
  waitMs: number;
}

export interface Storage {
  settings: SettingsStore;
  local: LocalStore;
  /** What happened to the store's file at this start (set aside, salvaged, or held by another program), or null. */
  incident: StoreIncident | null;
}

export interface Clinic {
  switcher: ClinicSwitcher;
  /** What the keychain said at start. */
  keychain: KeychainKnowledge;
}

/** 1. The keychain: the secret store, and the holder that keeps a secret in memory only while calls need it. */
export function startKeychain(options: ServiceOptions, started: Teardown): Keychain {
  const { log } = options;
  const secrets = options.secrets ?? new Set<string>();
  const secretStore = options.secretStore ?? createKeytarSecretStore({ log });
  const holder = started.add(createCredentialHolder({ store: secretStore, secrets, log, ...(options.secretIdleMs !== undefined && { idleMs: options.secretIdleMs }) }));
  return { secretStore, holder, secrets, waitMs: options.keychainWaitMs ?? DEFAULT_KEYCHAIN_WAIT_MS };
}

/**
 * 2. The store: the data folder (made and checked first), settings.json, and the local SQLite
 * store, checked as it opens: a damaged file (or one a newer Frontdesk made) is set aside and
 * its unsent changes salvaged, held for review; one held by another program is left alone and
 * a temporary store used (main/store/salvage/open-safely.ts). Either way the app starts.
 */
export async function startStore(options: ServiceOptions, started: Teardown): Promise<Storage> {
  const { log } = options;
  const dataDir = prepareDataFolder(options.dataDir);
  const settings = await openSettingsStore({ dataDir, log });
  if (settings.loadProblem !== null) log.warn({ code: settings.loadProblem.code }, 'settings file had a problem; safe values in use');
  const opened = openStoreSafely(dataDir, { ...(options.storeLockWaitMs !== undefined && { lockWaitMs: options.storeLockWaitMs }) });
  const local = started.add(opened.store);
  if (opened.incident !== null) {
    const { kind, setAsideAs, salvaged, unreadable, temporary } = opened.incident;
    log.warn({ kind, setAsideAs, salvaged, unreadable, temporary, detail: opened.detail }, 'the local store could not be used as it was');
  }
  return { settings, local, incident: opened.incident };
}

/** The clinic to start with. The keychain is asked only when an account could run: the demo needs nothing of it. */
async function initialClinic(options: ServiceOptions, keychain: Keychain, settings: SettingsStore): Promise<{ target: ClinicTarget; keychain: KeychainKnowledge }> {
  if (options.leyr !== undefined) return { target: { kind: 'external', leyr: options.leyr }, keychain: { ...UNKNOWN_KEYCHAIN } };
  const current = settings.get();
  let known: KeychainKnowledge = { ...UNKNOWN_KEYCHAIN };
  if (accountCouldRun(current)) {
    known = await askKeychain(keychain.secretStore, current.account, keychain.waitMs);
    if (known.available === false) options.log.warn('keychain unavailable at start; running the demo clinic');
  }
  return { target: desiredTarget(current, known), keychain: known };
}

/** 3. The clinic: the one the settings (or the command line) ask for, behind the switcher. */
export async function startClinic(options: ServiceOptions, parts: { bus: EventBus; keychain: Keychain; store: Storage }, started: Teardown): Promise<Clinic> {
  const { log } = options;
  const initial = await initialClinic(options, parts.keychain, parts.store.settings);
  const switcher = await createClinicSwitcher(
    {
      store: parts.store.local,
      bus: parts.bus,
      log,
      holder: parts.keychain.holder,
      demo: options.demo ?? embeddedDemo({ log }),
      ...(options.leyrTimeoutMs !== undefined && { timeoutMs: options.leyrTimeoutMs }),
      ...(options.schedule !== undefined && { schedule: options.schedule }),
      allowPastChanges: () => parts.store.settings.get().allowPastChanges,
    },
    initial.target,
  );
  started.add(switcher);
  return { switcher, keychain: initial.keychain };
}

/** 4. The settings calls: the Leyr account, the care unit, the demo switch, the preferences. */
export function startSettingsCalls(options: ServiceOptions, parts: { bus: EventBus; keychain: Keychain; store: Storage; clinic: Clinic }, started: Teardown): SettingsService {
  return started.add(createSettingsService({
    settings: parts.store.settings,
    secretStore: parts.keychain.secretStore,
    holder: parts.keychain.holder,
    store: parts.store.local,
    switcher: parts.clinic.switcher,
    bus: parts.bus,
    log: options.log,
    keychain: parts.clinic.keychain,
    fixed: options.leyr !== undefined,
    keychainWaitMs: parts.keychain.waitMs,
    ...(options.leyrTimeoutMs !== undefined && { leyrTimeoutMs: options.leyrTimeoutMs }),
  }));
}

/** 5. Updates: the desktop updater, or a service that says plainly that this mode does not update. */
export function startUpdates(options: ServiceOptions, parts: { bus: EventBus; clinic: Clinic }, started: Teardown): UpdateService {
  const { bus, clinic } = parts;
  const factory = options.updates ?? unavailableUpdates(options.mode === 'web' ? WEB_HOST_REASON : 'Updates are not set up in this build.');
  const updates = factory({
    version: options.version,
    log: options.log,
    emit: (status) => bus.emit('update.status', status),
    // A restart to update waits while changes are not yet accepted by Leyr.
    pendingChanges: () => clinic.switcher.current().schedule.connectivity().pendingCount,
  });
  started.add(updates);
  started.add(
    toDisposable(
      bus.subscribe((event) => {
        if (event === 'connectivity' || event === 'mode.changed') updates.pendingChangesChanged();
      }),
    ),
  );
  return updates;
}

/** 5b. The salvage calls: the store's incident at this start and the held changes read back from a set-aside store. */
export function startSalvageCalls(options: ServiceOptions, parts: { bus: EventBus; store: Storage; clinic: Clinic }): SalvageService {
  return createSalvageService({
    store: parts.store.local,
    switcher: parts.clinic.switcher,
    bus: parts.bus,
    log: options.log,
    incident: parts.store.incident,
    actor: options.schedule?.actor ?? osUserName(),
  });
}

function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

const PRINT_IN_BROWSER = "Here the browser's own print does this (it offers saving as PDF too).";

/** 6. The handlers: every call of the contract. */
export function wireHandlers(options: ServiceOptions, parts: { clinic: Clinic; settings: SettingsService; updates: UpdateService; salvage: SalvageService }): Handlers {
  const { clinic, updates, salvage } = parts;
  const info = (): AppInfo => ({
    name: 'Frontdesk',
    version: options.version,
    mode: options.mode,
    platform: process.platform,
    runtime: { node: process.versions.node, electron: options.electronVersion ?? null },
    demo: clinic.switcher.current().target.kind === 'demo',
  });
  return {
    getAppInfo: () => ok(info()),
    getUpdateStatus: () => ok(updates.status()),
    checkForUpdates: () => ok(updates.check()),
    restartToUpdate: () => ok(updates.requestRestart()),
    setUiBusy: ({ busy }) => ok(updates.setUiBusy(busy)),
    getSalvage: () => ok(salvage.view()),
    sendSalvagedChanges: ({ changeIds }) => ok(salvage.send(changeIds)),
    discardSalvagedChanges: ({ changeIds }) => ok(salvage.discard(changeIds)),
    // Only the desktop app prints through main (main/electron/print.ts replaces these there).
    printSheet: () => {
      throw rejected(PRINT_IN_BROWSER);
    },
    saveSheetAsPdf: () => {
      throw rejected(PRINT_IN_BROWSER);
    },
    ...currentScheduleHandlers(clinic.switcher),
    ...settingsHandlers(parts.settings),
  };
}
