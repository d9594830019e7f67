// Personal numbers as the receptionist types and sees them: a Swedish one validated while
// typed (any of the usual forms) and normalised to 12 digits for main, and Swedish or
// Norwegian ones masked on screen unless revealed on purpose. The rules themselves are the
// shared ones main applies too (the EHR's own: patients/id-hints.ts).
import { DateTime } from 'luxon';
import { maskPersonalNumber as maskSwedish, parseSwedishPersonalNumber } from '../../preload/contract/personal-number.ts';

// A Norwegian number: DDMMYY and the five digits after it (with a space or dash between, or not).
const NORWEGIAN = /^(\d{6})[ -]?(\d{5})$/;

/**
 * A personal number fit for the screen: `191212121212` → `19121212-****`, a Norwegian
 * `26258605879` → `262586 *****`; anything else keeps its shape but loses every digit.
 */
export function maskPersonalNumber(value: string): string {
  const norwegian = NORWEGIAN.exec(value.trim());
  return norwegian === null ? maskSwedish(value) : `${norwegian[1] ?? ''} *****`;
}

export type PersonalNumberCheck =
  | { state: 'empty' }
  /** Could still become valid with more digits. */
  | { state: 'partial' }
  | { state: 'valid'; canonical: string }
  | { state: 'invalid'; problem: 'format' | 'date_or_check_digit' };

const COMPLETE = /^\d{8}-?\d{4}$|^\d{6}[-+]?\d{4}$/;
const PARTIAL = /^\d{0,8}(-\d{0,4})?$|^\d{6}[-+]\d{0,4}$|^\d{0,12}$/;

export function checkPersonalNumber(input: string, today: Date = new Date()): PersonalNumberCheck {
  const text = input.replace(/\s+/g, '');
  if (text === '') return { state: 'empty' };
  if (!COMPLETE.test(text)) return PARTIAL.test(text) ? { state: 'partial' } : { state: 'invalid', problem: 'format' };
  const parsed = parseSwedishPersonalNumber(text, { today: DateTime.fromJSDate(today) });
  if (parsed.ok) return { state: 'valid', canonical: parsed.value };
  // Ten digits starting 19 or 20 may be the first ten of a 12-digit number still being typed.
  if (/^(19|20)\d{8}$/.test(text)) return { state: 'partial' };
  return { state: 'invalid', problem: 'date_or_check_digit' };
}

/** True when the text looks like someone typing a number rather than a name. */
export function looksLikePersonalNumber(input: string): boolean {
  return /^[\d\s+-]+$/.test(input.trim()) && /\d/.test(input);
}

/** `19121212-1212` (a Norwegian one `262586 05879`), for when a receptionist reveals it on purpose. */
export function formatPersonalNumber(canonical: string): string {
  const digits = canonical.replace(/\D/g, '');
  if (digits.length === 12) return `${digits.slice(0, 8)}-${digits.slice(8)}`;
  if (digits.length === 11 && NORWEGIAN.test(canonical.trim())) return `${digits.slice(0, 6)} ${digits.slice(6)}`;
  return canonical;
}
