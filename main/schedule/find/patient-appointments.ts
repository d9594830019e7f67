// A patient's appointments around today, for the find panel (issue 13: "I need to cancel my
// appointment"). Leyr lists them with its documented `patient_id` filter; the window (30 days
// back, 90 ahead) is longer than one listing may span (the sandbox takes at most 92 days, as
// a careful client should assume of Leyr), so it is listed in parts of at most MAX_SPAN_DAYS
// calendar days, at most two at once. Leyr documents no `resource_id` on an appointment: one
// that comes without takes the store's copy's resource where the store knows the appointment,
// and otherwise is placed by listing per resource, with the `resource_id` filter, but
// over only its days (find/placement.ts). Patient and service likewise come from the store's
// copy where Leyr leaves them out.
//
// What Leyr answered for days the day feed never fetched is added to the store's server copy
// (so a find made offline later has it); fetched days stay the day feed's (ownedByFind). This
// computer's unsent changes are laid over Leyr's answer.
// When Leyr cannot be reached, the store answers alone, marked `source: 'store'`.
import { FIND_DAYS_AFTER, FIND_DAYS_BEFORE, type CallParsedArg, type FoundAppointment, type PatientAppointments } from '../../../preload/contract/index.ts';
import type { Appointment, LeyrApi, TimeRange } from '../../leyr/api.ts';
import type { LocalAppointment } from '../../store/days/local-view.ts';
import type { AppointmentRecord } from '../../store/records.ts';
import { mapBounded } from '../common/bounded.ts';
import type { ScheduleContext } from '../common/context.ts';
import { addDays, dayRange } from '../common/day-time.ts';
import { appointmentRecord, completeFrom } from '../common/leyr-records.ts';
import { isOutOfReach } from '../common/out-of-reach.ts';
import { lacksResource } from '../common/resource-placement.ts';
import { placePatientAppointments } from './placement.ts';

/** Calendar days per listing: 91 days stay under a 92-day cap even when a DST day has 25 hours. */
export const MAX_SPAN_DAYS = 91;
/** Listings of one find at once. */
const PARTS_AT_ONCE = 2;

export interface PatientFinder {
  findPatientAppointments(arg: CallParsedArg<'findPatientAppointments'>): Promise<PatientAppointments>;
}

/** [from, to] (inclusive dates) cut into ranges of at most MAX_SPAN_DAYS days, midnight to midnight in `zone`. */
export function listingParts(from: string, to: string, zone: string, spanDays = MAX_SPAN_DAYS): TimeRange[] {
  const parts: TimeRange[] = [];
  for (let first = from; first <= to; first = addDays(first, spanDays)) {
    const last = addDays(first, spanDays - 1) < to ? addDays(first, spanDays - 1) : to;
    parts.push({ start: dayRange(first, zone).start, end: dayRange(last, zone).end });
  }
  return parts;
}

