// Which patient ids the care unit's EHR takes, and what a receptionist typed in the patient
// search or the "New patient" form, read against it. Pure and environment-neutral, like the
// personal-number rules it uses (personal-number.ts: Swedish, Luhn; norwegian-id.ts: two
// mod-11 check digits), so the renderer says a type the EHR cannot take before anything is
// sent, and main applies the same table before it asks Leyr.
//
// Leyr's patient-id guide (docs/leyr-api.md, "Identifiers"):
//   WebDoc, TakeCare, Kaddio, Prorenata   EHR id, Swedish personal number
//   DIPS                                  EHR id, Norwegian personal number
//   EasyPractice, Epic                    EHR id, Swedish and Norwegian personal numbers
//   Anita Systems, PasientSky, Cliniko, Physica, Pridok, Muntra, Opus Dental, SolvIT,
//   Acuity, Millenium, and any EHR code not in the guide: EHR id only
//
// What the receptionist types in the search (classifyPatientQuery):
//   - words with a letter in them: a name (searched from two characters on);
//   - only digits, spaces, `-` and `+`: a personal number, Swedish (YYYYMMDD-NNNC,
//     YYYYMMDDNNNC, YYMMDD-NNNC, YYMMDD+NNNC; coordination numbers too) or Norwegian
//     (DDMMYYIIICC, DDMMYY IIICC; D- and H-numbers too), told apart by the digit count
//     (10 or 12 Swedish, 11 Norwegian);
//   - `emr:` followed by the EHR's own id (`emr_id:` works too): an EHR id, e.g. `emr:wd-191212`;
//   - Leyr's own typed forms `se_personal_number:…` and `no_personal_number:…` are read as
//     the number they name.
// The answer is the typed Leyr id to look the patient up by, or why not, in plain words.
import { parseNorwegianPersonalNumber } from './norwegian-id.ts';
import { parseSwedishPersonalNumber, type PersonalNumberOptions } from './personal-number.ts';
import { hasControlCharacter } from './text-rules.ts';

/** The patient id types the app looks patients up by (Leyr's `nhs_number` is not used here). */
export type PatientIdType = 'emr_id' | 'se_personal_number' | 'no_personal_number';
export type NationalIdType = Exclude<PatientIdType, 'emr_id'>;

interface EhrEntry {
  name: string;
  lookup: readonly PatientIdType[];
}

const SWEDISH = ['emr_id', 'se_personal_number'] as const;
const NORWEGIAN = ['emr_id', 'no_personal_number'] as const;
const BOTH = ['emr_id', 'se_personal_number', 'no_personal_number'] as const;
const EHR_ID_ONLY = ['emr_id'] as const;

/** Leyr's lowercase EHR codes, their names as the receptionist knows them, and the ids they take. */
const EHRS: Readonly<Record<string, EhrEntry>> = {
  webdoc: { name: 'WebDoc', lookup: SWEDISH },
  takecare: { name: 'TakeCare', lookup: SWEDISH },
  kaddio: { name: 'Kaddio', lookup: SWEDISH },
  prorenata: { name: 'Prorenata', lookup: SWEDISH },
  dips: { name: 'DIPS', lookup: NORWEGIAN },
  easypractice: { name: 'EasyPractice', lookup: BOTH },
  epic: { name: 'Epic', lookup: BOTH },
  anitasystems: { name: 'Anita Systems', lookup: EHR_ID_ONLY },
  pasientsky: { name: 'PasientSky', lookup: EHR_ID_ONLY },
  cliniko: { name: 'Cliniko', lookup: EHR_ID_ONLY },
  physica: { name: 'Physica', lookup: EHR_ID_ONLY },
  pridok: { name: 'Pridok', lookup: EHR_ID_ONLY },
  muntra: { name: 'Muntra', lookup: EHR_ID_ONLY },
  opusdental: { name: 'Opus Dental', lookup: EHR_ID_ONLY },
  solvit: { name: 'SolvIT', lookup: EHR_ID_ONLY },
  acuity: { name: 'Acuity', lookup: EHR_ID_ONLY },
  millenium: { name: 'Millenium', lookup: EHR_ID_ONLY },
};

/** EHR codes in Leyr's patient-id guide, alphabetically. */
export const KNOWN_EHR_CODES: readonly string[] = Object.keys(EHRS).sort();

