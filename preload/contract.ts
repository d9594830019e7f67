// The one contract between renderer and main: every call (name, argument schema, result
// type) and every event main pushes. Main implements it, the preload and the web bridge
// expose it, the renderer consumes it; the compiler keeps the three in step.
//
// Arguments carry a zod schema because the renderer is untrusted: main validates every
// argument before a service sees it. Results and event payloads are declared as types only
// (main is the trusted side), through the phantom helpers below.
import { z } from 'zod';
import { clientIdSchema, emrCodeSchema } from '../main/secrets/account.ts';
import { clientSecretSchema } from '../main/secrets/secret-rules.ts';
import { baseUrlSchema, careUnitIdSchema, languageSchema } from '../main/settings/settings-schema.ts';

// ---------------------------------------------------------------------------------------
// Results: nothing throws across the bridge.

export const ERROR_CODES = [
  /** The argument failed the call's schema. */
  'INVALID_ARGUMENT',
  /** The call came from a frame or origin that is not our app. */
  'FORBIDDEN_SENDER',
  /** No such call in the contract. */
  'UNKNOWN_CALL',
  /** Leyr refused or failed; `leyr` carries its code, error codes and instance. */
  'LEYR_ERROR',
  /** Leyr could not be reached (offline, timeout, connection dropped). */
  'NETWORK',
  /** The thing asked for does not exist locally. */
  'NOT_FOUND',
  /** The keychain is missing, locked or refused the value. */
  'KEYCHAIN',
  /** A value the user gave is not acceptable (too long, empty, …). */
  'REJECTED',
  /** A bug in main; the log has the details. */
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What Leyr said about a failed call, for showing and quoting to support. */
export interface LeyrErrorInfo {
  /** Top-level code: BAD_REQUEST, UNAUTHORIZED, EMR_ERROR, UNKNOWN_ERROR, … */
  code: string | null;
  /** HTTP status, or null for a transport failure. */
  status: number | null;
  /** `errors[].error_code`, e.g. NO_TIMESLOTS_AVAILABLE. */
  errorCodes: string[];
  /** Leyr's id of the failed call, to quote to support. */
  instance: string | null;
  detail: string | null;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  leyr?: LeyrErrorInfo;
  /** Where an argument failed its schema: path and reason per issue. */
  issues?: { path: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

// ---------------------------------------------------------------------------------------
// Declaration helpers.

declare const resultBrand: unique symbol;
/** Phantom marker for a result or payload type: no runtime cost, full static typing. */
export type Phantom<T> = { readonly [resultBrand]: T };
const phantom = <T>(): Phantom<T> => ({}) as Phantom<T>;

interface CallSpec<A extends z.ZodType, R> {
  arg: A;
  result: Phantom<R>;
}
const call = <R>() => <A extends z.ZodType>(arg: A): CallSpec<A, R> => ({ arg, result: phantom<R>() });

// ---------------------------------------------------------------------------------------
// Shared value types.

export type RunMode = 'electron' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  /** Which transport the renderer is talking through. */
  mode: RunMode;
  platform: NodeJS.Platform;
  /** Versions of the runtime under main (node, and electron where it is Electron). */
  runtime: { node: string; electron: string | null };
  /** True while the app runs against the embedded demo clinic. */
  demo: boolean;
}

// ---------------------------------------------------------------------------------------
// Updates (the installed desktop app updates itself; the web host has no updater).

/** `stable` installs x.y.z releases; `beta` also x.y.z-beta.n. */
export type UpdateChannel = 'stable' | 'beta';

/** Why a ready update does not restart now: unsent changes or an open dialog. */
export type UpdateHold = { reason: 'pending-changes'; pendingChanges: number } | { reason: 'dialog-open' };

export type UpdateState =
  /** No updater here: the web host, a development build, or held back by the clinic's policy. */
  | { state: 'unavailable'; reason: string }
  /** Up to date, or nothing offered to this desk yet; `note` says why when something was skipped. */
  | { state: 'idle'; note: string | null }
  | { state: 'checking' }
  /** Found and offered to this desk; the download starts in the background. */
  | { state: 'available'; version: string }
  | { state: 'downloading'; version: string; percent: number; transferredBytes: number; totalBytes: number; bytesPerSecond: number }
  /** Downloaded and verified; the receptionist restarts when it suits them (unless held). */
  | { state: 'ready'; version: string; hold: UpdateHold | null }
  | { state: 'restarting'; version: string }
  /** Nothing was installed; a failed or unverifiable download was discarded. Retried later. */
  | { state: 'failed'; phase: 'check' | 'download' | 'install'; message: string; version: string | null };

export type UpdateStatus = UpdateState & {
  currentVersion: string;
  channel: UpdateChannel | null;
  /** ISO 8601 with offset; null before the first check. */
  lastCheckedAt: string | null;
  nextCheckAt: string | null;
};

// ---------------------------------------------------------------------------------------
// The schedule: the day view's data, changes to appointments and their fate.

/** A care unit as the day view needs it; layout uses its zone. */
export interface CareUnitView {
  id: string;
  name: string | null;
  /** IANA zone, e.g. Europe/Stockholm. */
  timeZone: string;
}

export interface ResourceView {
  id: string;
  name: string | null;
}

export interface ServiceView {
  id: string;
  name: string | null;
  durationMinutes: number | null;
}

/** A bookable time: one resource, one service, start and end ISO 8601 with offset. */
export interface FreeSlot {
  resourceId: string;
  serviceId: string | null;
  start: string;
  end: string;
}

/** The contract's name for an outbox state: `sent` means in flight, outcome not yet known. */
export type ChangeState = 'pending' | 'sent' | 'applied' | 'refused' | 'conflict';
export type ChangeKind = 'move' | 'cancel' | 'move-to-resource' | 'reschedule' | 'book' | 'confirm';

/** Why a change did not take effect. */
export interface ChangeFailureView {
  changeId: string;
  status: 'refused' | 'conflict';
  /** A sentence for the receptionist. */
  reason: string;
  /** Leyr's error code (NO_TIMESLOTS_AVAILABLE, …) or the app's (DEPENDS_ON_FAILED, CHANGED_ELSEWHERE). */
  code: string | null;
  leyr: LeyrErrorInfo | null;
}

/** An appointment's booking facts, as in a conflict's two versions. */
export interface AppointmentFacts {
  id: string;
  resourceId: string | null;
  patientId: string | null;
  serviceId: string | null;
  /** ISO 8601 with offset. */
  start: string;
  end: string;
  /** booked, awaiting_confirmation, completed, cancelled, or a status Leyr added later. */
  status: string;
}

/** One appointment of the day view. No personal numbers: the name only. */
export interface AppointmentView extends AppointmentFacts {
  patientName: string | null;
  comment: string | null;
  /** A change Leyr has not accepted yet shapes it (show it as pending). */
  pending: boolean;
  /** The newest change that shapes it, while pending. */
  changeId: string | null;
  /** A two-step cancel waits for the patient's code: confirm it with this appointment's id. */
  awaitingCancellation: boolean;
  /** The newest change to it that Leyr refused or that collided, until dismissed. */
  failed: ChangeFailureView | null;
}

export interface DaySnapshot {
  /** YYYY-MM-DD in the care unit's zone. */
  date: string;
  careUnit: CareUnitView;
  resources: ResourceView[];
  services: ServiceView[];
  freeSlots: FreeSlot[];
  /** Sorted by start, then resource. Cancelled ones included (status `cancelled`). */
  appointments: AppointmentView[];
  /** When the day was last fetched from Leyr; null when never (the age of what is shown). */
  fetchedAt: string | null;
  /** True when what is shown may be out of date: never fetched, old, or the last refresh failed. */
  stale: boolean;
  /** Changes of this account not yet accepted by Leyr. */
  pendingCount: number;
}

export interface ChangeView {
  changeId: string;
  kind: ChangeKind;
  /** Plain words, ids and times only (no patient data). */
  summary: string;
  status: ChangeState;
  createdAt: string;
  updatedAt: string;
  attempts: number;
  appointmentIds: string[];
  /** Days (YYYY-MM-DD) the change touches. */
  dates: string[];
  failure: ChangeFailureView | null;
  /** Both versions when the change collided with a change made elsewhere. */
  conflict: { local: AppointmentFacts[]; remote: AppointmentFacts[] } | null;
}

/** What a change call answers at once: the queued change and the appointments as now shown. */
export interface ChangeReceipt {
  changeId: string;
  status: ChangeState;
  appointments: AppointmentView[];
}

export type ConnectivityState = 'online' | 'offline' | 'degraded';

export interface ConnectivityStatus {
  state: ConnectivityState;
  /** When the state last changed. */
  since: string;
  /** When a Leyr call last succeeded; null when none has yet. */
  lastSuccessAt: string | null;
  /** Changes not yet accepted by Leyr. */
  pendingCount: number;
}

/** A patient from a search. Holds the personal number: the UI masks it unless revealed. */
export interface PatientView {
  id: string;
  emrId: string | null;
  firstName: string | null;
  lastName: string | null;
  personalNumber: string | null;
}

export interface PatientSearchResult {
  patients: PatientView[];
  /** `store` when Leyr could not be reached and the patients come from this computer. */
  source: 'leyr' | 'store';
}

// Argument pieces. Checked here without date libraries: this module is bundled into the
// sandboxed preload and the renderer.

const hasControlCharacter = (value: string): boolean => {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
};

/** A Leyr or app id: non-empty, bounded, no control characters or surrounding spaces. */
export const idArg = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'is too long')
  .refine((value) => !hasControlCharacter(value), 'must not contain control characters')
  .refine((value) => value.trim() === value, 'must not start or end with spaces');

const isRealDate = (year: number, month: number, day: number): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** A calendar day, YYYY-MM-DD, that exists. */
export const dateArg = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((value) => isRealDate(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))), 'is not a real date');

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** An instant, ISO 8601 with an explicit offset (or Z), e.g. 2026-03-23T09:00:00+01:00. */
export const instantArg = z
  .string()
  .max(40, 'is too long')
  .refine((value) => {
    const match = INSTANT.exec(value);
    return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
  }, 'must be an ISO 8601 date-time with an offset, e.g. 2026-03-23T09:00:00+01:00');

