// The schedule: the day view's data, changes to appointments and their fate, and the
// arguments of the schedule's calls.
import { z } from 'zod';
import { parseNationalNumber } from './patient-ids.ts';
import type { LeyrErrorInfo } from './results.ts';
import { hasControlCharacter, isRealDate } from './text-rules.ts';

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
export type ChangeKind = 'move' | 'cancel' | 'move-to-resource' | 'reschedule' | 'book' | 'confirm' | 'comment';

/** Why a change did not take effect. */
export interface ChangeFailureView {
  changeId: string;
  /** `waiting`: the change is still to be tried; this is what its last attempt met (the EHR failed, Leyr asked to wait). */
  status: 'refused' | 'conflict' | 'waiting';
  /** A sentence for the receptionist. */
  reason: string;
  /** Leyr's error code (NO_TIMESLOTS_AVAILABLE, …) or the app's (DEPENDS_ON_FAILED, CHANGED_ELSEWHERE). */
  code: string | null;
  leyr: LeyrErrorInfo | null;
  /**
   * Leyr refused a bulk move whole (all or nothing): the appointments that had no free slot
   * at the target. The change's other appointments were not moved because of them. Absent
   * when the refusal is not pinned on some of them.
   */
  blockers?: string[];
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
  /**
   * True while the patient's name has not come from Leyr yet (asked for, or about to be):
   * show that it is coming, not "unknown". False or absent once Leyr answered; a null
   * `patientName` then means Leyr has no name for the patient.
   */
  nameComing?: boolean;
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
  /**
   * Items of the day Leyr sent that could not be read and were skipped (an appointment with
   * no `end`, a time that is no time): the rest of the day is shown, and the screen says how
   * many are missing. Optional until main fills it; absent means none.
   */
  unreadable: number;
  /**
   * The last fetch of this day from Leyr failed (absent: it did not). With `fetchedAt` null
   * and this false, the first fetch is still on its way: the day is loading, and an empty
   * list of resources is not yet Leyr's word.
   */
  lastFetchFailed?: boolean;
  /**
   * Appointments another desk changed (or booked) a moment ago, found by a refresh: the grid
   * marks them briefly from `at`. Empty when none.
   */
  changedElsewhere: ChangedElsewhere[];
  /**
   * The care unit's clock when main made this snapshot (ISO 8601): what has passed is judged
   * on it (the grid shades the past and refuses changes into it, as main does). Absent from
   * older builds: the window's own clock.
   */
  now?: string;
}

export interface ChangedElsewhere {
  appointmentId: string;
  /** When this app noticed (ISO 8601). */
  at: string;
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
  /**
   * ISO 8601 with offset: Leyr or a gateway in front of it asked to wait until then (429 or
   * 503 with Retry-After, SERVICE_UNAVAILABLE); null or absent when nobody asked, or the time
   * has passed. Optional until main fills it.
   */
  waitUntil: string | null;
}

/** A patient from a search. Holds the personal number: the UI masks it unless revealed. */
export interface PatientView {
  id: string;
  emrId: string | null;
  firstName: string | null;
  lastName: string | null;
  personalNumber: string | null;
}

/** What `createPatient` answers: the patient, and whether Leyr already had them. */
export interface PatientCreation {
  patient: PatientView;
  /**
   * True when Leyr's create (idempotent on the personal number) answered a patient who was
   * already registered, maybe under another name: the receptionist must choose, never be
   * switched to them silently.
   */
  existing: boolean;
}

export interface PatientSearchResult {
  patients: PatientView[];
  /** `store` when Leyr could not be reached and the patients come from this computer. */
  source: 'leyr' | 'store';
}

// Argument pieces. Checked here without date libraries: main validates every argument the
// renderer sends with them, before a service sees it.

/** A Leyr or app id: non-empty, bounded, no control characters or surrounding spaces. */
export const idArg = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'is too long')
  .refine((value) => !hasControlCharacter(value), 'must not contain control characters')
  .refine((value) => value.trim() === value, 'must not start or end with spaces');

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

/**
 * An appointment as the screen showed it when the receptionist acted (seen.ts: why, and how
 * main compares it). Every change to existing appointments carries these.
 */
export const seenAppointmentArg = z.strictObject({
  id: idArg,
  start: instantArg,
  end: instantArg,
  resourceId: idArg.nullable(),
  status: z.string().min(1, 'must not be empty').max(40, 'is too long'),
});
export type SeenAppointment = z.output<typeof seenAppointmentArg>;

/** The appointments a change acts on, as the screen showed them (at most Leyr's bulk cap). */
export const seenArg = z.array(seenAppointmentArg).max(500, 'may name at most 500 appointments');

const isBefore = (start: string, end: string): boolean => Date.parse(start) < Date.parse(end);
const endAfterStart = { message: 'must be after start', path: ['end'] };

export const moveAppointmentArg = z
  .strictObject({
    appointmentId: idArg,
    start: instantArg.optional(),
    end: instantArg.optional(),
    resourceId: idArg.optional(),
    seen: seenArg.optional(),
  })
  .refine((arg) => (arg.start === undefined) === (arg.end === undefined), { message: 'start and end come together', path: ['end'] })
  .refine((arg) => arg.start !== undefined || arg.resourceId !== undefined, { message: 'give a new time (start and end), a new resource, or both', path: ['start'] })
  .refine((arg) => arg.start === undefined || arg.end === undefined || isBefore(arg.start, arg.end), endAfterStart);

export const rescheduleContinuousArg = z
  .strictObject({ ids: idListArg, start: instantArg, end: instantArg, seen: seenArg.optional() })
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
  /**
   * A Swedish personal or coordination number (any accepted form) or a Norwegian fødselsnummer
   * or D-number (patient-ids.ts: parseNationalNumber); main checks the type against the EHR.
   */
  personalNumber: z
    .string()
    .trim()
    .min(10, 'is too short for a personal number')
    .max(13, 'is too long for a personal number')
    .refine((value) => parseNationalNumber(value) !== null, 'is neither a Swedish nor a Norwegian personal number'),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{5,20}$/, 'is not a phone number').optional(),
  email: z.email('is not an e-mail address').max(200).optional(),
});
