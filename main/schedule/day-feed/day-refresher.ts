// Fetches a day from Leyr into the store: the catalog when it is old, the day's
// appointments and free slots, and, in the same transaction as the write, what changed
// elsewhere. A change made at another desk to an appointment that has a pending local
// change is a collision: the local change is settled as a conflict with both versions,
// never silently overwritten (nor sent). Changes in flight are left to the outbox worker,
// which reconciles them against Leyr's state itself. Changes Leyr accepted lately are checked
// to be still there (landed-check.ts), and what another desk changed a moment ago is noted
// for the grid to mark (other-desk-marks.ts).
import { skippedOf, type Appointment, type LeyrApi } from '../../leyr/api.ts';
import { sameAppointment, type AppointmentRecord, type TimeslotRecord } from '../../store/records.ts';
import { settleChangedElsewhere } from '../changes/settle-failed.ts';
import { daysChanged, settleApplied, type Settled } from '../changes/settlement.ts';
import type { ScheduleContext } from '../common/context.ts';
import { MARK_IF_FETCHED_WITHIN_MS, type OtherDeskMarks } from '../common/other-desk-marks.ts';
import { dayRange, isValidZone } from '../common/day-time.ts';
import { nextTurn } from '../common/next-turn.ts';
import { appointmentRecord, timeslotRecord } from '../common/leyr-records.ts';
import { lacksResource, placeByResource } from '../common/resource-placement.ts';
import { checkLanded, VerifiedChanges } from './landed-check.ts';

/**
 * A refresh that finds the day as it was pushes no snapshot, as long as the last successful
 * fetch is this recent: past it, the snapshot's `stale` and `fetchedAt` are worth sending.
 */
const QUIET_AFTER_MS = 60_000;

export interface DayRefresherOptions {
  ctx: ScheduleContext;
  api: LeyrApi;
  /** Resources and services are fetched again when older. */
  catalogMaxAgeMs: number;
  announce(settled: Settled): void;
  /** Where appointments another desk just changed are noted, for the grid to mark. */
  marks: OtherDeskMarks;
}

export interface DayRefresher {
  /** Fetches the day; one fetch per day at a time (a second caller shares the first). */
  refresh(date: string): Promise<void>;
}

