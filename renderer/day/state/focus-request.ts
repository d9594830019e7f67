// A request from outside the grid (the find panel, a dialog closing) to focus one appointment
// of a day (the find panel's also selected), or a place in a column, once that day is drawn: the grid honours it (DayGrid) and clears it, scrolling the
// appointment's column and time into view. View state only, never sent to main. A request
// whose day never shows (another day opened, the clinic switched, the day never came) is
// dropped, so that it cannot fire on some later visit of that day.
import { create } from 'zustand';
import { useDay } from './day-store.ts';

/** A request not honoured within this long is dropped. */
export const FOCUS_REQUEST_MS = 20_000;

/**
 * An appointment (`center`: scrolled into the middle of the view, as the find panel's Enter
 * wants), or a place in a column: the block starting there, else the item holding that time,
 * else the column's item nearest to it (where a booking, a cancel or a rebook left the
 * receptionist).
 */
export type FocusRequest = { date: string; appointmentId: string; center?: boolean } | { date: string; resourceId: string; startMs: number };

interface FocusRequestState {
  request: FocusRequest | null;
  ask(request: FocusRequest): void;
  done(): void;
}

let expiry: ReturnType<typeof setTimeout> | null = null;
const stopExpiry = (): void => {
  if (expiry !== null) clearTimeout(expiry);
  expiry = null;
};

export const useFocusRequest = create<FocusRequestState>((set, get) => ({
  request: null,
  ask: (request) => {
    stopExpiry();
    set({ request });
    expiry = setTimeout(() => {
      expiry = null;
      if (get().request === request) set({ request: null });
    }, FOCUS_REQUEST_MS);
  },
  done: () => {
    stopExpiry();
    set({ request: null });
  },
}));

// Another clinic, or another day than the one asked for: the request is dropped.
useDay.subscribe((state, previous) => {
  const { request } = useFocusRequest.getState();
  if (request === null) return;
  const otherClinic = previous.careUnitId !== null && state.careUnitId !== previous.careUnitId;
  const otherDay = state.date !== previous.date && state.date !== request.date;
  if (otherClinic || otherDay) useFocusRequest.getState().done();
});
