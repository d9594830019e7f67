// Finding a patient's appointments (issue 13, "I need to cancel my appointment"): the patient
// is found with `searchPatients`; this call lists their appointments over a window around
// today, from Leyr merged with this computer's changes not yet sent, or from the store alone
// while Leyr cannot be reached (`source: 'store'`, and the panel says so).
import { z } from 'zod';
import { idArg } from './schedule.ts';

/** Days before and after today (in the care unit's zone) that a find covers. */
export const FIND_DAYS_BEFORE = 30;
export const FIND_DAYS_AFTER = 90;

/** One appointment of the patient, with its resource's and service's names (never only ids). */
export interface FoundAppointment {
  id: string;
  /** YYYY-MM-DD in the care unit's zone: the day that shows it. */
  date: string;
  /** ISO 8601 with offset. */
  start: string;
  end: string;
  /** booked, awaiting_confirmation, completed, cancelled, or a status Leyr added later. */
  status: string;
  resourceId: string | null;
  /** Null when the resource is unknown (Leyr did not say and no listing placed it) or unnamed. */
  resourceName: string | null;
  serviceId: string | null;
  serviceName: string | null;
  /** A change of this computer that Leyr has not accepted yet shapes it. */
  pending: boolean;
}

export interface PatientAppointments {
  patientId: string;
  /** Sorted by start. Cancelled ones included. */
  appointments: FoundAppointment[];
  /** `store`: Leyr could not be reached; what this computer knows (it may be incomplete). */
  source: 'leyr' | 'store';
  /** The window covered, YYYY-MM-DD inclusive, in the care unit's zone. */
  from: string;
  to: string;
  /** The care unit's zone: the times are shown in it. */
  timeZone: string;
}

export const findPatientAppointmentsArg = z.strictObject({ patientId: idArg });
