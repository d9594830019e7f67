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
import { composeWeek } from './week-compose.ts';

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
  setDays(days: WeekLength): void;
  setResources(resourceIds: readonly string[]): void;
}

export const useWeek = create<WeekState>((set, get) => {
  let request = 0;

  function savePrefs(): void {
    const { days, resourceIds } = get();
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify({ days, resourceIds }));
    } catch {
      // Storage full or off: the choice lasts for this session only.
    }
  }

  /** Composes the days known now and shows them on the day's grid. */
  function show(): void {
    const { from, days, resourceIds, snapshots } = get();
    const dates = weekDates(from, days);
    const zone = useDay.getState().zone;
    const { locale } = useLocale.getState();
    const composed = composeWeek({
      dates,
      days: snapshots,
      resourceIds,
      today: todayIn(zone, careUnitNow()),
      nowMs: careUnitNow(),
      allowPast: pastChangesAllowed(),
      dayLabel: (date) => formatDayLabel(date, locale),
    });
    if (composed === null) return;
    useDay.getState().showComposed(composed.snapshot, {
      ...composed.mapping,
      receive(snapshot) {
        if (!weekDates(get().from, get().days).includes(snapshot.date)) return;
        set({ snapshots: new Map(get().snapshots).set(snapshot.date, snapshot) });
        // While another week's answer is awaited the grid keeps what it shows; the day is kept for then.
        if (!get().loading) show();
      },
    });
  }

  /** Opens the week from `from`; `entering`: the view switches to it as it is drawn (enterWeek). */
  async function openWeekFrom(from: string, entering: { keep: string | null } | null): Promise<void> {
    const mine = ++request;
    performance.mark(`week:open:${from}`);
    if (entering !== null) useViewMode.getState().setSwitching('week');
    set({ from, loading: true, error: null, snapshots: new Map() });
    // Only the chosen resources' days come (none chosen yet: all, and the first is shown).
    const chosen = get().resourceIds;
    const result = await readWhenNotBusy(() => frontdesk().openWeek({ from, days: get().days, ...(chosen.length > 0 ? { resourceIds: [...chosen] } : {}) }), () => mine === request);
    if (mine !== request) return;
    performance.mark(`week:answer:${from}`);
    // In the same task as the week's model, so that React draws the switch once.
    if (entering !== null) useViewMode.getState().setMode('week', entering.keep);
    if (!result.ok) {
      set({ loading: false, error: result.error });
      return;
    }
    // A day pushed while the answer was on its way is newer than the answer's copy of it.
    const pushed = get().snapshots;
    const snapshots = new Map(result.value.days.map((day) => [day.date, pushed.get(day.date) ?? day]));
    set({ loading: false, snapshots, resources: result.value.days[0]?.resources ?? get().resources });
    show();
    performance.mark(`week:model:${from}`);
    const shown = useDay.getState().model;
    if (entering?.keep != null && shown !== null && shown.appointments.has(entering.keep)) useFocusRequest.getState().ask({ date: shown.snapshot.date, appointmentId: entering.keep });
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
