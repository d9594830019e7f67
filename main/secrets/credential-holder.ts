// Keeps the Leyr client secret in main's memory only while Leyr calls are being made.
//
// Leyr has no token exchange: every request carries the secret in a header. Reading the
// keychain for every request would put a keychain round trip (and, on macOS, possibly an
// access prompt) in front of each call and each background refresh, so the holder reads it
// once per burst of calls and drops it after `idleMs` without a call (5 minutes by default:
// longer than the pause between a receptionist's actions, short enough that an idle desk
// holds nothing). Forgetting is explicit on sign-out, account change and secret replacement.
//
// While held, the secret (and the escaped forms a log line might carry) is in the logger's
// scrubber set, so a header that slips into a log line comes out as [secret]; it stays there
// until the last call that was handed it has finished, even after it is forgotten.
// JavaScript cannot wipe a string: dropping every reference is what "not in memory" means here.
// Every idle timer is registered with the holder and released by its close().
import { DisposableStore, toDisposable, type IDisposable } from '../lifecycle/disposable.ts';
import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import { accountKey, type SecretAccount } from './account.ts';
import { createScrubberRegistry } from './scrubber-registry.ts';
import type { SecretStore } from './secret-store.ts';
import { SecretStoreError } from './secret-store-error.ts';
import { validateAccount } from './secret-validation.ts';

/** What the Leyr client needs for its headers. Main only: never returned across the bridge. */
export interface LeyrCredentials {
  readonly emr: string;
  readonly clientId: string;
  readonly secret: string;
}

export interface CredentialHolderOptions {
  store: Pick<SecretStore, 'read'>;
  /** The logger's scrubber set, the one given to `createLogger({ secrets })`. */
  secrets: Set<string>;
  /** How long an unused secret is kept. */
  idleMs?: number;
  log?: Logger;
}

export interface CredentialHolder {
  /**
   * Runs `call` with the account's credentials, reading the secret from the keychain when it
   * is not held. Throws SecretStoreError: 'missing' when none is stored, or the store's error.
   */
  use<T>(account: SecretAccount, call: (credentials: LeyrCredentials) => Promise<T>): Promise<T>;
  /**
   * Runs `call` with credentials that are not (yet) in the keychain: a secret being checked
   * with Leyr before it is saved. It is scrubbed from logs while the call runs and not kept.
   */
  useUnsaved<T>(credentials: LeyrCredentials, call: (credentials: LeyrCredentials) => Promise<T>): Promise<T>;
  /** Drops the held secret of one account, or of all. Calls in progress finish with it. */
  forget(account?: SecretAccount): void;
  isHeld(account: SecretAccount): boolean;
  /** Forgets everything and stops the idle timers. */
  close(): void;
}

export const DEFAULT_IDLE_MS = 5 * 60_000;

interface Entry {
  key: string;
  credentials: LeyrCredentials;
  inUse: number;
  dropped: boolean;
  registered: boolean;
  /** The idle timer, while one runs. */
  timer: IDisposable | null;
}

export function createCredentialHolder(options: CredentialHolderOptions): CredentialHolder {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const log = options.log ?? silentLogger;
  const held = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();
  const timers = new DisposableStore();
  // Bumped by forget(): a keychain read that started before must not be cached after it.
  let generation = 0;
  const scrubber = createScrubberRegistry(options.secrets);

  const register = (entry: Entry): void => {
    if (entry.registered) return;
    entry.registered = true;
    scrubber.add(entry.credentials.secret);
  };

  const stopIdleTimer = (entry: Entry): void => {
    if (entry.timer !== null) timers.release(entry.timer);
    entry.timer = null;
  };

  const release = (entry: Entry): void => {
    stopIdleTimer(entry);
    if (held.get(entry.key) === entry) held.delete(entry.key);
    if (entry.registered) {
      entry.registered = false;
      scrubber.remove(entry.credentials.secret);
    }
  };

  const drop = (entry: Entry): void => {
    entry.dropped = true;
    if (held.get(entry.key) === entry) held.delete(entry.key);
    if (entry.inUse === 0) release(entry);
  };

  const armIdleTimer = (entry: Entry): void => {
    stopIdleTimer(entry);
    // Closed: nothing is kept any more.
    if (timers.isDisposed) return drop(entry);
    const timer = setTimeout(() => {
      stopIdleTimer(entry);
      if (entry.inUse === 0) {
        log.debug({ emr: entry.credentials.emr }, 'client secret dropped from memory after idle time');
        drop(entry);
      }
    }, idleMs);
    // An idle secret never keeps the process alive.
    timer.unref();
    entry.timer = timers.add(toDisposable(() => clearTimeout(timer)));
  };

  async function acquire(account: SecretAccount, key: string): Promise<Entry> {
    const existing = held.get(key);
    if (existing) return existing;
    const inFlight = pending.get(key);
    if (inFlight) return inFlight;
    const startedIn = generation;
    const reading = (async (): Promise<Entry> => {
      const secret = await options.store.read(account);
      if (secret === null) {
        throw new SecretStoreError(
          'missing',
          'No client secret is stored in the keychain for this account. Enter it in Settings, or switch to demo mode.',
        );
      }
      const entry: Entry = {
        key,
        credentials: { emr: account.emr, clientId: account.clientId, secret },
        inUse: 0,
        dropped: startedIn !== generation,
        registered: false,
        timer: null,
      };
      register(entry);
      if (!entry.dropped) held.set(key, entry);
      return entry;
    })();
    pending.set(key, reading);
    try {
      return await reading;
    } finally {
      if (pending.get(key) === reading) pending.delete(key);
    }
  }

  const forget = (account?: SecretAccount): void => {
    generation += 1;
    const key = account ? accountKey(account) : null;
    for (const entry of [...held.values()]) if (key === null || entry.key === key) drop(entry);
  };

  return {
    async use(account, call) {
      const valid = validateAccount(account);
      const entry = await acquire(valid, accountKey(valid));
      entry.inUse += 1;
      register(entry);
      stopIdleTimer(entry);
      try {
        return await call(entry.credentials);
      } finally {
        entry.inUse -= 1;
        if (entry.inUse === 0) {
          if (entry.dropped) release(entry);
          else armIdleTimer(entry);
        }
      }
    },

    async useUnsaved(credentials, call) {
      scrubber.add(credentials.secret);
      try {
        return await call(credentials);
      } finally {
        scrubber.remove(credentials.secret);
      }
    },

    forget,

    isHeld(account) {
      return held.has(accountKey(account));
    },

    close() {
      forget();
      timers.dispose();
    },
  };
}
