// The open week as the renderer knows it: which days (from a Monday, 5 or 7) and resources
// (remembered per care unit in this window's storage), main's snapshot of each day, and the
// composition the day's grid draws (week-compose.ts), handed to the day store with its lens.
// Main keeps the week's days current and pushes them as `day.snapshot`; they come here through
// the lens, so the week redraws as the day would.
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppError, DaySnapshot, ResourceView, WeekLength } from '../../preload/contract/index.ts';
import { careUnitNow } from '../common/care-unit-clock.ts';
import { frontdesk } from '../common/frontdesk.ts';
import { pastChangesAllowed } from '../common/past-changes.ts';
import { readWhenNotBusy } from '../common/busy-retry.ts';
import { addDays, formatDayLabel, todayIn } from '../i18n/format.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useDay } from '../day/state/day-store.ts';
import { useFocusRequest } from '../day/state/focus-request.ts';
import { useViewMode } from '../day/state/view-mode.ts';
import { create } from 'zustand';
import { chosenResources, composeWeek, type ComposedWeek } from './week-compose.ts';

const PREFS_KEY = 'frontdesk.week';
const prefsSchema = z.object({ days: z.union([z.literal(5), z.literal(7)]), resourceIds: z.array(z.string()).max(500) });
type WeekPrefs = z.infer<typeof prefsSchema>;

function loadPrefs(): WeekPrefs {
  try {
    const parsed = prefsSchema.safeParse(JSON.parse(localStorage.getItem(PREFS_KEY) ?? 'null'));
    if (parsed.success) return parsed.data;
  } catch {
    // Unreadable: the defaults.
  }
  return { days: 5, resourceIds: [] };
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  const weekday = DateTime.fromISO(date).weekday;
  return addDays(date, 1 - weekday);
}

export function weekDates(from: string, days: WeekLength): string[] {
  return Array.from({ length: days }, (_, i) => addDays(from, i));
}

interface WeekState {
  from: string;
  days: WeekLength;
  resourceIds: readonly string[];
  snapshots: ReadonlyMap<string, DaySnapshot>;
  /** The care unit's resources, as the last answer listed them (kept while the next week loads, so the list does not blink). */
  resources: readonly ResourceView[];
  loading: boolean;
  error: AppError | null;
  openWeek(from: string): Promise<void>;
  /**
   * From the day to its week, keeping the appointment `keep` focused. The day stays drawn
   * until the week's answer is in, and one update swaps them: switching the view first would
   * unmount the day while main answers, and the receptionist would see a blank meanwhile.
   */
  enterWeek(date: string, keep: string | null): Promise<void>;
  /**
   * Reads the week around `date` from main's store while the day is shown (readWeek, which
   * opens nothing), so that Week opens on it at once; main's answer follows and replaces it.
   */
  prepareWeek(date: string): Promise<void>;
  setDays(days: WeekLength): void;
  setResources(resourceIds: readonly string[]): void;
}

const afterNextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * A prepared week older than this is not opened on: the receptionist waits for main's answer
 * instead. Main's copy of the days changes only as the open day is refreshed (and the week is
 * then prepared again), so the days keep; its composition cuts what has passed on the clock,
 * so it is made again at the click when older than a short while.
 */
const PREPARED_MAX_AGE_MS = 5 * 60_000;
const COMPOSED_MAX_AGE_MS = 30_000;


/** What main is asked for: the chosen resources' days (none chosen yet: all, and the first is shown). */
const weekArg = (from: string, days: WeekLength, resourceIds: readonly string[]) => ({ from, days, ...(resourceIds.length > 0 ? { resourceIds: [...resourceIds] } : {}) });

