// Which resource columns a desk shows, and in which order, remembered per care unit across
// restarts. Stored in localStorage, which is a trust boundary like any file: what comes back
// is parsed, and anything unreadable is the default (all columns, Leyr's order).
// zod/mini: the same checks at a fraction of the renderer bundle.
import * as z from 'zod/mini';

const ids = z._default(z.array(z.string().check(z.maxLength(500))).check(z.maxLength(5000)), []);
export const ColumnPrefs = z.object({ order: ids, hidden: ids });
export type ColumnPrefs = z.output<typeof ColumnPrefs>;

export const DEFAULT_COLUMN_PREFS: ColumnPrefs = { order: [], hidden: [] };

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const columnPrefsKey = (careUnitId: string): string => `frontdesk.columns.${careUnitId}`;

export function loadColumnPrefs(storage: KeyValueStorage, careUnitId: string): ColumnPrefs {
  let raw: string | null;
  try {
    raw = storage.getItem(columnPrefsKey(careUnitId));
  } catch {
    return DEFAULT_COLUMN_PREFS;
  }
  if (raw === null) return DEFAULT_COLUMN_PREFS;
  try {
    const parsed = ColumnPrefs.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_COLUMN_PREFS;
  } catch {
    return DEFAULT_COLUMN_PREFS;
  }
}

export function saveColumnPrefs(storage: KeyValueStorage, careUnitId: string, prefs: ColumnPrefs): void {
  try {
    storage.setItem(columnPrefsKey(careUnitId), JSON.stringify(prefs));
  } catch {
    // A full or disabled storage only costs the preference, never the view.
  }
}

/**
 * Every resource in the remembered order: known ones where the desk put them, new ones
 * (added in Leyr since) after them in Leyr's order; ids no longer in Leyr are dropped.
 */
export function orderedResources<T extends { id: string }>(resources: readonly T[], prefs: ColumnPrefs): T[] {
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  const ordered: T[] = [];
  const placed = new Set<string>();
  for (const id of prefs.order) {
    const resource = byId.get(id);
    if (resource !== undefined && !placed.has(id)) {
      ordered.push(resource);
      placed.add(id);
    }
  }
  for (const resource of resources) if (!placed.has(resource.id)) ordered.push(resource);
  return ordered;
}

export function visibleResources<T extends { id: string }>(resources: readonly T[], prefs: ColumnPrefs): T[] {
  const hidden = new Set(prefs.hidden);
  return orderedResources(resources, prefs).filter((resource) => !hidden.has(resource.id));
}

export function setHidden(prefs: ColumnPrefs, resourceId: string, hidden: boolean): ColumnPrefs {
  const rest = prefs.hidden.filter((id) => id !== resourceId);
  return { ...prefs, hidden: hidden ? [...rest, resourceId] : rest };
}

/** Moves a resource one place earlier (-1) or later (+1) in the full order. */
export function moveColumn<T extends { id: string }>(resources: readonly T[], prefs: ColumnPrefs, resourceId: string, step: -1 | 1): ColumnPrefs {
  const order = orderedResources(resources, prefs).map((resource) => resource.id);
  const index = order.indexOf(resourceId);
  const target = index + step;
  if (index === -1 || target < 0 || target >= order.length) return prefs;
  [order[index], order[target]] = [order[target]!, order[index]!];
  return { ...prefs, order };
}

/** Moves a resource to the top (first column) or the bottom (last column) of the full order. */
export function moveColumnTo<T extends { id: string }>(resources: readonly T[], prefs: ColumnPrefs, resourceId: string, end: 'top' | 'bottom'): ColumnPrefs {
  const order = orderedResources(resources, prefs).map((resource) => resource.id);
  const index = order.indexOf(resourceId);
  if (index === -1) return prefs;
  order.splice(index, 1);
  if (end === 'top') order.unshift(resourceId);
  else order.push(resourceId);
  return { ...prefs, order };
}
