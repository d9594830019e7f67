// Settings and the Leyr account. The client secret goes one way only: into main with
// `saveCredentials`. No result or event ever carries it back.
import { z } from 'zod';
import { lookPatchSchema, type LookPreferences } from './look.ts';
import { clientIdSchema, clientSecretSchema, emrCodeSchema } from './secret-rules.ts';
import { baseUrlSchema, languageSchema } from './settings-schema.ts';

// `saveCredentials`. No result or event ever carries it back.

/** `system` follows the computer's language; `nb` is Norwegian (bokmål). */
export type LanguageChoice = 'system' | 'sv' | 'en' | 'nb';

/** `demo`: the embedded sandbox with the demo clinic; `account`: the clinic's real Leyr account. */
export type BackendMode = 'demo' | 'account';

/** The account as settings.json has it: never the secret. */
export interface AccountView {
  /** Lowercase EHR code, e.g. webdoc. */
  emr: string;
  clientId: string;
  /** Picked from Leyr's list once the credentials work; null until then. */
  careUnitId: string | null;
  /** An override of Leyr's address (tests, staging); null for Leyr itself. */
  baseUrl: string | null;
}

export interface KeychainStatus {
  /** null until checked (getSettings with `checkKeychain`, or an account at start). */
  available: boolean | null;
  /** Plain words when it is not available (no Secret Service, locked, …). */
  reason: string | null;
}

/** Changes of a clinic not in use now that Leyr has not accepted yet: they go out when it is used again. */
export interface WaitingChanges {
  /** The care unit's name, or its id. */
  clinic: string;
  demo: boolean;
  count: number;
}

export interface ModeView {
  mode: BackendMode;
  /** Why the demo clinic runs although an account is set up (keychain unavailable, secret missing); else null. */
  reason: string | null;
  emr: string;
  careUnitId: string;
  careUnitName: string | null;
  waiting: WaitingChanges[];
  /** This copy is tied to a Leyr given on the command line; settings cannot switch it. */
  fixed: boolean;
}

export interface SettingsView {
  account: AccountView | null;
  /** A client secret for the account is in the keychain (as far as main last saw). */
  secretStored: boolean;
  keychain: KeychainStatus;
  language: LanguageChoice;
  /** Personal numbers shown masked unless revealed. */
  maskPersonalNumbers: boolean;
  /** Moves and bookings into time that has passed are allowed, each confirmed by the receptionist. */
  allowPastChanges: boolean;
  mode: ModeView;
  // — look —
  /** Service colours, density and zoom of the day view on this desk. */
  look: LookPreferences;
  /** What was wrong with settings.json at start, in plain words; null when it was fine. */
  loadProblem: { code: string; message: string } | null;
}

export interface CareUnitOption {
  id: string;
  name: string | null;
}

/** Leyr accepted the credentials: what it said, and the care units they reach. */
export interface ConnectionCheck {
  message: string;
  careUnits: CareUnitOption[];
  /** ISO 8601 with offset. */
  checkedAt: string;
}

export interface CredentialsSaved {
  settings: SettingsView;
  connection: ConnectionCheck;
}

export interface SignOutOutcome {
  settings: SettingsView;
  /** The secret was removed from the keychain (false: there was none, or the keychain could not be reached). */
  secretRemoved: boolean;
  /** Clinics whose cached days, patients and queued changes were deleted from this computer. */
  erasedClinics: number;
  /** Plain words when part of it could not be done (the keychain was unavailable). */
  warning: string | null;
}

export const saveCredentialsArg = z.strictObject({
  emr: emrCodeSchema,
  clientId: clientIdSchema,
  /** Write-only: stored in the keychain, never returned. At most 2,560 bytes (Windows' limit). */
  clientSecret: clientSecretSchema,
  baseUrl: baseUrlSchema.optional(),
});

export const updatePreferencesArg = z
  .strictObject({
    language: languageSchema.optional(),
    maskPersonalNumbers: z.boolean().optional(),
    allowPastChanges: z.boolean().optional(),
    // — look —
    look: lookPatchSchema.optional(),
  })
  .refine(
    (arg) => arg.language !== undefined || arg.maskPersonalNumbers !== undefined || arg.allowPastChanges !== undefined || arg.look !== undefined,
    'name a language, the masking preference, the past-changes rule or the look',
  );
