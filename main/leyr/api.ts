// The Leyr API as the rest of main sees it: entity shapes and one method per endpoint of
// docs/leyr-api.md. The HTTP client (client.ts) implements it; the schedule
// service depends only on this interface.
//
// Entities keep fields Leyr adds beyond these (the client parses leniently), and statuses
// are open: an unknown status is surfaced as-is, never dropped. List reads skip (and count)
// what they cannot read or what lies outside the asked range (Listed); every client has one
// wait gate shared by all its callers (LeyrWaitGate).

import type { AppointmentStatus } from '../../preload/contract/appointment-status.ts';
import type { IDisposable } from '../lifecycle/disposable.ts';

/** A status Leyr may add later stays visible as its raw string (the statuses: the contract's appointment-status.ts). */
export type { AppointmentStatus, KnownAppointmentStatus } from '../../preload/contract/appointment-status.ts';

export interface CareUnit {
  id: string;
  name: string | null;
}

export interface Resource {
  id: string;
  name: string | null;
}

export interface HealthcareService {
  id: string;
  name: string | null;
  duration_minutes: number | null;
}

export interface Timeslot {
  /** ISO 8601 with offset. */
  start: string;
  end: string;
  resource_id: string;
  healthcare_service_id: string | null;
}

export interface Patient {
  /** Leyr's id. */
  id: string;
  emr_id: string | null;
  first_name: string | null;
  last_name: string | null;
  care_unit_id: string | null;
  /** Personal number (or other external id) where Leyr returns it. */
  external_id?: string | null;
}

export interface Appointment {
  id: string;
  status: AppointmentStatus;
  care_unit_id: string | null;
  start: string;
  end: string;
  comment: string | null;
  patient_id: string | null;
  resource_id: string | null;
  healthcare_service_id: string | null;
}

export interface TimeRange {
  /** ISO 8601 with offset. */
  start: string;
  end: string;
}

export interface NewPatient {
  first_name: string;
  last_name: string;
  /** The personal number, 12 digits; Leyr keys idempotency on it. */
  external_id: string;
  phones?: string[];
  emails?: string[];
}

export interface NewAppointment {
  start: string;
  end: string;
  /** Leyr id or typed id (`se_personal_number:…`). */
  patient_id: string;
  resource_id: string;
  healthcare_service_id?: string;
  comment?: string;
}

/** Single PATCH: start and end together; resource alone keeps the times. */
export interface AppointmentChange {
  start?: string;
  end?: string;
  resource_id?: string;
  comment?: string;
}

/**
 * Bulk PATCH. Without start/end: plain bulk update (with resource_id: all move to that
 * resource at their own times, all or nothing). With start/end: continuous reschedule.
 */
export interface BulkAppointmentChange {
  ids: string[];
  start?: string;
  end?: string;
  resource_id?: string;
  comment?: string;
}

/**
 * A list as the client read it: a plain array of the items it could read, with two counts
 * attached (non-enumerable, so copies, JSON and deep-equality see a plain array):
 *
 * - `unreadable`: items skipped because they could not be read (an appointment without
 *   `end`, a time that is no time, …); each is logged with the operation, never its content;
 * - `outOfRange`: items Leyr sent outside the asked `start`/`end` range, dropped (appointments
 *   that do not overlap [start, end); timeslots not wholly inside it). Not counted as unreadable.
 *
 * The real client always sets both (0 when nothing was skipped). They are optional in the
 * type only so that in-memory fakes may answer plain arrays: read them with `skippedOf`.
 * Read them before mapping or filtering: a derived array does not carry them.
 */
export type Listed<T> = T[] & { readonly unreadable?: number; readonly outOfRange?: number };

/** The counts of a list answer; 0 for a plain array (a fake's). */
export function skippedOf(list: readonly unknown[]): { unreadable: number; outOfRange: number } {
  const counts = list as { unreadable?: unknown; outOfRange?: unknown };
  return {
    unreadable: typeof counts.unreadable === 'number' ? counts.unreadable : 0,
    outOfRange: typeof counts.outOfRange === 'number' ? counts.outOfRange : 0,
  };
}

/**
 * The client's wait gate (wait-gate.ts), shared by every caller of one client. Once Leyr or a
 * gateway asks to wait (429, 503 or SERVICE_UNAVAILABLE, with `Retry-After` or Leyr's ladder
 * 1 s, 5 s, 15 s, 30 s, 1 min), nothing is sent before that time:
 *
 * - a GET waits for the gate when it opens within the read's budget (`retry.waitBudgetMs`,
 *   counted from the call), else fails at once;
 * - a POST or PATCH never waits and is never retried: while the gate is closed it fails at
 *   once, unsent;
 * - either failure is a LeyrError with `heldByGate: true`, `retryAfterMs` and `waitUntil`
 *   (and the status and code of the answer that closed the gate), so the outbox can schedule
 *   its next attempt at `waitUntil` knowing nothing reached Leyr.
 */
export interface LeyrWaitGate {
  /** Epoch milliseconds before which nothing is sent, or null when the gate is open. */
  waitUntil(): number | null;
  /**
   * Called with the new `waitUntil` whenever Leyr asks for a wait that ends later than the
   * current one, and with null when a request sent after the wait got an answer that asks
   * for none (Leyr is back). The time merely passing emits nothing: a display that counts
   * down schedules its own refresh at `waitUntil`.
   */
  onChange(listener: (waitUntil: number | null) => void): IDisposable;
}

