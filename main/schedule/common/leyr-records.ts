// Leyr's entities as the local store keeps them.
import type { Appointment, Patient, Timeslot } from '../../leyr/api.ts';
import type { AppointmentRecord, PatientRecord, TimeslotRecord } from '../../store/records.ts';
import { dateOf, type DayRange } from './day-time.ts';

/**
 * Leyr documents neither `patient_id` nor `healthcare_service_id` on an appointment
 * (docs/leyr-api.md): one that comes without them (absent or null) keeps those the app knew it
 * by (`known`), neither of which a change of an appointment alters. Its resource is learnt
 * from Leyr, by listing with the documented `resource_id` filter (resource-placement.ts).
 */
export function completeFrom(appointment: Appointment, known: Pick<AppointmentRecord, 'patientId' | 'serviceId'> | null): Appointment {
  if (known === null) return appointment;
  const patient = appointment.patient_id ?? known.patientId;
  const service = appointment.healthcare_service_id ?? known.serviceId;
  if (patient === appointment.patient_id && service === appointment.healthcare_service_id) return appointment;
  return { ...appointment, patient_id: patient, healthcare_service_id: service };
}

/** The record of an appointment; `range` (the day it was listed for) spares a zone lookup. */
export function appointmentRecord(appointment: Appointment, zone: string, range?: DayRange, rangeDate?: string): AppointmentRecord {
  const startMs = Date.parse(appointment.start);
  const date = range !== undefined && rangeDate !== undefined && startMs >= range.startMs && startMs < range.endMs ? rangeDate : dateOf(appointment.start, zone);
  return {
    id: appointment.id,
    date,
    start: appointment.start,
    end: appointment.end,
    resourceId: appointment.resource_id,
    patientId: appointment.patient_id,
    serviceId: appointment.healthcare_service_id,
    status: appointment.status,
    comment: appointment.comment,
    careUnitId: appointment.care_unit_id,
  };
}

export function patientRecord(patient: Patient): PatientRecord {
  return {
    id: patient.id,
    emrId: patient.emr_id,
    firstName: patient.first_name,
    lastName: patient.last_name,
    externalId: patient.external_id ?? null,
  };
}

export function timeslotRecord(slot: Timeslot): TimeslotRecord {
  return { resourceId: slot.resource_id, serviceId: slot.healthcare_service_id, start: slot.start, end: slot.end };
}

/** "First Last", or null when Leyr gave neither. */
export function patientName(firstName: string | null, lastName: string | null): string | null {
  const name = [firstName, lastName].filter((part) => part !== null && part.trim() !== '').join(' ');
  return name === '' ? null : name;
}