export function createPatientFinder(options: { ctx: ScheduleContext; api: LeyrApi }): PatientFinder {
  const { ctx, api } = options;
  const { store, accountId } = ctx;

  /** Leyr's appointments of the patient in `parts`, each with a resource where one can be learnt. */
  async function listFromLeyr(patientId: string, parts: readonly TimeRange[], zone: string): Promise<Appointment[]> {
    const listed = await mapBounded(parts, PARTS_AT_ONCE, (part) => api.listAppointments({ ...part, patient_id: patientId }));
    const byId = new Map<string, Appointment>();
    for (const result of listed) {
      if (result.status === 'rejected') throw result.reason;
      // An appointment across a part's edge is listed by both parts: once is enough.
      for (const appointment of result.value) if (!byId.has(appointment.id)) byId.set(appointment.id, appointment);
    }
    const known = store.days.serverAppointments(accountId, [...byId.keys()]);
    const completed = [...byId.values()].map((a) => {
      const copy = known.get(a.id) ?? null;
      const filled = completeFrom(a, copy);
      // The resource of the store's copy: the day refresher placed it from a listing of Leyr's.
      return filled.resource_id === null && copy?.resourceId != null ? { ...filled, resource_id: copy.resourceId } : filled;
    });
    if (!lacksResource(completed)) return completed;
    const resources = store.days.resources(accountId).map((r) => r.id);
    return placePatientAppointments(api, completed, resources, { patientId, zone });
  }

  /**
   * What of Leyr's answer goes into the store's server copy. A fetched day's server copy is the
   * day feed's: its refresh compares Leyr's day with it to mark what another desk changed and
   * to announce the day; a find that wrote there first would leave that refresh nothing to
   * see. So the find only adds days nobody fetched (for a find made offline later), and never
   * moves an appointment the store holds on a fetched day. Appointments a change of this
   * computer still works on keep the server copy the change queue settles against.
   */
  function ownedByFind(records: readonly AppointmentRecord[]): AppointmentRecord[] {
    const busy = store.outbox.activeTargets(accountId, records.map((r) => r.id));
    const stored = store.days.serverAppointments(accountId, records.map((r) => r.id));
    const fetched = new Map<string, boolean>();
    const isFetched = (date: string): boolean => {
      let known = fetched.get(date);
      if (known === undefined) {
        known = (store.days.day(accountId, date)?.fetchedAt ?? null) !== null;
        fetched.set(date, known);
      }
      return known;
    };
    return records.filter((r) => {
      if (busy.has(r.id) || isFetched(r.date)) return false;
      const copy = stored.get(r.id);
      return copy === undefined || !isFetched(copy.date);
    });
  }

  function view(found: LocalAppointment): FoundAppointment {
    const { record } = found;
    return {
      id: record.id,
      date: record.date,
      start: record.start,
      end: record.end,
      status: record.status,
      resourceId: record.resourceId,
      resourceName: null,
      serviceId: record.serviceId,
      serviceName: null,
      pending: found.pending,
    };
  }

  /** Names from the store's catalog, sorted by start. */
  function named(found: readonly FoundAppointment[]): FoundAppointment[] {
    const resources = new Map(store.days.resources(accountId).map((r) => [r.id, r.name]));
    const services = new Map(store.days.services(accountId).map((s) => [s.id, s.name]));
    return found
      .map((a) => ({ ...a, resourceName: a.resourceId === null ? null : (resources.get(a.resourceId) ?? null), serviceName: a.serviceId === null ? null : (services.get(a.serviceId) ?? null) }))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
  }

  async function findPatientAppointments({ patientId }: CallParsedArg<'findPatientAppointments'>): Promise<PatientAppointments> {
    const zone = ctx.zone();
    const today = ctx.today();
    const from = addDays(today, -FIND_DAYS_BEFORE);
    const to = addDays(today, FIND_DAYS_AFTER);
    const answer = (appointments: FoundAppointment[], source: 'leyr' | 'store'): PatientAppointments => ({ patientId, appointments: named(appointments), source, from, to, timeZone: zone });
    const local = (): LocalAppointment[] => store.days.patientAppointments(accountId, patientId, from, to);

    let listed: Appointment[];
    try {
      listed = await listFromLeyr(patientId, listingParts(from, to, zone), zone);
    } catch (error) {
      if (!isOutOfReach(error)) throw error;
      const found = local();
      store.audit.write({ accountId, at: ctx.nowIso(), actor: ctx.actor, action: 'patient.appointments', outcome: 'store', detail: `${found.length} found` });
      return answer(found.map(view), 'store');
    }
    if (!store.isOpen()) return answer([], 'leyr');

    const records: AppointmentRecord[] = listed.map((a) => appointmentRecord(a, zone)).filter((r) => r.date >= from && r.date <= to);
    const ids = records.map((r) => r.id);
    return store.transaction(() => {
      const owned = ownedByFind(records);
      if (owned.length > 0) store.days.upsertServer(accountId, owned, ctx.nextSyncSeq());
      // This computer's unsent changes over Leyr's answer: their version of the appointments
      // Leyr listed, and the patient's appointments only they know (a booking not yet sent).
      const overlay = new Map(local().filter((found) => found.pending).map((found) => [found.record.id, found]));
      const current = store.days.localAppointments(accountId, ids);
      const out: FoundAppointment[] = [];
      for (const record of records) {
        const pending = current.get(record.id);
        if (pending?.pending === true) {
          if (pending.record.patientId === patientId || pending.record.patientId === null) out.push(view(pending));
          overlay.delete(record.id);
        } else out.push(view({ record, pending: false, changeId: null }));
      }
      for (const found of overlay.values()) out.push(view(found));
      store.audit.write({ accountId, at: ctx.nowIso(), actor: ctx.actor, action: 'patient.appointments', outcome: 'leyr', detail: `${out.length} found` });
      return answer(out, 'leyr');
    });
  }

  return { findPatientAppointments };
}
