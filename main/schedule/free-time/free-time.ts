// "When is the first free time?": the earliest free starts of a service across resources,
// from a day on. Leyr's timeslots are asked window after window (four weeks, then the next
// four, up to about six months) until enough are found; each request covers at most 31 days
// (search-days.ts). What Leyr answered is kept per day for a short while (free-cache.ts), so
// the same or a narrower question, and "More", are answered without Leyr. When Leyr cannot
// be reached, the answer is what main last saw (expired cache entries, the days the day view
// fetched), said as such; with nothing to show, the failure is the answer.
import type { CallParsedArg, FreeSlot, FreeTimeAnswer, FreeTimeSlot } from '../../../preload/contract/index.ts';
import type { LeyrApi } from '../../leyr/api.ts';
import type { TimeslotRecord } from '../../store/records.ts';
import type { ScheduleContext } from '../common/context.ts';
import { dateOf } from '../common/day-time.ts';
import { isOutOfReach } from '../common/out-of-reach.ts';
import { fetchTimeslots } from '../common/timeslot-windows.ts';
import { ALL_RESOURCES, FreeSlotCache } from './free-cache.ts';
import { addDays, compareKeys, daysBetween, firstWindowDays, HORIZON_DAYS, inPartOfDay, WINDOW_DAYS, type SlotKey } from './search-days.ts';

/**
 * Up to this many doctors are asked for one by one (the `resource_id` filter: small answers);
 * more, or "any", is one request for every resource of the care unit.
 */
const PER_RESOURCE_MAX = 4;

export interface FreeTimeFinderOptions {
  ctx: ScheduleContext;
  api: LeyrApi;
  /** How long Leyr's answer is trusted: other desks book too. */
  maxAgeMs: number;
  /** A day's free slots as the store has them (this app's changes laid over), or null when it was never fetched. */
  storedDay(date: string): FreeSlot[] | null;
}

export interface FreeTimeFinder {
  find(arg: CallParsedArg<'findFreeTimes'>): Promise<FreeTimeAnswer>;
  /** These days changed (this app's change, or a refresh found another desk's): ask Leyr again. */
  forget(dates: readonly string[]): void;
  /**
   * Every resource's free slots of a service on `days`, by day: from the cache where fresh,
   * else from Leyr (and kept). For others that need free slots by day (the rebook proposal):
   * one fetch, one cache. Throws what the Leyr client throws.
   */
  serviceSlots(days: readonly string[], serviceId: string): Promise<Map<string, TimeslotRecord[]>>;
}

type DaySlots = Map<string, TimeslotRecord[]>;

