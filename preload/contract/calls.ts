// The calls. Keys are method names on `window.frontdesk`; each has its argument schema
// (checked in main before any service sees it) and its result type.
import { z } from 'zod';
import type { AppInfo } from './app.ts';
import { call, type Phantom } from './declare.ts';
import { findPatientAppointmentsArg, type PatientAppointments } from './find.ts';
import type { CallName } from './names.ts';
import {
  bookAppointmentArg,
  commentArg,
  createPatientArg,
  dateArg,
  idArg,
  idListArg,
  moveAppointmentArg,
  rescheduleContinuousArg,
  seenArg,
  type ChangeReceipt,
  type ChangeView,
  type ConnectivityStatus,
  type DaySnapshot,
  type PatientCreation,
  type PatientSearchResult,
} from './schedule.ts';
import { proposeRebookArg, type RebookProposal } from './rebook.ts';
import { salvagedChangesArg, type SalvageView } from './salvage.ts';
import { saveCredentialsArg, updatePreferencesArg, type ConnectionCheck, type CredentialsSaved, type SettingsView, type SignOutOutcome } from './settings.ts';
import { careUnitIdSchema } from './settings-schema.ts';
import type { UpdateStatus } from './updates.ts';
import { openWeekArg, type WeekSnapshot } from './week.ts';
import { findFreeTimesArg, type FreeTimeAnswer } from './free-time.ts';
import { editCommentArg, printSheetArg, readDaysForPrintArg, saveSheetAsPdfArg, type PrintDays, type SavedPdf } from './comment-print.ts';
import { undoChangesArg, type UndoReceipt } from './undo.ts';

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
  /**
   * The window is in use (focused and visible) or not: the open day refreshes every few
   * seconds while it is, every minute or so while it is not, and at once when it comes back.
   */
  windowActivity: call<null>()(z.strictObject({ active: z.boolean() })),
  /**
   * The columns the grid draws now (it draws only those near the viewport): main fetches the
   * patient names of these resources' appointments on `date` first, then the rest of the day.
   */
  showingResources: call<null>()(z.strictObject({ date: dateArg, resourceIds: z.array(idArg).max(500, 'may name at most 500 resources') })),
  moveAppointment: call<ChangeReceipt>()(moveAppointmentArg),
  cancelAppointments: call<ChangeReceipt>()(z.strictObject({ ids: idListArg, reason: commentArg.pipe(z.string().min(1, 'must not be empty')), seen: seenArg.optional() })),
  moveAppointmentsToResource: call<ChangeReceipt>()(z.strictObject({ ids: idListArg, resourceId: idArg, seen: seenArg.optional() })),
  /** Leyr's continuous reschedule of one patient's consecutive appointments into [start, end). */
  rescheduleContinuous: call<ChangeReceipt>()(rescheduleContinuousArg),
  /**
   * By name (words), or by one patient id: a Swedish personal number as its digits, or a typed
   * Leyr id `se_personal_number:…`, `no_personal_number:…`, `emr_id:…` (patient-ids.ts:
   * readPatientSearchQuery reads it; classifyPatientQuery and searchQueryFor make it).
   */
  searchPatients: call<PatientSearchResult>()(z.strictObject({ query: z.string().trim().min(1, 'must not be empty').max(100, 'is too long') })),
  /** `existing`: Leyr's idempotent create answered a patient who was already registered. */
  createPatient: call<PatientCreation>()(createPatientArg),
  bookAppointment: call<ChangeReceipt>()(bookAppointmentArg),
  /** The patient's code for a booking awaiting confirmation, or for a two-step cancel of the appointment. */
  confirmAppointment: call<ChangeReceipt>()(z.strictObject({ appointmentId: idArg, code: z.string().trim().regex(/^[A-Za-z0-9]{4,12}$/, 'must be the 4 to 12 letters or digits the patient received'), seen: seenArg.optional() })),
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

  /** What happened to the store kept on this computer at this start, and the changes read back from a set-aside one. */
  getSalvage: call<SalvageView>()(z.undefined()),
  /** Puts these held changes into the queue: they are sent to Leyr (checked against Leyr's copy first). */
  sendSalvagedChanges: call<SalvageView>()(salvagedChangesArg),
  /** Drops these held changes: they are never sent. */
  discardSalvagedChanges: call<SalvageView>()(salvagedChangesArg),

  // — first free time —
  /** The earliest free times of a service, from a day on, across resources (free-time.ts). */
  findFreeTimes: call<FreeTimeAnswer>()(findFreeTimesArg),
  // — find —
  /**
   * A patient's appointments from FIND_DAYS_BEFORE days before today to FIND_DAYS_AFTER after:
   * Leyr's (by its `patient_id` filter) with this computer's unsent changes laid over them, or
   * the store's alone while Leyr cannot be reached (`source: 'store'`).
   */
  findPatientAppointments: call<PatientAppointments>()(findPatientAppointmentsArg),
  // — rebook —
  /**
   * For each appointment (a sick resource's day), a free slot to move it to: the same time with
   * another resource offering its service, else the nearest free time that day, else a later
   * day; no two proposals collide. Sends nothing: the receptionist confirms, then the renderer
   * sends moves (`moveAppointmentsToResource`, `moveAppointment`).
   */
  proposeRebook: call<RebookProposal>()(proposeRebookArg),
  // — comments and printing —
  /** A booked appointment's new comment (Leyr's PATCH `comment`), through the outbox like every change. */
  editComment: call<ChangeReceipt>()(editCommentArg),
  /** The days of a printout from the store, each fetched from Leyr first when not fresh (comment-print.ts). */
  readDaysForPrint: call<PrintDays>()(readDaysForPrintArg),
  /** The desktop app: the system print dialog for the printout the window shows (REJECTED in the web host). */
  printSheet: call<null>()(printSheetArg),
  /** The desktop app: the printout saved as a PDF where the receptionist chooses (REJECTED in the web host). */
  saveSheetAsPdf: call<SavedPdf>()(saveSheetAsPdfArg),
  // — week —
  /**
   * The days of a week from the store at once (each day's snapshot); fresh ones follow as
   * `day.snapshot` events, and all of them are refreshed like the open day while it is shown.
   */
  openWeek: call<WeekSnapshot>()(openWeekArg),
  /**
   * The same days as main's store holds them now, without opening them: nothing is fetched,
   * refreshed or kept live. The window prepares the week with it while the day is shown, so
   * that Week opens on it at once (openWeek follows, and its answer replaces it).
   */
  readWeek: call<WeekSnapshot>()(openWeekArg),
  // — undo —
  /**
   * Takes back the changes of one step: each not yet sent is withdrawn from the outbox (one
   * being sent cannot be: it is undone by its inverse once Leyr has answered), each sent is
   * undone by its inverse change through the same path and checks (undo.ts).
   */
  undoChanges: call<UndoReceipt>()(undoChangesArg),
} as const;

export type Calls = typeof calls;
export type CallArg<K extends CallName> = z.input<Calls[K]['arg']>;
/** The argument after validation (defaults applied), as handlers see it. */
export type CallParsedArg<K extends CallName> = z.output<Calls[K]['arg']>;
export type CallResult<K extends CallName> = Calls[K]['result'] extends Phantom<infer R> ? R : never;

// The preload's list of names (names.ts) must be exactly these calls.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<keyof Calls, CallName> = true;
void namesMatch;
