// What counts as a control character, and the calendar checks the argument schemas share.
// One rule each, used by every schema that refuses them (ids, account names, secrets,
// settings). Pure: no date library, so any process may bundle it.

// Unicode's control characters (C0, DEL, C1) and line/paragraph separators: invisible in a
// form, and NUL is a truncation hazard for native keychain APIs that take C strings.
const CONTROL_CHARACTER = /[\p{Cc}\p{Zl}\p{Zp}]/u;

export const hasControlCharacter = (value: string): boolean => CONTROL_CHARACTER.test(value);

/** True when year-month-day names a day that exists in the proleptic Gregorian calendar. */
export const isRealDate = (year: number, month: number, day: number): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
