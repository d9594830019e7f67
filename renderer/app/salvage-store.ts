// What the window knows of the store's salvage: what happened at this start (main's
// getSalvage) and the changes read back and held, kept in step by `salvage.changed`. Sending
// or discarding is main's to do; this only asks and shows the answer.
import { create } from 'zustand';
import type { AppError, SalvageView } from '../../preload/contract/index.ts';
import { frontdesk } from '../common/frontdesk.ts';

interface SalvageState {
  view: SalvageView | null;
  reviewing: boolean;
  /** Change ids with a decision on the way. */
  busy: ReadonlySet<string>;
  error: AppError | null;
  load(): Promise<void>;
  setReviewing(reviewing: boolean): void;
  decide(decision: 'send' | 'discard', changeIds: readonly string[]): Promise<boolean>;
}

let subscribed = false;

export const useSalvage = create<SalvageState>((set, get) => ({
  view: null,
  reviewing: false,
  busy: new Set(),
  error: null,
  async load() {
    if (!subscribed) {
      subscribed = true;
      frontdesk().on('salvage.changed', (view) => set({ view }));
    }
    const result = await frontdesk().getSalvage();
    if (result.ok) set({ view: result.value });
  },
  setReviewing: (reviewing) => set({ reviewing }),
  async decide(decision, changeIds) {
    if (changeIds.length === 0) return false;
    set({ busy: new Set([...get().busy, ...changeIds]), error: null });
    const call = decision === 'send' ? frontdesk().sendSalvagedChanges : frontdesk().discardSalvagedChanges;
    const result = await call({ changeIds: [...changeIds] });
    const busy = new Set(get().busy);
    for (const id of changeIds) busy.delete(id);
    if (result.ok) set({ view: result.value, busy, reviewing: get().reviewing && result.value.changes.length > 0 });
    else set({ busy, error: result.error });
    return result.ok;
  },
}));
