// What a "New patient" create came to: a patient created now, or one Leyr already had (its
// create is idempotent on the personal number, so it answers the registered patient, maybe
// under another name). Pure, for the tests.
import type { PatientCreation, PatientView } from '../../preload/contract/index.ts';

/** Main answers `{ patient, existing }`; a main from before that answered the patient alone. */
export function creationOf(value: PatientCreation | PatientView): PatientCreation {
  return 'patient' in value ? value : { patient: value, existing: false };
}

const sameName = (a: string | null, b: string): boolean => (a ?? '').trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The answer carries another name than the one typed (case and surrounding spaces aside). */
export function nameDiffers(patient: Pick<PatientView, 'firstName' | 'lastName'>, typed: { firstName: string; lastName: string }): boolean {
  // An answer without names says nothing against the typed ones.
  if (patient.firstName === null && patient.lastName === null) return false;
  return !sameName(patient.firstName, typed.firstName) || !sameName(patient.lastName, typed.lastName);
}

/**
 * Whether the answer is someone already registered: main says so, or the answer carries
 * another name than the one typed. Either way the receptionist chooses; the person shown is
 * never switched silently.
 */
export function alreadyRegistered(creation: PatientCreation, typed: { firstName: string; lastName: string }): boolean {
  return creation.existing || nameDiffers(creation.patient, typed);
}
