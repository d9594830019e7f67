// View state around the grid: which dialog is open, what the live region announces, and the
// bulk operations whose per-appointment results the selection bar shows.
import { create } from 'zustand';
import type { ChangeKind } from '../../preload/contract/index.ts';
import type { ContinuousRun } from '../day/selection-rules.ts';
import { frontdesk } from '../frontdesk.ts';

export type Dialog =
  | { kind: 'booking'; resourceId: string; startMs: number; bandStartMs: number; bandEndMs: number }
  | { kind: 'code'; appointmentId: string; purpose: 'booking' | 'cancellation' }
  | { kind: 'cancel'; ids: string[] }
  | { kind: 'move-resource'; ids: string[] }
  | { kind: 'reschedule'; run: ContinuousRun }
  | { kind: 'details'; appointmentId: string }
  | { kind: 'columns' };

export interface Notice {
  id: number;
  level: 'info' | 'success' | 'error';
  text: string;
}

/** A change this window asked for, followed until its appointments have their outcome. */
export interface Operation {
  changeId: string;
  kind: ChangeKind;
  appointmentIds: string[];
  /** For a booking: where and for whom, to find Leyr's appointment once it has an id. */
  booking?: { patientId: string; resourceId: string; start: string };
  createdAt: number;
}

interface UiState {
  dialog: Dialog | null;
  /** Where focus returns when the dialog closes. */
  returnFocus: HTMLElement | null;
  notices: Notice[];
  operations: Operation[];
  /** Changes whose fate an open dialog shows itself (no notice for them). */
  watched: ReadonlySet<string>;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  notify(level: Notice['level'], text: string): void;
  dismissNotice(id: number): void;
  track(operation: Operation): void;
  forget(changeId: string): void;
  watch(changeId: string, watching: boolean): void;
}

let nextNotice = 1;
const NOTICE_MS = 8_000;
const KEPT_OPERATIONS = 5;

export const useUi = create<UiState>((set, get) => ({
  dialog: null,
  returnFocus: null,
  notices: [],
  operations: [],
  watched: new Set(),
  openDialog(dialog) {
    const wasOpen = get().dialog !== null;
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    set({ dialog, returnFocus: wasOpen ? get().returnFocus : active });
    // No update restart while a receptionist is in the middle of a dialog.
    if (!wasOpen) void frontdesk().setUiBusy({ busy: true });
  },
  closeDialog() {
    const { returnFocus, dialog } = get();
    if (dialog === null) return;
    set({ dialog: null, returnFocus: null });
    void frontdesk().setUiBusy({ busy: false });
    // After React has taken the dialog away: while the modal is open the page is inert.
    if (returnFocus !== null)
      setTimeout(() => {
        if (returnFocus.isConnected && get().dialog === null) returnFocus.focus({ preventScroll: true });
      }, 0);
  },
  notify(level, text) {
    const id = nextNotice++;
    set({ notices: [...get().notices.slice(-4), { id, level, text }] });
    if (level !== 'error') setTimeout(() => get().dismissNotice(id), NOTICE_MS);
  },
  dismissNotice(id) {
    set({ notices: get().notices.filter((notice) => notice.id !== id) });
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