/** 1 to 500 distinct ids (Leyr caps a bulk change at 500). */
export const idListArg = z
  .array(idArg)
  .min(1, 'must name at least one appointment')
  .max(500, 'may name at most 500 appointments')
  .refine((ids) => new Set(ids).size === ids.length, 'must not name an appointment twice');

/** A comment or reason sent to the EHR. */
export const commentArg = z.string().trim().max(500, 'is at most 500 characters');

const isBefore = (start: string, end: string): boolean => Date.parse(start) < Date.parse(end);
const endAfterStart = { message: 'must be after start', path: ['end'] };

export const moveAppointmentArg = z
  .strictObject({
    appointmentId: idArg,
    start: instantArg.optional(),
    end: instantArg.optional(),
    resourceId: idArg.optional(),
  })
  .refine((arg) => (arg.start === undefined) === (arg.end === undefined), { message: 'start and end come together', path: ['end'] })
  .refine((arg) => arg.start !== undefined || arg.resourceId !== undefined, { message: 'give a new time (start and end), a new resource, or both', path: ['start'] })
  .refine((arg) => arg.start === undefined || arg.end === undefined || isBefore(arg.start, arg.end), endAfterStart);

export const rescheduleContinuousArg = z
  .strictObject({ ids: idListArg, start: instantArg, end: instantArg })
  .refine((arg) => isBefore(arg.start, arg.end), endAfterStart);

