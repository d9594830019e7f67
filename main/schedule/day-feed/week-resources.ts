// The week answers only the resources it shows: a big clinic's day holds some eighty
// resources' appointments and free slots, five of them are megabytes to send over the bridge,
// parse and compose, of which a week of one resource draws a few hundred bytes. The resource
// list stays whole (the week's toolbar chooses from it).
import type { DaySnapshot } from '../../../preload/contract/index.ts';

export function onlyResources(days: readonly DaySnapshot[], resourceIds: readonly string[] | undefined): DaySnapshot[] {
  if (resourceIds === undefined) return [...days];
  const wanted = new Set(resourceIds);
  return days.map((day) => ({
    ...day,
    appointments: day.appointments.filter((view) => view.resourceId !== null && wanted.has(view.resourceId)),
    freeSlots: day.freeSlots.filter((slot) => wanted.has(slot.resourceId)),
  }));
}
