// A calendar date as the receptionist types and reads it: in the locale's numeric order and
// separators (23/03/2026 in British English, 03/23/2026 in American English, 2026-03-23 in
// Swedish), whatever language the browser or the OS itself was set to. ISO 8601
// (2026-03-23) is always understood too. Pure, for the tests.
import { DateTime } from 'luxon';

type DatePart = 'year' | 'month' | 'day';

interface DatePattern {
  /** The parts in the order the locale writes them. */
  order: DatePart[];
  /** What goes between them, e.g. `/`, `-` or `.`. */
  separator: string;
}

const patterns = new Map<string, DatePattern>();

/** The locale's numeric date layout, read off Intl (cached per locale). */
export function datePattern(locale: string): DatePattern {
  let pattern = patterns.get(locale);
  if (pattern !== undefined) return pattern;
  const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).formatToParts(Date.UTC(2026, 0, 23));
  const order = parts.map((part) => part.type).filter((type): type is DatePart => type === 'year' || type === 'month' || type === 'day');
  const literal = parts.find((part) => part.type === 'literal')?.value.trim() ?? '-';
  pattern = order.length === 3 ? { order, separator: literal === '' ? '-' : literal } : { order: ['year', 'month', 'day'], separator: '-' };
  patterns.set(locale, pattern);
  return pattern;
}

/** `2026-03-23` as the locale writes it with digits: `23/03/2026`, `03/23/2026`, `2026-03-23`. */
export function formatDateInput(date: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return date;
  const values: Record<DatePart, string> = { year: match[1]!, month: match[2]!, day: match[3]! };
  const { order, separator } = datePattern(locale);
  return order.map((part) => values[part]).join(separator);
}

/** The layout for a placeholder, with the letters the language uses: `DD/MM/YYYY`, `ÅÅÅÅ-MM-DD`. */
export function datePlaceholder(locale: string, letters: Record<DatePart, string>): string {
  const { order, separator } = datePattern(locale);
  return order.map((part) => letters[part]).join(separator);
}

/**
 * The date typed, as YYYY-MM-DD, or null while it is not a whole, real date: ISO 8601, or the
 * locale's order with any separators. The year must have four digits. `complete` also wants
 * the last part at its full length (`2026-03-2` may be the start of `2026-03-27`), for taking
 * a date while it is typed rather than when Enter is pressed.
 */
export function parseDateInput(text: string, locale: string, complete = false): string | null {
  const trimmed = text.trim();
  let values: Record<DatePart, string> | null = null;
  let last: DatePart;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso !== null) {
    values = { year: iso[1]!, month: iso[2]!, day: iso[3]! };
    last = 'day';
  } else {
    const groups = trimmed.split(/[^\d]+/).filter((group) => group !== '');
    if (groups.length !== 3 || !/^\d[\d\s./-]*\d$/.test(trimmed)) return null;
    const { order } = datePattern(locale);
    values = { year: '', month: '', day: '' };
    order.forEach((part, index) => {
      values![part] = groups[index]!;
    });
    last = order[2]!;
  }
  if (complete && values[last].length < (last === 'year' ? 4 : 2)) return null;
  if (!/^\d{4}$/.test(values.year) || !/^\d{1,2}$/.test(values.month) || !/^\d{1,2}$/.test(values.day)) return null;
  const date = DateTime.fromObject({ year: Number(values.year), month: Number(values.month), day: Number(values.day) }, { zone: 'UTC' });
  return date.isValid ? date.toISODate() : null;
}
