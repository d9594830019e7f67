// Placing a patient's appointments that Leyr listed without a resource (the find panel). Leyr
// documents the `resource_id` filter of the listing, not a resource on the appointment, so an
// appointment without one is looked for in per-resource listings (as the day refresher does,
// common/resource-placement.ts). A patient's window is 120 days, a clinic has many doctors:
// listing the whole window per resource cost one request per resource and part (about 160 in
// a big clinic). Here only the days that hold an unplaced appointment are listed (runs of
// days, with the patient filter), the resources the patient's other appointments name first,
// a few resources at a time, stopping once every appointment has its column, and never more
// than MAX_PLACEMENT_LISTINGS requests: what is still unplaced then keeps no resource (the
// panel says "Unknown resource"), it is not guessed.
import type { Appointment, LeyrApi, TimeRange } from '../../leyr/api.ts';
import { mapBounded } from '../common/bounded.ts';
import { addDays, dateOf, dayRange } from '../common/day-time.ts';

/** Per-resource listings of one find, at most. */
export const MAX_PLACEMENT_LISTINGS = 24;
/** Listings at once. */
const AT_ONCE = 4;
/** Runs of days this close (days between them) are listed as one: one request instead of two. */
const JOIN_GAP_DAYS = 3;
/** A run never spans more than this (the listing's cap is 92 days). */
const MAX_RUN_DAYS = 91;

const unplaced = (a: Appointment): boolean => a.resource_id === null || a.resource_id === undefined;

/** The runs of days (in `zone`) holding the appointments, joined across short gaps, each at most MAX_RUN_DAYS. */
export function runsOfDays(appointments: readonly Appointment[], zone: string): TimeRange[] {
  const days = new Set<string>();
  for (const a of appointments) {
    const first = dateOf(a.start, zone);
    // An appointment ending at midnight belongs to its start's day only.
    const last = dateOf(new Date(Math.max(Date.parse(a.start), Date.parse(a.end) - 1)).toISOString(), zone);
    for (let day = first; day <= last; day = addDays(day, 1)) days.add(day);
  }
  const sorted = [...days].sort();
  const runs: { first: string; last: string }[] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    if (run !== undefined && addDays(run.last, JOIN_GAP_DAYS + 1) >= day && addDays(run.first, MAX_RUN_DAYS - 1) >= day) run.last = day;
    else runs.push({ first: day, last: day });
  }
  return runs.map((run) => ({ start: dayRange(run.first, zone).start, end: dayRange(run.last, zone).end }));
}

/**
 * `appointments` with those lacking a resource placed by per-resource listings (patient
 * filter kept) of only their days. `resources`: the catalog's, in its order. Rejects with
 * the first listing's LeyrError.
 */
export async function placePatientAppointments(
  api: LeyrApi,
  appointments: readonly Appointment[],
  resources: readonly string[],
  options: { patientId: string; zone: string; maxListings?: number },
): Promise<Appointment[]> {
  const budget = options.maxListings ?? MAX_PLACEMENT_LISTINGS;
  // The patient's own doctors first: a missing column is most likely one of theirs.
  const theirs = appointments.filter((a) => !unplaced(a)).map((a) => a.resource_id as string);
  const order = [...new Set([...theirs, ...resources])];
  const placed = new Map<string, string>();
  const extra = new Map<string, Appointment>();
  const missing = (): Appointment[] => appointments.filter((a) => unplaced(a) && !placed.has(a.id));
  let spent = 0;
  let next = 0;
  while (next < order.length && spent < budget) {
    const left = missing();
    if (left.length === 0) break;
    const runs = runsOfDays(left, options.zone);
    // As many resources as the budget allows, each listed over every run.
    const take = Math.max(1, Math.min(AT_ONCE, Math.floor((budget - spent) / runs.length)));
    const batch = order.slice(next, next + take);
    next += batch.length;
    const asks = batch.flatMap((resourceId) => runs.map((run) => ({ resourceId, run }))).slice(0, budget - spent);
    spent += asks.length;
    const results = await mapBounded(asks, AT_ONCE, ({ resourceId, run }) => api.listAppointments({ ...run, resource_id: resourceId, patient_id: options.patientId }));
    for (const [index, result] of results.entries()) {
      if (result.status === 'rejected') throw result.reason;
      const resourceId = (asks[index] as { resourceId: string }).resourceId;
      for (const found of result.value) {
        if (!placed.has(found.id)) placed.set(found.id, resourceId);
        // One only a per-resource listing holds is Leyr's too.
        if (!extra.has(found.id)) extra.set(found.id, found);
      }
    }
  }
  const out = appointments.map((a) => (unplaced(a) && placed.has(a.id) ? { ...a, resource_id: placed.get(a.id) as string } : a));
  const seen = new Set(appointments.map((a) => a.id));
  for (const [id, found] of extra) if (!seen.has(id)) out.push(unplaced(found) ? { ...found, resource_id: placed.get(id) ?? null } : found);
  return out;
}
