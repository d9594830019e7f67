// The shape of settings.json: non-secret settings only. The client secret is never a field
// here; it lives in the keychain (main/secrets). Pure (zod only), so the contract may reuse
// these schemas for the settings calls.
import { z } from 'zod';
import { clientIdSchema, emrCodeSchema, hasControlCharacter } from '../secrets/account.ts';

export const SETTINGS_VERSION = 1;
export const LEYR_DEFAULT_BASE_URL = 'https://api.leyr.io/api';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An override of Leyr's address, for tests and staging. The secret travels in a header, so
 * plain http is allowed only to this computer (the local sandbox).
 */
export const baseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'The Leyr address must be an http(s) URL.' })
  // zod's URL check is more lenient than the URL parser: what the parser refuses is refused
  // here too, rather than thrown (its error would carry the text typed).
  .refine((value) => URL.canParse(value), 'The Leyr address must be an http(s) URL.')
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
  }, 'The Leyr address must use https (plain http only to this computer, for the local sandbox).')
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  }, 'The Leyr address must not carry a query, a fragment or a user name.');

export const careUnitIdSchema = z
  .string()
  .min(1, 'The care unit id is empty.')
  .max(256, 'The care unit id is longer than 256 characters.')
  .refine((value) => !hasControlCharacter(value), 'The care unit id contains a control character.');

export const accountSettingsSchema = z.strictObject({
  emr: emrCodeSchema,
  clientId: clientIdSchema,
  /** Picked from Leyr's list after the credentials work; null until then. */
  careUnitId: careUnitIdSchema.nullable(),
  /** Absent means LEYR_DEFAULT_BASE_URL. */
  baseUrl: baseUrlSchema.optional(),
});

export const languageSchema = z.enum(['system', 'sv', 'en']);

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  /** null: demo mode, against the embedded sandbox. */
  account: accountSettingsSchema.nullable(),
  language: languageSchema,
  /** Personal numbers shown masked unless revealed. */
  maskPersonalNumbers: z.boolean(),
  /**
   * The receptionist switched to the demo clinic although an account is set up; it stays so
   * across restarts until they switch back. Absent in files written before it existed: false.
   */
  preferDemo: z.boolean(),
});

export type AccountSettings = z.infer<typeof accountSettingsSchema>;
export type Language = z.infer<typeof languageSchema>;
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A change to settings. Strict: an unknown field (say, a `clientSecret`) is refused rather
 * than silently dropped, so a caller cannot think it saved something it did not.
 */
export const settingsPatchSchema = z.strictObject({
  account: accountSettingsSchema.nullable().optional(),
  language: languageSchema.optional(),
  maskPersonalNumbers: z.boolean().optional(),
  preferDemo: z.boolean().optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  account: null,
  language: 'system',
  maskPersonalNumbers: true,
  preferDemo: false,
});

export const defaultSettings = (): Settings => ({ ...DEFAULT_SETTINGS });

/** The Leyr address an account talks to. */
export const leyrBaseUrl = (account: AccountSettings): string => account.baseUrl ?? LEYR_DEFAULT_BASE_URL;

/**
 * Upgrades from an older file version, keyed by the version they upgrade from. Each step takes
 * the parsed JSON of version n and returns version n + 1. Empty while there is one version.
 */
export const MIGRATIONS: Readonly<Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>> = {};
