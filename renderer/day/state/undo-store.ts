// The steps this window can undo and redo, for this session. A step is one change the
// receptionist made (a move, a bulk cancel, a booking…): the changes main queued for it and
// where its appointments were before and after, so that an undo or a redo is shown at once,
// before main has answered. The stack lives here, in the window, rather than in main: it is
// this receptionist's own sequence of actions in this window (a restarted window starts
// afresh), the before/after places are what this screen showed, and Ctrl/Cmd+Z answers
// without a round trip. Main decides how each change is taken back (undoChanges).
import { create } from 'zustand';
import type { ChangeKind, ChangeReceipt, Result } from '../../../preload/contract/index.ts';
import type { OptimisticPatch } from './day-store.ts';

export interface UndoStep {
  kind: ChangeKind;
  /** The changes main queued for it (undone together). */
  changeIds: string[];
  /** The step's appointments, as the change named them. */
  appointmentIds: string[];
  /** Each appointment's name and time when the change was made, for the words. */
  labels: Readonly<Record<string, string>>;
  /** Where each appointment was before the change: shown at once when it is undone. */
  before: ReadonlyMap<string, OptimisticPatch>;
  /** Where the change put them: shown at once when it is redone. */
  after: ReadonlyMap<string, OptimisticPatch>;
  /** Makes the same change again (a redo after it was withdrawn unsent). */
  again?: () => Promise<Result<ChangeReceipt>>;
  /** A cancel's reason: a redo sends it again. */
  reason?: string;
}

/** A step undone: how, so that it can be redone. */
export interface UndoneStep {
  step: UndoStep;
  /** Withdrawn unsent: a redo makes the change again. */
  withdrawn: string[];
  /** Undone by these inverse changes: a redo undoes them. */
  inverses: string[];
}

/** Steps kept: enough for a morning's slips, bounded for memory. */
const KEPT_STEPS = 50;

interface UndoState {
  done: UndoStep[];
  undone: UndoneStep[];
  /** An undo or redo waits for main's answer: the next waits for it. */
  busy: boolean;
  /** A redo is making its change again: the step it records does not clear the redo stack. */
  replaying: boolean;
  record(step: UndoStep): void;
  setBusy(busy: boolean): void;
  setReplaying(replaying: boolean): void;
  /** Takes the last done step off (it is being undone). */
  takeDone(): UndoStep | null;
  pushUndone(undone: UndoneStep): void;
  takeUndone(): UndoneStep | null;
  pushDone(step: UndoStep): void;
  clear(): void;
}

export const useUndo = create<UndoState>((set, get) => ({
  done: [],
  undone: [],
  busy: false,
  replaying: false,
  record(step) {
    const done = [...get().done, step].slice(-KEPT_STEPS);
    // A new change after undoing: the undone steps cannot be redone on top of it.
    set(get().replaying ? { done } : { done, undone: [] });
  },
  setBusy: (busy) => set({ busy }),
  setReplaying: (replaying) => set({ replaying }),
  takeDone() {
    const done = get().done;
    const step = done.at(-1) ?? null;
    if (step !== null) set({ done: done.slice(0, -1) });
    return step;
  },
  pushUndone(undone) {
    set({ undone: [...get().undone, undone].slice(-KEPT_STEPS) });
  },
  takeUndone() {
    const undone = get().undone;
    const last = undone.at(-1) ?? null;
    if (last !== null) set({ undone: undone.slice(0, -1) });
    return last;
  },
  pushDone(step) {
    set({ done: [...get().done, step].slice(-KEPT_STEPS) });
  },
  clear: () => set({ done: [], undone: [], busy: false, replaying: false }),
}));
