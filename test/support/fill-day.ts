// Makes a day full in the sandbox the way a busy day is full: another desk books Leyr's free
// slots (through the Leyr API, as any client would) until no resource but the spared one has
// a free slot left in the range. Used where a test or a bench needs "nobody else has time today".
import type { LeyrApi, Timeslot, TimeRange } from '../../main/leyr/api.ts';

export interface FillDayOptions {
  /** The range to fill (a day, with the care unit's offset). */
  range: TimeRange;
  /** The resource whose free slots are left alone (the sick doctor's). */
  spare?: string;
  /** Leyr ids of the patients the fillers are booked for, in turn. */
  patientIds: readonly string[];
  /** A bound on the rounds (each round books non-overlapping slots, then looks again). */
  maxRounds?: number;
}

/** Books fillers until no free slot is left in the range but the spared resource's; answers how many were booked. */
export async function fillDay(api: LeyrApi, { range, spare, patientIds, maxRounds = 20 }: FillDayOptions): Promise<number> {
  let booked = 0;
  for (let round = 0; round < maxRounds; round += 1) {
    const free = (await api.listTimeslots(range)).filter((slot) => slot.resource_id !== spare);
    if (free.length === 0) return booked;
    // Per resource, slots that do not overlap one another (earliest first): all can be booked
    // in this round; what a longer service's slot left uncovered is found in the next.
    const picks: Timeslot[] = [];
    const lastEnd = new Map<string, number>();
    for (const slot of [...free].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
      if (Date.parse(slot.start) < (lastEnd.get(slot.resource_id) ?? -Infinity)) continue;
      picks.push(slot);
      lastEnd.set(slot.resource_id, Date.parse(slot.end));
    }
    for (const slot of picks) {
      await api.createAppointment({
        start: slot.start,
        end: slot.end,
        resource_id: slot.resource_id,
        ...(slot.healthcare_service_id !== null && { healthcare_service_id: slot.healthcare_service_id }),
        patient_id: patientIds[booked % patientIds.length] ?? '',
        comment: 'Filler: the day is full',
      });
      booked += 1;
    }
  }
  throw new Error(`the range still has free slots after ${maxRounds} rounds`);
}
