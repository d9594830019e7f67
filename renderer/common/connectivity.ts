// Main's word on the connection to Leyr (online or not, how many changes wait to be sent):
// app-wide, since the header shows it, the day's dialogs act on it and sign-out counts on it.
// And the window's own link to main (the web host's socket), which the header puts first:
// while it is down, nothing main said is current.
import { create } from 'zustand';
import type { BridgeStatus, ConnectivityStatus } from '../../preload/contract/index.ts';

interface ConnectivityState {
  /** Null until main has said, and again right after a switch to another clinic. */
  status: ConnectivityStatus | null;
  /** The link to main; `connected` unless the web host's bridge said otherwise. */
  bridge: BridgeStatus['state'];
  setConnectivity(status: ConnectivityStatus | null): void;
  setBridge(bridge: BridgeStatus['state']): void;
}

export const useConnectivity = create<ConnectivityState>((set) => ({
  status: null,
  bridge: 'connected',
  setConnectivity(status) {
    set({ status });
  },
  setBridge(bridge) {
    set({ bridge });
  },
}));
