// Swedish personal numbers as the receptionist types and sees them: validated while typed
// (any of the usual forms), normalised to 12 digits for main, and masked on screen unless
// revealed on purpose. The renderer cannot import main's module, so this is its own small
// reading of the same rules; the `personnummer` library checks date and Luhn digit.
import Personnummer from 'personnummer';

export type PersonalNumberCheck =
  | { state: 'empty' }
  /** Could still become valid with more digits. */
  | { state: 'partial' }
  | { state: 'valid'; canonical: string }
  | { state: 'invalid'; problem: 'format' | 'date_or_check_digit' };

const LONG_FORM = /^(\d{8})-?(\d{4})$/;
const SHORT_FORM = /^(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;
const PARTIAL = /^\d{0,8}(-\d{0,4})?$|^\d{6}[-+]\d{0,4}$|^\d{0,12}$/;

/** The century of a 10-digit number: the latest year not after today, minus 100 for '+'. */
function fullYear(yy: number, plus: boolean, today: Date): number {
  const current = today.getFullYear();
  let year = current - ((current - yy) % 100 + 100) % 100;
  if (plus) year -= 100;
  return year;
}

export function checkPersonalNumber(input: string, today: Date = new Date()): PersonalNumberCheck {
  const text = input.replace(/\s+/g, '');
  if (text === '') return { state: 'empty' };
  let canonical: string | null = null;
  const long = LONG_FORM.exec(text);
  const short = long === null ? SHORT_FORM.exec(text) : null;
  if (long !== null) {
    canonical = `${long[1]}${long[2]}`;
  } else if (short !== null) {
    const [, yy = '', mm = '', dd = '', separator = '', serial = ''] = short;
    canonical = `${fullYear(Number(yy), separator === '+', today)}${mm}${dd}${serial}`;
  }
  if (canonical === null) return PARTIAL.test(text) ? { state: 'partial' } : { state: 'invalid', problem: 'format' };
  if (!Personnummer.valid(canonical, { allowCoordinationNumber: true, allowInterimNumber: false })) {
    // A 10-digit prefix of a 12-digit number is still being typed.
    if (/^\d{10}$/.test(text) && /^(19|20)/.test(text)) return { state: 'partial' };
    return { state: 'invalid', problem: 'date_or_check_digit' };
  }
  return { state: 'valid', canonical };
}

/** True when the text looks like someone typing a number rather than a name. */
export function looksLikePersonalNumber(input: string): boolean {
  return /^[\d\s+-]+$/.test(input.trim()) && /\d/.test(input);
}

/** `19121212-****`: the date of birth stays readable, the last four digits never show. */
export function maskPersonalNumber(canonical: string): string {
  const digits = canonical.replace(/\D/g, '');
  if (digits.length === 12) return `${digits.slice(0, 8)}-****`;
  if (digits.length === 10) return `${digits.slice(0, 6)}-****`;
  return '****';
}

/** `19121212-1212`, for when a receptionist reveals it on purpose. */
export function formatPersonalNumber(canonical: string): string {
  const digits = canonical.replace(/\D/g, '');
  return digits.length === 12 ? `${digits.slice(0, 8)}-${digits.slice(8)}` : canonical;
}