export interface LeyrApi {
  readonly emr: string;
  readonly careUnitId: string;
  /**
   * The client's shared wait gate. Every client made by createLeyrClient has one, and
   * aroundEveryCall passes it on; optional only so that in-memory fakes need not.
   */
  readonly gate?: LeyrWaitGate;
  listCareUnits(): Promise<Listed<CareUnit>>;
  listResources(): Promise<Listed<Resource>>;
  listHealthcareServices(): Promise<Listed<HealthcareService>>;
  /**
   * Timeslots wholly inside [start, end). Times without an offset are read in the care
   * unit's zone (the client's `timeZone`). With the `resource_id` (or `healthcare_service_id`)
   * filter, a slot that lacks that field gets it from the filter when the filter is a plain
   * (EHR) id.
   */
  listTimeslots(query: TimeRange & { resource_id?: string; healthcare_service_id?: string }): Promise<Listed<Timeslot>>;
  searchPatients(query: { first_name?: string; last_name?: string }): Promise<Listed<Patient>>;
  getPatient(patientId: string): Promise<Patient>;
  createPatient(patient: NewPatient): Promise<Patient>;
  /**
   * Appointments overlapping [start, end). Times without an offset are read in the care
   * unit's zone. With the `resource_id` or `patient_id` filter, an appointment that lacks
   * that field (absent or null) gets it from the filter when the filter is a plain (EHR) id
   * or `emr_id:…`; a typed filter (`hsa_id:…`, `se_personal_number:…`) names no id to fill.
   */
  listAppointments(query: TimeRange & { patient_id?: string; resource_id?: string }): Promise<Listed<Appointment>>;
  /*
   * The answers of writes are read whole: one unreadable item fails the answer (an
   * 'invalid-response' LeyrError, after which Leyr's state must be read), because their items
   * are paired with what was sent (a bulk cancel by order and count). Times without an offset
   * are read in the care unit's zone; an appointment lacking `resource_id`, `patient_id` or
   * `healthcare_service_id` gets the plain id the request named (a booking's, a move's
   * `resource_id`).
   */
  /** Leyr answers a create with an array (one appointment, in practice). */
  createAppointment(appointment: NewAppointment): Promise<Appointment[]>;
  updateAppointment(appointmentId: string, change: AppointmentChange): Promise<Appointment>;
  /** Answers the resulting appointments (moved, created and cancelled, for a reschedule). */
  bulkUpdateAppointments(change: BulkAppointmentChange): Promise<Appointment[]>;
  /** Two-step EHRs answer with a new appointment in `awaiting_confirmation`. */
  cancelAppointment(appointmentId: string, comment: string): Promise<Appointment>;
  cancelAppointments(ids: string[], comment: string): Promise<Appointment[]>;
  /** Sends the code the patient received; the appointment becomes `booked`. */
  confirmAppointment(appointmentId: string, code: string): Promise<Appointment>;
}

/** The 400 `errors[].error_code`s Leyr documents (docs/leyr-api.md, "Errors"). */
export const LEYR_BAD_REQUEST_CODES = [
  'INVALID_PATIENT_ID',
  'INVALID_CARE_UNIT_ID',
  'INVALID_HEALTHCARE_SERVICE_ID',
  'INVALID_RESOURCE_ID',
  'INVALID_APPOINTMENT_ID',
  'NO_TIMESLOTS_AVAILABLE',
  'AMBIGUOUS_TIMESLOTS',
  'INVALID_COMMENT_LENGTH',
  'MISSING_REQUIRED_FIELD',
  'MAX_ITEMS_EXCEEDED',
  'BAD_INPUT',
  'INVALID_PATIENT_ID_TYPE',
  'PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED',
  'NOT_SUPPORTED',
] as const;
export type LeyrBadRequestCode = (typeof LEYR_BAD_REQUEST_CODES)[number];

/**
 * Why a Leyr call failed: Leyr's own refusal (`http`), the way there (`network`,
 * `timeout`), an answer that could not be read (`invalid-response`), or a request the
 * client would not send (`invalid-request`: an id that cannot be a path segment, e.g.
 * empty or `..`, which would address another endpoint).
 */
export type LeyrFailureKind = 'http' | 'network' | 'timeout' | 'invalid-response' | 'invalid-request';

/**
 * The one error type every Leyr call rejects with (class in errors.ts). Carries what
 * support needs: Leyr's code, its error codes, the HTTP status and Leyr's `instance`.
 */
export interface LeyrFailure {
  kind: LeyrFailureKind;
  /**
   * For every answer that asked to wait (429, 503, SERVICE_UNAVAILABLE, or a 5xx with
   * Retry-After) and for requests held back by the gate: how long nothing will be sent, in
   * milliseconds from when the error was made; else null.
   */
  retryAfterMs: number | null;
  /** The same as an epoch-milliseconds time, or null. */
  waitUntil: number | null;
  /**
   * True when the client did not send the request because the wait gate was closed (kind
   * `http`, with the status and code of the answer that closed it, and no instance of its own).
   */
  heldByGate: boolean;
  /** Top-level Leyr code (BAD_REQUEST, UNAUTHORIZED, EMR_ERROR, …) or null. */
  code: string | null;
  /** `errors[].error_code` values. */
  errorCodes: string[];
  status: number | null;
  instance: string | null;
  detail: string | null;
}
