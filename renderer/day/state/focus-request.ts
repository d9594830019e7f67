// A request from outside the grid (the find panel) to focus and select one appointment of a
// day once that day is drawn: the grid honours it (DayGrid) and clears it, scrolling the
// appointment's column and time into view. View state only, never sent to main.
import { create } from 'zustand';

export interface FocusRequest {
  date: string;
  appointmentId: string;
}

interface FocusRequestState {
  request: FocusRequest | null;
  ask(request: FocusRequest): void;
  done(): void;
}

export const useFocusRequest = create<FocusRequestState>((set) => ({
  request: null,
  ask: (request) => set({ request }),
  done: () => set({ request: null }),
}));
