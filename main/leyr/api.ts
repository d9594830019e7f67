// The Leyr API as the rest of main sees it: entity shapes and one method per endpoint of
// docs/leyr-api.md. The HTTP client (client.ts) implements it; the schedule
// service depends only on this interface.
//
// Entities keep fields Leyr adds beyond these (the client parses leniently), and statuses
// are open: an unknown status is surfaced as-is, never dropped.

import type { AppointmentStatus } from '../../preload/contract/appointment-status.ts';

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

export interface LeyrApi {
  readonly emr: string;
  readonly careUnitId: string;
  listCareUnits(): Promise<CareUnit[]>;
  listResources(): Promise<Resource[]>;
  listHealthcareServices(): Promise<HealthcareService[]>;
  listTimeslots(query: TimeRange & { resource_id?: string; healthcare_service_id?: string }): Promise<Timeslot[]>;
  searchPatients(query: { first_name?: string; last_name?: string }): Promise<Patient[]>;
  getPatient(patientId: string): Promise<Patient>;
  createPatient(patient: NewPatient): Promise<Patient>;
  listAppointments(query: TimeRange & { patient_id?: string; resource_id?: string }): Promise<Appointment[]>;
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
  /** Top-level Leyr code (BAD_REQUEST, UNAUTHORIZED, EMR_ERROR, …) or null. */
  code: string | null;
  /** `errors[].error_code` values. */
  errorCodes: string[];
  status: number | null;
  instance: string | null;
  detail: string | null;
}