/**
 * Every function here takes the EHR's code, or null while it is not known yet (the renderer
 * before main has said): then every type is taken and main, which knows, has the last word.
 */
export type EhrCode = string | null;

const entryOf = (emr: string): EhrEntry | undefined => (Object.hasOwn(EHRS, emr) ? EHRS[emr] : undefined);

/** The EHR's name as the receptionist knows it (`Anita Systems`); an unknown code as it is. */
export function ehrName(emr: EhrCode): string {
  if (emr === null) return 'The EHR';
  return entryOf(emr)?.name ?? emr;
}

/** The patient id types the EHR looks patients up by; EHR id only for a code not in Leyr's guide. */
export function patientIdTypes(emr: EhrCode): readonly PatientIdType[] {
  if (emr === null) return BOTH;
  return entryOf(emr)?.lookup ?? EHR_ID_ONLY;
}

export function takesPatientIdType(emr: EhrCode, type: PatientIdType): boolean {
  return patientIdTypes(emr).includes(type);
}

/**
 * The personal numbers the "New patient" form takes (Leyr's create keys on it, `external_id`).
 * An EHR that looks patients up by national numbers takes those; one that looks them up by EHR
 * id only (Anita Systems, PasientSky, …) may be Swedish or Norwegian, so either is taken and
 * main, with Leyr, has the last word.
 */
export function personalNumberTypesOnCreate(emr: EhrCode): readonly NationalIdType[] {
  const national = patientIdTypes(emr).filter((type): type is NationalIdType => type !== 'emr_id');
  return national.length > 0 ? national : ['se_personal_number', 'no_personal_number'];
}

/** Anita Systems sends its codes by SMS: a patient cannot be created there without a phone number. */
export function phoneRequiredOnCreate(emr: EhrCode): boolean {
  return emr === 'anitasystems';
}

/** A patient id as Leyr takes it. */
export interface PatientId {
  type: PatientIdType;
  /** Canonical: 12 digits for a Swedish number, 11 for a Norwegian one, the EHR id as typed (trimmed). */
  value: string;
  /** `se_personal_number:191212121212`, `no_personal_number:26258605879`, `emr_id:wd-191212`. */
  leyrId: string;
}

const patientId = (type: PatientIdType, value: string): PatientId => ({ type, value, leyrId: `${type}:${value}` });

/** Why what was typed is not (yet) an id of its kind. */
export type IdProblem =
  /** Not shaped like one (wrong number of digits, other characters). */
  | 'format'
  /** Shaped like one, but the date or the check digit(s) are wrong. */
  | 'check';

/** What the receptionist typed in the patient search, read against the EHR. */
export type PatientQuery =
  | { kind: 'empty' }
  /** A name: searched by words once `searchable` (two characters or more). */
  | { kind: 'name'; words: string; searchable: boolean }
  /** Could still become a valid id of an accepted type with more typing. */
  | { kind: 'partial'; as: 'number' | 'emr_id' }
  | { kind: 'id'; id: PatientId }
  /** Not a valid id; `as` the type it was read as (null: a number of no accepted type's shape). */
  | { kind: 'invalid'; as: PatientIdType | null; problem: IdProblem; message: string }
  /** A valid-looking id of a type this EHR does not take: said before anything is sent. */
  | { kind: 'refused'; type: NationalIdType; ehr: string; accepted: readonly PatientIdType[]; message: string };

/** What was typed in the "New patient" form's personal-number field. */
export type PersonalNumberEntry =
  | { kind: 'empty' }
  | { kind: 'partial' }
  | { kind: 'valid'; type: NationalIdType; value: string }
  | { kind: 'invalid'; as: NationalIdType | null; problem: IdProblem; message: string }
  | { kind: 'refused'; type: NationalIdType; ehr: string; accepted: readonly NationalIdType[]; message: string };

// Shapes, on the text with white space removed.
const SE_COMPLETE = /^\d{8}-?\d{4}$|^\d{6}[-+]?\d{4}$/;
const SE_PARTIAL = /^\d{0,8}(-\d{0,4})?$|^\d{6}[-+]\d{0,4}$|^\d{0,12}$/;
const NO_COMPLETE = /^\d{6}-?\d{5}$/;
const NO_PARTIAL = /^\d{0,11}$|^\d{6}-\d{0,5}$/;
const NUMBER_LIKE = /^[\d\s+-]+$/;

