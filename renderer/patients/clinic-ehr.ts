// Which EHR the clinic in use runs (Leyr's lowercase code, e.g. webdoc, dips, anitasystems),
// told here by the settings feature from main's mode view, read by every screen that checks
// patient ids against it (the booking dialog's search and "New patient" form). Null until
// main has said; the screens then take every id type and leave the last word to main.
import { create } from 'zustand';

export const useClinicEhr = create<{ emr: string | null }>(() => ({ emr: null }));

/** The EHR code of the clinic in use, or null while main has not said. */
export const useEhrCode = (): string | null => useClinicEhr((state) => state.emr);
