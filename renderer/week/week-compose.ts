// The week as one grid: a column per day × resource (day by day, the chosen resources in
// the desk's order within each day), every day's times laid on one shown day at the same
// wall-clock time, so that the day's grid (blocks, free bands, marks, slot checks, drag,
// keyboard, lasso) works on it unchanged. The lens maps back to real days for main.
//
// The shown day is a date after today: the day grid judges "past" on one clock for every
// column, which cannot be right for several days at once. So nothing shows as past on the
// shared axis, and each column's past is cut here instead: free time that has passed on its
// own day is not offered (so no drop, click or keyboard walk lands in the past), as on the day.
import { IANAZone } from 'luxon';
import type { AppointmentView, DaySnapshot, FreeSlot, ResourceView } from '../../preload/contract/index.ts';
import { addDays } from '../i18n/format.ts';
import type { ShownPlace, ViewLens } from '../day/model/view-lens.ts';

const SEPARATOR = '@';

export const columnId = (resourceId: string, date: string): string => `${resourceId}${SEPARATOR}${date}`;

export function splitColumn(id: string): { resourceId: string; date: string } | null {
  const at = id.lastIndexOf(SEPARATOR);
  if (at < 0) return null;
  return { resourceId: id.slice(0, at), date: id.slice(at + 1) };
}

/** A date on the same weekday as `from`, after `today`: nothing on it has passed. */
export function shownDate(from: string, today: string): string {
  let date = from;
  while (date <= today) date = addDays(date, 7);
  return date;
}

// The week moves every appointment and free slot of its days onto the shown day, each time it
// is composed: for ten busy resources, some two thousand times. With luxon's parse, set and
// format that was a third of opening the week in the bench (bench:week; and its garbage), so
// the move is plain arithmetic on the wall clock here; only the zone's offset comes from
// luxon, asked once per zone and quarter of an hour (clocks change on the hour or half hour).
const MINUTE = 60_000;
const DAY = 86_400_000;
const QUARTER = 15 * MINUTE;
const OFFSETS_MAX = 10_000;
const offsetsByZone = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at `ms`, in minutes. */
function offsetAt(zone: string, ms: number): number {
  let offsets = offsetsByZone.get(zone);
  if (offsets === undefined) offsetsByZone.set(zone, (offsets = new Map()));
  const quarter = Math.floor(ms / QUARTER);
  let offset = offsets.get(quarter);
  if (offset === undefined) {
    if (offsets.size >= OFFSETS_MAX) offsets.clear();
    offset = IANAZone.create(zone).offset(ms);
    offsets.set(quarter, offset);
  }
  return offset;
}

/**
 * The instant of a wall-clock time (`wall`: its fields read as UTC) in the zone, as luxon
 * settles it: `guess` is the offset to try first; a time the clocks skip lands after the gap.
 */
