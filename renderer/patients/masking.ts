// Whether personal numbers start masked on screen: the clinic's setting (masked unless the
// receptionist turned masking off), told here by the settings feature, read by every screen
// that shows a personal number.
import { create } from 'zustand';

export const useMasking = create<{ mask: boolean }>(() => ({ mask: true }));

/** Personal numbers start masked unless the receptionist turned masking off. */
export const useMaskPersonalNumbers = (): boolean => useMasking((state) => state.mask);
