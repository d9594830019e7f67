// Patient search, lookup and the idempotent create. They answer the stored records;
// present.ts makes them what the API answers.
import { badRequest } from './errors.ts';
import { resolvePatient } from './lookup.ts';
import type { IdRules } from './profiles.ts';
import type { NewPatientBody } from './requests.ts';
import type { SandboxState, StoredPatient } from './state.ts';

/** A patient in full, as the control endpoint shows it (and the lenient profile answers it). */
export interface WirePatient {
  id: string;
  emr_id: string | null;
  first_name: string;
  last_name: string;
  care_unit_id: string;
  external_id: string;
  phones: string[];
  emails: string[];
}

export function toWirePatient(patient: StoredPatient): WirePatient {
  return {
    id: patient.id,
    emr_id: patient.emr_id,
    first_name: patient.first_name,
    last_name: patient.last_name,
    care_unit_id: patient.care_unit_id,
    external_id: patient.external_id,
    phones: [...patient.phones],
    emails: [...patient.emails],
  };
}

const fold = (text: string): string => text.trim().toLocaleLowerCase('sv');

/**
 * GET …/patients: patients of the care unit whose names start with the given ones (case
 * and surrounding spaces ignored); at least one name is needed. Sorted by last name, first
 * name, id.
 */
export function searchPatients(state: SandboxState, careUnitId: string, query: { first_name?: string | undefined; last_name?: string | undefined }): StoredPatient[] {
  const first = query.first_name === undefined ? '' : fold(query.first_name);
  const last = query.last_name === undefined ? '' : fold(query.last_name);
  if (first === '' && last === '') throw badRequest('MISSING_REQUIRED_FIELD', 'Search by first_name, last_name or both.', 'last_name');
  return state
    .allPatients()
    .filter((patient) => patient.care_unit_id === careUnitId && fold(patient.first_name).startsWith(first) && fold(patient.last_name).startsWith(last))
    .sort((a, b) => a.last_name.localeCompare(b.last_name, 'sv') || a.first_name.localeCompare(b.first_name, 'sv') || (a.id < b.id ? -1 : 1));
}

export function getPatient(state: SandboxState, rules: IdRules, careUnitId: string, rawId: string): StoredPatient {
  return resolvePatient(state, rules, careUnitId, rawId, 'patient_id');
}

/**
 * POST …/patients, idempotent on `external_id` (the personal number, Swedish or Norwegian,
 * any accepted form): when the care unit has a patient with it, that patient is answered
 * unchanged and `created` is false. An EHR that texts codes (Anita Systems, strict) needs
 * a phone number first.
 */
export function createPatient(state: SandboxState, rules: IdRules, careUnitId: string, body: NewPatientBody): { patient: StoredPatient; created: boolean } {
  if (rules.patientCreateNeedsPhones && (body.phones === undefined || body.phones.length === 0)) {
    throw badRequest('MISSING_REQUIRED_FIELD', 'phones: this EHR sends confirmation codes by SMS and needs a phone number for a new patient.', 'phones');
  }
  const existing = state.findPatientByExternalId(careUnitId, body.external_id);
  if (existing !== undefined) return { patient: existing, created: false };
  const ids = state.newPatientIds();
  const patient: StoredPatient = {
    id: ids.id,
    emr_id: ids.emrId,
    first_name: body.first_name,
    last_name: body.last_name,
    external_id: body.external_id,
    phones: body.phones ?? [],
    emails: body.emails ?? [],
    care_unit_id: careUnitId,
  };
  state.addPatient(patient);
  return { patient, created: true };
}
