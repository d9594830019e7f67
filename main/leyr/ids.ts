// Leyr's typed identifiers and Swedish personal numbers, shared by the client and the sandbox.
//
// Patient and resource ids may carry a type prefix (`se_personal_number:191212121212`,
// `hsa_id:SE…`); no prefix means `emr_id`. Swedish personal numbers are kept in one canonical
// form, 12 digits YYYYMMDDNNNC, so that lookups and idempotency keys compare equal however a
// receptionist typed them.
import { DateTime } from 'luxon';
import Personnummer from 'personnummer';

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

// ---------------------------------------------------------------------------------------
// Swedish personal numbers (personnummer) and coordination numbers (samordningsnummer).

export interface PersonalNumberOptions {
  /**
   * The day a short (10-digit) number is read on, which decides its century. Defaults to
   * today; tests pin it so that they do not change meaning as years pass.
   */
  today?: DateTime;
}

export type PersonalNumberParse =
  | {
      ok: true;
      /** Canonical form, 12 digits YYYYMMDDNNNC. */
      value: string;
      /** The birth date (day minus 60 for a coordination number), YYYY-MM-DD. */
      birthDate: string;
      /** A samordningsnummer: the day of birth plus 60. */
      coordination: boolean;
    }
  | { ok: false; message: string };

// 12 digits with an optional '-' before the last four, or 10 digits with an optional '-' or
// '+' (the '+' marks someone who is 100 or older, which moves the century back).
const LONG_FORM = /^(\d{4})(\d{2})(\d{2})-?(\d{4})$/;
const SHORT_FORM = /^(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;

/**
 * Validates and normalises a Swedish personal number. Accepts `YYYYMMDDNNNC`,
 * `YYYYMMDD-NNNC`, `YYMMDD-NNNC`, `YYMMDDNNNC` and `YYMMDD+NNNC`; the check digit is Luhn
 * over the last ten digits, and coordination numbers (day + 60) are accepted.
 */
export function parseSwedishPersonalNumber(input: string, options: PersonalNumberOptions = {}): PersonalNumberParse {
  const text = input.trim();
  let year: number;
  let rest: { month: string; day: string; serial: string };
  const long = LONG_FORM.exec(text);
  const short = long === null ? SHORT_FORM.exec(text) : null;
  if (long !== null) {
    const [, y = '', month = '', day = '', serial = ''] = long;
    year = Number(y);
    rest = { month, day, serial };
  } else if (short !== null) {
    const [, yy = '', month = '', day = '', separator = '', serial = ''] = short;
    const birthDay = Number(day) > 60 ? Number(day) - 60 : Number(day);
    const resolved = resolveCentury(Number(yy), Number(month), birthDay, separator === '+', options.today ?? DateTime.now());
    if (resolved === null) return { ok: false, message: 'the date of birth is not a real date' };
    year = resolved;
    rest = { month, day, serial };
  } else {
    return { ok: false, message: 'expected YYYYMMDD-NNNC, YYYYMMDDNNNC, YYMMDD-NNNC or YYMMDD+NNNC' };
  }
  const value = `${String(year).padStart(4, '0')}${rest.month}${rest.day}${rest.serial}`;
  // The library checks the Luhn digit, the calendar date and the coordination-number day on
  // the unambiguous 12-digit form, so its own reading of the century never comes into play.
  if (!Personnummer.valid(value, { allowCoordinationNumber: true, allowInterimNumber: false })) {
    return { ok: false, message: 'the date or the check digit is wrong' };
  }
  const coordination = Number(rest.day) > 60;
  const birthDay = coordination ? Number(rest.day) - 60 : Number(rest.day);
  const birthDate = `${value.slice(0, 4)}-${rest.month}-${String(birthDay).padStart(2, '0')}`;
  return { ok: true, value, birthDate, coordination };
}

// The most recent year ending in `yy` whose birthday is not in the future; with '+', a
// century earlier (the holder has turned 100).
function resolveCentury(yy: number, month: number, day: number, hundredOrOlder: boolean, today: DateTime): number | null {
  const todayDate = today.startOf('day');
  let year = todayDate.year - ((((todayDate.year - yy) % 100) + 100) % 100);
  const birth = (y: number): DateTime => DateTime.fromObject({ year: y, month, day }, { zone: todayDate.zone });
  if (!birth(year).isValid && !birth(year - 100).isValid) return null;
  if (!birth(year).isValid || birth(year) > todayDate) year -= 100;
  if (hundredOrOlder) year -= 100;
  return year;
}

/** True when `input` is a valid Swedish personal or coordination number in an accepted form. */
export function isValidSwedishPersonalNumber(input: string, options: PersonalNumberOptions = {}): boolean {
  return parseSwedishPersonalNumber(input, options).ok;
}

/** The canonical 12 digits, or null when `input` is not a valid personal number. */
export function normaliseSwedishPersonalNumber(input: string, options: PersonalNumberOptions = {}): string | null {
  const parsed = parseSwedishPersonalNumber(input, options);
  return parsed.ok ? parsed.value : null;
}

/**
 * A personal number fit for the screen: the date of birth and the last four digits hidden,
 * `191212121212` → `19121212-****`. Input that is not a personal number keeps its shape but
 * loses every digit, so nothing identifying leaks whatever is passed in.
 */
export function maskPersonalNumber(input: string): string {
  const text = input.trim();
  const long = LONG_FORM.exec(text);
  if (long !== null) return `${long[1]}${long[2]}${long[3]}-****`;
  const short = SHORT_FORM.exec(text);
  if (short !== null) return `${short[1]}${short[2]}${short[3]}${short[4] === '+' ? '+' : '-'}****`;
  return text.replace(/\d/g, '*');
}
