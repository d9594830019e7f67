// What the drag indicator shows: the snapped target and whether Leyr would take it. Updated
// only when the snapped target changes (a few times per second at most), never per pointer
// move, so only the indicator renders during a drag.
import { create } from 'zustand';

interface DragInfo {
  id: string;
  patient: string;
  durationMinutes: number;
}

interface DragTargetInfo {
  resourceId: string;
  startMs: number;
  endMs: number;
  valid: boolean;
  /** The sentence shown beside the ghost: target time and resource, or why not. */
  text: string;
}

interface DragState {
  active: DragInfo | null;
  target: DragTargetInfo | null;
  /** The lasso's rectangle in content pixels while one is drawn. */
  lasso: { x: number; y: number; width: number; height: number } | null;
  start(info: DragInfo): void;
  setTarget(target: DragTargetInfo | null): void;
  end(): void;
  setLasso(rect: DragState['lasso']): void;
}

export const useDrag = create<DragState>((set) => ({
  active: null,
  target: null,
  lasso: null,
  start: (active) => set({ active, target: null }),
  setTarget: (target) => set({ target }),
  end: () => set({ active: null, target: null }),
  setLasso: (lasso) => set({ lasso }),
}));
