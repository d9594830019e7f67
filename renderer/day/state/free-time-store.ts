// The "first free time" panel's question and answer, kept while the app runs: after booking
// a result, F shows the same question and list again (the booked time gone once searched
// again). Searching asks main (findFreeTimes), which asks Leyr or answers from its cache.
import { create } from 'zustand';
import type { AppError, FreeTimeAnswer, FreeTimeSlot, PartOfDay } from '../../../preload/contract/index.ts';
import { readWhenNotBusy } from '../../common/busy-retry.ts';
import { frontdesk } from '../../common/frontdesk.ts';
import { useDay } from './day-store.ts';

export interface FreeTimeQuestion {
  serviceId: string;
  /** Empty: any doctor. */
  resourceIds: string[];
  /** YYYY-MM-DD; null: today. */
  from: string | null;
  partOfDay: PartOfDay;
  count: number;
}

export const DEFAULT_COUNT = 10;

interface FreeTimeState {
  question: FreeTimeQuestion | null;
  /** The results shown: the first answer, then each "More" appended. */
  slots: FreeTimeSlot[];
  /** The last answer's facts (source, how far searched, whether there is more). */
  answer: Omit<FreeTimeAnswer, 'slots'> | null;
  searching: boolean;
  error: AppError | null;
  setQuestion(question: FreeTimeQuestion): void;
  /** Asks the question anew; resolves once answered. */
  search(question: FreeTimeQuestion, today: string): Promise<void>;
  /** The next results after the last one shown. */
  more(today: string): Promise<void>;
  /** A result turned out to be taken: off the list. */
  drop(slot: FreeTimeSlot): void;
  /** Forgets the question and answer (another clinic: its services and doctors are others). */
  reset(): void;
}

let latest = 0;

export const useFreeTime = create<FreeTimeState>((set, get) => {
  const ask = async (question: FreeTimeQuestion, today: string, after: FreeTimeSlot | null): Promise<void> => {
    const mine = ++latest;
    set({ searching: true, error: null });
    const result = await readWhenNotBusy(
      () =>
        frontdesk().findFreeTimes({
          serviceId: question.serviceId,
          ...(question.resourceIds.length > 0 && { resourceIds: question.resourceIds }),
          from: question.from ?? today,
          partOfDay: question.partOfDay,
          count: question.count,
          ...(after !== null && { after: { start: after.start, resourceId: after.resourceId } }),
        }),
      () => mine === latest,
    );
    if (mine !== latest) return;
    if (!result.ok) {
      set({ searching: false, error: result.error });
      return;
    }
    const { slots, ...facts } = result.value;
    set({ searching: false, answer: facts, slots: after === null ? slots : [...get().slots, ...slots] });
  };
  return {
    question: null,
    slots: [],
    answer: null,
    searching: false,
    error: null,
    setQuestion: (question) => set({ question }),
    async search(question, today) {
      set({ question, slots: [], answer: null });
      await ask(question, today, null);
    },
    async more(today) {
      const { question, slots } = get();
      const last = slots.at(-1);
      if (question === null || last === undefined) return;
      await ask(question, today, last);
    },
    drop(slot) {
      set({ slots: get().slots.filter((s) => s !== slot) });
    },
    reset() {
      latest += 1;
      set({ question: null, slots: [], answer: null, searching: false, error: null });
    },
  };
});

// Another clinic in use: the previous one's service and doctors mean nothing here (as the find panel, find-store.ts).
useDay.subscribe((state, previous) => {
  if (previous.careUnitId !== null && state.careUnitId !== previous.careUnitId) useFreeTime.getState().reset();
});
