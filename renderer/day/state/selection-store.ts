// The receptionist's selection and keyboard focus on the grid: view state only, never sent to
// main. Blocks subscribe with per-id selectors (`useItemFlags(id, key)`), so a change of the
// selection re-renders only the blocks whose answer changed, not the grid.
import { create } from 'zustand';
import type { GridItemKey } from '../model/grid-navigation.ts';

interface SelectionState {
  selected: ReadonlySet<string>;
  /** Where Shift-click extends from. */
  anchor: string | null;
  /** The one grid item in the tab order (roving tabindex). */
  focusKey: GridItemKey | null;
  selectOnly(id: string): void;
  toggle(id: string): void;
  /** Replaces the selection with `ids`, or adds them (Ctrl/Cmd held during a lasso). */
  setMany(ids: readonly string[], mode: 'replace' | 'add', anchor?: string | null): void;
  /** Drops ids that are no longer shown (day switched, appointment cancelled and hidden). */
  retain(shown: ReadonlySet<string>): void;
  clear(): void;
  setFocus(key: GridItemKey | null): void;
}

export const useSelection = create<SelectionState>((set, get) => ({
  selected: new Set(),
  anchor: null,
  focusKey: null,
  selectOnly(id) {
    set({ selected: new Set([id]), anchor: id });
  },
  toggle(id) {
    const selected = new Set(get().selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    set({ selected, anchor: id });
  },
  setMany(ids, mode, anchor) {
    const selected = mode === 'add' ? new Set([...get().selected, ...ids]) : new Set(ids);
    set({ selected, anchor: anchor === undefined ? (ids[ids.length - 1] ?? get().anchor) : anchor });
  },
  retain(shown) {
    const { selected } = get();
    let changed = false;
    const kept = new Set<string>();
    for (const id of selected) {
      if (shown.has(id)) kept.add(id);
      else changed = true;
    }
    if (changed) set({ selected: kept });
  },
  clear() {
    if (get().selected.size > 0 || get().anchor !== null) set({ selected: new Set(), anchor: null });
  },
  setFocus(focusKey) {
    if (get().focusKey !== focusKey) set({ focusKey });
  },
}));

export const useHasFocus = (key: GridItemKey): boolean => useSelection((state) => state.focusKey === key);

export const SELECTED = 1;
export const FOCUSED = 2;
/** Selected and focused as bit flags: one subscription per block instead of two. */
export const useItemFlags = (id: string, key: GridItemKey): number =>
  useSelection((state) => (state.selected.has(id) ? SELECTED : 0) | (state.focusKey === key ? FOCUSED : 0));
