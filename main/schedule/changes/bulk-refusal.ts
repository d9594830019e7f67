// Leyr's bulk update is all or nothing: when it refuses a move of many appointments to one
// resource with NO_TIMESLOTS_AVAILABLE, every appointment of the request is refused, though
// only some had no free slot there. Which ones did is found here, from Leyr's free slots of
// the target resource (the store's when Leyr cannot be asked), and kept with the failure as
// its `blockers`: the window says those were refused and the others were not moved because
// of them, instead of marking all refused.
import type { LeyrApi } from '../../leyr/api.ts';
import { LeyrError } from '../../leyr/errors.ts';
import type { ChangeFailure, OutboxEntry } from '../../store/outbox/entry.ts';
import type { AppointmentRecord, TimeslotRecord } from '../../store/records.ts';
import type { ScheduleContext } from '../common/context.ts';
import { dayRange, wallClock } from '../common/day-time.ts';
import { failureFrom } from './change-failure.ts';

/** Leyr takes a timeslot query of at most 31 days. */
const MAX_QUERY_DAYS = 31;

/** The failure of a refused change, with the appointments to blame when Leyr refused a bulk move for want of slots. */
export async function refusalOf(ctx: ScheduleContext, api: LeyrApi, entry: OutboxEntry, error: unknown): Promise<ChangeFailure> {
  const failure = failureFrom(error);
  const { request } = entry;
  if (request.kind !== 'move-to-resource' || request.ids.length < 2) return failure;
  if (!(error instanceof LeyrError) || !(error.errorCodes.includes('NO_TIMESLOTS_AVAILABLE') || error.code === 'NO_TIMESLOTS_AVAILABLE')) return failure;
  const bases = entry.targets.map((t) => t.base).filter((base): base is AppointmentRecord => base !== null);
  if (bases.length !== request.ids.length) return failure;
  const slots = await freeSlotsOf(ctx, api, request.resourceId, bases);
  if (slots === null) return failure;
  const blockers = bases.filter((base) => !slots.some((slot) => fits(base, slot))).map((base) => base.id);
  // Everyone fits, or no one does: nothing to single out (another desk took the slots, or the resource offers none).
  if (blockers.length === 0 || blockers.length === bases.length) return failure;
  const zone = ctx.zone();
  const resource = ctx.store.days.resource(ctx.accountId, request.resourceId)?.name ?? request.resourceId;
  const times = bases.filter((base) => blockers.includes(base.id)).map((base) => wallClock(base.start, zone));
  ctx.log.info({ changeId: entry.changeId, blockers: blockers.length, of: bases.length }, 'a bulk move was refused: the appointments without a slot found');
  return {
    ...failure,
    reason: `No free slot at ${resource} for ${times.join(', ')}; Leyr moves all or none, so none of the ${bases.length} was moved.`,
    blockers,
  };
}

/** Whether a free slot takes the appointment at its own time: the same start and end, and its service when it has one. */
function fits(base: AppointmentRecord, slot: TimeslotRecord): boolean {
  if (Date.parse(slot.start) !== Date.parse(base.start) || Date.parse(slot.end) !== Date.parse(base.end)) return false;
  return base.serviceId === null || slot.serviceId === null || slot.serviceId === base.serviceId;
}

/** The resource's free slots over the appointments' days: Leyr's now, else the store's; null when neither knows. */
async function freeSlotsOf(ctx: ScheduleContext, api: LeyrApi, resourceId: string, bases: readonly AppointmentRecord[]): Promise<TimeslotRecord[] | null> {
  const dates = [...new Set(bases.map((base) => base.date))].sort();
  const first = dates[0];
  const last = dates.at(-1);
  if (first === undefined || last === undefined) return null;
  const zone = ctx.zone();
  const spanDays = (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1;
  if (spanDays <= MAX_QUERY_DAYS) {
    try {
      const listed = await api.listTimeslots({ start: dayRange(first, zone).start, end: dayRange(last, zone).end, resource_id: resourceId });
      return listed.map((slot) => ({ resourceId: slot.resource_id, serviceId: slot.healthcare_service_id, start: slot.start, end: slot.end }));
    } catch (error) {
      if (!(error instanceof LeyrError)) throw error;
    }
  }
  if (dates.some((date) => (ctx.store.days.day(ctx.accountId, date)?.fetchedAt ?? null) === null)) return null;
  return dates.flatMap((date) => ctx.store.days.timeslots(ctx.accountId, date).filter((slot) => slot.resourceId === resourceId));
}
