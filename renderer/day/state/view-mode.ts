// Which view the window shows: the day, or the week (renderer/week/). The toolbar switches
// it; the app draws the one chosen. View state only, never sent to main.
import { create } from 'zustand';
import { useSelection } from './selection-store.ts';

export type ViewMode = 'day' | 'week';

interface ViewModeState {
  mode: ViewMode;
  /** The view being opened while the current one stays drawn (the week waits for main's answer). */
  switching: ViewMode | null;
  setMode(mode: ViewMode): void;
  setSwitching(mode: ViewMode | null): void;
}

export const useViewMode = create<ViewModeState>((set) => ({
  mode: 'day',
  switching: null,
  setMode: (mode) => set({ mode, switching: null }),
  setSwitching: (switching) => set({ switching }),
}));

/**
 * The appointment whose block has focus (the grid's `data-key`), if any: a switch keeps it.
 * The switch is a button, so by the time it is clicked the block has lost DOM focus to it:
 * the grid's roving focus (the selection store's `focusKey`) still names the block then.
 */
export function focusedAppointmentId(): string | null {
  const key = document.activeElement?.closest('[data-key]')?.getAttribute('data-key') ?? useSelection.getState().focusKey;
  return key !== null && key.startsWith('block:') ? key.slice('block:'.length) : null;
}
