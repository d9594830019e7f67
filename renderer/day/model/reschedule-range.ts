// The reschedule-series dialog's arithmetic: the times it offers (24-hour, on the clinic's
// slot grid, within the day drawn) and whether a new range is free for the series before
// anything is sent. Pure, for the tests.
import { mergeIntervals } from './layout.ts';
import type { SlotIndex } from './slot-index.ts';
import { covered } from './slot-index.ts';
import type { Interval, TimeAxis } from './time-axis.ts';

const MINUTE_MS = 60_000;

/** The instants on the slot grid from the axis start to its end, both included. */
export function gridTimes(axis: TimeAxis, gridMinutes: number): number[] {
  const step = Math.max(1, gridMinutes) * MINUTE_MS;
  const times: number[] = [];
  for (let ms = axis.startMs; ms <= axis.endMs; ms += step) times.push(ms);
  return times;
}

interface Series {
  resourceId: string;
  serviceId: string;
  startMs: number;
  endMs: number;
}

/**
 * Whether [startMs, endMs) is free for the series on its resource: inside the free time Leyr
 * listed for its service, counting the series' own place as free (it leaves it).
 */
export function rangeFree(slots: SlotIndex, day: Interval, series: Series, startMs: number, endMs: number): boolean {
  const free = slots.slotsWithin(series.resourceId, day.startMs, day.endMs).filter((slot) => slot.serviceId === series.serviceId);
  return covered(mergeIntervals([...free, { startMs: series.startMs, endMs: series.endMs }]), startMs, endMs);
}

/**
 * The length of one appointment of the series, as main plans it: its service's length, else
 * the length of the series' own appointments. A new range must hold a whole number of them.
 */
export function appointmentLengthMs(serviceMinutes: number | null | undefined, series: Pick<Series, 'startMs' | 'endMs'> & { count: number }): number {
  return serviceMinutes != null && serviceMinutes > 0 ? serviceMinutes * MINUTE_MS : (series.endMs - series.startMs) / Math.max(1, series.count);
}

/** Whether [startMs, endMs) holds a whole number of appointments of `lengthMs`. */
export const holdsWholeAppointments = (startMs: number, endMs: number, lengthMs: number): boolean => lengthMs > 0 && (endMs - startMs) % lengthMs === 0;
