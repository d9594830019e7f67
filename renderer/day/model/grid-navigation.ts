// Keyboard focus on the grid: one focusable item at a time (roving tabindex). Items of a
// column are its appointment blocks and its free stretches, in time order; Up/Down walk a
// column, Left/Right go to the item of the neighbouring column nearest in time, Home/End to
// the first and last item of the column.
import type { DayLayout } from './layout.ts';

export type GridItemKey = `block:${string}` | `free:${string}:${number}`;

export interface GridItem {
  key: GridItemKey;
  kind: 'block' | 'free';
  resourceId: string;
  /** Minutes from the axis start. */
  top: number;
  height: number;
  /** The appointment id (blocks) or the stretch's start instant (free). */
  id: string;
  startMs: number;
  endMs: number;
}

export const blockKey = (id: string): GridItemKey => `block:${id}`;
export const freeKey = (resourceId: string, startMs: number): GridItemKey => `free:${resourceId}:${startMs}`;

function columnItems(layout: DayLayout, resourceId: string): GridItem[] {
  const column = layout.columns.get(resourceId);
  if (column === undefined) return [];
  const items: GridItem[] = [];
  for (const block of column.blocks) {
    items.push({ key: blockKey(block.id), kind: 'block', resourceId, top: block.top, height: block.height, id: block.id, startMs: block.startMs, endMs: block.endMs });
  }
  for (const band of column.free) {
    items.push({ key: freeKey(resourceId, band.startMs), kind: 'free', resourceId, top: band.top, height: band.height, id: String(band.startMs), startMs: band.startMs, endMs: band.endMs });
  }
  // Blocks before free stretches at the same start: a block is what a receptionist looks for.
  return items.sort((a, b) => a.top - b.top || (a.kind === b.kind ? 0 : a.kind === 'block' ? -1 : 1));
}

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export interface NavigationModel {
  columns: readonly string[];
  items(resourceId: string): readonly GridItem[];
}

export function navigationModel(layout: DayLayout, columns: readonly string[]): NavigationModel {
  const cache = new Map<string, GridItem[]>();
  return {
    columns,
    items(resourceId) {
      let items = cache.get(resourceId);
      if (items === undefined) cache.set(resourceId, (items = columnItems(layout, resourceId)));
      return items;
    },
  };
}

/** The first item of the grid: the earliest item of the first column that has any. */
export function firstItem(model: NavigationModel): GridItem | null {
  for (const resourceId of model.columns) {
    const item = model.items(resourceId)[0];
    if (item !== undefined) return item;
  }
  return null;
}

export function findItem(model: NavigationModel, key: GridItemKey): GridItem | null {
  for (const resourceId of model.columns) {
    const item = model.items(resourceId).find((candidate) => candidate.key === key);
    if (item !== undefined) return item;
  }
  return null;
}

function nearestInTime(items: readonly GridItem[], minute: number): GridItem | null {
  let best: GridItem | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const item of items) {
    // Inside an item (its start included, its end not) is distance 0; otherwise distance to its
    // nearer edge. An item that ends where another starts is not "inside": the one starting
    // there wins (a booking Leyr accepted replaces its pending block at the same place).
    const end = item.top + item.height;
    const distance = minute < item.top ? item.top - minute : minute >= end ? minute - end + 0.5 : 0;
    if (distance < bestDistance) {
      best = item;
      bestDistance = distance;
    }
  }
  return best;
}

/** Where focus goes from `current` on a key; null when there is nowhere to go. */
export function navigate(model: NavigationModel, current: GridItem, key: NavKey): GridItem | null {
  const items = model.items(current.resourceId);
  const index = items.findIndex((item) => item.key === current.key);
  switch (key) {
    case 'ArrowUp':
      return index > 0 ? items[index - 1]! : null;
    case 'ArrowDown':
      return index >= 0 && index < items.length - 1 ? items[index + 1]! : null;
    case 'Home':
      return items[0] ?? null;
    case 'End':
      return items[items.length - 1] ?? null;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = key === 'ArrowLeft' ? -1 : 1;
      const middle = current.top + current.height / 2;
      // Skip columns with nothing in them.
      for (let column = model.columns.indexOf(current.resourceId) + step; column >= 0 && column < model.columns.length; column += step) {
        const found = nearestInTime(model.items(model.columns[column]!), middle);
        if (found !== null) return found;
      }
      return null;
    }
  }
}

/**
 * Where focus goes when the focused item is gone (cancelled, moved, booked over): the item
 * of its column nearest to where it began, else the nearest in the columns beside it. Never
 * the first item of the day, which would throw the receptionist to the top of the grid.
 */
export function nearestTo(model: NavigationModel, gone: Pick<GridItem, 'resourceId' | 'top'>): GridItem | null {
  const index = model.columns.indexOf(gone.resourceId);
  if (index === -1) return null;
  for (let distance = 0; distance < model.columns.length; distance += 1) {
    for (const column of distance === 0 ? [index] : [index - distance, index + distance]) {
      const resourceId = model.columns[column];
      if (resourceId === undefined) continue;
      const found = nearestInTime(model.items(resourceId), gone.top);
      if (found !== null) return found;
    }
  }
  return null;
}
