// Before a pending change leaves: is Leyr still where the change was made?
//
// A receptionist acts on the day as it was last fetched, and another desk may have changed it
// since (the open day refreshes every 30 s, on focus and after failures, so the view can be
// seconds old). Leyr has no conditional update, so the appointments a change touches are read
// from Leyr just before it is sent and compared with the change's base: the appointment as the
// local copy showed it when the change was made. Entries are sent strictly in order, so every
// earlier change has settled by then; one of ours that Leyr carried out otherwise than the
// optimistic copy guessed has rebased the next one (changes/settlement.ts). So a base that differs from
// Leyr's copy means another desk got there first.
//
// What counts as a difference (sameAppointment): time, resource, status, patient, service, or
// the appointment no longer being on its day. A comment alone does not: a move leaves the
// comment alone and a cancel writes its reason over it anyway, so neither would undo anything.
// Except for a change of the comment alone (changes/kinds/comment.ts): there the comment is
// what another desk's edit would be written over, so it counts (`sameForChange`).
//
// Requests: one listing per day the change's appointments are on. When nothing else waits
// (one change made at the screen), the listing is narrowed to the appointments' patient, or
// else their resource, and widened to the whole day only to find one that left the filter.
// When more changes wait, the whole day is listed once and reused for the changes sent back
// to back after it, kept up to date with Leyr's answers to them (the only changes made in
// between that we know of). A listing is dropped after `reuseMs`, on any failure and whenever
// the outbox pauses, so that what another desk does meanwhile is seen again. The window between
// a listing and the request it clears cannot be closed without conditional updates at Leyr;
// reuse widens it to at most `reuseMs`, and only while changes are drained back to back.
import type { Appointment, LeyrApi } from '../../leyr/api.ts';
import type { OutboxTarget } from '../../store/outbox/entry.ts';
import { sameAppointment, type AppointmentRecord } from '../../store/records.ts';
import { dayRange } from '../common/day-time.ts';
import { classifyChangeFailure } from '../common/leyr-outcome.ts';
import { appointmentRecord } from '../common/leyr-records.ts';
import { lacksResource, placeByResource } from '../common/resource-placement.ts';

export interface BaseCheckOptions {
  api: LeyrApi;
  zone(): string;
  now(): number;
  /** How long a listing may serve the changes sent after it; 0 lists for every change. */
  reuseMs: number;
  /** Two-step cancel records: Leyr lists them beside the appointments, and they are none. */
  records(): ReadonlySet<string>;
  /** The care unit's resources: listed one by one when Leyr leaves an appointment's resource out. */
  resources(): readonly string[];
}

export type BaseVerdict =
  /** Leyr holds what the change was made on: send it. */
  | { outcome: 'unchanged' }
  /** Another desk already made this very change: nothing to send. */
  | { outcome: 'already-so'; remote: AppointmentRecord[] }
  /** Another desk changed what it touches: Leyr's copies (those still on their days). */
  | { outcome: 'changed'; remote: AppointmentRecord[] };

export interface BaseCheck {
  /**
   * Compares the targets' bases with Leyr. `othersWaiting`: more changes are queued behind
   * this one (a listing of the whole day then serves them too). Rejects when Leyr cannot be
   * read (the LeyrError).
   */
  verify(targets: readonly OutboxTarget[], othersWaiting: boolean): Promise<BaseVerdict>;
  /** Leyr accepted one of our changes and now holds these. */
  learn(records: readonly AppointmentRecord[]): void;
  /** Leyr may have changed meanwhile (a failure, a pause): list again next time. */
  forget(): void;
}

type Filter = { patientId: string } | { resourceId: string } | null;

interface Listing {
  date: string;
  filter: Filter;
  takenAt: number;
  byId: Map<string, AppointmentRecord>;
}

type Based = OutboxTarget & { base: AppointmentRecord };

/** No comment and an empty one are the same (to the receptionist and the EHR's screen). */
const sameComment = (a: string | null | undefined, b: string | null | undefined): boolean => (a ?? '') === (b ?? '');

/** The change leaves the booking as it is and changes only its comment. */
const commentOnly = (target: Based): boolean => target.expected !== null && sameAppointment(target.base, target.expected) && !sameComment(target.base.comment, target.expected.comment);

/** Leyr's copy is `wanted` as far as this change cares: the booking, and for a comment-only change the comment. */
const sameForChange = (target: Based, remote: AppointmentRecord | null, wanted: AppointmentRecord | null): boolean =>
  sameAppointment(remote, wanted) && (!commentOnly(target) || sameComment(remote?.comment, wanted?.comment));

const keyOf = (date: string, filter: Filter): string =>
  filter === null ? `${date}|*` : 'patientId' in filter ? `${date}|p:${filter.patientId}` : `${date}|r:${filter.resourceId}`;

const covers = (filter: Filter, record: AppointmentRecord): boolean =>
  filter === null || ('patientId' in filter ? record.patientId === filter.patientId : record.resourceId === filter.resourceId);

