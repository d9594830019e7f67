// Booking a result of "the first free time": its day opens first (the booking dialog books
// from the day's own free slots), and once the day shows that slot the booking dialog opens
// on it with the resource, start and service chosen. Only a day fetched after the pick began
// counts (the day already open may be minutes old: its copy of the slot proves nothing), unless
// that fetch failed (then the day shown is all there is). A slot the fresh day no longer has
// was taken meanwhile (another desk): said, never booked blind. A pick is cancelled by closing
// the panel (Esc too), by a new pick and by a clinic switch; the booking dialog only ever
// takes the panel's place, never another dialog's.
import type { FreeTimeSlot } from '../../../preload/contract/index.ts';
import type { DayModel } from '../model/day-model.ts';
import { useDay } from './day-store.ts';
import { useUi } from './ui-store.ts';

/** How long the day may take to arrive with the slot before the pick gives up. */
const WAIT_MS = 15_000;

export type PickOutcome = 'opened' | 'gone' | 'timeout' | 'cancelled';

type Waited = DayModel | 'gone' | 'timeout' | 'cancelled';

/** Ends the pick under way, if any. */
let cancelCurrent: (() => void) | null = null;

/** Cancels the pick under way (the panel closed, the clinic switched): no booking dialog follows it. */
export function cancelFreeTimePick(): void {
  const cancel = cancelCurrent;
  cancelCurrent = null;
  cancel?.();
}

function hasIt(model: DayModel | null, slot: FreeTimeSlot): model is DayModel {
  return model !== null && model.snapshot.date === slot.date && model.slots.hasSlot(slot.resourceId, slot.serviceId ?? '', Date.parse(slot.start), Date.parse(slot.end));
}

/** The slot's day, fetched from Leyr after `since`. */
function fresh(model: DayModel | null, slot: FreeTimeSlot, since: number): model is DayModel {
  if (model === null || model.snapshot.date !== slot.date || model.snapshot.fetchedAt === null) return false;
  return Date.parse(model.snapshot.fetchedAt) >= since;
}

/**
 * Once `fetched` (the pick's own fetch of the day) has settled: the model if it has the slot,
 * 'gone' if the day fetched after `since` has not. Had the fetch failed (Leyr could not be
 * reached), the day shown answers.
 */
function whenShown(slot: FreeTimeSlot, since: number, fetched: Promise<unknown>): Promise<Waited> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: Waited): void => {
      if (done) return;
      done = true;
      if (cancelCurrent === cancel) cancelCurrent = null;
      clearTimeout(timer);
      stop();
      resolve(value);
    };
    const cancel = (): void => finish('cancelled');
    cancelCurrent = cancel;
    // Nothing is decided before the pick's own fetch has answered: a fetch already under way
    // when the pick began may end after `since` without the other desk's booking.
    let settled = false;
    const check = (model: DayModel | null): void => {
      if (!settled) return;
      if (hasIt(model, slot)) finish(model);
      else if (fresh(model, slot, since)) finish('gone');
    };
    const stop = useDay.subscribe((state) => check(state.model));
    const timer = setTimeout(() => finish('timeout'), WAIT_MS);
    check(useDay.getState().model);
    void fetched.finally(() => {
      settled = true;
      check(useDay.getState().model);
    });
  });
}

export async function pickFreeTime(slot: FreeTimeSlot): Promise<PickOutcome> {
  cancelFreeTimePick();
  // Main's clock and this one agree closely; a second of slack for the fetch that just began.
  const since = Date.now() - 1_000;
  const day = useDay.getState();
  // Opening a day answers from this computer's copy; the refresh asks Leyr now.
  const fetched = (day.date !== slot.date ? day.openDay(slot.date) : Promise.resolve()).then(() => (useDay.getState().date === slot.date ? useDay.getState().refresh() : undefined));
  const shown = await whenShown(slot, since, fetched);
  if (shown === 'gone' || shown === 'timeout' || shown === 'cancelled') return shown;
  // Only in the panel's place: were it closed, or another dialog opened meanwhile, nothing pops up.
  if (useUi.getState().dialog?.kind !== 'free-time') return 'cancelled';
  const startMs = Date.parse(slot.start);
  const endMs = Date.parse(slot.end);
  // The free stretch around the slot: the dialog offers its other starts too.
  const band = shown.slots.freeTime(slot.resourceId).find((interval) => interval.startMs <= startMs && interval.endMs >= endMs) ?? { startMs, endMs };
  useUi.getState().openDialog({
    kind: 'booking',
    resourceId: slot.resourceId,
    startMs,
    bandStartMs: band.startMs,
    bandEndMs: band.endMs,
    ...(slot.serviceId !== null && { serviceId: slot.serviceId }),
  },
  // Once closed, the keyboard is on the grid where it was booked: the new block, or the free time while pending.
  { date: slot.date, resourceId: slot.resourceId, startMs });
  return 'opened';
}

// Another clinic in use: a pick of the previous clinic's time is over.
useDay.subscribe((state, previous) => {
  if (previous.careUnitId !== null && state.careUnitId !== previous.careUnitId) cancelFreeTimePick();
});