export function createFreeTimeFinder(options: FreeTimeFinderOptions): FreeTimeFinder {
  const { ctx, api } = options;
  const cache = new FreeSlotCache({ maxAgeMs: options.maxAgeMs, now: ctx.now });

  /** Asks Leyr for `days` (runs of at most 31) for one scope; answers the slots per day and writes the cache. */
  async function fetchScope(days: readonly string[], serviceId: string, scope: string): Promise<DaySlots> {
    const generations = new Map(days.map((day) => [day, cache.generation(day)]));
    const byDay = await fetchTimeslots(api, ctx.zone(), days, { serviceId, ...(scope !== ALL_RESOURCES && { resourceId: scope }) });
    const at = ctx.now();
    for (const [day, slots] of byDay) cache.put(day, serviceId, scope, slots, at, generations.get(day) ?? 0);
    return byDay;
  }

  /** The slots of `days` for the question's resources: from the cache where fresh, from Leyr otherwise. */
  async function slotsOf(days: readonly string[], serviceId: string, resources: readonly string[] | null): Promise<{ byDay: DaySlots; asked: boolean }> {
    const byDay: DaySlots = new Map(days.map((day) => [day, []]));
    let asked = false;
    if (resources === null || resources.length > PER_RESOURCE_MAX) {
      const missing = days.filter((day) => cache.get(day, serviceId, ALL_RESOURCES) === null);
      const fetched = missing.length > 0 ? await fetchScope(missing, serviceId, ALL_RESOURCES) : new Map<string, TimeslotRecord[]>();
      asked = missing.length > 0;
      const wanted = resources === null ? null : new Set(resources);
      for (const day of days) {
        const slots = fetched.get(day) ?? cache.get(day, serviceId, ALL_RESOURCES) ?? [];
        byDay.set(day, wanted === null ? slots : slots.filter((slot) => wanted.has(slot.resourceId)));
      }
      return { byDay, asked };
    }
    await Promise.all(
      resources.map(async (resourceId) => {
        const missing = days.filter((day) => cache.ofResource(day, serviceId, resourceId) === null);
        const fetched = missing.length > 0 ? await fetchScope(missing, serviceId, resourceId) : new Map<string, TimeslotRecord[]>();
        if (missing.length > 0) asked = true;
        for (const day of days) byDay.get(day)?.push(...(fetched.get(day) ?? cache.ofResource(day, serviceId, resourceId) ?? []));
      }),
    );
    return { byDay, asked };
  }

  /** Leyr is out of reach: what main last saw of each day, in order, up to the first day it never saw. */
  function lastSeen(days: readonly string[], serviceId: string, resources: readonly string[] | null): DaySlots {
    const known: DaySlots = new Map();
    for (const day of days) {
      let slots: TimeslotRecord[] | null = null;
      if (resources === null) slots = cache.get(day, serviceId, ALL_RESOURCES, true);
      else {
        const each = resources.map((resourceId) => cache.ofResource(day, serviceId, resourceId, true));
        if (each.every((s) => s !== null)) slots = each.flatMap((s) => s ?? []);
      }
      if (slots === null) {
        const stored = options.storedDay(day);
        if (stored !== null) {
          const wanted = resources === null ? null : new Set(resources);
          slots = stored.filter((slot) => slot.serviceId === serviceId && (wanted === null || wanted.has(slot.resourceId)));
        }
      }
      if (slots === null) break;
      known.set(day, slots);
    }
    return known;
  }

  async function find(arg: CallParsedArg<'findFreeTimes'>): Promise<FreeTimeAnswer> {
    const zone = ctx.zone();
    const now = ctx.careUnitNow();
    const today = ctx.today();
    const from = arg.from < today ? today : arg.from;
    const horizon = addDays(from, HORIZON_DAYS - 1);
    const resources = arg.resourceIds !== undefined && arg.resourceIds.length > 0 ? arg.resourceIds : null;
    const names = new Map(ctx.store.days.resources(ctx.accountId).map((r) => [r.id, r.name ?? r.id]));
    const keyOf = (resourceId: string, start: string): SlotKey => ({ startMs: Date.parse(start), name: names.get(resourceId) ?? resourceId, resourceId });
    const afterKey = arg.after === undefined ? null : keyOf(arg.after.resourceId, arg.after.start);
    const afterDay = arg.after === undefined ? from : dateOf(arg.after.start, zone);
    const first = afterDay > from ? afterDay : from;

    const found = new Map<string, { key: SlotKey; slot: FreeTimeSlot }>();
    // Days come in order and do not overlap in time: once a whole day is in and enough are
    // found, no later day can hold an earlier start (a big clinic's four weeks are many slots).
    const collect = (byDay: DaySlots): void => {
      for (const [date, slots] of byDay) {
        if (found.size >= arg.count) return;
        for (const slot of slots) {
          const key = keyOf(slot.resourceId, slot.start);
          // Overlapping slots of one resource share starts: one result per start.
          const id = `${slot.resourceId}\u0000${key.startMs}`;
          if (found.has(id) || key.startMs < now || !inPartOfDay(slot.start, arg.partOfDay, zone)) continue;
          if (afterKey !== null && compareKeys(key, afterKey) <= 0) continue;
          found.set(id, { key, slot: { resourceId: slot.resourceId, serviceId: slot.serviceId, start: slot.start, end: slot.end, date } });
        }
      }
    };

    let asked = false;
    let fromStore = false;
    let searchedUntil = addDays(first, -1);
    for (let windowFirst = first; windowFirst <= horizon; windowFirst = addDays(searchedUntil, 1)) {
      const length = windowFirst === first ? firstWindowDays(resources?.length ?? Math.max(names.size, 1)) : WINDOW_DAYS;
      const last = addDays(windowFirst, length - 1) < horizon ? addDays(windowFirst, length - 1) : horizon;
      const days = daysBetween(windowFirst, last);
      try {
        const window = await slotsOf(days, arg.serviceId, resources);
        asked ||= window.asked;
        collect(window.byDay);
        searchedUntil = last;
      } catch (error) {
        if (!isOutOfReach(error)) throw error;
        const known = lastSeen(days, arg.serviceId, resources);
        // Nothing to show at all: the failure is the answer, in plain words (the router says it).
        if (known.size === 0 && found.size === 0 && windowFirst === first) throw error;
        collect(known);
        fromStore = true;
        if (known.size > 0) searchedUntil = [...known.keys()].at(-1) ?? searchedUntil;
        ctx.log.info({ days: known.size }, 'free-time: Leyr out of reach; answered from what was last seen');
        break;
      }
      if (found.size >= arg.count) break;
    }

    const sorted = [...found.values()].sort((a, b) => compareKeys(a.key, b.key));
    return {
      slots: sorted.slice(0, arg.count).map((entry) => entry.slot),
      searchedFrom: first,
      searchedUntil: searchedUntil < first ? first : searchedUntil,
      more: !fromStore && (sorted.length > arg.count || searchedUntil < horizon),
      horizon,
      source: fromStore ? 'store' : asked ? 'leyr' : 'cache',
    };
  }

  return { find, forget: (dates) => cache.forget(dates), serviceSlots: async (days, serviceId) => (await slotsOf(days, serviceId, null)).byDay };
}
