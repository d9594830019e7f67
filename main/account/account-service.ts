// The settings calls of the contract: the Leyr account (EHR, client id, the secret in the
// keychain, the care unit), the switch between the demo clinic and the clinic's account,
// signing out, and the receptionist's preferences.
//
// The secret arrives once, in saveCredentials, is checked with Leyr, and goes to the keychain
// only when Leyr accepts it: wrong credentials change nothing. No answer or event carries it
// back, and no message repeats it. Which clinic runs follows from the settings and from what
// the keychain holds (desiredTarget); every call that changes either reconciles the two.
import type {
  AccountView,
  AppError,
  CallParsedArg,
  CareUnitOption,
  ConnectionCheck,
  CredentialsSaved,
  ModeView,
  Result,
  SettingsView,
  SignOutOutcome,
} from '../../preload/contract/index.ts';
import { fail, ok } from '../../preload/contract/index.ts';
import { DEMO_KEY_PREFIX, leyrKeyPrefix, type ActiveAccount } from '../app/leyr-backend.ts';
import type { EventBus } from '../events/bus.ts';
import { checkBaseUrl } from '../leyr/client.ts';
import { LeyrError } from '../leyr/errors.ts';
import type { Logger } from '../log/logger.ts';
import type { CredentialHolder } from '../secrets/credential-holder.ts';
import { isSecretStoreError, SecretStoreError, secretStoreErrorToAppError } from '../secrets/secret-store-error.ts';
import type { SecretAccount, SecretStore } from '../secrets/secret-store.ts';
import { LEYR_DEFAULT_BASE_URL, leyrBaseUrl, type AccountSettings, type Settings } from '../../preload/contract/settings-schema.ts';
import { SettingsError, settingsErrorToAppError, type SettingsStore } from '../settings/settings-store.ts';
import type { LocalStore } from '../store/store.ts';
import { connectionCheck, connectionFailure, listCareUnits } from './connection-check.ts';
import type { BackendTarget, ModeController } from './mode-controller.ts';

/** What main knows about the keychain and the account's secret in it. */
export interface KeychainKnowledge {
  /** null: not asked yet. */
  available: boolean | null;
  reason: string | null;
  secretStored: boolean;
}

export const UNKNOWN_KEYCHAIN: Readonly<KeychainKnowledge> = Object.freeze({ available: null, reason: null, secretStored: false });

export const MISSING_SECRET_REASON = 'No client secret for the clinic is stored in the keychain, so the demo clinic runs. Enter the secret in Settings to use the clinic.';
const FIXED_REASON = 'This copy of Frontdesk runs against the Leyr given when it was started (--leyr-url); the settings cannot switch it.';
export const DEFAULT_KEYCHAIN_WAIT_MS = 10_000;

const secretAccountOf = (account: { emr: string; clientId: string }): SecretAccount => ({ emr: account.emr, clientId: account.clientId });
/** Leyr's address for an account, normalised (no trailing slash), so two spellings compare equal. */
const leyrUrl = (baseUrl: string | undefined): string => checkBaseUrl(baseUrl ?? LEYR_DEFAULT_BASE_URL);
const normalisedUrl = (account: AccountSettings): string => leyrUrl(account.baseUrl);

/** The clinic the settings ask for, given what the keychain holds. */
export function desiredTarget(settings: Settings, keychain: KeychainKnowledge): BackendTarget {
  const { account } = settings;
  if (account === null || account.careUnitId === null || settings.preferDemo) return { kind: 'demo', reason: null };
  if (!keychain.secretStored) return { kind: 'demo', reason: keychain.available === false && keychain.reason !== null ? keychain.reason : MISSING_SECRET_REASON };
  const active: ActiveAccount = { baseUrl: normalisedUrl(account), emr: account.emr, clientId: account.clientId, careUnitId: account.careUnitId };
  return { kind: 'account', account: active };
}

/** Races a keychain call against a deadline: a keychain waiting for an unlock prompt must not hold up the app. */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SecretStoreError('unavailable', `The keychain did not answer within ${Math.round(ms / 1000)} seconds (it may be waiting to be unlocked). Frontdesk keeps working in demo mode and never stores the secret in a file.`)),
      ms,
    );
    timer.unref();
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asks the keychain about the account's secret (or, without an account, whether it can be used at all). Never throws. */
export async function askKeychain(secretStore: SecretStore, account: AccountSettings | null, waitMs: number): Promise<KeychainKnowledge> {
  try {
    if (account !== null) {
      const stored = await withinDeadline(secretStore.has(secretAccountOf(account)), waitMs);
      return { available: true, reason: null, secretStored: stored };
    }
    const availability = await withinDeadline(secretStore.availability(), waitMs);
    return availability.available ? { available: true, reason: null, secretStored: false } : { available: false, reason: availability.reason, secretStored: false };
  } catch (error) {
    const reason = isSecretStoreError(error) ? error.message : 'The keychain could not be asked. Frontdesk keeps working in demo mode and never stores the secret in a file.';
    return { available: false, reason, secretStored: false };
  }
}

