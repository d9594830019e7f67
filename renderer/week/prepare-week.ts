// The week is prepared while the day is shown: once the browser is idle after the day has
// come (or changed), the remembered week around it is read from main's store (readWeek, which
// opens nothing), so that the Week button draws it at once instead of first waiting for main
// and composing (bench:week). Main's answer to openWeek still follows and replaces it.
import { useEffect } from 'react';
import { useDay } from '../day/state/day-store.ts';
import { whenIdle, type IdleTask } from '../day/state/idle.ts';
import { useViewMode } from '../day/state/view-mode.ts';
import { useWeek } from './week-store.ts';

/** An idle period with at least this much room: the read is small, its answer parsed later. */
const IDLE_NEED_MS = 8;

export function usePreparedWeek(): void {
  useEffect(() => {
    let task: IdleTask | null = null;
    const prepare = (): void => {
      task = null;
      const { date, base, lens } = useDay.getState();
      if (useViewMode.getState().mode !== 'day' || lens !== null || base?.date !== date) return;
      void useWeek.getState().prepareWeek(date);
    };
    const unsubscribe = useDay.subscribe((state, previous) => {
      // A day's snapshot came or changed (never the week's own composition).
      if (state.base === previous.base || state.lens !== null || state.base?.date !== state.date) return;
      task?.cancel();
      task = whenIdle(prepare, IDLE_NEED_MS);
    });
    return () => {
      unsubscribe();
      task?.cancel();
    };
  }, []);
}
