// Free timeslots over the live state: the slot math of slots.ts, minus what appointments hold.
import type { SeedHealthcareService, SeedResource } from './seed.ts';
import { isFree, isSlotOf, slotsInPeriods, type Interval, type ServiceLength, type Slot } from './slots.ts';
import type { SandboxState } from './state.ts';
import { addDays, localDate } from './time.ts';

const MINUTE = 60_000;

const lengthOf = (service: SeedHealthcareService): ServiceLength => ({ id: service.id, durationMs: service.duration_minutes * MINUTE });

function slotMinutesOf(state: SandboxState, resource: SeedResource): number {
  return state.careUnits.get(resource.care_unit_id)?.slot_minutes ?? 15;
}

/** The services a resource offers, optionally narrowed to one. */
export function servicesOf(state: SandboxState, resource: SeedResource, onlyServiceId?: string): SeedHealthcareService[] {
  return resource.healthcare_service_ids
    .filter((serviceId) => onlyServiceId === undefined || serviceId === onlyServiceId)
    .map((serviceId) => state.services.get(serviceId))
    .filter((service): service is SeedHealthcareService => service !== undefined);
}

/** Free slots of the resources that lie wholly inside [startMs, endMs), sorted by start, resource, service. */
export function listFreeSlots(state: SandboxState, resources: SeedResource[], startMs: number, endMs: number, serviceId?: string): Slot[] {
  const out: Slot[] = [];
  // Shifts that start the day before may run into the range (night shifts).
  const datesByZone = new Map<string, string[]>();
  const datesIn = (zone: string): string[] => {
    let dates = datesByZone.get(zone);
    if (dates === undefined) {
      dates = [];
      const last = localDate(endMs - 1, zone);
      for (let date = addDays(localDate(startMs, zone), -1); date <= last; date = addDays(date, 1)) dates.push(date);
      datesByZone.set(zone, dates);
    }
    return dates;
  };
  for (const resource of resources) {
    const services = servicesOf(state, resource, serviceId).map(lengthOf);
    if (services.length === 0) continue;
    const periods: Interval[] = [];
    for (const date of datesIn(state.schedules.zoneOf(resource.id))) periods.push(...state.schedules.periodsOn(resource.id, date));
    const busy = state.busyIntervals(resource.id, startMs, endMs);
    for (const slot of slotsInPeriods(periods, services, slotMinutesOf(state, resource), resource.id)) {
      if (slot.startMs >= startMs && slot.endMs <= endMs && isFree(busy, slot)) out.push(slot);
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs || cmp(a.resourceId, b.resourceId) || cmp(a.serviceId, b.serviceId));
}

export interface SlotRequest {
  resource: SeedResource;
  /** The services that may fill the slot: the one asked for, or every one the resource offers. */
  services: SeedHealthcareService[];
  startMs: number;
  endMs: number;
  /** Appointments whose own occupancy counts as free (the ones being moved). */
  ignore?: ReadonlySet<string>;
  /** Intervals taken by other parts of the same request (a bulk move placing several). */
  alsoBusy?: Interval[];
}

/** The services for which [startMs, endMs) is a free slot of the resource: one is a match, none or several a refusal. */
export function matchingServices(state: SandboxState, request: SlotRequest): SeedHealthcareService[] {
  const { resource, startMs, endMs } = request;
  if (endMs <= startMs) return [];
  const periods = state.schedules.periodsTouching(resource.id, startMs, endMs);
  const slotMinutes = slotMinutesOf(state, resource);
  const fitting = request.services.filter((service) => isSlotOf(periods, startMs, endMs, service.duration_minutes * MINUTE, slotMinutes));
  if (fitting.length === 0) return [];
  const busy = [...state.busyIntervals(resource.id, startMs, endMs, request.ignore), ...(request.alsoBusy ?? [])].sort((a, b) => a.startMs - b.startMs);
  return isFree(busy, { startMs, endMs }) ? fitting : [];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
