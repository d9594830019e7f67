// Leyr's typed identifiers and Swedish personal numbers, shared by the client and the sandbox.
//
// Patient and resource ids may carry a type prefix (`se_personal_number:191212121212`,
// `hsa_id:SE…`); no prefix means `emr_id`. Swedish personal numbers are kept in one canonical
// form, 12 digits YYYYMMDDNNNC, so that lookups and idempotency keys compare equal however a
// receptionist typed them.
import { z } from 'zod';
import { parseSwedishPersonalNumber, type PersonalNumberOptions } from '../../preload/contract/personal-number.ts';

// The personal-number rules live beside the contract, shared with the renderer.
export {
  isValidSwedishPersonalNumber,
  maskPersonalNumber,
  normaliseSwedishPersonalNumber,
  parseSwedishPersonalNumber,
  type PersonalNumberOptions,
  type PersonalNumberParse,
} from '../../preload/contract/personal-number.ts';

export const PATIENT_ID_TYPES = ['emr_id', 'se_personal_number', 'no_personal_number', 'nhs_number'] as const;
export type PatientIdType = (typeof PATIENT_ID_TYPES)[number];

export const RESOURCE_ID_TYPES = ['emr_id', 'se_personal_number', 'no_personal_number', 'hsa_id'] as const;
export type ResourceIdType = (typeof RESOURCE_ID_TYPES)[number];

export interface TypedId<T extends string> {
  type: T;
  value: string;
}

export type IdParseFailure =
  /** Empty, or only a prefix with nothing after it. */
  | 'empty'
  /** A prefix that is not one of the id types Leyr knows for this kind of id. */
  | 'unknown_type'
  /** A known type whose value is not well-formed (e.g. a personal number that fails its check). */
  | 'invalid_value';

export type IdParse<T extends string> =
  | { ok: true; id: TypedId<T> }
  | { ok: false; reason: IdParseFailure; message: string };

// A type prefix looks like an identifier followed by a colon. Anything else (an EHR id with
// other characters before a colon, say `A-17:3`) is read as a plain emr_id.
const TYPE_PREFIX = /^([a-z][a-z0-9_]*):(.*)$/s;

function parseTypedId<T extends string>(raw: string, types: readonly T[], kind: string): IdParse<T> {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty', message: `The ${kind} id is empty.` };
  const match = TYPE_PREFIX.exec(text);
  if (match === null) return { ok: true, id: { type: 'emr_id' as T, value: text } };
  const [, prefix = '', value = ''] = match;
  if (!(types as readonly string[]).includes(prefix)) {
    return {
      ok: false,
      reason: 'unknown_type',
      message: `"${prefix}" is not a ${kind} id type; use one of ${types.join(', ')}.`,
    };
  }
  const type = prefix as T;
  if (value.trim() === '') return { ok: false, reason: 'empty', message: `The ${kind} id has the type ${prefix} but no value.` };
  if (type === 'se_personal_number') {
    const personalNumber = parseSwedishPersonalNumber(value);
    if (!personalNumber.ok) return { ok: false, reason: 'invalid_value', message: `The ${kind} id is not a valid Swedish personal number: ${personalNumber.message}` };
    return { ok: true, id: { type, value: personalNumber.value } };
  }
  return { ok: true, id: { type, value: value.trim() } };
}

/** Reads a patient id: `emr_id:…`, `se_personal_number:…`, `no_personal_number:…`, `nhs_number:…` or a bare emr id. */
export function parsePatientId(raw: string): IdParse<PatientIdType> {
  return parseTypedId(raw, PATIENT_ID_TYPES, 'patient');
}

/** Reads a resource id: `emr_id:…`, `se_personal_number:…`, `no_personal_number:…`, `hsa_id:…` or a bare emr id. */
export function parseResourceId(raw: string): IdParse<ResourceIdType> {
  return parseTypedId(raw, RESOURCE_ID_TYPES, 'resource');
}

/** The wire form of a typed id; a Swedish personal number is written in its canonical 12 digits. */
export function formatTypedId(id: TypedId<PatientIdType | ResourceIdType>): string {
  if (id.type === 'se_personal_number') {
    const personalNumber = parseSwedishPersonalNumber(id.value);
    if (personalNumber.ok) return `se_personal_number:${personalNumber.value}`;
  }
  return `${id.type}:${id.value}`;
}

/** `se_personal_number:YYYYMMDDNNNC` for a personal number in any accepted form; throws on an invalid one. */
export function patientIdFromPersonalNumber(input: string, options: PersonalNumberOptions = {}): string {
  const personalNumber = parseSwedishPersonalNumber(input, options);
  if (!personalNumber.ok) throw new RangeError(`Not a valid Swedish personal number: ${personalNumber.message}`);
  return `se_personal_number:${personalNumber.value}`;
}

/** A Swedish personal number in any accepted form, read to its 12 canonical digits. */
export const personalNumberSchema = z.string().transform((value, ctx) => {
  const parsed = parseSwedishPersonalNumber(value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: `is not a valid Swedish personal number (${parsed.message})` });
  return z.NEVER;
});
