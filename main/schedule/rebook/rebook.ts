// The rebook proposal from main's copy: the appointments as shown, and the free slots of the
// days from the first appointment's on, in date order: a day the store holds and fetched a
// short while ago is read from the store (less what pending changes fill); a day it does not
// hold fresh is asked of Leyr (through the first free time's fetch and cache, runs of at most
// 31 days) before any later day's slot is accepted, so the "next free day" is the next one
// with a free slot, not the next one the desk happened to open. Appointments that have
// started get no proposal. Nothing is sent: the receptionist confirms in the window, which
// then sends ordinary moves through the outbox.
import { canChange, holdsSlot } from '../../../preload/contract/appointment-status.ts';
import { REBOOK_MAX_SPAN_DAYS, type RebookProposal, type RebookRow } from '../../../preload/contract/rebook.ts';
import { Refusal } from '../../errors/failure.ts';
import { LeyrError } from '../../leyr/errors.ts';
import type { LeyrApi } from '../../leyr/api.ts';
import type { TimeslotRecord } from '../../store/records.ts';
import { appointmentViews } from '../common/appointment-view.ts';
import type { ScheduleContext } from '../common/context.ts';
import { addDays, dateOf } from '../common/day-time.ts';
import { isOutOfReach } from '../common/out-of-reach.ts';
import { fetchTimeslots, MAX_REQUEST_DAYS } from '../common/timeslot-windows.ts';
import { proposeRebook, type KnownSlot, type RebookAppointment, type RebookPlanRow } from './propose.ts';

/** Calendar days after the last appointment's day that are searched for a free slot. */
export const REBOOK_HORIZON_DAYS = 14;
/** Candidates a row offers besides its proposal. */
export const REBOOK_ALTERNATIVES = 5;

export interface Rebook {
  propose(appointmentIds: readonly string[]): Promise<RebookProposal>;
}

export interface RebookOptions {
  ctx: ScheduleContext;
  api: LeyrApi;
  /** Every resource's free slots of a service on these days: the first free time's cache, else Leyr. */
  serviceSlots(days: readonly string[], serviceId: string): Promise<Map<string, TimeslotRecord[]>>;
  /** A held day fetched longer ago than this is asked of Leyr again (the day's stale age). */
  freshMs: number;
}

