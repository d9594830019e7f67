// The one error the secret store throws, and how a raw keychain failure becomes one. Every
// message is written here in plain words; none ever contains the secret (messages are fixed
// text, and the keychain's own text is scrubbed of the value before it is kept for the log).
import type { AppError } from '../../preload/contract/index.ts';
import { Failure } from '../errors/failure.ts';

export type SecretStoreErrorCode =
  /** No keychain to talk to: keytar missing, no Secret Service, no default keyring. */
  | 'unavailable'
  /** The keychain exists but is locked, or the user dismissed the unlock prompt. */
  | 'locked'
  /** The value (or the account naming it) is not acceptable: empty, too long, control chars. */
  | 'rejected'
  /** The keychain works but holds no secret for this account. */
  | 'missing';

export class SecretStoreError extends Failure {
  readonly code: SecretStoreErrorCode;
  /** What the keychain itself said (scrubbed of the secret), for the log; null for our own refusals. */
  readonly keychainMessage: string | null;

  constructor(code: SecretStoreErrorCode, message: string, keychainMessage: string | null = null) {
    super(message);
    this.name = 'SecretStoreError';
    this.code = code;
    this.keychainMessage = keychainMessage;
  }

  override toAppError(): AppError {
    return secretStoreErrorToAppError(this);
  }
}

export const isSecretStoreError = (error: unknown): error is SecretStoreError => error instanceof SecretStoreError;

/** The keychain's name as the user knows it on their system. */
export function keychainName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'the Windows Credential Manager';
  return 'the Secret Service (GNOME Keyring or KWallet)';
}

const DEMO_NOTE = 'Frontdesk keeps working in demo mode and never stores the secret in a file.';

export function notInstalledError(platform: NodeJS.Platform = process.platform): SecretStoreError {
  return new SecretStoreError(
    'unavailable',
    `Keychain support could not be loaded in this copy of Frontdesk, so ${keychainName(platform)} cannot be used. ${DEMO_NOTE}`,
  );
}

export function timeoutError(seconds: number, platform: NodeJS.Platform = process.platform): SecretStoreError {
  return new SecretStoreError(
    'unavailable',
    `${capitalise(keychainName(platform))} did not answer within ${seconds} seconds (it may be waiting to be unlocked). ${DEMO_NOTE}`,
  );
}

// Texts from libsecret / gnome-keyring, macOS Security framework and Windows' Credential
// Manager (as keytar reports them) that mean "locked" or "no keychain here".
const LOCKED = [
  /locked/i, // "Cannot create an item in a locked collection", "The keychain is locked"
  /user interaction is not allowed/i, // macOS errSecInteractionNotAllowed: locked, no UI
  /passphrase you entered is not correct/i, // macOS: wrong unlock password
  /prompt (was )?dismissed|cancel+ed|user canceled/i, // the user closed the unlock prompt
];
const UNAVAILABLE = [
  /autolaunch d-bus/i, // no session bus and no X11 display
  /could not connect/i, // session bus address points nowhere
  /org\.freedesktop\.secrets/i, // no Secret Service registered or activatable
  /serviceunknown|not provided by any \.service/i,
  /object does not exist at path/i, // Secret Service with no default (login) keyring
  /couldn'?t initialize prompt|failed to execute child process/i,
  /keychain could not be found|no keychain/i, // macOS errSecNoSuchKeychain, errSecNoDefaultKeychain
  /logon session does not exist/i, // Windows ERROR_NO_SUCH_LOGON_SESSION (service account)
];
const REFUSED_VALUE = [/stub received bad data/i, /parameter is incorrect/i, /is required/i];

/** Maps whatever keytar threw to a typed error. `secret`, when given, is scrubbed from the kept text. */
export function classifyKeychainFailure(
  thrown: unknown,
  options: { secret?: string; platform?: NodeJS.Platform } = {},
): SecretStoreError {
  if (isSecretStoreError(thrown)) return thrown;
  const platform = options.platform ?? process.platform;
  let raw = thrown instanceof Error ? thrown.message : String(thrown);
  if (options.secret) raw = raw.split(options.secret).join('[secret]');
  const name = keychainName(platform);
  if (LOCKED.some((pattern) => pattern.test(raw))) {
    return new SecretStoreError('locked', `${capitalise(name)} is locked. Unlock it (or log in again) and try again.`, raw);
  }
  if (UNAVAILABLE.some((pattern) => pattern.test(raw))) {
    const what =
      platform === 'linux'
        ? 'No keychain is available: this computer has no Secret Service running (such as GNOME Keyring or KWallet), or it has no default keyring.'
        : `${capitalise(name)} is not available on this computer.`;
    return new SecretStoreError('unavailable', `${what} ${DEMO_NOTE}`, raw);
  }
  if (REFUSED_VALUE.some((pattern) => pattern.test(raw))) {
    return new SecretStoreError('rejected', `${capitalise(name)} refused the value. Check the client secret and try again.`, raw);
  }
  return new SecretStoreError('unavailable', `${capitalise(name)} failed, so the secret cannot be used right now. ${DEMO_NOTE}`, raw);
}

/** The contract's error value for a secret-store failure (for handlers answering the renderer). */
export function secretStoreErrorToAppError(error: SecretStoreError): AppError {
  return { code: error.code === 'rejected' ? 'REJECTED' : 'KEYCHAIN', message: error.message };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
