// Norwegian national identity numbers: fødselsnummer, D-numbers and H-numbers. Pure and
// environment-neutral, like personal-number.ts beside it, so main (the sandbox, typed ids)
// and the renderer (checking as it is typed) share one reading.
//
// Eleven digits DDMMYYIIICC: the date of birth, a three-digit individual number and two
// check digits, each a mod-11 digit over the digits before it. A D-number adds 4 to the
// first digit of the day, an H-number 4 to the first digit of the month.
//
// The rule checks the digits, not the calendar: the number Leyr's own guide uses,
// 26258605879, has valid check digits and a "month" of 25, as test and synthetic numbers
// do (their registers add 20, 40 or 80 to the month). So a number whose check digits are
// right is accepted, and its birth date is given only when it reads as a real date.

export type NorwegianIdKind = 'fodselsnummer' | 'd-number' | 'h-number';

export type NorwegianIdParse =
  | {
      ok: true;
      /** Canonical form: the 11 digits, no spaces. */
      value: string;
      kind: NorwegianIdKind;
      /** YYYY-MM-DD when the digits read as a real date of birth; null for test and synthetic numbers. */
      birthDate: string | null;
    }
  | { ok: false; message: string };

const FIRST_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const SECOND_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

// 11 digits, optionally written DDMMYY IIICC with one space or dash after the date.
const FORM = /^(\d{6})[ -]?(\d{5})$/;

function mod11(digits: readonly number[], weights: readonly number[]): number | null {
  let sum = 0;
  for (let index = 0; index < weights.length; index += 1) sum += (digits[index] ?? 0) * (weights[index] ?? 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

/**
 * The two check digits for the first nine digits (DDMMYYIII), or null when no valid number
 * begins with them (a check digit would be 10). For tests and synthetic data.
 */
export function norwegianCheckDigits(nine: string): string | null {
  if (!/^\d{9}$/.test(nine)) return null;
  const digits = [...nine].map(Number);
  const first = mod11(digits, FIRST_WEIGHTS);
  if (first === null) return null;
  const second = mod11([...digits, first], SECOND_WEIGHTS);
  if (second === null) return null;
  return `${first}${second}`;
}

// The century follows from the individual number and the two-digit year (Skatteetaten's table).
function centuryOf(individual: number, yy: number): number | null {
  if (individual <= 499) return 1900;
  if (individual <= 749 && yy >= 54) return 1800;
  if (individual >= 900 && yy >= 40) return 1900;
  if (yy <= 39) return 2000;
  return null;
}

function realDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Validates a Norwegian fødselsnummer, D-number or H-number by its two mod-11 check digits. */
export function parseNorwegianPersonalNumber(input: string): NorwegianIdParse {
  const match = FORM.exec(input.trim());
  if (match === null) return { ok: false, message: 'expected 11 digits DDMMYYIIICC' };
  const value = `${match[1] ?? ''}${match[2] ?? ''}`;
  const digits = [...value].map(Number);
  const expected = norwegianCheckDigits(value.slice(0, 9));
  if (expected === null || expected !== value.slice(9)) return { ok: false, message: 'the check digits are wrong' };
  const dayField = Number(value.slice(0, 2));
  const monthField = Number(value.slice(2, 4));
  const kind: NorwegianIdKind = (digits[0] ?? 0) >= 4 ? 'd-number' : (digits[2] ?? 0) >= 4 && monthField - 40 >= 1 && monthField - 40 <= 12 ? 'h-number' : 'fodselsnummer';
  const day = kind === 'd-number' ? dayField - 40 : dayField;
  const month = kind === 'h-number' ? monthField - 40 : monthField;
  const yy = Number(value.slice(4, 6));
  const century = centuryOf(Number(value.slice(6, 9)), yy);
  const birthDate = century === null ? null : realDate(century + yy, month, day);
  return { ok: true, value, kind, birthDate };
}

/** True when `input` is a Norwegian fødselsnummer, D-number or H-number with valid check digits. */
export function isValidNorwegianPersonalNumber(input: string): boolean {
  return parseNorwegianPersonalNumber(input).ok;
}