type Reading = { state: 'valid'; value: string } | { state: 'partial'; plausible: boolean } | { state: 'invalid'; problem: IdProblem; message: string };

function readSwedish(compact: string, options: PersonalNumberOptions): Reading {
  if (SE_COMPLETE.test(compact)) {
    const parsed = parseSwedishPersonalNumber(compact, options);
    if (parsed.ok) return { state: 'valid', value: parsed.value };
    // Ten digits starting 19 or 20 may be the first ten of a 12-digit number still being typed.
    if (/^(19|20)\d{8}$/.test(compact)) return { state: 'partial', plausible: true };
    return { state: 'invalid', problem: 'check', message: 'the date or the check digit is wrong' };
  }
  if (SE_PARTIAL.test(compact)) {
    // Eleven digits are a Swedish number still being typed only when they begin like one (19…, 20…).
    const digits = compact.replace(/\D/g, '');
    return { state: 'partial', plausible: digits.length < 11 || /^(19|20)/.test(digits) };
  }
  return { state: 'invalid', problem: 'format', message: 'expected YYYYMMDD-NNNN' };
}

function readNorwegian(compact: string): Reading {
  if (NO_COMPLETE.test(compact)) {
    const parsed = parseNorwegianPersonalNumber(compact);
    return parsed.ok ? { state: 'valid', value: parsed.value } : { state: 'invalid', problem: 'check', message: 'the check digits are wrong' };
  }
  if (NO_PARTIAL.test(compact)) return { state: 'partial', plausible: true };
  return { state: 'invalid', problem: 'format', message: 'expected 11 digits DDMMYYIIICC' };
}

const TYPE_WORDS: Record<NationalIdType, string> = { se_personal_number: 'Swedish personal number', no_personal_number: 'Norwegian personal number' };

function alternatives(accepted: readonly PatientIdType[]): string {
  const words = ['name', ...accepted.filter((type): type is NationalIdType => type !== 'emr_id').map((type) => TYPE_WORDS[type]), 'EHR id'];
  return words.length === 2 ? words.join(' or ') : `${words.slice(0, -1).join(', ')} or ${words.at(-1) ?? ''}`;
}

/** "Anita Systems does not look patients up by personal number: search by name or EHR id". */
export function lookupRefusal(emr: EhrCode, type: NationalIdType): string {
  const accepted = patientIdTypes(emr);
  const anyNumber = !accepted.includes('se_personal_number') && !accepted.includes('no_personal_number');
  return `${ehrName(emr)} does not look patients up by ${anyNumber ? 'personal number' : TYPE_WORDS[type]}: search by ${alternatives(accepted)}`;
}

/** "DIPS takes Norwegian personal numbers only: type the patient's Norwegian personal number". */
export function createRefusal(emr: EhrCode, type: NationalIdType): string {
  const accepted = personalNumberTypesOnCreate(emr).filter((other) => other !== type);
  const other = accepted[0] ?? (type === 'se_personal_number' ? 'no_personal_number' : 'se_personal_number');
  return `${ehrName(emr)} takes ${TYPE_WORDS[other]}s only: type the patient's ${TYPE_WORDS[other]} (a ${TYPE_WORDS[type]} cannot be registered there)`;
}

interface NumberReading {
  kind: 'valid' | 'partial' | 'invalid' | 'refused';
  type?: NationalIdType;
  value?: string;
  as?: NationalIdType | null;
  problem?: IdProblem;
  message?: string;
}

/**
 * Reads a typed number against the national types `accepted`. Both types are always read, so
 * a valid number of a type not accepted is refused rather than called wrong, unless it may
 * still become an accepted one with more typing.
 */
