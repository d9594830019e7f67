// Finding the entities a request names, or refusing with Leyr's code for why not. Patient and
// resource ids may be typed (`se_personal_number:…`, `hsa_id:…`); answers always carry the
// Leyr id, whatever form the request used.
import { parsePatientId, parseResourceId } from '../leyr/ids.ts';
import { badRequest } from './errors.ts';
import type { SeedCareUnit, SeedHealthcareService, SeedResource } from './seed.ts';
import type { SandboxState, StoredAppointment, StoredPatient } from './state.ts';

export function requireCareUnit(state: SandboxState, careUnitId: string): SeedCareUnit {
  const careUnit = state.careUnits.get(careUnitId);
  if (careUnit === undefined) throw badRequest('INVALID_CARE_UNIT_ID', `There is no care unit "${careUnitId}".`, 'care_unit_id');
  return careUnit;
}

/**
 * A patient of the care unit by id: a bare id or `emr_id:` matches the Leyr id or the EHR's
 * id, `se_personal_number:` matches the personal number (any accepted form). Other id types
 * exist in Leyr but this EHR cannot look patients up by them.
 */
export function resolvePatient(state: SandboxState, careUnitId: string, raw: string, path: string): StoredPatient {
  const parsed = parsePatientId(raw);
  if (!parsed.ok) {
    if (parsed.reason === 'unknown_type') throw badRequest('INVALID_PATIENT_ID_TYPE', parsed.message, path);
    throw badRequest('INVALID_PATIENT_ID', parsed.message, path);
  }
  const { type, value } = parsed.id;
  let patient: StoredPatient | undefined;
  switch (type) {
    case 'emr_id':
      patient = state.findPatientByEmrId(careUnitId, value);
      break;
    case 'se_personal_number':
      patient = state.findPatientByExternalId(careUnitId, value);
      break;
    case 'no_personal_number':
    case 'nhs_number':
      throw badRequest('PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED', `This EHR cannot look patients up by ${type}.`, path);
  }
  // The id itself may be a personal number: say which kind of id was not found, not which.
  if (patient === undefined) throw badRequest('INVALID_PATIENT_ID', `No patient of care unit "${careUnitId}" has this ${type}.`, path);
  return patient;
}

/** A resource of the care unit by a bare id, `emr_id:` or `hsa_id:`. */
export function resolveResource(state: SandboxState, careUnitId: string, raw: string, path: string): SeedResource {
  const parsed = parseResourceId(raw);
  if (!parsed.ok) throw badRequest('INVALID_RESOURCE_ID', parsed.message, path);
  const { type, value } = parsed.id;
  let resource: SeedResource | undefined;
  if (type === 'emr_id') resource = state.resources.get(value);
  else if (type === 'hsa_id') resource = [...state.resources.values()].find((candidate) => candidate.hsa_id === value && candidate.care_unit_id === careUnitId);
  else throw badRequest('NOT_SUPPORTED', `This EHR cannot look resources up by ${type}.`, path);
  if (resource === undefined || resource.care_unit_id !== careUnitId) {
    throw badRequest('INVALID_RESOURCE_ID', `Care unit "${careUnitId}" has no resource with this ${type}.`, path);
  }
  return resource;
}

export function requireService(state: SandboxState, serviceId: string, path: string): SeedHealthcareService {
  const service = state.services.get(serviceId);
  if (service === undefined) throw badRequest('INVALID_HEALTHCARE_SERVICE_ID', `There is no healthcare service "${serviceId}".`, path);
  return service;
}

/**
 * An appointment by id; in a care unit when the route names one (the legacy unscoped routes
 * do not). An appointment of another care unit is as unknown as one that does not exist.
 */
export function requireAppointment(state: SandboxState, careUnitId: string | null, appointmentId: string, path: string): StoredAppointment {
  const appointment = state.getAppointment(appointmentId);
  if (appointment === undefined || (careUnitId !== null && appointment.careUnitId !== careUnitId)) {
    throw badRequest('INVALID_APPOINTMENT_ID', `There is no appointment "${appointmentId}"${careUnitId === null ? '' : ` in care unit "${careUnitId}"`}.`, path);
  }
  return appointment;
}
