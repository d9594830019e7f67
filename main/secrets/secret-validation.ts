// What the keychain will accept as a client secret and as the account naming it: the
// contract's rules (preload/contract/secret-rules.ts), applied again here because the
// keychain module is also called from inside main. Refusals never repeat the value.
import { SECRET_NOT_TEXT, secretAccountSchema, secretProblem, type SecretAccount } from '../../preload/contract/secret-rules.ts';
import { SecretStoreError } from './secret-store-error.ts';

export { MAX_SECRET_BYTES } from '../../preload/contract/secret-rules.ts';

export function validateSecret(secret: unknown): string {
  const problem = secretProblem(secret, { withSize: true });
  if (typeof secret !== 'string' || problem !== null) throw new SecretStoreError('rejected', problem ?? SECRET_NOT_TEXT);
  return secret;
}

export function validateAccount(account: unknown): SecretAccount {
  const parsed = secretAccountSchema.safeParse(account);
  if (!parsed.success) {
    throw new SecretStoreError('rejected', parsed.error.issues.map((issue) => issue.message).join(' '));
  }
  return parsed.data;
}
