// The care unit's now for the grid, ticking every half minute and anew when a snapshot brings
// main's clock: the past's shading, the now line and the cut of free time follow it.
import { useSyncExternalStore } from 'react';
import { careUnitNow, onCareUnitClockSynced } from '../../common/care-unit-clock.ts';
import { usePastChanges } from '../../common/past-changes.ts';

const TICK_MS = 30_000;

let reading = careUnitNow();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function read(): void {
  reading = careUnitNow();
  for (const listener of listeners) listener();
}

// Kept in step from the first snapshot on, drawn or not: a grid mounted after it reads it right.
onCareUnitClockSynced(read);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Nobody read the clock while no grid was drawn (the tick stops then): a grid mounting now
  // reads it afresh, not as of the last tick up to 30 s ago. React checks the snapshot again
  // after subscribing, so the new reading is drawn at once.
  if (timer === null) {
    reading = careUnitNow();
    timer = setInterval(read, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Now on the care unit's clock (ms), as of the last half-minute tick or clock sync. */
export const useCareUnitNow = (): number => useSyncExternalStore(subscribe, () => reading);

export const usePastAllowed = (): boolean => usePastChanges((state) => state.allowed);
