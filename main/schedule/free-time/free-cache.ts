// What main fetched of Leyr's free timeslots, per day, per service, and per scope (one
// resource, or every resource of the care unit at once), for a short while: a question asked
// again, or a narrower one (fewer doctors, a later day, a part of the day, fewer results),
// is answered from here without Leyr. Other desks book too, so an entry is trusted only for
// `maxAgeMs`; past that it is used only when Leyr cannot be reached (and said so). A change
// of this app to a day (queued, then settled) forgets that day: a booking from the list must
// not be offered again.
import type { TimeslotRecord } from '../../store/records.ts';

/** Every resource of the care unit, listed at once. */
export const ALL_RESOURCES = '*';

interface Entry {
  slots: TimeslotRecord[];
  at: number;
}

/** Beyond this many (day, service, scope) entries the oldest go: a long session stays small. */
const MAX_ENTRIES = 20_000;

export class FreeSlotCache {
  /** date → `${serviceId}\u0000${scope}` → entry; a Map keeps insertion order for eviction. */
  readonly #days = new Map<string, Map<string, Entry>>();
  /** Bumped when a day is forgotten: a fetch that started before it does not write its old answer. */
  readonly #generation = new Map<string, number>();
  #size = 0;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(options: { maxAgeMs: number; now: () => number }) {
    this.#maxAgeMs = options.maxAgeMs;
    this.#now = options.now;
  }

  generation(date: string): number {
    return this.#generation.get(date) ?? 0;
  }

  /** The slots of a day for a scope, when fetched within the age limit (or at any age with `stale`). */
  get(date: string, serviceId: string, scope: string, stale = false): TimeslotRecord[] | null {
    const entry = this.#days.get(date)?.get(`${serviceId}\u0000${scope}`);
    if (entry === undefined) return null;
    if (!stale && this.#now() - entry.at > this.#maxAgeMs) return null;
    return entry.slots;
  }

  /**
   * The slots of one resource on a day: from its own entry or from the all-resources one,
   * whichever is fresh (or, with `stale`, the newest at any age).
   */
  ofResource(date: string, serviceId: string, resourceId: string, stale = false): TimeslotRecord[] | null {
    const own = this.get(date, serviceId, resourceId, stale);
    if (own !== null) return own;
    const all = this.get(date, serviceId, ALL_RESOURCES, stale);
    return all === null ? null : all.filter((slot) => slot.resourceId === resourceId);
  }

  /** Writes a fetched day, unless the day was forgotten since the fetch began (`generation`). */
  put(date: string, serviceId: string, scope: string, slots: TimeslotRecord[], at: number, generation: number): void {
    if (this.generation(date) !== generation) return;
    let day = this.#days.get(date);
    if (day === undefined) {
      day = new Map();
      this.#days.set(date, day);
    }
    const key = `${serviceId}\u0000${scope}`;
    if (!day.has(key)) this.#size += 1;
    day.set(key, { slots, at });
    this.#evict();
  }

  /** This app changed these days (a booking, a move, a cancel), or a refresh found them changed. */
  forget(dates: Iterable<string>): void {
    for (const date of dates) {
      this.#generation.set(date, this.generation(date) + 1);
      const day = this.#days.get(date);
      if (day === undefined) continue;
      this.#size -= day.size;
      this.#days.delete(date);
    }
  }

  #evict(): void {
    while (this.#size > MAX_ENTRIES) {
      const [date, day] = this.#days.entries().next().value ?? [];
      if (date === undefined || day === undefined) return;
      this.#size -= day.size;
      this.#days.delete(date);
    }
  }
}
