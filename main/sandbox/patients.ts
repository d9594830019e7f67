// Patient search, lookup and the idempotent create.
import { badRequest } from './errors.ts';
import { resolvePatient } from './lookup.ts';
import type { NewPatientBody } from './requests.ts';
import type { SandboxState, StoredPatient } from './state.ts';

/** A patient as the API answers it. */
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
export function searchPatients(state: SandboxState, careUnitId: string, query: { first_name?: string | undefined; last_name?: string | undefined }): WirePatient[] {
  const first = query.first_name === undefined ? '' : fold(query.first_name);
  const last = query.last_name === undefined ? '' : fold(query.last_name);
  if (first === '' && last === '') throw badRequest('MISSING_REQUIRED_FIELD', 'Search by first_name, last_name or both.', 'last_name');
  return state
    .allPatients()
    .filter((patient) => patient.care_unit_id === careUnitId && fold(patient.first_name).startsWith(first) && fold(patient.last_name).startsWith(last))
    .sort((a, b) => a.last_name.localeCompare(b.last_name, 'sv') || a.first_name.localeCompare(b.first_name, 'sv') || (a.id < b.id ? -1 : 1))
    .map(toWirePatient);
}

export function getPatient(state: SandboxState, careUnitId: string, rawId: string): WirePatient {
  return toWirePatient(resolvePatient(state, careUnitId, rawId, 'patient_id'));
}

/**
 * POST …/patients, idempotent on `external_id` (the personal number, any accepted form):
 * when the care unit has a patient with it, that patient is answered unchanged and
 * `created` is false.
 */
export function createPatient(state: SandboxState, careUnitId: string, body: NewPatientBody): { patient: WirePatient; created: boolean } {
  const existing = state.findPatientByExternalId(careUnitId, body.external_id);
  if (existing !== undefined) return { patient: toWirePatient(existing), created: false };
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
  return { patient: toWirePatient(patient), created: true };
}
