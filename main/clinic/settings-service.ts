// The settings calls of the contract: the Leyr account (account-calls.ts), the switch between
// the demo clinic and the account's clinic, and the receptionist's preferences. Which clinic
// runs follows from the settings and from what the keychain holds (desiredTarget); every call
// that changes either reconciles the two.
//
// One error idiom: a call answers its value or throws a Failure (a refusal, Leyr's error, the
// keychain's, the settings file's); the router turns it into the contract's Result. A
// keychain failure is learned from on its way out, so the screen shows what the keychain said.
//
// The care unit's name reaches the store later than the settings view first goes out (with
// the first catalog fetch, before the day's first snapshot): the view is pushed again then,
// so the header names the clinic without waiting for the settings to be read again.
import type { CallParsedArg, EventPayload, SettingsView } from '../../preload/contract/index.ts';
import { rejected } from '../errors/failure.ts';
import type { EventBus } from '../events/bus.ts';
import type { IDisposable } from '../lifecycle/disposable.ts';
import type { Logger } from '../log/logger.ts';
import type { CredentialHolder } from '../secrets/credential-holder.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { LocalStore } from '../store/store.ts';
import { accountCalls, type AccountCalls, type AccountContext } from './account-calls.ts';
import { CareUnitsSeen } from './connection-check.ts';
import { desiredTarget } from './desired-clinic.ts';
import { askKeychain, DEFAULT_KEYCHAIN_WAIT_MS, keychainState, type KeychainKnowledge } from './keychain.ts';
import { settingsView } from './settings-view.ts';
import type { ClinicSwitcher } from './switcher.ts';

const FIXED_REASON = 'This copy of Frontdesk runs against the Leyr given when it was started (--leyr-url); the settings cannot switch it.';

export interface SettingsServiceOptions {
  settings: SettingsStore;
  secretStore: SecretStore;
  holder: CredentialHolder;
  store: LocalStore;
  switcher: ClinicSwitcher;
  bus: EventBus;
  log: Logger;
  /** What the keychain said at start. */
  keychain: KeychainKnowledge;
  /** A Leyr fixed on the command line: the settings cannot switch the app. */
  fixed: boolean;
  leyrTimeoutMs?: number;
  keychainWaitMs?: number;
  now?: () => number;
}

export interface SettingsService extends AccountCalls, IDisposable {
  getSettings(arg: CallParsedArg<'getSettings'>): Promise<SettingsView>;
  useDemo(): Promise<SettingsView>;
  updatePreferences(arg: CallParsedArg<'updatePreferences'>): Promise<SettingsView>;
  /** The current view, without asking the keychain. */
  view(): SettingsView;
}

export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const { settings, secretStore, switcher, bus, fixed } = options;
  const keychainWaitMs = options.keychainWaitMs ?? DEFAULT_KEYCHAIN_WAIT_MS;
  const keychain = keychainState(options.keychain);
  const sources = { settings, switcher, store: options.store, keychain, careUnits: new CareUnitsSeen(), fixed };
  const view = (): SettingsView => settingsView(sources);

  // A day's snapshot carries the care unit's name as the store has it: the first one with a
  // name the renderer has not been pushed (for this care unit) brings the settings view anew.
  // Each care unit and name is looked at once, pushed or not (in demo mode it never is), so
  // later snapshots cost one string comparison; a change of mode pushes the view anyway.
  let checkedName: string | null = null;
  const watchName = bus.subscribe((event, payload) => {
    if (event !== 'day.snapshot') return;
    const { careUnit } = payload as EventPayload<'day.snapshot'>;
    const key = careUnit.name === null ? null : `${careUnit.id}\0${careUnit.name}`;
    if (key === null || key === checkedName) return;
    checkedName = key;
    const current = view();
    if (current.mode.mode !== 'account' || current.mode.careUnitId !== careUnit.id || current.mode.careUnitName !== careUnit.name) return;
    bus.emit('settings.changed', current);
  });

  async function reconcile(): Promise<void> {
    const target = fixed ? switcher.current().target : desiredTarget(settings.get(), keychain.current());
    const switched = await switcher.switchTo(target);
    const current = view();
    if (switched) bus.emit('mode.changed', current.mode);
    bus.emit('settings.changed', current);
  }

  const refuseWhenFixed = (): void => {
    if (fixed) throw rejected(FIXED_REASON);
  };

  const context: AccountContext = {
    ...sources,
    secretStore,
    holder: options.holder,
    bus,
    log: options.log,
    now: options.now ?? Date.now,
    keychainWaitMs,
    check: { log: options.log, timeoutMs: options.leyrTimeoutMs },
    view,
    reconcile,
    refuseWhenFixed,
  };
  const account = accountCalls(context);

  return {
    view,
    dispose: () => watchName.dispose(),
    getSettings: (arg) =>
      keychain.watch(async () => {
        if (arg?.checkKeychain === true) {
          const before = JSON.stringify(keychain.current());
          keychain.set(await askKeychain(secretStore, settings.get().account, keychainWaitMs));
          // A secret that appeared or vanished since start changes which clinic can run.
          if (JSON.stringify(keychain.current()) !== before && !fixed) await reconcile();
        }
        return view();
      }),
    saveCredentials: (arg) => keychain.watch(() => account.saveCredentials(arg)),
    testConnection: () => keychain.watch(() => account.testConnection()),
    chooseCareUnit: (arg) => keychain.watch(() => account.chooseCareUnit(arg)),
    removeSecret: () => keychain.watch(() => account.removeSecret()),
    signOut: (arg) => keychain.watch(() => account.signOut(arg)),
    useDemo: () =>
      keychain.watch(async () => {
        refuseWhenFixed();
        await settings.update({ preferDemo: true });
        await reconcile();
        return view();
      }),
    async updatePreferences(arg) {
      await settings.update({
        ...(arg.language !== undefined && { language: arg.language }),
        ...(arg.maskPersonalNumbers !== undefined && { maskPersonalNumbers: arg.maskPersonalNumbers }),
        ...(arg.allowPastChanges !== undefined && { allowPastChanges: arg.allowPastChanges }),
        ...(arg.look !== undefined && { look: arg.look }),
      });
      const current = view();
      bus.emit('settings.changed', current);
      return current;
    },
  };
}
