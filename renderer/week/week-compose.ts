// The week as one grid: a column per day × resource (day by day, the chosen resources in
// the desk's order within each day), every day's times laid on one shown day at the same
// wall-clock time, so that the day's grid (blocks, free bands, marks, slot checks, drag,
// keyboard, lasso) works on it unchanged. The lens maps back to real days for main.
//
// The shown day is a date after today: the day grid judges "past" on one clock for every
// column, which cannot be right for several days at once. So nothing shows as past on the
// shared axis, and each column's past is cut here instead: free time that has passed on its
// own day is not offered (so no drop, click or keyboard walk lands in the past), as on the day.
import { DateTime } from 'luxon';
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

/**
 * Luxon's parse and format cost tens of microseconds each, and a week of ten busy resources
 * moves thousands of times (appointments and free slots, each composition): but a clinic's
 * times fall on a few dozen clock times a day, so the answers are remembered (bounded).
 */
const MEMO_MAX = 50_000;
const memo = new Map<string, string>();
function remembered(key: string, compute: () => string): string {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(key, value);
  return value;
}

/** The same wall-clock time of `iso` on `date` (zone-aware, so a week across a DST change stays on the hour). */
function onDate(iso: string, date: string, zone: string): string {
  return remembered(`${iso}|${date}|${zone}`, () => {
    const [year, month, day] = date.split('-').map(Number);
    const moved = DateTime.fromISO(iso, { zone }).set({ year, month, day });
    return moved.toISO() ?? iso;
  });
}

function dateOfIso(iso: string, zone: string): string {
  return remembered(`${iso}|${zone}`, () => DateTime.fromISO(iso, { zone }).toISODate() ?? iso.slice(0, 10));
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
      const at = (ms: number): number => Date.parse(onDate(new Date(ms).toISOString(), column.date, zone));
      return { resourceId: column.resourceId, startMs: at(place.startMs), endMs: at(place.endMs) };
    },
    sameDay(a: string, b: string): boolean {
      return splitColumn(a)?.date === splitColumn(b)?.date;
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
