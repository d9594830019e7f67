// The Leyr client secret in the OS keychain (macOS Keychain, Windows Credential Manager,
// Secret Service on Linux) through keytar. There is deliberately no other backend: where no
// keychain can be used the store says so, and the app stays in demo mode; it never falls back
// to a file.
//
// The secret is returned to callers in main only. It must not be put in a contract result,
// an event, a log line, the SQLite store or an error message; the credential holder
// (credential-holder.ts) is the intended reader, for the Leyr client's headers.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log/logger.ts';
import { accountKey, type SecretAccount } from './account.ts';
import { classifyKeychainFailure, notInstalledError, SecretStoreError, timeoutError } from './secret-store-error.ts';
import { validateAccount, validateSecret } from './secret-validation.ts';

export type { SecretAccount } from './account.ts';

export type SecretStoreAvailability =
  | { available: true }
  | { available: false; code: 'unavailable' | 'locked'; /** Plain words, fit to show as is. */ reason: string };

export interface SecretStore {
  /** Stores or replaces the secret. Throws SecretStoreError ('rejected', 'unavailable', 'locked'). */
  save(account: SecretAccount, secret: string): Promise<void>;
  /** The secret, for use in main only; null when none is stored. Throws 'locked' where a locked keychain hides it. */
  read(account: SecretAccount): Promise<string | null>;
  /** True when something was removed, false when there was nothing to remove. */
  remove(account: SecretAccount): Promise<boolean>;
  has(account: SecretAccount): Promise<boolean>;
  /** Whether the keychain can be written right now; never throws. */
  availability(): Promise<SecretStoreAvailability>;
}

/** The three keytar calls the store uses (keytar's own module satisfies it). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  /** The keychain's service name; every entry of the app lives under it. */
  serviceName?: string;
  /** Loads keytar; the default imports the optional `keytar` package. A throw means "no keychain support". */
  loadKeytar?: () => Promise<KeytarApi>;
  log: Logger;
  /**
   * How long one keychain call may take. Generous, because a call can be waiting for the user
   * to type a password into the system's unlock prompt.
   */
  callTimeoutMs?: number;
  platform?: NodeJS.Platform;
}

export const DEFAULT_SERVICE_NAME = 'Frontdesk (Leyr)';
/** Written and removed again by availability(): the only portable way to see a locked keyring. */
const PROBE_ACCOUNT = 'frontdesk:availability-probe';

export async function loadKeytarModule(): Promise<KeytarApi> {
  // keytar is native and optional: external to the bundle (scripts/build.ts), loaded only
  // when first needed, and resolved from the app's node_modules by the sources and the
  // CommonJS bundle alike.
  const loaded: unknown = await import('keytar');
  const candidate = (loaded as { default?: unknown }).default ?? loaded;
  if (!isKeytarApi(candidate)) throw new Error('the keytar module does not have the expected functions');
  return candidate;
}

function isKeytarApi(value: unknown): value is KeytarApi {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['getPassword', 'setPassword', 'deletePassword'].every((name) => typeof record[name] === 'function');
}

export function createKeytarSecretStore(options: KeytarSecretStoreOptions): SecretStore {
  const service = options.serviceName ?? DEFAULT_SERVICE_NAME;
  const log = options.log;
  const platform = options.platform ?? process.platform;
  const timeoutMs = options.callTimeoutMs ?? 120_000;
  const load = options.loadKeytar ?? loadKeytarModule;

  // A module that failed to load will not load later in the same process; remember either outcome.
  let keytar: Promise<KeytarApi> | null = null;
  const keytarOrThrow = (): Promise<KeytarApi> => {
    keytar ??= load().catch((error: unknown) => {
      log.warn({ err: error }, 'keychain support (keytar) could not be loaded');
      throw notInstalledError(platform);
    });
    return keytar;
  };

  async function keychainCall<T>(run: (api: KeytarApi) => Promise<T>, secret?: string): Promise<T> {
    const api = await keytarOrThrow();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeoutError(Math.round(timeoutMs / 1000), platform)), timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([run(api), timedOut]);
    } catch (error) {
      const failure = classifyKeychainFailure(error, { platform, ...(secret !== undefined && { secret }) });
      log.warn({ code: failure.code, keychain: failure.keychainMessage }, 'keychain call failed');
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes and removes a throwaway entry; throws the classified failure when that is impossible. */
  async function probe(): Promise<void> {
    const token = randomBytes(16).toString('hex');
    await keychainCall((api) => api.setPassword(service, PROBE_ACCOUNT, token), token);
    await keychainCall((api) => api.deletePassword(service, PROBE_ACCOUNT));
  }

  // A locked Secret Service answers reads and deletes as if the entry did not exist. Before
  // reporting "nothing there", make sure the keychain is not just locked (probe throws 'locked').
  const confirmAbsent = probe;

  return {
    async save(account, secret) {
      const valid = validateAccount(account);
      const value = validateSecret(secret);
      await keychainCall((api) => api.setPassword(service, accountKey(valid), value), value);
      log.info({ emr: valid.emr }, 'client secret stored in the keychain');
    },

    async read(account) {
      const valid = validateAccount(account);
      const value = await keychainCall((api) => api.getPassword(service, accountKey(valid)));
      if (value === null) await confirmAbsent();
      return value;
    },

    async remove(account) {
      const valid = validateAccount(account);
      const removed = await keychainCall((api) => api.deletePassword(service, accountKey(valid)));
      if (!removed) await confirmAbsent();
      else log.info({ emr: valid.emr }, 'client secret removed from the keychain');
      return removed;
    },

    async has(account) {
      const valid = validateAccount(account);
      const value = await keychainCall((api) => api.getPassword(service, accountKey(valid)));
      if (value === null) await confirmAbsent();
      return value !== null;
    },

    async availability() {
      try {
        await probe();
        return { available: true };
      } catch (error) {
        const failure =
          error instanceof SecretStoreError ? error : classifyKeychainFailure(error, { platform });
        const code = failure.code === 'locked' ? 'locked' : 'unavailable';
        return { available: false, code, reason: failure.message };
      }
    },
  };
}