/** The narrowest filter that still lists every one of `targets`, as their bases stand. */
function narrowest(targets: readonly Based[]): Filter {
  const patients = new Set(targets.map((t) => t.base.patientId));
  const [patientId] = patients;
  if (patients.size === 1 && patientId !== undefined && patientId !== null) return { patientId };
  const resources = new Set(targets.map((t) => t.base.resourceId));
  const [resourceId] = resources;
  if (resources.size === 1 && resourceId !== undefined && resourceId !== null) return { resourceId };
  return null;
}

export function createBaseCheck(options: BaseCheckOptions): BaseCheck {
  const { api } = options;
  const listings = new Map<string, Listing>();
  // A listing that comes back after `forget` predates it and is not kept.
  let generation = 0;

  const fresh = (date: string, filter: Filter): Listing | undefined => {
    const isFresh = (listing: Listing | undefined): listing is Listing => listing !== undefined && options.now() - listing.takenAt <= options.reuseMs;
    const whole = listings.get(keyOf(date, null));
    if (isFresh(whole)) return whole;
    const narrow = listings.get(keyOf(date, filter));
    return isFresh(narrow) ? narrow : undefined;
  };

  async function list(date: string, filter: Filter): Promise<Listing> {
    const zone = options.zone();
    const range = dayRange(date, zone);
    const started = generation;
    const takenAt = options.now();
    let appointments: readonly Appointment[];
    try {
      appointments = await api.listAppointments({
        start: range.start,
        end: range.end,
        ...(filter !== null && ('patientId' in filter ? { patient_id: filter.patientId } : { resource_id: filter.resourceId })),
      });
    } catch (error) {
      // An EHR that does not filter this way still lists the whole day.
      if (filter !== null && classifyChangeFailure(error) === 'refused') return list(date, null);
      throw error;
    }
    // Leyr documents no resource on an appointment: where it leaves one out, the listing per
    // resource (its documented filter) tells which column it is in.
    if (lacksResource(appointments)) appointments = (await placeByResource(api, range, appointments, options.resources(), filter !== null && 'patientId' in filter ? { patient_id: filter.patientId } : {})).appointments;
    const records = options.records();
    const byId = new Map<string, AppointmentRecord>();
    for (const appointment of appointments) {
      if (!records.has(appointment.id)) byId.set(appointment.id, appointmentRecord(appointment, zone, range, date));
    }
    const listing: Listing = { date, filter, takenAt, byId };
    if (started === generation) listings.set(keyOf(date, filter), listing);
    return listing;
  }

  async function leyrCopies(date: string, targets: readonly Based[], othersWaiting: boolean): Promise<Map<string, AppointmentRecord | null>> {
    const filter = othersWaiting ? null : narrowest(targets);
    let listing = fresh(date, filter) ?? (await list(date, filter));
    // Gone from a filtered listing: moved to another patient's or resource's list, or off
    // the day; the whole day tells which, and gives Leyr's version to show.
    if (listing.filter !== null && targets.some((t) => !listing.byId.has(t.appointmentId))) listing = await list(date, null);
    return new Map(targets.map((t) => [t.appointmentId, listing.byId.get(t.appointmentId) ?? null]));
  }

  return {
    async verify(targets, othersWaiting) {
      const known = targets.filter((t): t is Based => t.base !== null);
      // A booking has nothing to compare: Leyr's slot check covers it.
      if (known.length === 0) return { outcome: 'unchanged' };
      const byDate = new Map<string, Based[]>();
      for (const target of known) byDate.set(target.base.date, [...(byDate.get(target.base.date) ?? []), target]);
      const copies = new Map<string, AppointmentRecord | null>();
      for (const found of await Promise.all([...byDate].map(([date, list]) => leyrCopies(date, list, othersWaiting)))) {
        for (const [id, record] of found) copies.set(id, record);
      }
      // Leyr documents neither patient nor service on an appointment: one it leaves out is the base's.
      const remoteOf = (target: Based): AppointmentRecord | null => {
        const copy = copies.get(target.appointmentId) ?? null;
        return copy === null ? null : { ...copy, patientId: copy.patientId ?? target.base.patientId, serviceId: copy.serviceId ?? target.base.serviceId };
      };
      if (known.every((t) => sameForChange(t, remoteOf(t), t.base))) return { outcome: 'unchanged' };
      const remote = known.map(remoteOf).filter((r): r is AppointmentRecord => r !== null);
      // Only when the change creates nothing: whether another desk created the same is not known.
      const alreadySo = known.length === targets.length && known.every((t) => t.expected !== null && sameForChange(t, remoteOf(t), t.expected));
      return { outcome: alreadySo ? 'already-so' : 'changed', remote };
    },
    learn(records) {
      for (const listing of listings.values()) {
        for (const record of records) {
          listing.byId.delete(record.id);
          if (record.date === listing.date && covers(listing.filter, record)) listing.byId.set(record.id, record);
        }
      }
    },
    forget() {
      generation += 1;
      listings.clear();
    },
  };
}