export function createDayRefresher(options: DayRefresherOptions): DayRefresher {
  const { ctx, api } = options;
  const { store, accountId } = ctx;
  const inFlight = new Map<string, Promise<void>>();
  const verified = new VerifiedChanges();
  let catalogFetch: Promise<void> | null = null;

  const catalogIsOld = (): boolean => {
    const fetchedAt = store.accounts.get(accountId)?.catalogFetchedAt ?? null;
    return fetchedAt === null || ctx.now() - Date.parse(fetchedAt) > options.catalogMaxAgeMs;
  };

  const fetchCatalog = (): Promise<void> => {
    catalogFetch ??= (async () => {
      const [careUnits, resources, services] = await Promise.all([api.listCareUnits(), api.listResources(), api.listHealthcareServices()]);
      if (!store.isOpen()) return;
      const unit = careUnits.find((u) => u.id === ctx.careUnitId);
      const zone = (unit as { time_zone?: unknown } | undefined)?.time_zone;
      // Leyr's care unit names no zone (docs/leyr-api.md): the app's zone, unless it does.
      ctx.setCareUnit(isValidZone(zone) ? zone : ctx.defaultZone, unit?.name ?? null);
      store.days.replaceCatalog(
        accountId,
        {
          resources: resources.map((r) => ({ id: r.id, name: r.name })),
          services: services.map((s) => ({ id: s.id, name: s.name, durationMinutes: s.duration_minutes === null ? null : Math.round(s.duration_minutes) })),
        },
        ctx.nowIso(),
      );
    })().finally(() => {
      catalogFetch = null;
    });
    return catalogFetch;
  };

  /**
   * Leyr's appointments and free slots of a day, checked: what lies outside the day is left
   * out (the client drops what lies outside the asked range; what overlaps it but belongs to
   * the day before or after is that day's), and where Leyr leaves an appointment's resource out, the day is listed per resource with the
   * documented `resource_id` filter so that it lands in its column. `unreadable`: the items
   * Leyr sent that could not be read (skipped by the client, counted).
   */
  async function listDay(date: string, catalog: Promise<void> | null): Promise<{ listed: Appointment[]; records: AppointmentRecord[]; timeslots: TimeslotRecord[]; unreadable: number }> {
    const zone = ctx.zone();
    const range = dayRange(date, zone);
    const [appointments, slots] = await Promise.all([api.listAppointments({ start: range.start, end: range.end }), api.listTimeslots({ start: range.start, end: range.end }), catalog]);
    let listed: Appointment[] = appointments;
    let unreadableAppointments = skippedOf(appointments).unreadable;
    if (lacksResource(appointments)) {
      const placed = await placeByResource(api, range, appointments, store.days.resources(accountId).map((r) => r.id));
      listed = placed.appointments;
      // The same broken item may be met in both listings: the larger count is the day's.
      unreadableAppointments = Math.max(unreadableAppointments, placed.unreadable);
    }
    const records = listed.map((a) => appointmentRecord(a, zone, range, date)).filter((r) => r.date === date);
    const timeslots = slots
      .filter((slot) => {
        const startMs = Date.parse(slot.start);
        const endMs = Date.parse(slot.end);
        return startMs >= range.startMs && endMs <= range.endMs;
      })
      .map(timeslotRecord);
    return { listed, records, timeslots, unreadable: unreadableAppointments + skippedOf(slots).unreadable };
  }

  async function fetchDay(date: string): Promise<void> {
    try {
      const neverFetched = store.accounts.get(accountId)?.catalogFetchedAt === null;
      const fetchSeq = ctx.currentSyncSeq();
      const listedAt = ctx.now();
      let day: Awaited<ReturnType<typeof listDay>>;
      if (neverFetched) {
        // The first time, the care unit's zone decides where the day begins. Leyr's care
        // units name none (docs/leyr-api.md), so the day is listed in the app's zone beside
        // the catalog (one round trip to Leyr, not two, before the first day shows), and
        // listed again only when the care unit did name another zone.
        const zone = ctx.zone();
        day = await listDay(date, fetchCatalog());
        if (ctx.zone() !== zone) day = await listDay(date, null);
      } else {
        day = await listDay(date, catalogIsOld() ? fetchCatalog() : null);
      }
      // Leyr's lists were read just now; what waits for main goes first (next-turn.ts).
      await nextTurn();
      if (!store.isOpen()) return;
      const { settled, quiet } = store.transaction(() => writeAndDetect(date, day, fetchSeq, listedAt));
      for (const s of settled) options.announce(s);
      // Nothing the window shows changed: no snapshot (half a megabyte for a big day, every
      // 10 s while the window is in use) is pushed.
      if (!quiet) options.announce(daysChanged([date]));
    } catch (error) {
      if (store.isOpen()) {
        store.days.markFailed(accountId, date, ctx.nowIso(), error instanceof Error ? error.message.slice(0, 300) : 'failed');
        options.announce(daysChanged([date]));
      }
      throw error;
    }
  }

  /**
   * Two-step cancels of this day that no longer wait: the appointment is no longer booked
   * (confirmed, here or at another desk, or cancelled otherwise), or Leyr lists the record no
   * longer awaiting the code (withdrawn, confirmed). A record missing from the listing tells
   * nothing: Leyr need not list it (the sandbox does not).
   */
  function closeSettledCancellations(listed: readonly Appointment[], fresh: ReadonlyMap<string, AppointmentRecord>): void {
    const byId = new Map(listed.map((a) => [a.id, a]));
    const at = ctx.nowIso();
    for (const waiting of store.days.waitingCancellations(accountId)) {
      const appointment = fresh.get(waiting.appointmentId);
      const record = byId.get(waiting.recordId);
      const settled = (appointment !== undefined && appointment.status !== 'booked') || (record !== undefined && record.status !== 'awaiting_confirmation');
      if (settled) store.days.clearCancellationRequest(accountId, waiting.appointmentId, at);
    }
  }

  /**
   * Writes a fetched day and settles what it finds. `quiet`: the day is as it was shown (the
   * same appointments, free slots and unreadable count, after a recent successful fetch), so
   * its snapshot need not be pushed again. The window learns the fetch's time anyway when it
   * matters: a failed refresh pushes, and the header shows the data's age only then.
   */
  function writeAndDetect(date: string, day: { listed: Appointment[]; records: AppointmentRecord[]; timeslots: TimeslotRecord[]; unreadable: number }, fetchSeq: number, listedAt: number): { settled: Settled[]; quiet: boolean } {
    const { timeslots } = day;
    const previous = store.days.day(accountId, date);
    const before = store.days.serverDay(accountId, date);
    // Leyr documents neither patient nor service on an appointment: one it leaves out is as we had it.
    const had = new Map(before.map(({ record }) => [record.id, record]));
    // Two-step cancel records are none of the day's appointments (read here, in the write's
    // transaction: a cancel settled while the day was being listed counts).
    const hidden = store.days.cancellationRecordIds(accountId);
    const records = day.records.filter((r) => !hidden.has(r.id)).map((r) => {
      const known = had.get(r.id);
      return known === undefined || (r.patientId !== null && r.serviceId !== null) ? r : { ...r, patientId: r.patientId ?? known.patientId, serviceId: r.serviceId ?? known.serviceId };
    });
    const fresh = new Map(records.map((r) => [r.id, r]));
    // Changed elsewhere: differs from the server copy we had, unless that copy was written
    // from one of Leyr's answers after this fetch began (then it is newer than the fetch).
    const changed = before.filter(({ record, syncedSeq }) => syncedSeq <= fetchSeq && !sameAppointment(record, fresh.get(record.id) ?? null)).map(({ record }) => record.id);
    const gone = new Set(before.map((b) => b.record.id).filter((id) => !fresh.has(id)));
    const appeared = records.filter((r) => !had.has(r.id)).map((r) => r.id);
    const previousFetch = previous?.fetchedAt ?? null;
    if (previousFetch !== null && before.length > 0 && ctx.now() - Date.parse(previousFetch) <= MARK_IF_FETCHED_WITHIN_MS) {
      options.marks.mark(date, [...changed.filter((id) => fresh.has(id)), ...appeared]);
    }
    const slotKey = (s: TimeslotRecord): string => `${s.resourceId}|${s.serviceId ?? ''}|${Date.parse(s.start)}|${Date.parse(s.end)}`;
    const sameSlots = (): boolean => {
      const had = store.days.timeslots(accountId, date).map(slotKey).sort();
      const now = timeslots.map(slotKey).sort();
      return had.length === now.length && had.every((key, i) => key === now[i]);
    };
    const fetchedLately = previousFetch !== null && (previous?.failedAt ?? null) === null && ctx.now() - Date.parse(previousFetch) < QUIET_AFTER_MS;
    const sameDay = changed.length === 0 && appeared.length === 0 && gone.size === 0 && previous?.unreadable === day.unreadable && fetchedLately && sameSlots();

    store.days.writeDay(accountId, date, { appointments: records, timeslots, fetchedAt: ctx.nowIso(), fetchSeq, unreadable: day.unreadable });
    closeSettledCancellations(day.listed, fresh);
    const landed = checkLanded(ctx, date, fresh, listedAt, verified);
    const quiet = sameDay && landed.length === 0;
    if (changed.length === 0) return { settled: landed, quiet };

    const active = store.outbox.activeTargets(accountId, changed);
    const collided = changed.filter((id) => {
      const statuses = active.get(id);
      return statuses !== undefined && !statuses.includes('sent');
    });
    if (collided.length === 0) return { settled: landed, quiet };
    const settled: Settled[] = [...landed];
    const done = new Set<string>();
    for (const entry of store.outbox.activeAfter(accountId, 0, collided)) {
      if (done.has(entry.changeId) || entry.status !== 'pending') continue;
      const current = store.outbox.byChangeId(entry.changeId);
      if (current === null || current.request === null || current.status !== 'pending') continue;
      const remoteOf = (id: string): AppointmentRecord | null => fresh.get(id) ?? (gone.has(id) ? null : (store.days.serverAppointments(accountId, [id]).get(id) ?? null));
      const known = current.targets.filter((t) => t.base !== null);
      if (known.length > 0 && known.every((t) => sameAppointment(remoteOf(t.appointmentId), t.expected))) {
        // Another desk already made this very change: nothing to send.
        settled.push(settleApplied(ctx, current, [], 'already-so'));
        done.add(current.changeId);
        continue;
      }
      const result = settleChangedElsewhere(
        ctx,
        current,
        known.map((t) => remoteOf(t.appointmentId)).filter((r): r is AppointmentRecord => r !== null),
      );
      for (const id of result.changeIds) done.add(id);
      settled.push(result);
    }
    return { settled, quiet: false };
  }

  return {
    refresh(date) {
      let running = inFlight.get(date);
      if (running === undefined) {
        running = fetchDay(date).finally(() => inFlight.delete(date));
        inFlight.set(date, running);
      }
      return running;
    },
  };
}

