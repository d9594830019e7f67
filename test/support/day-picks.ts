// Finding test data in a day snapshot: appointments to change and free slots to use.
import type { AppointmentView, DaySnapshot, FreeSlot } from '../../preload/contract/index.ts';

const ms = (iso: string): number => Date.parse(iso);

export function booked(snapshot: DaySnapshot): AppointmentView[] {
  return snapshot.appointments.filter((a) => a.status === 'booked' && !a.pending);
}

/** A free slot of the appointment's resource and service (at another time). */
export function freeSlotFor(snapshot: DaySnapshot, appointment: AppointmentView, resourceId = appointment.resourceId): FreeSlot | undefined {
  return snapshot.freeSlots.find(
    (slot) =>
      slot.resourceId === resourceId &&
      slot.serviceId === appointment.serviceId &&
      ms(slot.end) - ms(slot.start) === ms(appointment.end) - ms(appointment.start) &&
      !(slot.resourceId === appointment.resourceId && ms(slot.start) === ms(appointment.start)),
  );
}

/** An appointment and another resource where its very time is free. */
/** The day's first booked appointment and a free time of its resource it can move to; throws when the day has none. */
export function firstMovable(snapshot: DaySnapshot): { appointment: AppointmentView; slot: FreeSlot } {
  const appointment = booked(snapshot)[0];
  const slot = appointment === undefined ? undefined : freeSlotFor(snapshot, appointment);
  if (appointment === undefined || slot === undefined) throw new Error(`the day ${snapshot.date} has no booked appointment with a free time to move to`);
  return { appointment, slot };
}

export function movableToOtherResource(snapshot: DaySnapshot, exclude: ReadonlySet<string> = new Set()): { appointment: AppointmentView; resourceId: string } | undefined {
  for (const appointment of booked(snapshot)) {
    if (exclude.has(appointment.id)) continue;
    const slot = snapshot.freeSlots.find(
      (s) => s.resourceId !== appointment.resourceId && s.serviceId === appointment.serviceId && ms(s.start) === ms(appointment.start) && ms(s.end) === ms(appointment.end),
    );
    if (slot !== undefined) return { appointment, resourceId: slot.resourceId };
  }
  return undefined;
}

/** `count` back-to-back free slots of one resource and service. */
export function contiguousFree(snapshot: DaySnapshot, serviceId: string, durationMinutes: number, count: number, resourceId?: string): { resourceId: string; start: string; end: string; slots: FreeSlot[] } | undefined {
  const length = durationMinutes * 60_000;
  const free = snapshot.freeSlots.filter((s) => s.serviceId === serviceId && (resourceId === undefined || s.resourceId === resourceId) && ms(s.end) - ms(s.start) === length);
  const byKey = new Map(free.map((s) => [`${s.resourceId}|${ms(s.start)}`, s]));
  for (const first of free) {
    const slots: FreeSlot[] = [];
    for (let i = 0; i < count; i += 1) {
      const slot = byKey.get(`${first.resourceId}|${ms(first.start) + i * length}`);
      if (slot === undefined) break;
      slots.push(slot);
    }
    if (slots.length === count) return { resourceId: first.resourceId, start: first.start, end: (slots[count - 1] as FreeSlot).end, slots };
  }
  return undefined;
}

export const sameInstant = (a: string, b: string): boolean => ms(a) === ms(b);