export const useWeek = create<WeekState>((set, get) => {
  let request = 0;
  /** The week read while the day was shown (prepareWeek), with what it was read for. */
  let prepared: { from: string; days: WeekLength; resourceIds: readonly string[]; snapshots: ReadonlyMap<string, DaySnapshot>; composed: ComposedWeek | null; at: number } | null = null;
  /** The latest prepareWeek: an older one answering later is not kept. */
  let preparing = 0;
  /** Main's answer to the latest openWeek is on its way. */
  let awaiting = false;
  /** Days main pushed while an answer was on its way: newer than the answer's copies. */
  let pushedWhileLoading = new Set<string>();

  /**
   * The prepared week of `from`, if it holds the week asked now (its days, every resource
   * asked) and is fresh enough, with its composition when made for the same resources; taken once.
   */
  function takePrepared(from: string): { snapshots: ReadonlyMap<string, DaySnapshot>; composed: ComposedWeek | null } | null {
    const ready = prepared;
    prepared = null;
    if (ready === null || ready.from !== from || ready.days !== get().days || Date.now() - ready.at > PREPARED_MAX_AGE_MS) return null;
    const asked = get().resourceIds;
    // None asked: the desk's first resource is shown, which is what was prepared then.
    if (!asked.every((id) => ready.resourceIds.includes(id))) return null;
    const same = asked.length === 0 || (asked.length === ready.resourceIds.length && asked.every((id, i) => ready.resourceIds[i] === id));
    return { snapshots: ready.snapshots, composed: same && Date.now() - ready.at <= COMPOSED_MAX_AGE_MS ? ready.composed : null };
  }

  function savePrefs(): void {
    const { days, resourceIds } = get();
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify({ days, resourceIds }));
    } catch {
      // Storage full or off: the choice lasts for this session only.
    }
  }

  /** The week of these days composed for the day's grid, on the care unit's clock now. */
  function compose(from: string, days: WeekLength, resourceIds: readonly string[], snapshots: ReadonlyMap<string, DaySnapshot>): ComposedWeek | null {
    const zone = useDay.getState().zone;
    const { locale } = useLocale.getState();
    return composeWeek({
      dates: weekDates(from, days),
      days: snapshots,
      resourceIds,
      today: todayIn(zone, careUnitNow()),
      nowMs: careUnitNow(),
      allowPast: pastChangesAllowed(),
      dayLabel: (date) => formatDayLabel(date, locale),
    });
  }

  /** Shows the days known now (or a composition of them made already) on the day's grid. */
  function show(made?: ComposedWeek | null): void {
    const { from, days, resourceIds, snapshots } = get();
    const composed = made ?? compose(from, days, resourceIds, snapshots);
    if (composed === null) return;
    useDay.getState().showComposed(composed.snapshot, {
      ...composed.mapping,
      receive(snapshot) {
        if (!weekDates(get().from, get().days).includes(snapshot.date)) return;
        set({ snapshots: new Map(get().snapshots).set(snapshot.date, snapshot) });
        // While another week's answer is awaited the grid keeps what it shows; the day is kept for then.
        if (awaiting) pushedWhileLoading.add(snapshot.date);
        if (!get().loading) show();
      },
    });
  }

  /** Asks the day's grid to focus the appointment kept across the switch, where the week shows it. */
  function focusKept(keep: string | null): void {
    const shown = useDay.getState().model;
    if (keep !== null && shown !== null && shown.appointments.has(keep)) useFocusRequest.getState().ask({ date: shown.snapshot.date, appointmentId: keep });
  }

  /**
   * Opens the week from `from`; `entering`: from the day, the view switches to it as it is
   * drawn (enterWeek): at once on the week prepared while the day was shown, else when main's
   * answer is in (the day stays drawn meanwhile, and one update swaps them).
   */
  async function openWeekFrom(from: string, entering: { keep: string | null } | null): Promise<void> {
    const mine = ++request;
    performance.mark(`week:open:${from}`);
    pushedWhileLoading = new Set();
    awaiting = true;
    const ready = entering === null ? null : takePrepared(from);
    // On a prepared week nothing is missing: main's answer only confirms it (loading: the week has nothing yet).
    set({ from, loading: ready === null, error: null, snapshots: ready?.snapshots ?? new Map() });
    if (entering !== null && ready !== null) {
      useViewMode.getState().setMode('week');
      show(ready.composed);
      performance.mark(`week:model:${from}`);
      focusKept(entering.keep);
    } else if (entering !== null) useViewMode.getState().setSwitching('week');
    // The prepared week is painted first; main's confirmation is asked after that frame.
    if (ready !== null) await afterNextFrame();
    if (mine !== request) return;
    const { days, resourceIds } = get();
    const result = await readWhenNotBusy(() => frontdesk().openWeek(weekArg(from, days, resourceIds)), () => mine === request);
    if (mine !== request) return;
    awaiting = false;
    performance.mark(`week:answer:${from}`);
    const switching = entering !== null && ready === null;
    // In the same task as the week's model, so that React draws the switch once.
    if (switching) useViewMode.getState().setMode('week');
    if (!result.ok) {
      set({ loading: false, error: result.error });
      return;
    }
    const current = get().snapshots;
    const snapshots = new Map(result.value.days.map((day) => [day.date, pushedWhileLoading.has(day.date) ? (current.get(day.date) ?? day) : day]));
    set({ loading: false, snapshots, resources: result.value.days[0]?.resources ?? get().resources });
    show();
    if (switching) {
      performance.mark(`week:model:${from}`);
      focusKept(entering.keep);
    }
  }

  const prefs = typeof localStorage === 'undefined' ? { days: 5 as const, resourceIds: [] } : loadPrefs();
  return {
    from: mondayOf(todayIn('Europe/Stockholm')),
    days: prefs.days,
    resourceIds: prefs.resourceIds,
    snapshots: new Map(),
    resources: [],
    loading: false,
    error: null,

    openWeek: (from) => openWeekFrom(from, null),

    enterWeek(date, keep) {
      // The appointment kept in focus is shown: its resource joins the week's when not among them.
      const resourceId = keep === null ? null : (useDay.getState().model?.appointments.get(keep)?.view.resourceId ?? null);
      const chosen = get().resourceIds;
      if (resourceId !== null && !chosen.includes(resourceId)) {
        set({ resourceIds: [...chosen, resourceId] });
        savePrefs();
      }
      return openWeekFrom(mondayOf(date), { keep });
    },

    async prepareWeek(date) {
      const mine = ++preparing;
      const from = mondayOf(date);
      const { days } = get();
      // None chosen yet: the week shows the desk's first resource, and only it is read (a big
      // clinic's every resource would be megabytes, read again whenever the day changes).
      const resourceIds = get().resourceIds.length > 0 ? get().resourceIds : chosenResources(useDay.getState().base?.resources ?? [], []).map((r) => r.id);
      const result = await frontdesk().readWeek(weekArg(from, days, resourceIds));
      // Busy or refused: nothing is prepared, and the week opens on main's answer.
      if (!result.ok || mine !== preparing) return;
      const snapshots = new Map(result.value.days.map((day) => [day.date, day]));
      // Composed now, in idle time: the click then only draws it.
      prepared = { from, days, resourceIds, snapshots, composed: compose(from, days, resourceIds, snapshots), at: Date.now() };
      set({ resources: result.value.days[0]?.resources ?? get().resources });
    },

    setDays(days) {
      set({ days });
      savePrefs();
      void get().openWeek(get().from);
    },

    setResources(resourceIds) {
      set({ resourceIds: [...resourceIds] });
      savePrefs();
      // The days held carry only the resources chosen before: shown now, then asked again with these.
      show();
      void get().openWeek(get().from);
    },
  };
});
