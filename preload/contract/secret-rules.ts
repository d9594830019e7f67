// What a Leyr account and its client secret may be: the EHR code, the client id and the
// secret as typed. The contract checks them when the renderer sends them, and the keychain
// module applies the same schemas before storing, so there is one rule for each. Pure (zod
// and the platform's TextEncoder). Every message is fixed text: a refusal never repeats the value.
import { z } from 'zod';
import { hasControlCharacter } from './text-rules.ts';

export const emrCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'The EHR code is a short lowercase code such as "webdoc" or "takecare".');

export const clientIdSchema = z
  .string()
  .min(1, 'The client id is empty.')
  .max(512, 'The client id is longer than 512 characters.')
  .refine((value) => value.trim() !== '', 'The client id is empty.')
  .refine((value) => value.trim() === value, 'The client id starts or ends with a space.')
  .refine((value) => !hasControlCharacter(value), 'The client id contains a line break or another control character.');

/** Which Leyr account a secret belongs to: the keychain entry and settings.json name it so. */
export const secretAccountSchema = z.object({ emr: emrCodeSchema, clientId: clientIdSchema });

export interface SecretAccount {
  /** Lowercase EHR code, e.g. `webdoc`. */
  emr: string;
  clientId: string;
}

/**
 * Windows' Credential Manager holds at most CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 × 512 bytes per
 * credential, and keytar stores the secret there as UTF-8. The same cap everywhere keeps a
 * secret saved on a Mac usable on a Windows desk.
 */
export const MAX_SECRET_BYTES = 2560;

const utf8 = new TextEncoder();
export const utf8Bytes = (value: string): number => utf8.encode(value).length;

export const SECRET_NOT_TEXT = 'The client secret must be text.';
export const SECRET_EMPTY = 'The client secret is empty. Paste the secret you chose when registering the app with Leyr.';
export const SECRET_CONTROL = 'The client secret contains a line break, tab or other control character. Paste just the secret, on one line.';
const limit = `the limit is ${MAX_SECRET_BYTES.toLocaleString('en')} bytes`;
export const SECRET_TOO_LONG = `The client secret is too long for the keychain: ${limit}.`;

/**
 * Why `value` cannot be a client secret, in plain words; null when it can. Checked in this
 * order, first failure wins. `withSize` names the secret's size too (the keychain module says
 * it; the form, which shows the field, does not need to).
 */
export function secretProblem(value: unknown, options: { withSize?: boolean } = {}): string | null {
  if (typeof value !== 'string') return SECRET_NOT_TEXT;
  if (hasControlCharacter(value)) return SECRET_CONTROL;
  if (value.trim() === '') return SECRET_EMPTY;
  const bytes = utf8Bytes(value);
  if (bytes <= MAX_SECRET_BYTES) return null;
  return options.withSize === true ? `The client secret is too long for the keychain: ${bytes.toLocaleString('en')} bytes, ${limit}.` : SECRET_TOO_LONG;
}

/** A client secret as typed: not blank, one line, at most MAX_SECRET_BYTES in UTF-8. */
export const clientSecretSchema = z.string({ error: SECRET_NOT_TEXT }).superRefine((value, context) => {
  const problem = secretProblem(value);
  if (problem !== null) context.addIssue({ code: 'custom', message: problem });
});
