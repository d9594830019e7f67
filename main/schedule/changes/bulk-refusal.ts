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
import { wallClock } from '../common/day-time.ts';
import { fetchTimeslots } from '../common/timeslot-windows.ts';
import { failureFrom } from './change-failure.ts';

/** The failure of a refused change, with the appointments to blame when Leyr refused a bulk move for want of slots. Never throws: the refused entry must be settled whatever happens here. */
export async function refusalOf(ctx: ScheduleContext, api: LeyrApi, entry: OutboxEntry, error: unknown): Promise<ChangeFailure> {
  const failure = failureFrom(error);
  try {
    return await blamed(ctx, api, entry, error, failure);
  } catch (thrown) {
    // The store closed under it, or anything else: every appointment of the move is refused, as Leyr said.
    ctx.log.warn({ changeId: entry.changeId, error: thrown instanceof Error ? thrown.name : typeof thrown }, 'a bulk refusal could not be pinned on its blockers: all refused');
    return failure;
  }
}

async function blamed(ctx: ScheduleContext, api: LeyrApi, entry: OutboxEntry, error: unknown, failure: ChangeFailure): Promise<ChangeFailure> {
  const { request } = entry;
  if (request.kind !== 'move-to-resource' || request.ids.length < 2) return failure;
  if (!(error instanceof LeyrError) || !(error.errorCodes.includes('NO_TIMESLOTS_AVAILABLE') || error.code === 'NO_TIMESLOTS_AVAILABLE')) return failure;
  const bases = entry.targets.map((t) => t.base).filter((base): base is AppointmentRecord => base !== null);
  if (bases.length !== request.ids.length) return failure;
  const slots = await freeSlotsOf(ctx, api, request.resourceId, bases);
  if (slots === null) return failure;
  const blockers = withoutSlot(bases, slots);
  // Everyone fits, or no one does: nothing to single out (another desk took the slots, or the resource offers none).
  if (blockers.length === 0 || blockers.length === bases.length) return failure;
  const zone = ctx.zone();
  const resource = ctx.store.days.resource(ctx.accountId, request.resourceId)?.name ?? 'the other resource';
  const times = bases.filter((base) => blockers.includes(base.id)).map((base) => wallClock(base.start, zone));
  ctx.log.info({ changeId: entry.changeId, blockers: blockers.length, of: bases.length }, 'a bulk move was refused: the appointments without a slot found');
  return {
    ...failure,
    reason: `No free slot at ${resource} for ${times.join(', ')}; Leyr moves all or none, so none of the ${bases.length} was moved.`,
    blockers,
  };
}

/**
 * The appointments left without a slot when each takes one in turn (by start, then id): a
 * slot taken, and every slot of the resource that overlaps it, is gone for the rest, so two
 * appointments never both "fit" the one free slot. Whoever finds none is a blocker.
 */
export function withoutSlot(bases: readonly AppointmentRecord[], slots: readonly TimeslotRecord[]): string[] {
  const ordered = [...bases].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken: { startMs: number; endMs: number }[] = [];
  const blockers: string[] = [];
  for (const base of ordered) {
    const slot = slots.find((s) => fits(base, s) && !taken.some((t) => t.startMs < Date.parse(s.end) && Date.parse(s.start) < t.endMs));
    if (slot === undefined) blockers.push(base.id);
    else taken.push({ startMs: Date.parse(slot.start), endMs: Date.parse(slot.end) });
  }
  return bases.map((base) => base.id).filter((id) => blockers.includes(id));
}

/** Whether a free slot takes the appointment at its own time: the same start and end, and its service when it has one. */
function fits(base: AppointmentRecord, slot: TimeslotRecord): boolean {
  if (Date.parse(slot.start) !== Date.parse(base.start) || Date.parse(slot.end) !== Date.parse(base.end)) return false;
  return base.serviceId === null || slot.serviceId === null || slot.serviceId === base.serviceId;
}

/** The resource's free slots over the appointments' days: Leyr's now (runs of at most 31 days), else the store's; null when neither knows. */
async function freeSlotsOf(ctx: ScheduleContext, api: LeyrApi, resourceId: string, bases: readonly AppointmentRecord[]): Promise<TimeslotRecord[] | null> {
  const dates = [...new Set(bases.map((base) => base.date))].sort();
  if (dates.length === 0) return null;
  try {
    const byDay = await fetchTimeslots(api, ctx.zone(), dates, { resourceId });
    return [...byDay.values()].flat();
  } catch (error) {
    if (!(error instanceof LeyrError)) throw error;
  }
  if (dates.some((date) => (ctx.store.days.day(ctx.accountId, date)?.fetchedAt ?? null) === null)) return null;
  return dates.flatMap((date) => ctx.store.days.timeslots(ctx.accountId, date).filter((slot) => slot.resourceId === resourceId));
}
