// What the booking dialog says under the patient search and the "New patient" form's
// personal number while it is typed, read against the clinic's EHR with the contract's rules
// (preload/contract/patient-ids.ts): the message key and its values, and the state the field
// shows (valid, still being typed, wrong, or a type this EHR cannot take). Pure, for the tests.
import {
  patientIdTypes,
  personalNumberTypesOnCreate,
  ehrName,
  type EhrCode,
  type NationalIdType,
  type PatientIdType,
  type PatientQuery,
  type PersonalNumberEntry,
} from '../../preload/contract/patient-ids.ts';
import { createPatientArg } from '../../preload/contract/schedule.ts';

export type HintState = 'partial' | 'valid' | 'invalid' | 'refused';

export interface IdHint {
  state: HintState;
  key: string;
  values?: Record<string, string>;
}

const nationalOf = (types: readonly PatientIdType[]): NationalIdType[] => types.filter((type): type is NationalIdType => type !== 'emr_id');

/** `partial` or `partialNo` or `partialBoth`, by the numbers taken. */
function byNumbers(base: string, numbers: readonly NationalIdType[]): string {
  const swedish = numbers.includes('se_personal_number');
  const norwegian = numbers.includes('no_personal_number');
  if (swedish && norwegian) return `${base}Both`;
  return norwegian ? `${base}No` : base;
}

function invalidKey(as: PatientIdType | null, problem: 'format' | 'check', numbers: readonly NationalIdType[]): string {
  if (as === 'emr_id') return 'patient.invalidEmr';
  if (as === null) return byNumbers('patient.invalidFormat', numbers);
  if (problem === 'check') return as === 'no_personal_number' ? 'patient.invalidCheckNo' : 'patient.invalidCheck';
  return as === 'no_personal_number' ? 'patient.invalidFormatNo' : 'patient.invalidFormat';
}

/** The hint under the search field; null for a name or nothing (the field's general hint shows). */
export function searchHint(query: PatientQuery, emr: EhrCode): IdHint | null {
  const numbers = nationalOf(patientIdTypes(emr));
  switch (query.kind) {
    case 'empty':
    case 'name':
      return null;
    case 'partial':
      return { state: 'partial', key: query.as === 'emr_id' ? 'patient.partialEmr' : byNumbers('patient.partial', numbers) };
    case 'id':
      return { state: 'valid', key: query.id.type === 'emr_id' ? 'patient.validEmr' : query.id.type === 'no_personal_number' ? 'patient.validNo' : 'patient.valid' };
    case 'invalid':
      return { state: 'invalid', key: invalidKey(query.as, query.problem, numbers) };
    case 'refused': {
      const key = numbers.length === 0 ? 'patient.refusedNumber' : query.type === 'se_personal_number' ? 'patient.refusedSwedish' : 'patient.refusedNorwegian';
      return { state: 'refused', key, values: { ehr: query.ehr } };
    }
  }
}

/** The general hint under the search field: what this EHR looks patients up by. */
export function searchFieldHint(emr: EhrCode): IdHint {
  const numbers = nationalOf(patientIdTypes(emr));
  if (numbers.length === 0) return { state: 'partial', key: 'booking.searchHintEhrOnly', values: { ehr: ehrName(emr) } };
  return { state: 'partial', key: byNumbers('booking.searchHint', numbers) };
}

/** The search field's label: "Name or personal number", or "Name or EHR id" where numbers find nobody. */
export const searchLabelKey = (emr: EhrCode): string => (nationalOf(patientIdTypes(emr)).length === 0 ? 'booking.searchNoNumbers' : 'booking.search');

/** The hint under the "New patient" form's personal number; null when it is empty. */
export function personalNumberHint(entry: PersonalNumberEntry, emr: EhrCode): IdHint | null {
  const numbers = personalNumberTypesOnCreate(emr);
  switch (entry.kind) {
    case 'empty':
      return null;
    case 'partial':
      return { state: 'partial', key: byNumbers('patient.partial', numbers) };
    case 'valid':
      return { state: 'valid', key: entry.type === 'no_personal_number' ? 'patient.validNo' : 'patient.valid' };
    case 'invalid':
      return { state: 'invalid', key: invalidKey(entry.as, entry.problem, numbers) };
    case 'refused':
      return { state: 'refused', key: entry.type === 'se_personal_number' ? 'patient.createOnlyNorwegian' : 'patient.createOnlySwedish', values: { ehr: entry.ehr } };
  }
}

// The fields of createPatient's argument checked with the contract's own schema, so a wrong
// one is marked on its field in the receptionist's words before anything is sent (main checks
// again with the same schema: its word is mapped to the same fields).
const fieldSchemas = createPatientArg.shape;

export const isEmailAddress = (text: string): boolean => fieldSchemas.email.safeParse(text.trim()).success;
export const isPhoneNumber = (text: string): boolean => fieldSchemas.phone.safeParse(text.trim()).success;

/** A name field's problem by the contract's rule, as a message key; null when it may be sent. */
export function nameProblem(text: string): 'patient.required' | 'patient.tooLong' | null {
  const parsed = fieldSchemas.firstName.safeParse(text);
  if (parsed.success) return null;
  return parsed.error.issues.some((issue) => issue.code === 'too_big') ? 'patient.tooLong' : 'patient.required';
}

/** The fields of the "New patient" form. */
export type PatientField = 'firstName' | 'lastName' | 'personalNumber' | 'phone' | 'email';
const FIELDS: readonly PatientField[] = ['firstName', 'lastName', 'personalNumber', 'phone', 'email'];

/**
 * Main's refusal of a createPatient argument, field by field (the path of each issue), so the
 * form marks the field instead of saying "Invalid argument for createPatient". Issues on no
 * known field are left out.
 */
export function fieldIssues(issues: readonly { path: string; message: string }[] | undefined): Partial<Record<PatientField, string>> {
  const found: Partial<Record<PatientField, string>> = {};
  for (const issue of issues ?? []) {
    const field = FIELDS.find((name) => issue.path === name || issue.path.startsWith(`${name}.`));
    if (field !== undefined) found[field] ??= issue.message;
  }
  return found;
}
