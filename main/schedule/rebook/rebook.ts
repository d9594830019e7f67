// The rebook proposal from main's copy: the appointments as shown, the free slots of the days
// the store holds (less what pending changes fill), and, only when some appointment finds no
// slot there, Leyr's free slots of the days the store does not hold (one request per service,
// at most 31 days each). Nothing is sent: the receptionist confirms in the window, which then
// sends ordinary moves through the outbox.
import { canChange, holdsSlot } from '../../../preload/contract/appointment-status.ts';
import type { RebookProposal, RebookRow } from '../../../preload/contract/rebook.ts';
import { notFound, rejected } from '../../errors/failure.ts';
import { LeyrError } from '../../leyr/errors.ts';
import type { LeyrApi } from '../../leyr/api.ts';
import { appointmentViews } from '../common/appointment-view.ts';
import type { ScheduleContext } from '../common/context.ts';
import { dateOf, dayRange } from '../common/day-time.ts';
import { proposeRebook, type KnownSlot, type RebookAppointment } from './propose.ts';

/** Calendar days after the last appointment's day that are searched for a free slot. */
export const REBOOK_HORIZON_DAYS = 14;
/** Candidates a row offers besides its proposal. */
export const REBOOK_ALTERNATIVES = 5;
/** Leyr takes a timeslot query of at most 31 days. */
const MAX_QUERY_DAYS = 31;

export interface Rebook {
  propose(appointmentIds: readonly string[]): Promise<RebookProposal>;
}

export function createRebook({ ctx, api }: { ctx: ScheduleContext; api: LeyrApi }): Rebook {
  const { store, accountId } = ctx;

  /** A held day's free slots as still free in the local copy (the snapshot's rule: pending changes fill theirs). */
  const heldSlots = (date: string): KnownSlot[] | null => {
    if ((store.days.day(accountId, date)?.fetchedAt ?? null) === null) return null;
    return withoutPending(date, store.days.timeslots(accountId, date));
  };
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

  /** Leyr's free slots of these days (not held here), for these services; null for a day Leyr could not be asked. */
  const askLeyr = async (dates: readonly string[], serviceIds: readonly (string | null)[]): Promise<Map<string, KnownSlot[]> | null> => {
    const zone = ctx.zone();
    const out = new Map<string, KnownSlot[]>(dates.map((date) => [date, []]));
    const filters = serviceIds.includes(null) ? [undefined] : [...new Set(serviceIds as string[])];
    try {
      for (let i = 0; i < dates.length; i += MAX_QUERY_DAYS) {
        const chunk = dates.slice(i, i + MAX_QUERY_DAYS);
        const range = { start: dayRange(chunk[0] ?? '', zone).start, end: dayRange(chunk[chunk.length - 1] ?? '', zone).end };
        for (const serviceId of filters) {
          const slots = await api.listTimeslots(serviceId === undefined ? range : { ...range, healthcare_service_id: serviceId });
          for (const slot of slots) {
            out.get(dateOf(slot.start, zone))?.push({ resourceId: slot.resource_id, serviceId: slot.healthcare_service_id, start: slot.start, end: slot.end });
          }
        }
      }
    } catch (error) {
      if (!(error instanceof LeyrError)) throw error;
      ctx.log.info({ days: dates.length, code: error.code }, 'rebook: free slots of later days could not be read');
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
      if (missing.length > 0) throw notFound(`No such appointment on this computer: ${missing.slice(0, 5).join(', ')}. Open its day first.`);
      const unchangeable = views.filter((view) => !canChange(view.status));
      if (unchangeable.length > 0) throw rejected(`Cannot be rebooked (${unchangeable[0]?.status ?? ''}): ${unchangeable.map((view) => view.id).slice(0, 5).join(', ')}.`);

      const zone = ctx.zone();
      const appointments: RebookAppointment[] = views.map((view) => ({ id: view.id, resourceId: view.resourceId, serviceId: view.serviceId, start: view.start, end: view.end, date: dateOf(view.start, zone) }));
      const first = appointments.map((a) => a.date).sort()[0] ?? ctx.today();
      const last = appointments.map((a) => a.date).sort().at(-1) ?? first;
      const dates = calendarDays(first, addDays(last, REBOOK_HORIZON_DAYS));
      // Days are read from the store in order, only as far as needed: a later day's slots come
      // after every slot of the day in each row's order of preference, so once every row has
      // its proposal and its alternatives, the days after cannot change them.
      const slotsByDate = new Map<string, KnownSlot[]>();
      const unheld: string[] = [];
      const own = new Set(appointments.map((a) => a.date));
      const read = (date: string): void => {
        const slots = heldSlots(date);
        if (slots === null) unheld.push(date);
        else slotsByDate.set(date, slots);
      };
      for (const date of dates) if (own.has(date)) read(date);
      const plan = (): ReturnType<typeof proposeRebook> => proposeRebook({ appointments, slotsByDate, notBeforeMs: ctx.careUnitNow(), alternatives: REBOOK_ALTERNATIVES });
      const wanting = (planned: ReturnType<typeof proposeRebook>): boolean => planned.some((row) => row.proposal === null || row.alternatives.length < REBOOK_ALTERNATIVES);
      let rows = plan();
      for (const date of dates) {
        if (!wanting(rows)) break;
        if (own.has(date)) continue;
        read(date);
        if (slotsByDate.has(date)) rows = plan();
      }
      let unreadDays = 0;
      const homeless = rows.filter((row) => row.proposal === null).map((row) => appointments.find((a) => a.id === row.appointmentId));
      if (homeless.length > 0 && unheld.length > 0) {
        const fetched = await askLeyr(unheld, homeless.map((a) => a?.serviceId ?? null));
        if (fetched === null) unreadDays = unheld.length;
        else {
          for (const [date, slots] of fetched) slotsByDate.set(date, slots);
          rows = plan();
        }
      }
      const byId = new Map(views.map((view) => [view.id, view]));
      const out: RebookRow[] = rows.flatMap((row) => {
        const appointment = byId.get(row.appointmentId);
        return appointment === undefined ? [] : [{ appointment, proposal: row.proposal, alternatives: row.alternatives }];
      });
      return { rows: out, searchedThrough: dates.at(-1) ?? last, unreadDays };
    },
  };
}

function addDays(date: string, days: number): string {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Every calendar day from `first` through `last`. */
function calendarDays(first: string, last: string): string[] {
  const out: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) out.push(date);
  return out;
}
