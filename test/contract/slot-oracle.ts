// An independent reading of the seed's schedules, to judge the sandbox's answers: where a
// resource works on a day, and whether an appointment sits exactly on one of its slots
// (start on the slot grid of a working period, wholly inside it, as long as its service).
import { DateTime } from 'luxon';
import type { Appointment } from '../../main/leyr/api.ts';
import type { SeedData } from '../../main/sandbox/seed.ts';

interface Period {
  startMs: number;
  endMs: number;
}

function wallClock(day: DateTime, clock: string): DateTime {
  if (clock === '24:00') return day.plus({ days: 1 }).startOf('day');
  const [hour = 0, minute = 0] = clock.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

export class SlotOracle {
  readonly #seed: SeedData;
  readonly #zone: string;
  readonly #slotMinutes: number;
  readonly #durations: Map<string, number>;

  constructor(seed: SeedData) {
    const [careUnit] = seed.care_units;
    if (!careUnit) throw new Error('the seed has no care unit');
    this.#seed = seed;
    this.#zone = careUnit.time_zone;
    this.#slotMinutes = careUnit.slot_minutes;
    this.#durations = new Map(seed.healthcare_services.map((service) => [service.id, service.duration_minutes]));
  }

  get zone(): string {
    return this.#zone;
  }

  get slotMinutes(): number {
    return this.#slotMinutes;
  }

  durationOf(serviceId: string): number | undefined {
    return this.#durations.get(serviceId);
  }

  /** The working periods of a resource on a local date (breaks cut out), in wall-clock order. */
  periods(resourceId: string, date: string): Period[] {
    const day = DateTime.fromISO(date, { zone: this.#zone }).startOf('day');
    const out: Period[] = [];
    for (const schedule of this.#seed.schedules) {
      if (schedule.resource_id !== resourceId || !schedule.weekdays.includes(day.weekday)) continue;
      let cursor = wallClock(day, schedule.start);
      const end = wallClock(day, schedule.end);
      const breaks = [...schedule.breaks].sort((a, b) => a.start.localeCompare(b.start));
      for (const pause of breaks) {
        const pauseStart = wallClock(day, pause.start);
        if (pauseStart > cursor) out.push({ startMs: cursor.toMillis(), endMs: Math.min(pauseStart.toMillis(), end.toMillis()) });
        const pauseEnd = wallClock(day, pause.end);
        if (pauseEnd > cursor) cursor = pauseEnd;
      }
      if (end > cursor) out.push({ startMs: cursor.toMillis(), endMs: end.toMillis() });
    }
    return out;
  }

  /** Why the appointment is not on a valid slot, or null when it is. */
  invalidity(appointment: Appointment): string | null {
    const resourceId = appointment.resource_id;
    const serviceId = appointment.healthcare_service_id;
    if (resourceId === null || serviceId === null) return 'no resource or service';
    const start = DateTime.fromISO(appointment.start, { setZone: true });
    const end = DateTime.fromISO(appointment.end, { setZone: true });
    const duration = this.#durations.get(serviceId);
    if (duration === undefined) return `unknown service ${serviceId}`;
    if (end.diff(start, 'minutes').minutes !== duration) return `lasts ${end.diff(start, 'minutes').minutes} min, ${serviceId} is ${duration}`;
    const resource = this.#seed.resources.find((candidate) => candidate.id === resourceId);
    if (!resource?.healthcare_service_ids.includes(serviceId)) return `${resourceId} does not offer ${serviceId}`;
    const date = start.setZone(this.#zone).toISODate() ?? '';
    const step = this.#slotMinutes * 60_000;
    for (const period of this.periods(resourceId, date)) {
      if (start.toMillis() < period.startMs || end.toMillis() > period.endMs) continue;
      if ((start.toMillis() - period.startMs) % step === 0) return null;
      return `starts off the ${this.#slotMinutes}-minute grid of its working period`;
    }
    return `not inside a working period of ${resourceId} on ${date}`;
  }
}
