// Leyr's appointment statuses and the two rules the whole app reads from them: which
// statuses hold their slot (nobody else can be booked there) and which can still be moved
// or cancelled. One place, so the sandbox, main's store and the grid cannot disagree.

/** The statuses Leyr documents; an answer may carry another, which the app shows as it is. */
export const KNOWN_STATUSES = ['booked', 'awaiting_confirmation', 'completed', 'cancelled'] as const;
export type KnownAppointmentStatus = (typeof KNOWN_STATUSES)[number];
/** A status as Leyr sends it: one of the known ones, or one added later. */
export type AppointmentStatus = KnownAppointmentStatus | (string & {});

export const isKnownStatus = (status: string): status is KnownAppointmentStatus => (KNOWN_STATUSES as readonly string[]).includes(status);

/** Statuses whose appointment occupies its time with its resource. */
export const SLOT_HOLDING_STATUSES: ReadonlySet<string> = new Set<KnownAppointmentStatus>(['booked', 'awaiting_confirmation']);

/** The appointment occupies its slot: no other booking may overlap it. */
export const holdsSlot = (status: string): boolean => SLOT_HOLDING_STATUSES.has(status);

/** The appointment can still be moved or cancelled (the same statuses that hold a slot). */
export const canChange = (status: string): boolean => holdsSlot(status);
