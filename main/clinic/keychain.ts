// What main knows about the keychain and the Leyr account's secret in it: asked at start (only
// when an account could run), asked again on request, and kept up to date by what keychain
// calls answer on the way.
import type { AccountSettings } from '../../preload/contract/settings-schema.ts';
import { isSecretStoreError, SecretStoreError } from '../secrets/secret-store-error.ts';
import type { SecretAccount, SecretStore } from '../secrets/secret-store.ts';

export interface KeychainKnowledge {
  /** null: not asked yet. */
  available: boolean | null;
  reason: string | null;
  secretStored: boolean;
}

export const UNKNOWN_KEYCHAIN: Readonly<KeychainKnowledge> = Object.freeze({ available: null, reason: null, secretStored: false });

export const DEFAULT_KEYCHAIN_WAIT_MS = 10_000;

export const secretAccountOf = (account: { emr: string; clientId: string }): SecretAccount => ({ emr: account.emr, clientId: account.clientId });

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

/** The knowledge, changed only through what was learned. */
export interface KeychainState {
  current(): KeychainKnowledge;
  set(knowledge: KeychainKnowledge): void;
  /** The keychain answered and holds the secret. */
  secretFound(): void;
  /** What a failed keychain call says about the keychain (anything else teaches nothing). */
  learn(error: unknown): void;
  /** Runs `work`; a keychain failure escaping it is learned from on its way out. */
  watch<T>(work: () => Promise<T>): Promise<T>;
}

export function keychainState(initial: KeychainKnowledge): KeychainState {
  let knowledge: KeychainKnowledge = { ...initial };
  const learn = (error: unknown): void => {
    if (!isSecretStoreError(error)) return;
    if (error.code === 'missing') knowledge = { ...knowledge, available: true, reason: null, secretStored: false };
    else if (error.code === 'unavailable' || error.code === 'locked') knowledge = { ...knowledge, available: false, reason: error.message };
  };
  return {
    current: () => ({ ...knowledge }),
    set(next) {
      knowledge = { ...next };
    },
    secretFound() {
      knowledge = { available: true, reason: null, secretStored: true };
    },
    learn,
    async watch(work) {
      try {
        return await work();
      } catch (error) {
        learn(error);
        throw error;
      }
    },
  };
}
