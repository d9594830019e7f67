// How the EHR behind the sandbox behaves, and how strictly the sandbox plays Leyr.
//
// EHR profiles. Leyr fronts many EHRs that differ in ways the app must handle: some book and
// cancel directly (WebDoc), others (Anita Systems) answer a booking with
// `awaiting_confirmation` until the patient's code is sent, and cancel in two steps; and each
// looks patients and resources up by its own id types (Leyr's patient-id guide). The sandbox
// picks the profile from the EHR code it serves.
//
// Strict or lenient. Strict is Leyr as documented: answers carry only the fields Leyr
// documents plus the few the project chose and the app cannot do without, never a link a
// client must not need (`cancellation_of`), and each EHR takes only the id types Leyr's
// table gives it (Anita's patient create needs `phones`). Lenient is the sandbox as it was
// before: richer answers (care units' `time_zone` and `slot_minutes`, resources' services,
// patients' `external_id`, `phones`, `emails`, a pending cancellation's `cancellation_of`)
// and generous id rules (every EHR takes `se_personal_number:` patient ids and `hsa_id:`
// resource ids). docs/sandbox.md has the whole list.
import type { PatientIdType, ResourceIdType } from '../leyr/ids.ts';

/**
 * THE switch: whether a sandbox started without `strict` (server option, seed field, CLI
 * flag) plays Leyr strictly. `false` keeps the lenient behaviour every caller had before
 * the strict profile existed; the contract suite and the sandbox's own tests pass `strict`
 * explicitly. Set it to `true` to make the demo, the web host and every test strict.
 */
export const STRICT_BY_DEFAULT = true;

export interface EhrProfile {
  /** The EHR code served, e.g. `webdoc`. */
  emr: string;
  /** Listed in Leyr's patient-id table; an unlisted code gets the most common rules (EHR ids only). */
  known: boolean;
  /** A new booking answers `awaiting_confirmation` and holds its slot until confirmed. */
  bookingNeedsConfirmation: boolean;
  /** A cancel answers a new `awaiting_confirmation` record; its code cancels the original. */
  twoStepCancel: boolean;
  /** Strict: the patient id types the EHR can look patients up by. */
  patientIdTypes: readonly PatientIdType[];
  /** Strict: the resource id types the EHR takes. */
  resourceIdTypes: readonly ResourceIdType[];
  /** Strict: a patient create without a phone number is refused (codes go out by SMS). */
  patientCreateNeedsPhones: boolean;
}

type Rules = Omit<EhrProfile, 'emr' | 'known'>;

const EHR_ID_ONLY: Rules = {
  bookingNeedsConfirmation: false,
  twoStepCancel: false,
  patientIdTypes: ['emr_id'],
  resourceIdTypes: ['emr_id'],
  patientCreateNeedsPhones: false,
};
const SWEDISH: Rules = { ...EHR_ID_ONLY, patientIdTypes: ['emr_id', 'se_personal_number'] };
const NORWEGIAN: Rules = { ...EHR_ID_ONLY, patientIdTypes: ['emr_id', 'no_personal_number'] };
const NORDIC: Rules = { ...EHR_ID_ONLY, patientIdTypes: ['emr_id', 'se_personal_number', 'no_personal_number'] };

// Leyr's patient-id guide, EHR by EHR (codes are Leyr's lowercase EHR codes).
const TABLE: Record<string, Rules> = {
  // Only WebDoc takes more than the EHR id as a resource id: HSA ids and personal numbers.
  webdoc: { ...SWEDISH, resourceIdTypes: ['emr_id', 'hsa_id', 'se_personal_number'] },
  takecare: SWEDISH,
  kaddio: SWEDISH,
  prorenata: SWEDISH,
  dips: NORWEGIAN,
  easypractice: NORDIC,
  epic: NORDIC,
  anitasystems: { ...EHR_ID_ONLY, bookingNeedsConfirmation: true, twoStepCancel: true, patientCreateNeedsPhones: true },
  pasientsky: EHR_ID_ONLY,
  cliniko: EHR_ID_ONLY,
  physica: EHR_ID_ONLY,
  pridok: EHR_ID_ONLY,
  muntra: EHR_ID_ONLY,
  opusdental: EHR_ID_ONLY,
  solvit: EHR_ID_ONLY,
  acuity: EHR_ID_ONLY,
  millenium: EHR_ID_ONLY,
};

/** EHR codes whose profile is in Leyr's table, alphabetically. */
export const KNOWN_EHRS: readonly string[] = Object.keys(TABLE).sort();

/** EHR codes that confirm bookings and cancels by a code texted to the patient. */
export const CONFIRMING_EHRS: ReadonlySet<string> = new Set(Object.entries(TABLE).filter(([, rules]) => rules.twoStepCancel).map(([emr]) => emr));

export function profileFor(emr: string): EhrProfile {
  const rules = TABLE[emr];
  return Object.freeze({ emr, known: rules !== undefined, ...(rules ?? EHR_ID_ONLY) });
}

/** Which id types the sandbox takes, and what a patient create needs, under a profile. */
export interface IdRules {
  patient: ReadonlySet<PatientIdType>;
  resource: ReadonlySet<ResourceIdType>;
  patientCreateNeedsPhones: boolean;
}

// The lenient rules are the sandbox's before the strict profile: Swedish personal numbers and
// HSA ids for every EHR (and WebDoc's personal-number resource ids, which it always had in Leyr).
const LENIENT_PATIENT_TYPES: ReadonlySet<PatientIdType> = new Set(['emr_id', 'se_personal_number']);

export function idRulesFor(profile: EhrProfile, strict: boolean): IdRules {
  if (strict) {
    return { patient: new Set(profile.patientIdTypes), resource: new Set(profile.resourceIdTypes), patientCreateNeedsPhones: profile.patientCreateNeedsPhones };
  }
  const resource = new Set<ResourceIdType>(['emr_id', 'hsa_id']);
  if (profile.resourceIdTypes.includes('se_personal_number')) resource.add('se_personal_number');
  return { patient: LENIENT_PATIENT_TYPES, resource, patientCreateNeedsPhones: false };
}

/** The profile a request is served under: the EHR's, and strict or lenient. */
export interface ServedProfile {
  ehr: EhrProfile;
  strict: boolean;
  ids: IdRules;
}

export function servedProfile(ehr: EhrProfile, strict: boolean): ServedProfile {
  return Object.freeze({ ehr, strict, ids: idRulesFor(ehr, strict) });
}