export const bookAppointmentArg = z
  .strictObject({
    patientId: idArg,
    resourceId: idArg,
    serviceId: idArg.optional(),
    start: instantArg,
    end: instantArg,
    comment: commentArg.optional(),
  })
  .refine((arg) => isBefore(arg.start, arg.end), endAfterStart);

export const createPatientArg = z.strictObject({
  firstName: z.string().trim().min(1, 'must not be empty').max(100, 'is too long'),
  lastName: z.string().trim().min(1, 'must not be empty').max(100, 'is too long'),
  /** Checked as a Swedish personal number in main (any accepted form). */
  personalNumber: z.string().trim().min(10, 'is too short for a personal number').max(13, 'is too long for a personal number'),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{5,20}$/, 'is not a phone number').optional(),
  email: z.email('is not an e-mail address').max(200).optional(),
});


// ---------------------------------------------------------------------------------------
// Settings and the Leyr account. The client secret goes one way only: into main with
// `saveCredentials`. No result or event ever carries it back.

/** `system` follows the computer's language. */
export type LanguageChoice = 'system' | 'sv' | 'en';

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
  mode: ModeView;
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
  .strictObject({ language: languageSchema.optional(), maskPersonalNumbers: z.boolean().optional() })
  .refine((arg) => arg.language !== undefined || arg.maskPersonalNumbers !== undefined, 'name a language, the masking preference, or both');

