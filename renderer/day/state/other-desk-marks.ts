// Appointments another desk changed a moment ago (the snapshot's `changedElsewhere`), marked
// on the grid for a few seconds so the receptionist sees what moved under her eyes. Kept
// apart from the day model: a mark comes and goes without rebuilding any block's strings;
// each column subscribes, and hands each block its own mark.
import { create } from 'zustand';
import type { ChangedElsewhere } from '../../../preload/contract/index.ts';

/** How long a mark shows, from when main noticed the change. */
export const MARK_SHOWN_MS = 10_000;

interface MarksState {
  /** Appointment id → when main noticed (ms). */
  marks: ReadonlyMap<string, number>;
  /** What a screen reader hears on a marked block, in the language shown. */
  words: string;
  receive(changed: readonly ChangedElsewhere[], words: string, nowMs?: number): void;
  clear(): void;
}

let expiry: ReturnType<typeof setTimeout> | null = null;

export const useOtherDeskMarks = create<MarksState>((set, get) => ({
  marks: new Map(),
  words: '',
  receive(changed, words, nowMs = Date.now()) {
    const marks = new Map<string, number>();
    for (const { appointmentId, at } of changed) {
      const atMs = Date.parse(at);
      if (nowMs - atMs < MARK_SHOWN_MS) marks.set(appointmentId, atMs);
    }
    const before = get().marks;
    if (marks.size === 0 && before.size === 0) return;
    set({ marks, words });
    if (expiry !== null) clearTimeout(expiry);
    expiry = null;
    const first = Math.min(...marks.values());
    if (marks.size > 0) expiry = setTimeout(() => get().receive(changed, words), first + MARK_SHOWN_MS - nowMs + 50);
  },
  clear() {
    if (expiry !== null) clearTimeout(expiry);
    expiry = null;
    set({ marks: new Map() });
  },
}));