export function createRebook({ ctx, api, serviceSlots, freshMs }: RebookOptions): Rebook {
  const { store, accountId } = ctx;

  /** Whether the store holds the day, fetched within `freshMs`; 'stale' when held but older. */
  const heldState = (date: string): 'fresh' | 'stale' | 'no' => {
    const fetchedAt = store.days.day(accountId, date)?.fetchedAt ?? null;
    if (fetchedAt === null) return 'no';
    return ctx.now() - Date.parse(fetchedAt) <= freshMs ? 'fresh' : 'stale';
  };
  /** A held day's free slots as still free in the local copy (the snapshot's rule: pending changes fill theirs). */
  const storedSlots = (date: string): KnownSlot[] => withoutPending(date, store.days.timeslots(accountId, date));
  const withoutPending = (date: string, slots: readonly KnownSlot[]): KnownSlot[] => {
    const taken = new Map<string, { startMs: number; endMs: number }[]>();
    for (const row of store.days.dayView(accountId, date)) {
      if (!row.pending || row.resourceId === null || !holdsSlot(row.status)) continue;
      const list = taken.get(row.resourceId) ?? [];
      list.push({ startMs: Date.parse(row.start), endMs: Date.parse(row.end) });
      taken.set(row.resourceId, list);
    }
    if (taken.size === 0) return [...slots];
    return slots.filter((slot) => {
      const blocks = taken.get(slot.resourceId);
      if (blocks === undefined) return true;
      const startMs = Date.parse(slot.start);
      const endMs = Date.parse(slot.end);
      return !blocks.some((b) => b.startMs < endMs && b.endMs > startMs);
    });
  };

  /** Leyr's free slots of these days for these services (the cache's where fresh); null when Leyr could not be asked. */
  const askLeyr = async (dates: readonly string[], serviceIds: readonly (string | null)[]): Promise<Map<string, KnownSlot[]> | null> => {
    const out = new Map<string, KnownSlot[]>(dates.map((date) => [date, []]));
    try {
      // An appointment without a service takes a slot of its length of any service: ask for every service at once.
      const answers = serviceIds.includes(null)
        ? [await fetchTimeslots(api, ctx.zone(), dates)]
        : await Promise.all([...new Set(serviceIds as string[])].map((serviceId) => serviceSlots(dates, serviceId)));
      for (const answer of answers) for (const [date, slots] of answer) out.get(date)?.push(...slots);
    } catch (error) {
      if (!(error instanceof LeyrError) && !isOutOfReach(error)) throw error;
      ctx.log.info({ days: dates.length, code: error instanceof LeyrError ? error.code : null }, 'rebook: free slots of days not held fresh could not be read');
      return null;
    }
    for (const [date, slots] of out) out.set(date, withoutPending(date, slots));
    return out;
  };

  return {
    async propose(appointmentIds) {
      const views = appointmentViews(store, accountId, appointmentIds);
      const known = new Set(views.map((view) => view.id));
      const missing = appointmentIds.filter((id) => !known.has(id));
      if (missing.length > 0)
        throw new Refusal('NOT_FOUND', `${missing.length} of the appointments are not on this computer. Open their day first.`, undefined, { problem: 'not-found', appointmentIds: missing });
      const unchangeable = views.filter((view) => !canChange(view.status));
      if (unchangeable.length > 0)
        throw new Refusal('REJECTED', `${unchangeable.length} of the appointments cannot be rebooked (cancelled, done or the like).`, undefined, { problem: 'cannot-change', appointmentIds: unchangeable.map((view) => view.id) });

      const zone = ctx.zone();
      const all: RebookAppointment[] = views.map((view) => ({ id: view.id, resourceId: view.resourceId, serviceId: view.serviceId, start: view.start, end: view.end, date: dateOf(view.start, zone) }));
      const byDate = [...all].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const first = byDate[0]?.date ?? ctx.today();
      const last = byDate.at(-1)?.date ?? first;
      // A bound on the walk below: appointments years apart would make it thousands of days.
      if (last > addDays(first, REBOOK_MAX_SPAN_DAYS - 1))
        throw new Refusal('REJECTED', `The appointments lie more than ${REBOOK_MAX_SPAN_DAYS} days apart; rebook them a few weeks at a time.`, undefined, {
          problem: 'too-far-apart',
          appointmentIds: [byDate[0]?.id ?? '', byDate.at(-1)?.id ?? ''],
        });

      // What has started is not moved: its row says so instead of proposing.
      const nowMs = ctx.careUnitNow();
      const started = new Set(all.filter((a) => Date.parse(a.start) <= nowMs).map((a) => a.id));
      const appointments = all.filter((a) => !started.has(a.id));
      const dateOfRow = new Map(appointments.map((a) => [a.id, a.date]));
      const dates = calendarDays(first, addDays(last, REBOOK_HORIZON_DAYS));

      const slotsByDate = new Map<string, KnownSlot[]>();
      const plan = (): RebookPlanRow[] => proposeRebook({ appointments, slotsByDate, notBeforeMs: nowMs, alternatives: REBOOK_ALTERNATIVES });
      const wanting = (planned: RebookPlanRow[]): boolean => planned.some((row) => row.proposal === null || row.alternatives.length < REBOOK_ALTERNATIVES);
      /** The rows whose proposal a free slot on `date` would better: none yet, or a later day's. */
      const bettered = (planned: RebookPlanRow[], date: string): RebookPlanRow[] =>
        planned.filter((row) => (dateOfRow.get(row.appointmentId) ?? date) <= date && (row.proposal === null || row.proposal.date > date));
      const serviceOf = new Map(appointments.map((a) => [a.id, a.serviceId]));

      // Days in order, only as far as needed: a later day's slots come after every slot of
      // the day in each row's order of preference, so once every row has its proposal and its
      // alternatives, the days after cannot change them. A day not held fresh is asked of
      // Leyr when it could better a row's proposal (with the days after it, up to a request's
      // 31), so no later day's slot is proposed while an earlier day is unknown.
      let rows = plan();
      let leyrDown = false;
      let unreadDays = 0;
      for (const date of dates) {
        if (!wanting(rows)) break;
        if (slotsByDate.has(date)) continue;
        const held = heldState(date);
        if (held === 'fresh') {
          slotsByDate.set(date, storedSlots(date));
          rows = plan();
          continue;
        }
        const needing = bettered(rows, date);
        if (needing.length === 0) continue;
        const limit = addDays(date, MAX_REQUEST_DAYS - 1);
        const batch = dates.filter((d) => d >= date && d <= limit && !slotsByDate.has(d) && heldState(d) !== 'fresh');
        const fetched = leyrDown ? null : await askLeyr(batch, needing.map((row) => serviceOf.get(row.appointmentId) ?? null));
        if (fetched !== null) for (const [d, slots] of fetched) slotsByDate.set(d, slots);
        else {
          // Leyr out of reach: what this computer last saw of the day, else the day is unread.
          leyrDown = true;
          if (held === 'stale') slotsByDate.set(date, storedSlots(date));
          else unreadDays += 1;
        }
        rows = plan();
      }

      const planned = new Map(rows.map((row) => [row.appointmentId, row]));
      const out: RebookRow[] = [...views]
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1))
        .map((appointment) => {
          const row = planned.get(appointment.id);
          return { appointment, started: started.has(appointment.id), proposal: row?.proposal ?? null, alternatives: row?.alternatives ?? [] };
        });
      return { rows: out, searchedThrough: dates.at(-1) ?? last, unreadDays };
    },
  };
}

/** Every calendar day from `first` through `last`. */
function calendarDays(first: string, last: string): string[] {
  const out: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) out.push(date);
  return out;
}