// ---------------------------------------------------------------------------------------
// Calls. Keys are method names on `window.frontdesk`.

export const calls = {
  getAppInfo: call<AppInfo>()(z.undefined()),
  /** Where the updater stands; changes also arrive as `update.status` events. */
  getUpdateStatus: call<UpdateStatus>()(z.undefined()),
  /** Checks the update server now (the app also checks at start and every few hours). */
  checkForUpdates: call<UpdateStatus>()(z.undefined()),
  /** Installs a ready update and restarts, unless changes are unsent or a dialog is open (then `hold` says why). */
  restartToUpdate: call<UpdateStatus>()(z.undefined()),
  /** The renderer opened (true) or closed (false) a dialog: no update restart meanwhile. */
  setUiBusy: call<UpdateStatus>()(z.strictObject({ busy: z.boolean() })),

  /** The day from the local store at once; a fresh one follows as a `day.snapshot` event. */
  openDay: call<DaySnapshot>()(z.strictObject({ date: dateArg })),
  /** Fetches the day from Leyr now and answers the fresh snapshot (NETWORK/LEYR_ERROR when it cannot). */
  refreshDay: call<DaySnapshot>()(z.strictObject({ date: dateArg })),
  /** The window got focus: the open day refreshes in the background. */
  windowFocused: call<null>()(z.undefined()),
  moveAppointment: call<ChangeReceipt>()(moveAppointmentArg),
  cancelAppointments: call<ChangeReceipt>()(z.strictObject({ ids: idListArg, reason: commentArg.pipe(z.string().min(1, 'must not be empty')) })),
  moveAppointmentsToResource: call<ChangeReceipt>()(z.strictObject({ ids: idListArg, resourceId: idArg })),
  /** Leyr's continuous reschedule of one patient's consecutive appointments into [start, end). */
  rescheduleContinuous: call<ChangeReceipt>()(rescheduleContinuousArg),
  /** By name (words) or by Swedish personal number. */
  searchPatients: call<PatientSearchResult>()(z.strictObject({ query: z.string().trim().min(1, 'must not be empty').max(100, 'is too long') })),
  createPatient: call<PatientView>()(createPatientArg),
  bookAppointment: call<ChangeReceipt>()(bookAppointmentArg),
  /** The patient's code for a booking awaiting confirmation, or for a two-step cancel of the appointment. */
  confirmAppointment: call<ChangeReceipt>()(z.strictObject({ appointmentId: idArg, code: z.string().trim().regex(/^[A-Za-z0-9]{4,12}$/, 'must be the 4 to 12 letters or digits the patient received') })),
  /** Changes not yet accepted, and those refused or in conflict until dismissed. */
  listChanges: call<ChangeView[]>()(z.undefined()),
  /** Queues a refused or conflicting change again, on top of the appointments as they are now. */
  retryChange: call<ChangeReceipt>()(z.strictObject({ changeId: idArg })),
  /** Takes a refused or conflicting change off the list. */
  dismissChange: call<null>()(z.strictObject({ changeId: idArg })),
  getConnectivity: call<ConnectivityStatus>()(z.undefined()),

  /** Settings, the account (never the secret) and the mode; `checkKeychain` asks the keychain now. */
  getSettings: call<SettingsView>()(z.strictObject({ checkKeychain: z.boolean().optional() }).optional()),
  /** Checks the credentials with Leyr and, when Leyr accepts them, stores the secret in the keychain. Nothing changes otherwise. */
  saveCredentials: call<CredentialsSaved>()(saveCredentialsArg),
  /** Calls Leyr with the stored credentials: plain words and the care units, or the failure in plain words. */
  testConnection: call<ConnectionCheck>()(z.undefined()),
  /** Uses the account with this care unit: the app switches to that clinic. */
  chooseCareUnit: call<SettingsView>()(z.strictObject({ careUnitId: careUnitIdSchema })),
  /** Switches to the demo clinic, keeping the stored credentials for switching back. */
  useDemo: call<SettingsView>()(z.undefined()),
  /** Removes the secret from the keychain (the account stays set up); the app runs the demo clinic. */
  removeSecret: call<SettingsView>()(z.undefined()),
  /**
   * Removes the secret from the keychain and deletes the account's cached data from this
   * computer. Refused while changes of it wait to be sent, unless `discardPendingChanges`.
   */
  signOut: call<SignOutOutcome>()(z.strictObject({ discardPendingChanges: z.boolean().optional() }).optional()),
  updatePreferences: call<SettingsView>()(updatePreferencesArg),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArg<K extends CallName> = z.input<Calls[K]['arg']>;
/** The argument after validation (defaults applied), as handlers see it. */
export type CallParsedArg<K extends CallName> = z.output<Calls[K]['arg']>;
export type CallResult<K extends CallName> = Calls[K]['result'] extends Phantom<infer R> ? R : never;
export const CALL_NAMES = Object.keys(calls) as CallName[];

// ---------------------------------------------------------------------------------------
// Events main pushes to the renderer.

export const events = {
  /** A log line meant for the user (not the debug log). */
  notice: phantom<{ level: 'info' | 'warning' | 'error'; message: string }>(),
  /** The updater moved on: checking, available, progress, ready (or held), failed. */
  'update.status': phantom<UpdateStatus>(),
  /** The whole snapshot of an open day, whenever it changed (refresh, change, its fate). */
  'day.snapshot': phantom<DaySnapshot>(),
  /** A change moved on: pending → sent → applied | refused | conflict. */
  'change.status': phantom<ChangeView>(),
  /** Reachability of Leyr, from real call outcomes, and the outbox size. */
  connectivity: phantom<ConnectivityStatus>(),
  /** Settings, keychain status or mode changed. */
  'settings.changed': phantom<SettingsView>(),
  /** The app now works for another clinic (demo ↔ account): the renderer opens the day afresh. */
  'mode.changed': phantom<ModeView>(),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = Events[K] extends Phantom<infer P> ? P : never;
export const EVENT_NAMES = Object.keys(events) as EventName[];

// ---------------------------------------------------------------------------------------
// The API the renderer sees as `window.frontdesk`.

type CallMethod<K extends CallName> = undefined extends CallArg<K>
  ? (arg?: CallArg<K>) => Promise<Result<CallResult<K>>>
  : (arg: CallArg<K>) => Promise<Result<CallResult<K>>>;

export type FrontdeskApi = { [K in CallName]: CallMethod<K> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

// ---------------------------------------------------------------------------------------
// Wire names, shared by the Electron IPC and the WebSocket transports.

export const ipcChannel = (name: CallName): string => `frontdesk:call:${name}`;
export const EVENT_CHANNEL = 'frontdesk:event';

/**
 * A call frame the web host receives. The socket is a trust boundary like IPC: a frame that
 * does not fit is refused before the router sees it. A call name that is no call of the
 * contract is the router's to refuse (UNKNOWN_CALL); the bound only keeps it loggable.
 */
export const wireRequestSchema = z.strictObject({
  id: z.number().int().min(0),
  call: z.string().max(100),
  arg: z.unknown().optional(),
});
export type WireRequest = z.input<typeof wireRequestSchema>;
export type WireMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: EventName; payload: unknown };
