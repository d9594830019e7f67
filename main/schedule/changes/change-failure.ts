// The failure of a call as it is kept with a change and shown to the receptionist.
import { LeyrError, toAppError } from '../../leyr/errors.ts';
import { isSecretStoreError } from '../../secrets/secret-store-error.ts';
import type { ChangeFailure } from '../../store/outbox/entry.ts';

/** The failure of a Leyr call (or of reading the keychain for it) as kept with a change. */
export function failureFrom(error: unknown): ChangeFailure {
  if (error instanceof LeyrError) {
    const appError = toAppError(error);
    return { reason: appError.message, code: error.errorCodes[0] ?? error.code ?? error.kind, leyr: appError.leyr ?? error.info() };
  }
  // The keychain's own sentence (locked, missing secret) tells the receptionist what to do.
  if (isSecretStoreError(error)) return { reason: error.message, code: 'KEYCHAIN', leyr: null };
  return { reason: 'The app could not send this change; the log has the details.', code: 'INTERNAL', leyr: null };
}
