// Tells main which columns the grid draws, so that their patients' names are fetched first
// (main orders the names by it). Scrolling sends many ranges in a row: only the one the grid
// settles on goes, a moment later, and the same one never twice.
import { frontdesk } from '../../common/frontdesk.ts';
import { useDay } from './day-store.ts';

/** A scroll's ranges within this long are one. */
const SETTLE_MS = 80;

let timer: ReturnType<typeof setTimeout> | null = null;
let lastSent = '';

export function reportVisibleColumns(date: string, resourceIds: readonly string[]): void {
  // A composed grid's columns are not resources (the week fetches its days' names itself).
  if (useDay.getState().lens !== null) return;
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    const key = `${date}|${resourceIds.join(',')}`;
    if (key === lastSent || resourceIds.length === 0) return;
    lastSent = key;
    // Only an ordering hint: if it is lost, the names still come, in column order.
    void frontdesk().showingResources({ date, resourceIds: resourceIds.slice(0, 500) });
  }, SETTLE_MS);
}
