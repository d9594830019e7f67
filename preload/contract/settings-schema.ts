// The shape of settings.json: non-secret settings only. The client secret is never a field
// here; it lives in the keychain (main/secrets). Pure (zod and pure rules), so the settings
// calls reuse these schemas and main's settings store reads the file with them.
import { z } from 'zod';
import { lookPatchSchema, lookSchema } from './look.ts';
import { leyrBaseUrlProblem } from './remote-address.ts';
import { clientIdSchema, emrCodeSchema } from './secret-rules.ts';
import { hasControlCharacter } from './text-rules.ts';

export const SETTINGS_VERSION = 1;
export const LEYR_DEFAULT_BASE_URL = 'https://api.leyr.io/api';

/** An override of Leyr's address, for tests and staging (the rule: remote-address.ts). */
export const baseUrlSchema = z.string({ error: 'The Leyr address must be an http(s) URL.' }).superRefine((value, context) => {
  const problem = leyrBaseUrlProblem(value);
  if (problem !== null) context.addIssue({ code: 'custom', message: problem });
});

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

/** `nb`: Norwegian (bokmål). */
export const languageSchema = z.enum(['system', 'sv', 'en', 'nb']);

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
  /**
   * Moves and bookings into time that has passed are allowed (the receptionist still confirms
   * each one). Absent in files written before it existed: false.
   */
  allowPastChanges: z.boolean(),
  // — look —
  /** Service colours, density and zoom of the day view (look.ts). Absent: DEFAULT_LOOK. */
  look: lookSchema.optional(),
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
  allowPastChanges: z.boolean().optional(),
  // — look —
  /** Merged into the look as it is (patchedLook). */
  look: lookPatchSchema.optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  account: null,
  language: 'system',
  maskPersonalNumbers: true,
  preferDemo: false,
  allowPastChanges: false,
});

export const defaultSettings = (): Settings => ({ ...DEFAULT_SETTINGS });

/** The Leyr address an account talks to. */
export const leyrBaseUrl = (account: AccountSettings): string => account.baseUrl ?? LEYR_DEFAULT_BASE_URL;

/**
 * Upgrades from an older file version, keyed by the version they upgrade from. Each step takes
 * the parsed JSON of version n and returns version n + 1. Empty while there is one version.
 */
export const MIGRATIONS: Readonly<Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>> = {};
