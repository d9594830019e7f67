// The care unit's clock: what has passed is judged on it (the grid shades the past, and moves
// and bookings into it are refused), the same clock main judges with. Main sends its reading
// with each day snapshot (`now`); the window keeps the difference to its own clock. A
// difference of a few seconds is the way the snapshot took, not another clock: ignored.
const IGNORED_DRIFT_MS = 5_000;

let offsetMs = 0;
const synced = new Set<() => void>();

/** Calls back when a snapshot changed the clock's offset; answers the unsubscribe. */
export function onCareUnitClockSynced(callback: () => void): () => void {
  synced.add(callback);
  return () => synced.delete(callback);
}

/** Adopts main's clock from a snapshot's `now` (ISO 8601); absent: the window's own clock. */
export function syncCareUnitClock(mainNow: string | undefined, localNow: number = Date.now()): void {
  if (mainNow === undefined) return;
  const main = Date.parse(mainNow);
  if (!Number.isFinite(main)) return;
  const difference = main - localNow;
  const next = Math.abs(difference) < IGNORED_DRIFT_MS ? 0 : difference;
  if (Math.abs(next - offsetMs) < IGNORED_DRIFT_MS && (next === 0) === (offsetMs === 0)) return;
  offsetMs = next;
  for (const callback of synced) callback();
}

/** Now on the care unit's clock (ms). */
export const careUnitNow = (): number => Date.now() + offsetMs;