function readNumber(text: string, accepted: readonly NationalIdType[], options: PersonalNumberOptions): NumberReading {
  const compact = text.replace(/\s+/g, '');
  const readings: Record<NationalIdType, Reading> = { se_personal_number: readSwedish(compact, options), no_personal_number: readNorwegian(compact) };
  const types: NationalIdType[] = ['se_personal_number', 'no_personal_number'];
  for (const type of types) {
    const reading = readings[type];
    if (accepted.includes(type) && reading.state === 'valid') return { kind: 'valid', type, value: reading.value };
  }
  const acceptedPartial = types.some((type) => {
    const reading = readings[type];
    return accepted.includes(type) && reading.state === 'partial' && reading.plausible;
  });
  for (const type of types) {
    if (!accepted.includes(type) && readings[type].state === 'valid' && !acceptedPartial) return { kind: 'refused', type };
  }
  if (types.some((type) => accepted.includes(type) && readings[type].state === 'partial')) return { kind: 'partial' };
  // Wrong for every accepted type: the problem of the one whose shape it has, if any.
  for (const type of accepted) {
    const reading = readings[type];
    if (reading.state === 'invalid' && reading.problem === 'check') return { kind: 'invalid', as: type, problem: 'check', message: reading.message };
  }
  const only = accepted.length === 1 ? accepted[0] : undefined;
  if (only !== undefined) {
    const reading = readings[only];
    return { kind: 'invalid', as: only, problem: 'format', message: reading.state === 'invalid' ? reading.message : 'not a personal number' };
  }
  return { kind: 'invalid', as: null, problem: 'format', message: 'not a personal number: expected YYYYMMDD-NNNN (Swedish) or 11 digits DDMMYYIIICC (Norwegian)' };
}

const TYPED_PREFIX = /^(emr|emr_id|se_personal_number|no_personal_number)\s*:\s*(.*)$/is;
const MAX_ID_LENGTH = 200;

function readEhrId(value: string): PatientQuery {
  const id = value.trim();
  if (id === '') return { kind: 'partial', as: 'emr_id' };
  if (hasControlCharacter(id) || id.length > MAX_ID_LENGTH) return { kind: 'invalid', as: 'emr_id', problem: 'format', message: 'not an EHR id' };
  return { kind: 'id', id: patientId('emr_id', id) };
}

function numberQuery(text: string, emr: EhrCode, options: PersonalNumberOptions, only?: NationalIdType): PatientQuery {
  const accepted = patientIdTypes(emr);
  const national = accepted.filter((type): type is NationalIdType => type !== 'emr_id');
  const refused = (type: NationalIdType): PatientQuery => ({ kind: 'refused', type, ehr: ehrName(emr), accepted, message: lookupRefusal(emr, type) });
  if (only !== undefined) {
    // Typed as Leyr writes it: read as that type only.
    const reading = readNumber(text, [only], options);
    if (reading.kind === 'valid' && !national.includes(only)) return refused(only);
    if (reading.kind === 'valid') return { kind: 'id', id: patientId(only, reading.value ?? '') };
    if (reading.kind === 'partial') return { kind: 'partial', as: 'number' };
    return { kind: 'invalid', as: only, problem: reading.problem ?? 'format', message: reading.message ?? 'not a personal number' };
  }
  if (national.length === 0) {
    // Any number at all, as soon as it is typed: this EHR looks nobody up by one.
    const reading = readNumber(text, ['se_personal_number', 'no_personal_number'], options);
    return refused(reading.kind === 'valid' && reading.type !== undefined ? reading.type : 'se_personal_number');
  }
  const reading = readNumber(text, national, options);
  switch (reading.kind) {
    case 'valid':
      return { kind: 'id', id: patientId(reading.type ?? 'se_personal_number', reading.value ?? '') };
    case 'refused':
      return refused(reading.type ?? 'se_personal_number');
    case 'partial':
      return { kind: 'partial', as: 'number' };
    case 'invalid':
      return { kind: 'invalid', as: reading.as ?? null, problem: reading.problem ?? 'format', message: reading.message ?? 'not a personal number' };
  }
}

/** True when the text reads as a number (digits, spaces, `-`, `+`) rather than a name. */
export function looksLikeNumber(text: string): boolean {
  return NUMBER_LIKE.test(text.trim()) && /\d/.test(text);
}

/** Reads what was typed in the patient search against the EHR `emr` (see the rules at the top). */
export function classifyPatientQuery(text: string, emr: EhrCode, options: PersonalNumberOptions = {}): PatientQuery {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const typed = TYPED_PREFIX.exec(trimmed);
  if (typed !== null) {
    const prefix = (typed[1] ?? '').toLowerCase();
    const value = typed[2] ?? '';
    if (prefix === 'emr' || prefix === 'emr_id') return readEhrId(value);
    if (value.trim() === '') return { kind: 'partial', as: 'number' };
    if (!looksLikeNumber(value)) return { kind: 'invalid', as: prefix as NationalIdType, problem: 'format', message: 'not a personal number' };
    return numberQuery(value, emr, options, prefix as NationalIdType);
  }
  if (looksLikeNumber(trimmed)) return numberQuery(trimmed, emr, options);
  const words = trimmed.replace(/\s+/g, ' ');
  return { kind: 'name', words, searchable: words.length >= 2 };
}

