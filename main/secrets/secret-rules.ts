// What a Leyr client secret may be, as a schema any process can use: the contract checks a
// secret the renderer sends with it, before main stores it. Pure (zod and the platform's
// TextEncoder), so the sandboxed preload and the renderer bundle it too. Every message is
// fixed text: a refusal never repeats the value.
import { z } from 'zod';
import { hasControlCharacter } from './account.ts';

/**
 * Windows' Credential Manager holds at most CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 × 512 bytes per
 * credential, and keytar stores the secret there as UTF-8. The same cap everywhere keeps a
 * secret saved on a Mac usable on a Windows desk.
 */
export const MAX_SECRET_BYTES = 2560;

const utf8 = new TextEncoder();
export const utf8Bytes = (value: string): number => utf8.encode(value).length;

export const SECRET_EMPTY = 'The client secret is empty. Paste the secret you chose when registering the app with Leyr.';
export const SECRET_CONTROL = 'The client secret contains a line break, tab or other control character. Paste just the secret, on one line.';
export const SECRET_TOO_LONG = `The client secret is too long for the keychain: the limit is ${MAX_SECRET_BYTES.toLocaleString('en')} bytes.`;

/**
 * A client secret as typed: not blank, one line, at most MAX_SECRET_BYTES in UTF-8. The
 * checks run in this order and stop at the first failure, so exactly one plain message comes back.
 */
export const clientSecretSchema = z
  .string({ error: 'The client secret must be text.' })
  .superRefine((value, context) => {
    if (hasControlCharacter(value)) context.addIssue({ code: 'custom', message: SECRET_CONTROL });
    else if (value.trim() === '') context.addIssue({ code: 'custom', message: SECRET_EMPTY });
    else if (utf8Bytes(value) > MAX_SECRET_BYTES) context.addIssue({ code: 'custom', message: SECRET_TOO_LONG });
  });
