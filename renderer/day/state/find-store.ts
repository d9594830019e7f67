// The find panel's state (issue 13): what is typed, the patients found (Leyr's patient
// search, or the store's known patients while Leyr is out of reach), the patient chosen and
// their appointments (findPatientAppointments). The open day's matches are not kept here:
// they are computed from the day model as the query changes (model/find-in-day.ts).
import { create } from 'zustand';
import type { PatientAppointments, PatientView } from '../../../preload/contract/index.ts';
import { classifyPatientQuery, searchQueryFor, type EhrCode } from '../../../preload/contract/patient-ids.ts';
import { frontdesk } from '../../common/frontdesk.ts';
import { readWhenNotBusy } from '../../common/busy-retry.ts';
import { errorText } from './actions.ts';
import { useDay } from './day-store.ts';

/** Typing pauses this long before the patients are asked for (the day's matches show at once). */
export const SEARCH_DELAY_MS = 250;

interface FindState {
  open: boolean;
  query: string;
  patients: { patients: PatientView[]; source: 'leyr' | 'store' } | null;
  searching: boolean;
  searchError: string | null;
  chosen: PatientView | null;
  appointments: PatientAppointments | null;
  loading: boolean;
  error: string | null;
  setOpen(open: boolean): void;
  setQuery(query: string, emr: EhrCode): void;
  choose(patient: PatientView): Promise<void>;
  /** Fetches the chosen patient's appointments again (after a change made from the panel). */
  reload(): Promise<void>;
  reset(): void;
}

/** What the patient search is sent for a query: only what this EHR can look up; null for nothing. */
export function searchTerm(query: string, emr: EhrCode): string | null {
  const parsed = classifyPatientQuery(query, emr);
  if (parsed.kind === 'id') return searchQueryFor(parsed.id);
  return parsed.kind === 'name' && parsed.searchable ? parsed.words : null;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let searchSeq = 0;
let findSeq = 0;

export const useFind = create<FindState>((set, get) => ({
  open: false,
  query: '',
  patients: null,
  searching: false,
  searchError: null,
  chosen: null,
  appointments: null,
  loading: false,
  error: null,

  setOpen(open) {
    if (get().open !== open) set({ open });
  },

  setQuery(query, emr) {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const mine = ++searchSeq;
    findSeq += 1;
    // A new query forgets the patient chosen for the previous one.
    set({ query, open: true, chosen: null, appointments: null, loading: false, error: null, searchError: null });
    const term = searchTerm(query, emr);
    if (term === null) {
      set({ patients: null, searching: false });
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      set({ searching: true });
      void readWhenNotBusy(() => frontdesk().searchPatients({ query: term }), () => mine === searchSeq).then((result) => {
        if (mine !== searchSeq) return;
        if (result.ok) set({ patients: result.value, searching: false, searchError: null });
        else set({ patients: null, searching: false, searchError: errorText(result.error) });
      });
    }, SEARCH_DELAY_MS);
  },

  async choose(patient) {
    set({ chosen: patient, appointments: null });
    await get().reload();
  },

  async reload() {
    const { chosen } = get();
    if (chosen === null) return;
    const mine = ++findSeq;
    set({ loading: true, error: null });
    const result = await readWhenNotBusy(() => frontdesk().findPatientAppointments({ patientId: chosen.id }), () => mine === findSeq);
    if (mine !== findSeq) return;
    if (result.ok) set({ appointments: result.value, loading: false });
    else set({ loading: false, error: errorText(result.error) });
  },

  reset() {
    if (timer !== null) clearTimeout(timer);
    searchSeq += 1;
    findSeq += 1;
    set({ open: false, query: '', patients: null, searching: false, searchError: null, chosen: null, appointments: null, loading: false, error: null });
  },
}));

// Another clinic in use: its predecessor's patients and appointments leave the panel.
useDay.subscribe((state, previous) => {
  if (previous.careUnitId !== null && state.careUnitId !== previous.careUnitId) useFind.getState().reset();
});
