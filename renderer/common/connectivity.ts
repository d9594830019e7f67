// Main's word on the connection to Leyr (online or not, how many changes wait to be sent):
// app-wide, since the header shows it, the day's dialogs act on it and sign-out counts on it.
import { create } from 'zustand';
import type { ConnectivityStatus } from '../../preload/contract/index.ts';

interface ConnectivityState {
  /** Null until main has said, and again right after a switch to another clinic. */
  status: ConnectivityStatus | null;
  setConnectivity(status: ConnectivityStatus | null): void;
}

export const useConnectivity = create<ConnectivityState>((set) => ({
  status: null,
  setConnectivity(status) {
    set({ status });
  },
}));
