// Appointments another desk changed a moment ago, so the grid can mark them briefly ("this
// moved while you looked"): found by the day refresh (a server copy Leyr now holds
// otherwise, or an appointment that appeared), kept here in memory for a short while, and
// carried in the day's snapshot. Only when the day's previous fetch was recent: a day
// fetched again after an hour differs everywhere, and marking all of it tells nothing.
import type { ChangedElsewhere } from '../../../preload/contract/index.ts';

/** A previous fetch at most this old makes a difference worth marking. */
export const MARK_IF_FETCHED_WITHIN_MS = 5 * 60_000;
/** How long a mark rides in the day's snapshots (the window shows it for less, from `at`). */
export const MARK_KEPT_MS = 60_000;

export class OtherDeskMarks {
  readonly #byDate = new Map<string, Map<string, number>>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  mark(date: string, ids: readonly string[]): void {
    if (ids.length === 0) return;
    const day = this.#byDate.get(date) ?? new Map<string, number>();
    const at = this.#now();
    for (const id of ids) day.set(id, at);
    this.#byDate.set(date, day);
  }

  /** The marks of `date` not yet expired, oldest first. */
  of(date: string): ChangedElsewhere[] {
    const day = this.#byDate.get(date);
    if (day === undefined) return [];
    const oldest = this.#now() - MARK_KEPT_MS;
    for (const [id, at] of day) if (at < oldest) day.delete(id);
    if (day.size === 0) this.#byDate.delete(date);
    return [...day].sort((a, b) => a[1] - b[1]).map(([appointmentId, at]) => ({ appointmentId, at: new Date(at).toISOString() }));
  }
}
