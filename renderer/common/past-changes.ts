// Whether the clinic allows moves and bookings into time that has passed (the setting
// `allowPastChanges`): told here by the settings feature, read by the day view, which then asks
// the receptionist to confirm each one instead of refusing it. Main checks again.
import { create } from 'zustand';

export const usePastChanges = create<{ allowed: boolean }>(() => ({ allowed: false }));

/** The rule as it stands now (for controllers outside React). */
export const pastChangesAllowed = (): boolean => usePastChanges.getState().allowed;
