// Which column an appointment belongs in, when Leyr does not say. `resource_id` on an
// appointment is the project's choice, not Leyr's documentation (docs/leyr-api.md); what
// Leyr documents is the `resource_id` filter of the appointment listing. So when a listing
// holds appointments without a resource, the same range is listed again per resource, with
// that filter, and each appointment found there belongs to that resource (the client fills
// the field from a plain-id filter, main/leyr/lists.ts). An appointment no resource's listing
// holds keeps no resource: it is not guessed.
import { skippedOf, type Appointment, type LeyrApi, type TimeRange } from '../../leyr/api.ts';
import { mapBounded } from './bounded.ts';

/** Listings per resource at once. */
const CONCURRENCY = 4;

export interface Placed {
  appointments: Appointment[];
  /** Items the per-resource listings could not read, summed over them. */
  unreadable: number;
}

/** True when some appointment of the listing comes without a resource. */
export const lacksResource = (appointments: readonly Appointment[]): boolean => appointments.some((a) => a.resource_id === null || a.resource_id === undefined);

/**
 * `appointments` (one listing of `range`) with each resource-less one placed by listing
 * `range` per resource of `resources`. Appointments only a per-resource listing holds are
 * added (they are Leyr's too). Rejects with the first listing's LeyrError.
 */
export async function placeByResource(api: LeyrApi, range: TimeRange, appointments: readonly Appointment[], resources: readonly string[], extra: { patient_id?: string } = {}): Promise<Placed> {
  const distinct = [...new Set(resources)];
  const results = await mapBounded(distinct, CONCURRENCY, (resourceId) => api.listAppointments({ start: range.start, end: range.end, resource_id: resourceId, ...extra }));
  const resourceOf = new Map<string, string>();
  const found = new Map<string, Appointment>();
  let unreadable = 0;
  for (const [index, result] of results.entries()) {
    if (result.status === 'rejected') throw result.reason;
    const resourceId = distinct[index] as string;
    unreadable += skippedOf(result.value).unreadable;
    for (const appointment of result.value) {
      if (!resourceOf.has(appointment.id)) resourceOf.set(appointment.id, resourceId);
      found.set(appointment.id, appointment);
    }
  }
  const out: Appointment[] = [];
  const seen = new Set<string>();
  for (const appointment of appointments) {
    seen.add(appointment.id);
    const resourceId = appointment.resource_id ?? resourceOf.get(appointment.id) ?? null;
    out.push(resourceId === appointment.resource_id ? appointment : { ...appointment, resource_id: resourceId });
  }
  for (const [id, appointment] of found) {
    if (seen.has(id)) continue;
    const resourceId = appointment.resource_id ?? resourceOf.get(id) ?? null;
    out.push({ ...appointment, resource_id: resourceId });
  }
  return { appointments: out, unreadable };
}
