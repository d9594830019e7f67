// View state around the grid: which dialog is open, and the bulk operations whose
// per-appointment results the selection bar shows. (What the live region announces is in
// common/notices.ts.)
import { create } from 'zustand';
import { frontdesk } from '../../common/frontdesk.ts';
import type { Operation } from '../model/operation-results.ts';
import type { ContinuousRun } from '../model/selection-rules.ts';
import { useFocusRequest, type FocusRequest } from './focus-request.ts';

export type Dialog =
  | { kind: 'booking'; resourceId: string; startMs: number; bandStartMs: number; bandEndMs: number; serviceId?: string }
  | { kind: 'code'; appointmentId: string; purpose: 'booking' | 'cancellation' }
  | { kind: 'cancel'; ids: string[] }
  | { kind: 'move-resource'; ids: string[] }
  | { kind: 'reschedule'; run: ContinuousRun }
  | { kind: 'details'; appointmentId: string }
  | { kind: 'columns' }
  | { kind: 'free-time' }
  | { kind: 'rebook'; ids: string[] }
  | { kind: 'about' }
  | { kind: 'print' };

interface UiState {
  dialog: Dialog | null;
  /** Where focus returns when the dialog closes. */
  returnFocus: HTMLElement | null;
  /**
   * Where on the grid focus goes instead when the dialog closes: a dialog opened away from the
   * grid (the find panel, the first free time) or one whose action moved what had focus.
   */
  returnTo: FocusRequest | null;
  operations: Operation[];
  /** Changes whose fate an open dialog shows itself (no notice for them). */
  watched: ReadonlySet<string>;
  openDialog(dialog: Dialog, returnTo?: FocusRequest): void;
  /** Where on the grid focus goes once the open dialog closes. */
  returnFocusTo(request: FocusRequest): void;
  closeDialog(): void;
  track(operation: Operation): void;
  forget(changeId: string): void;
  watch(changeId: string, watching: boolean): void;
}

const KEPT_OPERATIONS = 5;

/**
 * Focus back where the receptionist was: the element itself, or (when the action drew it
 * anew or took it away: a moved block, a cancelled one, a booked free stretch) the grid item
 * with its key, else the grid's item in the tab order, which the grid keeps next to it.
 */
function focusBack(element: HTMLElement): void {
  if (element.isConnected) {
    element.focus({ preventScroll: true });
    return;
  }
  const key = element.dataset.key;
  const grid = document.querySelector<HTMLElement>('[data-testid="day-grid"]');
  if (key === undefined || grid === null) return;
  const again = grid.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) ?? grid.querySelector<HTMLElement>('[role="grid"] [tabindex="0"]');
  again?.focus({ preventScroll: true });
}

export const useUi = create<UiState>((set, get) => ({
  dialog: null,
  returnFocus: null,
  returnTo: null,
  operations: [],
  watched: new Set(),
  openDialog(dialog, returnTo) {
    const wasOpen = get().dialog !== null;
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    set({ dialog, returnFocus: wasOpen ? get().returnFocus : active, returnTo: returnTo ?? (wasOpen ? get().returnTo : null) });
    // No update restart while a receptionist is in the middle of a dialog.
    if (!wasOpen) void frontdesk().setUiBusy({ busy: true });
  },
  returnFocusTo(request) {
    if (get().dialog !== null) set({ returnTo: request });
  },
  closeDialog() {
    const { returnFocus, returnTo, dialog } = get();
    if (dialog === null) return;
    set({ dialog: null, returnFocus: null, returnTo: null });
    void frontdesk().setUiBusy({ busy: false });
    // After React has taken the dialog away: while the modal is open the page is inert.
    if (returnTo !== null || returnFocus !== null)
      setTimeout(() => {
        if (get().dialog !== null) return;
        if (returnTo !== null) useFocusRequest.getState().ask(returnTo);
        else if (returnFocus !== null) focusBack(returnFocus);
      }, 0);
  },
  track(operation) {
    set({ operations: [operation, ...get().operations.filter((o) => o.changeId !== operation.changeId)].slice(0, KEPT_OPERATIONS) });
  },
  forget(changeId) {
    set({ operations: get().operations.filter((o) => o.changeId !== changeId) });
  },
  watch(changeId, watching) {
    const watched = new Set(get().watched);
    if (watching) watched.add(changeId);
    else watched.delete(changeId);
    set({ watched });
  },
}));
