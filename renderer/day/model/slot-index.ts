// Answers "is there a free slot of the right length here?" in O(1) / O(log n), for the drag
// (every time the snapped target changes), for keyboard moves and for booking. Built once per
// snapshot from its free timeslots.
//
// Leyr accepts a move when one free slot matches it exactly: same resource, start and end,
// for a service the resource offers. The slots Leyr lists as free leave out the time the
// moved appointment itself occupies, so a move that overlaps its own old place is checked
// against the resource's free working time plus that old place.
import { mergeIntervals } from './layout.ts';
import type { Interval } from './time-axis.ts';

const MINUTE_MS = 60_000;

export interface IndexSlot {
  resourceId: string;
  serviceId: string;
  startMs: number;
  endMs: number;
}

export interface MovingAppointment {
  id: string;
  resourceId: string;
  serviceId: string;
  startMs: number;
  endMs: number;
}

export type TargetCheck =
  | { ok: true; startMs: number; endMs: number; resourceId: string }
  | { ok: false; reason: TargetRefusal; startMs: number; endMs: number; resourceId: string };

type TargetRefusal =
  /** The target is where the appointment already is. */
  | 'unchanged'
  /** The resource has no free slot for this service on the day. */
  | 'service_not_offered'
  /** No free slot of the appointment's length starts there. */
  | 'no_free_slot'
  /** The target time has passed (model/past.ts). */
  | 'past';

export interface SlotIndex {
  /** The slot grid in minutes (the care unit's `slot_minutes`, read off the slots). */
  gridMinutes: number;
  /** An exact free slot: resource, service, start and end. */
  hasSlot(resourceId: string, serviceId: string, startMs: number, endMs: number): boolean;
  /** The resource's free working time, merged and sorted. */
  freeTime(resourceId: string): readonly Interval[];
  /** Services with at least one free slot on this resource today. */
  offers(resourceId: string, serviceId: string): boolean;
  /** Free slots of a resource starting inside [startMs, endMs), by start then service. */
  slotsWithin(resourceId: string, startMs: number, endMs: number): IndexSlot[];
  /** Whether the appointment may move to [startMs, startMs + its length) on the resource. */
  checkMove(appointment: MovingAppointment, resourceId: string, startMs: number): TargetCheck;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Index of the last interval starting at or before ms, or -1. */
function lastStartingAtOrBefore(intervals: readonly Interval[], ms: number): number {
  let lo = 0;
  let hi = intervals.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (intervals[mid]!.startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** True when [startMs, endMs) lies inside one of the sorted, disjoint intervals. */
export function covered(intervals: readonly Interval[], startMs: number, endMs: number): boolean {
  const index = lastStartingAtOrBefore(intervals, startMs);
  if (index === -1) return false;
  return intervals[index]!.endMs >= endMs;
}

export function buildSlotIndex(slots: readonly IndexSlot[]): SlotIndex {
  const exact = new Set<string>();
  const offered = new Set<string>();
  const byResource = new Map<string, IndexSlot[]>();
  let grid = 0;
  for (const slot of slots) {
    exact.add(`${slot.resourceId}\u0000${slot.serviceId}\u0000${slot.startMs}\u0000${slot.endMs}`);
    offered.add(`${slot.resourceId}\u0000${slot.serviceId}`);
    let list = byResource.get(slot.resourceId);
    if (list === undefined) byResource.set(slot.resourceId, (list = []));
    list.push(slot);
    const minutes = Math.round(slot.startMs / MINUTE_MS);
    grid = gcd(grid, Math.abs(minutes % 60));
  }
  const gridMinutes = grid === 0 ? 15 : Math.max(5, grid);
  const freeTimes = new Map<string, Interval[]>();
  for (const [resourceId, list] of byResource) {
    list.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || (a.serviceId < b.serviceId ? -1 : 1));
    freeTimes.set(resourceId, mergeIntervals(list));
  }
  const hasSlot = (resourceId: string, serviceId: string, startMs: number, endMs: number): boolean =>
    exact.has(`${resourceId}\u0000${serviceId}\u0000${startMs}\u0000${endMs}`);
  const offers = (resourceId: string, serviceId: string): boolean => offered.has(`${resourceId}\u0000${serviceId}`);

  return {
    gridMinutes,
    hasSlot,
    offers,
    freeTime: (resourceId) => freeTimes.get(resourceId) ?? [],
    slotsWithin(resourceId, startMs, endMs) {
      const list = byResource.get(resourceId) ?? [];
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.startMs < startMs) lo = mid + 1;
        else hi = mid;
      }
      const found: IndexSlot[] = [];
      for (let i = lo; i < list.length && list[i]!.startMs < endMs; i += 1) found.push(list[i]!);
      return found;
    },
    checkMove(appointment, resourceId, startMs) {
      const endMs = startMs + (appointment.endMs - appointment.startMs);
      const target = { startMs, endMs, resourceId };
      if (resourceId === appointment.resourceId && startMs === appointment.startMs) return { ok: false, reason: 'unchanged', ...target };
      if (hasSlot(resourceId, appointment.serviceId, startMs, endMs)) return { ok: true, ...target };
      const ownResource = resourceId === appointment.resourceId;
      if (!ownResource && !offers(resourceId, appointment.serviceId)) return { ok: false, reason: 'service_not_offered', ...target };
      if (ownResource && startMs < appointment.endMs && endMs > appointment.startMs) {
        // Overlaps its own old place: that time is free once the appointment leaves it, so
        // the parts before and after the old place must be free working time.
        const free = freeTimes.get(resourceId) ?? [];
        const onGrid = Math.round((startMs - appointment.startMs) / MINUTE_MS) % gridMinutes === 0;
        const headFree = startMs >= appointment.startMs || covered(free, startMs, appointment.startMs);
        const tailFree = endMs <= appointment.endMs || covered(free, appointment.endMs, endMs);
        if (onGrid && headFree && tailFree) return { ok: true, ...target };
      }
      return { ok: false, reason: 'no_free_slot', ...target };
    },
  };
}
