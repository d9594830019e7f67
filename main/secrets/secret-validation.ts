// What the keychain will accept as a client secret and as the account naming it. Refusals
// say what is wrong in plain words and never repeat the value.
import { secretAccountSchema, hasControlCharacter, type SecretAccount } from './account.ts';
import { MAX_SECRET_BYTES } from './secret-rules.ts';
import { SecretStoreError } from './secret-store-error.ts';

export { MAX_SECRET_BYTES } from './secret-rules.ts';

export function validateSecret(secret: unknown): string {
  if (typeof secret !== 'string') throw new SecretStoreError('rejected', 'The client secret must be text.');
  if (secret.trim() === '' && !hasControlCharacter(secret)) {
    throw new SecretStoreError('rejected', 'The client secret is empty. Paste the secret you chose when registering the app with Leyr.');
  }
  if (hasControlCharacter(secret)) {
    throw new SecretStoreError(
      'rejected',
      'The client secret contains a line break, tab or other control character. Paste just the secret, on one line.',
    );
  }
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes > MAX_SECRET_BYTES) {
    throw new SecretStoreError(
      'rejected',
      `The client secret is too long for the keychain: ${bytes.toLocaleString('en')} bytes, the limit is ${MAX_SECRET_BYTES.toLocaleString('en')} bytes.`,
    );
  }
  return secret;
}

export function validateAccount(account: unknown): SecretAccount {
  const parsed = secretAccountSchema.safeParse(account);
  if (!parsed.success) {
    throw new SecretStoreError('rejected', parsed.error.issues.map((issue) => issue.message).join(' '));
  }
  return parsed.data;
}