export interface AccountServiceOptions {
  settings: SettingsStore;
  secretStore: SecretStore;
  holder: CredentialHolder;
  store: LocalStore;
  controller: ModeController;
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

export interface AccountService {
  getSettings(arg: CallParsedArg<'getSettings'>): Promise<Result<SettingsView>>;
  saveCredentials(arg: CallParsedArg<'saveCredentials'>): Promise<Result<CredentialsSaved>>;
  testConnection(): Promise<Result<ConnectionCheck>>;
  chooseCareUnit(arg: CallParsedArg<'chooseCareUnit'>): Promise<Result<SettingsView>>;
  useDemo(): Promise<Result<SettingsView>>;
  removeSecret(): Promise<Result<SettingsView>>;
  signOut(arg: CallParsedArg<'signOut'>): Promise<Result<SignOutOutcome>>;
  updatePreferences(arg: CallParsedArg<'updatePreferences'>): Promise<Result<SettingsView>>;
  /** The current view, without asking the keychain. */
  view(): SettingsView;
}

export function createAccountService(options: AccountServiceOptions): AccountService {
  const { settings, secretStore, holder, store, controller, bus, log } = options;
  const now = options.now ?? Date.now;
  const keychainWaitMs = options.keychainWaitMs ?? DEFAULT_KEYCHAIN_WAIT_MS;
  const checkOptions = { log, ...(options.leyrTimeoutMs !== undefined && { timeoutMs: options.leyrTimeoutMs }) };
  let keychain: KeychainKnowledge = { ...options.keychain };
  /** The care units each set of credentials reached last, to check a choice without calling Leyr again. */
  const careUnitsSeen = new Map<string, CareUnitOption[]>();
  const seenKey = (account: { baseUrl?: string | undefined; emr: string; clientId: string }): string => `${leyrUrl(account.baseUrl)}\n${account.emr}\n${account.clientId}`;

  // ---------------------------------------------------------------------------------------
  // Views.

  function modeView(): ModeView {
    const mode = controller.current();
    const accounts = store.accounts.list();
    const active = accounts.find((record) => record.key === mode.accountKey);
    const account = settings.get().account;
    const listed = account === null ? undefined : careUnitsSeen.get(seenKey(account))?.find((unit) => unit.id === mode.careUnitId);
    const waiting = accounts
      .filter((record) => record.key !== mode.accountKey)
      .map((record) => ({ clinic: record.careUnitName ?? record.careUnitId, demo: record.key.startsWith(DEMO_KEY_PREFIX), count: store.outbox.activeCount(record.id) }))
      .filter((entry) => entry.count > 0);
    return {
      mode: mode.target.kind === 'demo' ? 'demo' : 'account',
      reason: mode.target.kind === 'demo' ? mode.target.reason : null,
      emr: mode.emr,
      careUnitId: mode.careUnitId,
      careUnitName: active?.careUnitName ?? (mode.target.kind === 'account' ? (listed?.name ?? null) : null),
      waiting,
      fixed: options.fixed,
    };
  }

  function view(): SettingsView {
    const current = settings.get();
    const account: AccountView | null =
      current.account === null
        ? null
        : { emr: current.account.emr, clientId: current.account.clientId, careUnitId: current.account.careUnitId, baseUrl: current.account.baseUrl ?? null };
    return {
      account,
      secretStored: current.account !== null && keychain.secretStored,
      keychain: { available: keychain.available, reason: keychain.reason },
      language: current.language,
      maskPersonalNumbers: current.maskPersonalNumbers,
      mode: modeView(),
      loadProblem: settings.loadProblem === null ? null : { code: settings.loadProblem.code, message: settings.loadProblem.message },
    };
  }

  /** Runs the clinic the settings now ask for; tells the renderer what changed. */
  async function reconcile(): Promise<void> {
    const target = options.fixed ? controller.current().target : desiredTarget(settings.get(), keychain);
    const switched = await controller.switchTo(target);
    const current = view();
    if (switched) bus.emit('mode.changed', current.mode);
    bus.emit('settings.changed', current);
  }

  const learnFailure = (error: unknown): void => {
    if (!isSecretStoreError(error)) return;
    if (error.code === 'missing') keychain = { ...keychain, available: true, reason: null, secretStored: false };
    else if (error.code === 'unavailable' || error.code === 'locked') keychain = { ...keychain, available: false, reason: error.message };
  };

  /** Typed refusals of the parts below as Result values; anything else is a bug, for the router. */
  async function answer<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SettingsError) return { ok: false, error: settingsErrorToAppError(error) };
      if (isSecretStoreError(error)) {
        learnFailure(error);
        return { ok: false, error: secretStoreErrorToAppError(error) };
      }
      throw error;
    }
  }

  const refusedWhenFixed = (): Result<never> | null => (options.fixed ? fail('REJECTED', FIXED_REASON) : null);

  const requireAccount = (): AccountSettings | AppError => {
    const account = settings.get().account;
    return account ?? { code: 'REJECTED', message: 'No Leyr account is set up yet. Enter the EHR, the client id and the client secret first.' };
  };
  const isAppError = (value: unknown): value is AppError => typeof value === 'object' && value !== null && 'code' in value && 'message' in value;

  /** The care units the stored credentials reach, asking Leyr. */
  async function careUnitsOf(account: AccountSettings): Promise<CareUnitOption[]> {
    const units = await holder.use(secretAccountOf(account), (credentials) => listCareUnits({ baseUrl: leyrBaseUrl(account), emr: account.emr }, credentials, checkOptions));
    keychain = { available: true, reason: null, secretStored: true };
    careUnitsSeen.set(seenKey(account), units);
    return units;
  }

  return {
    view,

    getSettings: (arg) =>
      answer(async (): Promise<Result<SettingsView>> => {
        if (arg?.checkKeychain === true) {
          const before = JSON.stringify(keychain);
          keychain = await askKeychain(secretStore, settings.get().account, keychainWaitMs);
          // A secret that appeared or vanished since start changes which clinic can run.
          if (JSON.stringify(keychain) !== before && !options.fixed) await reconcile();
        }
        return ok(view());
      }),

    saveCredentials: (arg) =>
      answer(async (): Promise<Result<CredentialsSaved>> => {
        const refused = refusedWhenFixed();
        if (refused) return refused;
        const owner = secretAccountOf(arg);
        const target = { baseUrl: leyrUrl(arg.baseUrl), emr: arg.emr };
        // First Leyr, then the keychain: credentials Leyr refuses never get stored.
        let units: CareUnitOption[];
        try {
          units = await holder.useUnsaved({ emr: arg.emr, clientId: arg.clientId, secret: arg.clientSecret }, (credentials) => listCareUnits(target, credentials, checkOptions));
        } catch (error) {
          log.info({ emr: arg.emr, status: error instanceof LeyrError ? error.status : null }, 'credentials not accepted by Leyr; nothing saved');
          return { ok: false, error: connectionFailure(error, true) };
        }
        await secretStore.save(owner, arg.clientSecret);
        // A replaced secret must be read afresh on the next call.
        holder.forget(owner);
        const previous = settings.get().account;
        if (previous !== null && (previous.emr !== arg.emr || previous.clientId !== arg.clientId)) {
          // Another account replaces this one: its secret does not stay behind in the keychain.
          holder.forget(secretAccountOf(previous));
          await secretStore.remove(secretAccountOf(previous)).catch((error: unknown) => {
            log.warn({ code: isSecretStoreError(error) ? error.code : 'unknown' }, 'the previous account’s secret could not be removed from the keychain');
          });
        }
        const sameLeyr = previous !== null && previous.emr === arg.emr && normalisedUrl(previous) === target.baseUrl;
        const keptCareUnit = sameLeyr && previous.careUnitId !== null && units.some((unit) => unit.id === previous.careUnitId) ? previous.careUnitId : null;
        keychain = { available: true, reason: null, secretStored: true };
        await settings.update({
          account: { emr: arg.emr, clientId: arg.clientId, careUnitId: keptCareUnit, ...(arg.baseUrl !== undefined && { baseUrl: arg.baseUrl }) },
        });
        careUnitsSeen.set(seenKey(arg), units);
        log.info({ emr: arg.emr, careUnits: units.length }, 'credentials accepted by Leyr and stored in the keychain');
        await reconcile();
        return ok({ settings: view(), connection: connectionCheck(units, new Date(now()).toISOString()) });
      }),

    testConnection: () =>
      answer(async (): Promise<Result<ConnectionCheck>> => {
        const account = requireAccount();
        if (isAppError(account)) return { ok: false, error: account };
        try {
          const units = await careUnitsOf(account);
          bus.emit('settings.changed', view());
          return ok(connectionCheck(units, new Date(now()).toISOString()));
        } catch (error) {
          learnFailure(error);
          bus.emit('settings.changed', view());
          return { ok: false, error: connectionFailure(error) };
        }
      }),

    chooseCareUnit: (arg) =>
      answer(async (): Promise<Result<SettingsView>> => {
        const refused = refusedWhenFixed();
        if (refused) return refused;
        const account = requireAccount();
        if (isAppError(account)) return { ok: false, error: account };
        // Not asked since start (the demo was chosen then): ask now.
        if (!keychain.secretStored) keychain = await askKeychain(secretStore, account, keychainWaitMs);
        if (!keychain.secretStored) {
          return fail('KEYCHAIN', keychain.available === false && keychain.reason !== null ? keychain.reason : 'No client secret for this account is stored in the keychain. Enter it and test the connection first.');
        }
        let units = careUnitsSeen.get(seenKey(account));
        if (units === undefined || !units.some((unit) => unit.id === arg.careUnitId)) {
          try {
            units = await careUnitsOf(account);
          } catch (error) {
            learnFailure(error);
            return { ok: false, error: connectionFailure(error) };
          }
        }
        if (!units.some((unit) => unit.id === arg.careUnitId)) {
          return fail('NOT_FOUND', 'Leyr does not list that care unit for these credentials. Test the connection and pick one from the list.');
        }
        await settings.update({ account: { ...account, careUnitId: arg.careUnitId }, preferDemo: false });
        await reconcile();
        return ok(view());
      }),

    useDemo: () =>
      answer(async (): Promise<Result<SettingsView>> => {
        const refused = refusedWhenFixed();
        if (refused) return refused;
        await settings.update({ preferDemo: true });
        await reconcile();
        return ok(view());
      }),

    removeSecret: () =>
      answer(async (): Promise<Result<SettingsView>> => {
        const refused = refusedWhenFixed();
        if (refused) return refused;
        const account = settings.get().account;
        if (account !== null) {
          await secretStore.remove(secretAccountOf(account));
          holder.forget(secretAccountOf(account));
          keychain = { available: true, reason: null, secretStored: false };
          log.info({ emr: account.emr }, 'client secret removed at the receptionist’s request');
        }
        await reconcile();
        return ok(view());
      }),

    signOut: (arg) =>
      answer(async (): Promise<Result<SignOutOutcome>> => {
        const refused = refusedWhenFixed();
        if (refused) return refused;
        const account = settings.get().account;
        if (account === null) {
          await reconcile();
          return ok({ settings: view(), secretRemoved: false, erasedClinics: 0, warning: null });
        }
        const prefix = leyrKeyPrefix(leyrBaseUrl(account), account.emr);
        const pending = store.accounts
          .list()
          .filter((record) => record.key.startsWith(prefix))
          .reduce((sum, record) => sum + store.outbox.activeCount(record.id), 0);
        if (pending > 0 && arg?.discardPendingChanges !== true) {
          return fail(
            'REJECTED',
            `${pending === 1 ? 'One change' : `${pending} changes`} for this clinic ${pending === 1 ? 'has' : 'have'} not reached Leyr yet, and signing out would delete ${pending === 1 ? 'it' : 'them'}. Let ${pending === 1 ? 'it' : 'them'} be sent first, or sign out anyway.`,
          );
        }
        // The clinic stops first, so no worker touches the data that is about to go.
        await settings.update({ account: null, preferDemo: false });
        keychain = { ...keychain, secretStored: false };
        await reconcile();
        holder.forget(secretAccountOf(account));
        let secretRemoved = false;
        let warning: string | null = null;
        try {
          secretRemoved = await secretStore.remove(secretAccountOf(account));
        } catch (error) {
          learnFailure(error);
          warning = `The client secret could not be removed from the keychain: ${isSecretStoreError(error) ? error.message : 'the keychain failed.'} Remove the entry “${account.emr}:${account.clientId}” with the computer’s keychain app.`;
        }
        const erasedClinics = store.eraseAccounts(prefix);
        log.info({ emr: account.emr, erasedClinics, secretRemoved, discardedChanges: pending }, 'signed out of the Leyr account');
        const current = view();
        bus.emit('settings.changed', current);
        return ok({ settings: current, secretRemoved, erasedClinics, warning });
      }),

    updatePreferences: (arg) =>
      answer(async (): Promise<Result<SettingsView>> => {
        await settings.update({
          ...(arg.language !== undefined && { language: arg.language }),
          ...(arg.maskPersonalNumbers !== undefined && { maskPersonalNumbers: arg.maskPersonalNumbers }),
        });
        const current = view();
        bus.emit('settings.changed', current);
        return ok(current);
      }),
  };
}
