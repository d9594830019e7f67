// Dates and times as the receptionist reads them: in the care unit's zone, in the chosen
// locale, always on a 24-hour clock. Formatters are cached: the grid formats thousands of
// times per snapshot and building an Intl formatter costs far more than using one.
import { DateTime } from 'luxon';

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function timeFormatter(locale: string, zone: string): Intl.DateTimeFormat {
  const key = `${locale}|${zone}`;
  let formatter = timeFormatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
    timeFormatters.set(key, formatter);
  }
  return formatter;
}

/** `08:30` (24-hour) in the zone. */
export function formatTime(ms: number, zone: string, locale: string): string {
  return timeFormatter(locale, zone).format(ms);
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** `14:05:30` (24-hour, with seconds) in the zone: for a moment to the second, such as how long Leyr asked to wait. */
export function formatClock(ms: number, zone: string, locale: string): string {
  const key = `${locale}|${zone}`;
  let formatter = clockFormatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: zone });
    clockFormatters.set(key, formatter);
  }
  return formatter.format(ms);
}

/** `08:30–09:00`. */
export function formatTimeRange(startMs: number, endMs: number, zone: string, locale: string): string {
  return `${formatTime(startMs, zone, locale)}–${formatTime(endMs, zone, locale)}`;
}

/** `Monday 23 March 2026` / `måndag 23 mars 2026`. */
export function formatDateLong(date: string, zone: string, locale: string): string {
  return DateTime.fromISO(date, { zone }).setLocale(locale).toLocaleString(DateTime.DATE_HUGE);
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A day's short label, "Tue 24/3" / "tis 24/3" (the week's column heads). Intl's formatter is
 * made once per language: luxon's `toFormat('ccc')` builds the weekday names anew for each
 * call's locale, some milliseconds a column head when the week opens (bench:week).
 */
export function formatDayLabel(date: string, locale: string): string {
  let weekday = weekdayFormats.get(locale);
  if (weekday === undefined) weekdayFormats.set(locale, (weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' })));
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return date;
  return `${weekday.format(Date.UTC(year, month - 1, day))} ${day}/${month}`;
}

/**
 * `5 minutes ago` / `för 5 minuter sedan`; `recent` under a minute (clocks of main and the
 * window may differ by a little, so "in 2 seconds" never shows); null when unreadable.
 */
export function formatAge(iso: string, nowMs: number, locale: string): string | 'recent' | null {
  const then = DateTime.fromISO(iso, { setZone: true });
  if (!then.isValid) return null;
  if (nowMs - then.toMillis() < 60_000) return 'recent';
  return then.toRelative({ base: DateTime.fromMillis(nowMs), locale, unit: ['days', 'hours', 'minutes'] }) ?? null;
}

/** ISO 8601 with the zone's offset, as main and Leyr want instants. */
export function toZoneIso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

/** Today's date (YYYY-MM-DD) in the zone: calendar math in the care unit's zone, not the desk's. */
export function todayIn(zone: string, nowMs: number = Date.now()): string {
  return DateTime.fromMillis(nowMs, { zone }).toISODate() ?? '';
}

/** The calendar day `days` after a date (negative for before). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}

/** The `HH:mm` wall-clock value of an instant in the zone, for a time input. */
export function wallClock(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
}

/**
 * The instant of a wall-clock time on a date in the zone. On the repeated hour luxon picks
 * the first (summer-time) occurrence; a skipped wall-clock time does not exist and is null.
 */
export function instantOfWallClock(date: string, hhmm: string, zone: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (match === null) return null;
  const local = DateTime.fromISO(`${date}T${hhmm}`, { zone });
  if (!local.isValid) return null;
  if (local.hour !== Number(match[1]) || local.minute !== Number(match[2])) return null;
  return local.toMillis();
}