function instantOf(wall: number, guess: number, zone: string): { ms: number; offset: number } {
  const first = wall - guess * MINUTE;
  const atFirst = offsetAt(zone, first);
  if (atFirst === guess) return { ms: first, offset: guess };
  const second = first - (atFirst - guess) * MINUTE;
  const atSecond = offsetAt(zone, second);
  if (atFirst === atSecond) return { ms: second, offset: atFirst };
  return { ms: wall - Math.min(atFirst, atSecond) * MINUTE, offset: Math.max(atFirst, atSecond) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO 8601 with the zone's offset, as luxon's `toISO` writes it ("2026-03-24T10:30:00.000+01:00"). */
function isoWithOffset(ms: number, offset: number): string {
  const wall = new Date(ms + offset * MINUTE).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The same wall-clock time as `ms` on `date`, in the zone (a week across a DST change stays on the hour). */
function onDateMs(ms: number, date: string, zone: string): { ms: number; offset: number } {
  const offset = offsetAt(zone, ms);
  const timeOfDay = (((ms + offset * MINUTE) % DAY) + DAY) % DAY;
  return instantOf(Date.parse(`${date}T00:00:00Z`) + timeOfDay, offset, zone);
}

function onDate(iso: string, date: string, zone: string): string {
  const moved = onDateMs(Date.parse(iso), date, zone);
  return isoWithOffset(moved.ms, moved.offset);
}

function dateOfIso(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  return new Date(ms + offsetAt(zone, ms) * MINUTE).toISOString().slice(0, 10);
}

export interface WeekInput {
  /** Each day's snapshot (absent: not come yet), in order. */
  dates: readonly string[];
  days: ReadonlyMap<string, DaySnapshot>;
  /** The resources shown, in the order chosen (empty: the first of the desk's). */
  resourceIds: readonly string[];
  today: string;
  nowMs: number;
  allowPast: boolean;
  /** Day labels for the column heads ("Tue 24/3"). */
  dayLabel(date: string): string;
}

export interface ComposedWeek {
  snapshot: DaySnapshot;
  /** Maps between the shown grid and main's days. */
  mapping: WeekMapping;
}

export interface WeekMapping extends Omit<ViewLens, 'receive'> {
  shown: string;
}

export function weekMapping(shown: string, zone: string, resourceIds: readonly string[], dates: readonly string[]): WeekMapping {
  const wanted = new Set(resourceIds);
  const inWeek = new Set(dates);
  return {
    shown,
    toShown(view: AppointmentView): AppointmentView | null {
      const date = dateOfIso(view.start, zone);
      if (!inWeek.has(date) || !wanted.has(view.resourceId ?? '')) return null;
      return { ...view, resourceId: columnId(view.resourceId ?? '', date), start: onDate(view.start, shown, zone), end: onDate(view.end, shown, zone) };
    },
    toReal(view: AppointmentView): AppointmentView {
      const column = splitColumn(view.resourceId ?? '');
      if (column === null) return view;
      return { ...view, resourceId: column.resourceId, start: onDate(view.start, column.date, zone), end: onDate(view.end, column.date, zone) };
    },
    toRealPlace(place: ShownPlace): ShownPlace {
      const column = splitColumn(place.resourceId);
      if (column === null) return place;
      const at = (ms: number): number => onDateMs(ms, column.date, zone).ms;
      return { resourceId: column.resourceId, startMs: at(place.startMs), endMs: at(place.endMs) };
    },
    sameDay(a: string, b: string): boolean {
      return splitColumn(a)?.date === splitColumn(b)?.date;
    },
    sideways(column: string, step: -1 | 1): string | null {
      const place = splitColumn(column);
      const date = place === null ? undefined : dates[dates.indexOf(place.date) + step];
      return place === null || date === undefined ? null : columnId(place.resourceId, date);
    },
  };
}

/** The first day's snapshot that has come, for the care unit and the resource list. */
function anyDay(input: WeekInput): DaySnapshot | null {
  for (const date of input.dates) {
    const day = input.days.get(date);
    if (day !== undefined) return day;
  }
  return null;
}

export function chosenResources(all: readonly ResourceView[], resourceIds: readonly string[]): ResourceView[] {
  const chosen = all.filter((r) => resourceIds.includes(r.id));
  return chosen.length > 0 ? chosen : all.slice(0, 1);
}

export function composeWeek(input: WeekInput): ComposedWeek | null {
  const first = anyDay(input);
  if (first === null) return null;
  const zone = first.careUnit.timeZone;
  const shown = shownDate(input.dates[0] ?? first.date, input.today);
  const resources = chosenResources(first.resources, input.resourceIds);
  const mapping = weekMapping(
    shown,
    zone,
    resources.map((r) => r.id),
    input.dates,
  );
  const chosenIds = new Set(resources.map((r) => r.id));
  const columns: ResourceView[] = [];
  const appointments: AppointmentView[] = [];
  const freeSlots: FreeSlot[] = [];
  const services = new Map(first.services.map((s) => [s.id, s]));
  let fetchedAt: string | null = null;
  let stale = false;
  let pendingCount = 0;
  let unreadable = 0;
  let lastFetchFailed = false;
  const changedElsewhere: DaySnapshot['changedElsewhere'] = [];
  for (const date of input.dates) {
    const day = input.days.get(date);
    for (const resource of resources) columns.push({ id: columnId(resource.id, date), name: `${input.dayLabel(date)} · ${resource.name ?? resource.id}` });
    if (day === undefined) continue;
    for (const service of day.services) services.set(service.id, service);
    for (const view of day.appointments) {
      const moved = mapping.toShown(view);
      if (moved !== null) appointments.push(moved);
    }
    for (const slot of day.freeSlots) {
      if (!chosenIds.has(slot.resourceId)) continue;
      // This column's past: not offered (see the head of this file).
      if (!input.allowPast && Date.parse(slot.start) < input.nowMs) continue;
      freeSlots.push({ ...slot, resourceId: columnId(slot.resourceId, date), start: onDate(slot.start, shown, zone), end: onDate(slot.end, shown, zone) });
    }
    if (day.fetchedAt !== null && (fetchedAt === null || day.fetchedAt < fetchedAt)) fetchedAt = day.fetchedAt;
    stale ||= day.stale;
    pendingCount = Math.max(pendingCount, day.pendingCount);
    unreadable += day.unreadable;
    lastFetchFailed ||= day.lastFetchFailed === true;
    changedElsewhere.push(...day.changedElsewhere);
  }
  const snapshot: DaySnapshot = {
    ...first,
    date: shown,
    resources: columns,
    services: [...services.values()],
    appointments,
    freeSlots,
    fetchedAt,
    stale,
    pendingCount,
    unreadable,
    lastFetchFailed,
    changedElsewhere,
  };
  return { snapshot, mapping };
}
