// Rebooking a sick resource's appointments (issue 13: "Dr. Lindqvist is sick, move her
// patients"): the proposal main computes for each appointment, and the one rule both sides
// use to tell whether two chosen slots collide.
import { z } from 'zod';
import { idListArg, type AppointmentView } from './schedule.ts';

/** Why a slot is proposed: the same time with another resource, the nearest free time that day, or a later day. */
export type RebookReason = 'same-time' | 'same-day' | 'later-day';

/** A free slot proposed for one appointment. */
export interface RebookSlot {
  resourceId: string;
  serviceId: string | null;
  /** ISO 8601 with offset. */
  start: string;
  end: string;
  /** YYYY-MM-DD in the care unit's zone. */
  date: string;
  reason: RebookReason;
}

/** One appointment to rebook: as shown now, the proposal (null when no free slot was found) and the next candidates. */
export interface RebookRow {
  appointment: AppointmentView;
  /** It has started (the care unit's clock): nothing is proposed for it. */
  started: boolean;
  proposal: RebookSlot | null;
  /** Other free slots it could take instead, best first; none of them is another row's proposal. */
  alternatives: RebookSlot[];
}

export interface RebookProposal {
  rows: RebookRow[];
  /** The last day searched for free slots (YYYY-MM-DD). */
  searchedThrough: string;
  /** Days whose free slots could not be read (not held on this computer, and Leyr could not be asked). */
  unreadDays: number;
}

/** The appointments of one proposal lie within this many calendar days (first to last, both counted). */
export const REBOOK_MAX_SPAN_DAYS = 31;

export const proposeRebookArg = z.strictObject({ appointmentIds: idListArg.max(200, 'may name at most 200 appointments') });

/** Two slots collide when one resource would hold both at once (the same slot, or overlapping ones). */
export function slotsCollide(a: Pick<RebookSlot, 'resourceId' | 'start' | 'end'>, b: Pick<RebookSlot, 'resourceId' | 'start' | 'end'>): boolean {
  return a.resourceId === b.resourceId && Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
}
