// Swedish personal numbers (personnummer) and coordination numbers (samordningsnummer):
// validation, normalisation and masking. Pure and environment-neutral, so main (typed ids,
// argument schemas) and the renderer (checking as it is typed, masking) share one reading.
import { DateTime } from 'luxon';
import Personnummer from 'personnummer';

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
