// Finding the entities a request names, or refusing with Leyr's code for why not. Patient and
// resource ids may be typed (`se_personal_number:…`, `hsa_id:…`); which types are taken
// depends on the EHR and the profile (profiles.ts). Answers always carry the Leyr id,
// whatever form the request used.
import { parsePatientId, parseResourceId, PATIENT_ID_TYPES, RESOURCE_ID_TYPES } from '../leyr/ids.ts';
import { parseNorwegianPersonalNumber } from '../../preload/contract/norwegian-id.ts';
import { badRequest } from './errors.ts';
import type { IdRules } from './profiles.ts';
import type { SeedCareUnit, SeedHealthcareService, SeedResource } from './seed.ts';
import type { SandboxState, StoredAppointment, StoredPatient } from './state.ts';

export function requireCareUnit(state: SandboxState, careUnitId: string): SeedCareUnit {
  const careUnit = state.careUnits.get(careUnitId);
  if (careUnit === undefined) throw badRequest('INVALID_CARE_UNIT_ID', `There is no care unit "${careUnitId}".`, 'care_unit_id');
  return careUnit;
}

const TYPE_PREFIX = /^([a-z][a-z0-9_]*):/;

/** The id type a raw id names by its prefix, when the prefix is one of `known`. */
function typeNamed<T extends string>(raw: string, known: readonly T[]): T | null {
  const prefix = TYPE_PREFIX.exec(raw.trim())?.[1];
  return prefix !== undefined && (known as readonly string[]).includes(prefix) ? (prefix as T) : null;
}

/**
 * A patient of the care unit by id: a bare id or `emr_id:` matches the Leyr id or the EHR's
 * id, `se_personal_number:` the Swedish personal number (any accepted form),
 * `no_personal_number:` the Norwegian one. A type the EHR cannot look patients up by is
 * PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED, whatever its value.
 */
export function resolvePatient(state: SandboxState, rules: IdRules, careUnitId: string, raw: string, path: string): StoredPatient {
  const named = typeNamed(raw, PATIENT_ID_TYPES);
  if (named !== null && !rules.patient.has(named)) throw badRequest('PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED', `This EHR cannot look patients up by ${named}.`, path);
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
    case 'no_personal_number': {
      const norwegian = parseNorwegianPersonalNumber(value);
      if (!norwegian.ok) throw badRequest('INVALID_PATIENT_ID', `The patient id is not a valid Norwegian personal number: ${norwegian.message}`, path);
      patient = state.findPatientByExternalId(careUnitId, norwegian.value);
      break;
    }
    case 'nhs_number':
      throw badRequest('PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED', `This EHR cannot look patients up by ${type}.`, path);
  }
  // The id itself may be a personal number: say which kind of id was not found, not which.
  if (patient === undefined) throw badRequest('INVALID_PATIENT_ID', `No patient of care unit "${careUnitId}" has this ${type}.`, path);
  return patient;
}

/**
 * A resource of the care unit by a bare id, `emr_id:`, or (WebDoc) `hsa_id:` and
 * `se_personal_number:`. A known id type the EHR does not take is NOT_SUPPORTED.
 */
export function resolveResource(state: SandboxState, rules: IdRules, careUnitId: string, raw: string, path: string): SeedResource {
  const named = typeNamed(raw, RESOURCE_ID_TYPES);
  if (named !== null && !rules.resource.has(named)) throw badRequest('NOT_SUPPORTED', `This EHR cannot look resources up by ${named}.`, path);
  const parsed = parseResourceId(raw);
  if (!parsed.ok) throw badRequest('INVALID_RESOURCE_ID', parsed.message, path);
  const { type, value } = parsed.id;
  const inUnit = (candidate: SeedResource): boolean => candidate.care_unit_id === careUnitId;
  let resource: SeedResource | undefined;
  if (type === 'emr_id') resource = state.resources.get(value);
  else if (type === 'hsa_id') resource = [...state.resources.values()].find((candidate) => candidate.hsa_id === value && inUnit(candidate));
  else if (type === 'se_personal_number') resource = [...state.resources.values()].find((candidate) => candidate.se_personal_number === value && inUnit(candidate));
  else throw badRequest('NOT_SUPPORTED', `This EHR cannot look resources up by ${type}.`, path);
  if (resource === undefined || !inUnit(resource)) {
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
