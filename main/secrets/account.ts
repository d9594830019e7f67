// Which Leyr account a secret belongs to: the EHR code and the client id. Both the keychain
// entry and the settings file name an account this way, so the rules live here once.
// Pure (zod only), so any process may import it.
import { z } from 'zod';

// Unicode's control characters (C0, DEL, C1) and line/paragraph separators: invisible in a
// form, and NUL is a truncation hazard for native keychain APIs that take C strings.
const CONTROL_CHARACTER = /[\p{Cc}\p{Zl}\p{Zp}]/u;

export const emrCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'The EHR code is a short lowercase code such as "webdoc" or "takecare".');

export const clientIdSchema = z
  .string()
  .min(1, 'The client id is empty.')
  .max(512, 'The client id is longer than 512 characters.')
  .refine((value) => value.trim() !== '', 'The client id is empty.')
  .refine((value) => value.trim() === value, 'The client id starts or ends with a space.')
  .refine((value) => !CONTROL_CHARACTER.test(value), 'The client id contains a line break or another control character.');

export const secretAccountSchema = z.object({ emr: emrCodeSchema, clientId: clientIdSchema });

export interface SecretAccount {
  /** Lowercase EHR code, e.g. `webdoc`. */
  emr: string;
  clientId: string;
}

/** The keychain's account name. The EHR code has no colon, so the split is unambiguous. */
export const accountKey = (account: SecretAccount): string => `${account.emr}:${account.clientId}`;

export const hasControlCharacter = (value: string): boolean => CONTROL_CHARACTER.test(value);
