// Swedish personal numbers as the receptionist types and sees them: validated while typed
// (any of the usual forms), normalised to 12 digits for main, and masked on screen unless
// revealed on purpose. The rules themselves are the shared ones main applies too.
import { DateTime } from 'luxon';
import { maskPersonalNumber, parseSwedishPersonalNumber } from '../../preload/contract/personal-number.ts';

export { maskPersonalNumber };

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

/** `19121212-1212`, for when a receptionist reveals it on purpose. */
export function formatPersonalNumber(canonical: string): string {
  const digits = canonical.replace(/\D/g, '');
  return digits.length === 12 ? `${digits.slice(0, 8)}-${digits.slice(8)}` : canonical;
}