/** Reads the "New patient" form's personal number against what the EHR registers. */
export function classifyPersonalNumber(text: string, emr: EhrCode, options: PersonalNumberOptions = {}): PersonalNumberEntry {
  if (text.trim() === '') return { kind: 'empty' };
  const accepted = personalNumberTypesOnCreate(emr);
  if (!looksLikeNumber(text)) {
    const only = accepted.length === 1 ? accepted[0] : undefined;
    return { kind: 'invalid', as: only ?? null, problem: 'format', message: 'not a personal number' };
  }
  const reading = readNumber(text, accepted, options);
  switch (reading.kind) {
    case 'valid':
      return { kind: 'valid', type: reading.type ?? 'se_personal_number', value: reading.value ?? '' };
    case 'refused': {
      const type = reading.type ?? 'se_personal_number';
      return { kind: 'refused', type, ehr: ehrName(emr), accepted, message: createRefusal(emr, type) };
    }
    case 'partial':
      return { kind: 'partial' };
    case 'invalid':
      return { kind: 'invalid', as: reading.as ?? null, problem: reading.problem ?? 'format', message: reading.message ?? 'not a personal number' };
  }
}

/**
 * A Swedish or a Norwegian personal number in any accepted form, canonical (12 or 11 digits),
 * or null. The two never collide: Swedish numbers have 10 or 12 digits, Norwegian ones 11.
 * What `createPatient` takes; main checks the type against the EHR.
 */
export function parseNationalNumber(text: string, options: PersonalNumberOptions = {}): { type: NationalIdType; value: string } | null {
  if (!looksLikeNumber(text)) return null;
  const reading = readNumber(text, ['se_personal_number', 'no_personal_number'], options);
  return reading.kind === 'valid' && reading.type !== undefined && reading.value !== undefined ? { type: reading.type, value: reading.value } : null;
}

/** What `searchPatients` was asked, as main reads its `query` (see calls.ts). */
export type PatientSearchQuery = { kind: 'name'; words: string[] } | { kind: 'id'; id: PatientId } | { kind: 'invalid'; message: string };

/**
 * Reads a `searchPatients` query: a typed Leyr patient id (`se_personal_number:…`,
 * `no_personal_number:…`, `emr_id:…`; `emr:` too), bare digits as a Swedish or Norwegian
 * personal number, else a name's words. Whether the EHR takes the type is a separate check
 * (takesPatientIdType).
 */
export function readPatientSearchQuery(query: string, options: PersonalNumberOptions = {}): PatientSearchQuery {
  const text = query.trim();
  const typed = TYPED_PREFIX.exec(text);
  if (typed !== null) {
    const prefix = (typed[1] ?? '').toLowerCase();
    const value = (typed[2] ?? '').trim();
    if (prefix === 'emr' || prefix === 'emr_id') {
      const read = readEhrId(value);
      return read.kind === 'id' ? read : { kind: 'invalid', message: 'not an EHR id' };
    }
    const type = prefix as NationalIdType;
    const reading = readNumber(value, [type], options);
    return reading.kind === 'valid' && reading.value !== undefined ? { kind: 'id', id: patientId(type, reading.value) } : { kind: 'invalid', message: `not a ${TYPE_WORDS[type]}: ${reading.message ?? 'incomplete'}` };
  }
  if (looksLikeNumber(text)) {
    const national = parseNationalNumber(text, options);
    return national === null ? { kind: 'invalid', message: 'not a Swedish or Norwegian personal number' } : { kind: 'id', id: patientId(national.type, national.value) };
  }
  return { kind: 'name', words: text.split(/\s+/).filter((word) => word !== '') };
}

/**
 * The `searchPatients` query for an id: a Swedish number as its 12 digits (main has read bare
 * digits so since the start), any other type in Leyr's typed form.
 */
export function searchQueryFor(id: PatientId): string {
  return id.type === 'se_personal_number' ? id.value : id.leyrId;
}
