// How the EHR behind the sandbox behaves. Leyr fronts many EHRs that differ in two ways the
// app must handle: some book and cancel directly (WebDoc), others (Anita Systems) answer a
// booking with `awaiting_confirmation` until the patient's code is sent, and cancel in two
// steps. The sandbox picks the behaviour from the EHR code it serves.

export interface EhrProfile {
  /** A new booking answers `awaiting_confirmation` and holds its slot until confirmed. */
  bookingNeedsConfirmation: boolean;
  /** A cancel answers a new `awaiting_confirmation` record; its code cancels the original. */
  twoStepCancel: boolean;
}

const CONFIRMING: EhrProfile = { bookingNeedsConfirmation: true, twoStepCancel: true };
const DIRECT: EhrProfile = { bookingNeedsConfirmation: false, twoStepCancel: false };

/** EHR codes that confirm bookings and cancels by a code texted to the patient. */
export const CONFIRMING_EHRS: ReadonlySet<string> = new Set(['anitasystems']);

export function profileFor(emr: string): EhrProfile {
  return CONFIRMING_EHRS.has(emr) ? CONFIRMING : DIRECT;
}
