// The open day as the renderer knows it: main's latest snapshot of it (main owns the truth),
// the few changes this window has asked for whose receipt is not back yet (shown pending at
// once, so a receptionist never waits on the bridge to see what they did), and the model the
// grid draws, rebuilt only when one of its inputs changes.
import { create } from 'zustand';
import type { AppError, AppointmentView, ChangeView, DaySnapshot } from '../../../preload/contract/index.ts';
import { addDays, todayIn } from '../../i18n/format.ts';
import { syncCareUnitClock } from '../../common/care-unit-clock.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { frontdesk } from '../../common/frontdesk.ts';
import { readWhenNotBusy } from '../../common/busy-retry.ts';
import { DEFAULT_COLUMN_PREFS, loadColumnPrefs, saveColumnPrefs, type ColumnPrefs } from '../model/column-prefs.ts';
import { buildDayModel, reconcileSnapshot, type DayModel } from '../model/day-model.ts';
import type { ViewLens } from '../model/view-lens.ts';
import { whenIdle, type IdleTask } from './idle.ts';
import { useSelection } from './selection-store.ts';

const DEFAULT_ZONE = 'Europe/Stockholm';
const CACHED_DAYS = 8;
const CACHED_MODELS = 4;
/** Blocks whose strings are made ahead for a neighbouring day: the first screens' worth. */
const PREPARED_COLUMNS = 14;

function rememberIn<T>(cache: Map<string, T>, date: string, value: T, size: number): void {
  cache.delete(date);
  cache.set(date, value);
  while (cache.size > size) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

/** A few recently seen days, so stepping back and forth paints at once. */
const recentDays = new Map<string, DaySnapshot>();
function remember(snapshot: DaySnapshot): void {
  rememberIn(recentDays, snapshot.date, snapshot, CACHED_DAYS);
}

/**
 * Keeps a snapshot from main, reusing the objects of the copy already kept for its day where
 * nothing changed: models built from the kept copy then stay valid (see buildDayModel).
 */
function keep(snapshot: DaySnapshot): DaySnapshot {
  // Fresh from main: its clock reading is of this moment (a cached copy's is not).
  syncCareUnitClock(snapshot.now);
  const kept = reconcileSnapshot(recentDays.get(snapshot.date) ?? null, snapshot);
  remember(kept);
  return kept;
}

/**
 * The models of the last days drawn (and of the days next to the one shown, made while the
 * window is idle): going to one of them reuses its axis, layout, slot index and block
 * strings instead of building them during the switch.
 */
const recentModels = new Map<string, DayModel>();
function rememberModel(model: DayModel): void {
  rememberIn(recentModels, model.snapshot.date, model, CACHED_MODELS);
}

/** Idle time a frame must have left to build a neighbouring day's model in it. */
const PREPARE_IDLE_MS = 14;
let idleTask: IdleTask | null = null;

export type OptimisticPatch = Partial<Pick<AppointmentView, 'start' | 'end' | 'resourceId' | 'status' | 'pending' | 'comment'>>;

interface DayState {
  /** The date shown (YYYY-MM-DD in the care unit's zone). */
  date: string;
  zone: string;
  careUnitId: string | null;
  /** Main's snapshot of `date` (receipts patched in), before this window's optimistic patches. */
  base: DaySnapshot | null;
  optimistic: ReadonlyMap<string, OptimisticPatch>;
  model: DayModel | null;
  loading: boolean;
  error: AppError | null;
  showCancelled: boolean;
  prefs: ColumnPrefs;
  changes: ReadonlyMap<string, ChangeView>;
  /** Set while the grid shows a composition of days (the week): `base` is then that composition. */
  lens: ViewLens | null;

  openDay(date: string): Promise<void>;
  /** Shows a composition of days (not kept among the days); main's snapshots then go to the lens. */
  showComposed(snapshot: DaySnapshot, lens: ViewLens): void;
  refresh(): Promise<void>;
  receiveSnapshot(snapshot: DaySnapshot): void;
  /** Shows patches at once; returns a function that takes them back. */
  patch(patches: ReadonlyMap<string, OptimisticPatch>): () => void;
  /** Main answered a change: its appointments as now shown replace the optimistic ones. */
  receipt(appointments: readonly AppointmentView[], patchedIds: readonly string[]): void;
  setShowCancelled(show: boolean): void;
  setPrefs(prefs: ColumnPrefs): void;
  receiveChange(change: ChangeView): void;
  setChanges(changes: readonly ChangeView[]): void;
  rebuild(): void;
  /** The app now works for another clinic: forget every day and change of the previous one. */
  reset(): void;
}

function applyPatches(base: DaySnapshot, optimistic: ReadonlyMap<string, OptimisticPatch>): DaySnapshot {
  if (optimistic.size === 0) return base;
  return {
    ...base,
    appointments: base.appointments.map((view) => {
      const patch = optimistic.get(view.id);
      return patch === undefined ? view : { ...view, ...patch };
    }),
  };
}

function mergeAppointments(base: DaySnapshot, updated: readonly AppointmentView[]): DaySnapshot {
  const byId = new Map(updated.map((view) => [view.id, view]));
  const seen = new Set<string>();
  const appointments = base.appointments.map((view) => {
    const next = byId.get(view.id);
    if (next === undefined) return view;
    seen.add(view.id);
    return next;
  });
  // New ones (a booking's local id, a reschedule's extra appointments) on this day.
  for (const view of updated) if (!seen.has(view.id) && view.start.startsWith(base.date)) appointments.push(view);
  return { ...base, appointments };
}

export const useDay = create<DayState>((set, get) => {
  let request = 0;

  function modelFor(base: DaySnapshot | null, optimistic: ReadonlyMap<string, OptimisticPatch>, showCancelled: boolean, prefs: ColumnPrefs): DayModel | null {
    if (base === null) return null;
    const { locale, t } = useLocale.getState();
    const current = get().model;
    const previous = current !== null && current.snapshot.date === base.date ? current : (recentModels.get(base.date) ?? current);
    const model = buildDayModel(applyPatches(base, optimistic), { showCancelled, prefs, locale, t }, previous);
    rememberModel(model);
    return model;
  }

  /** Makes the models of the days before and after the one shown, one per idle moment. */
  function prepareNeighbours(): void {
    idleTask?.cancel();
    const { date } = get();
    const pending = [addDays(date, 1), addDays(date, -1)];
    const next = (): void => {
      idleTask = null;
      const state = get();
      if (state.date !== date) return;
      const day = pending.shift();
      if (day === undefined) return;
      const snapshot = recentDays.get(day);
      const known = recentModels.get(day);
      if (snapshot !== undefined && known?.snapshot !== snapshot) {
        const { locale, t } = useLocale.getState();
        const model = buildDayModel(snapshot, { showCancelled: state.showCancelled, prefs: state.prefs, locale, t }, known ?? null);
        for (const resourceId of model.columnIds.slice(0, PREPARED_COLUMNS)) for (const block of model.layout.columns.get(resourceId)?.blocks ?? []) model.blocks.get(block.id);
        rememberModel(model);
        // Keep the day shown the most recent: it must not be the one dropped.
        const shown = recentModels.get(date);
        if (shown !== undefined) rememberModel(shown);
      }
      if (pending.length > 0) idleTask = whenIdle(next, PREPARE_IDLE_MS);
    };
    idleTask = whenIdle(next, PREPARE_IDLE_MS);
  }

  function adoptCareUnit(snapshot: DaySnapshot): ColumnPrefs {
    const state = get();
    if (state.careUnitId === snapshot.careUnit.id) return state.prefs;
    return typeof localStorage === 'undefined' ? DEFAULT_COLUMN_PREFS : loadColumnPrefs(localStorage, snapshot.careUnit.id);
  }

  function show(snapshot: DaySnapshot, keepOptimistic: boolean): void {
    const state = get();
    const base = reconcileSnapshot(state.base, snapshot);
    remember(base);
    const prefs = adoptCareUnit(snapshot);
    const optimistic = keepOptimistic ? state.optimistic : new Map<string, OptimisticPatch>();
    set({
      base,
      optimistic,
      prefs,
      careUnitId: snapshot.careUnit.id,
      zone: snapshot.careUnit.timeZone,
      model: modelFor(base, optimistic, state.showCancelled, prefs),
      error: null,
    });
    const model = get().model;
    if (model !== null) useSelection.getState().retain(new Set(model.readingOrder));
    prepareNeighbours();
  }

  return {
    date: todayIn(DEFAULT_ZONE),
    zone: DEFAULT_ZONE,
    careUnitId: null,
    base: null,
    optimistic: new Map(),
    model: null,
    loading: false,
    error: null,
    showCancelled: false,
    prefs: DEFAULT_COLUMN_PREFS,
    changes: new Map(),
    lens: null,

    showComposed(snapshot, lens) {
      request += 1;
      const state = get();
      const prefs = adoptCareUnit(snapshot);
      const base = state.lens !== null ? reconcileSnapshot(state.base, snapshot) : snapshot;
      set({ lens, base, prefs, careUnitId: snapshot.careUnit.id, zone: snapshot.careUnit.timeZone, loading: false, error: null, model: modelFor(base, state.optimistic, state.showCancelled, prefs) });
      const model = get().model;
      if (model !== null) useSelection.getState().retain(new Set(model.readingOrder));
    },

    async openDay(date) {
      if (get().lens !== null) {
        // Back from a composition: its patches and model are not this day's.
        idleTask?.cancel();
        set({ lens: null, base: null, model: null, optimistic: new Map() });
      }
      const mine = ++request;
      // Marks for the bench (scripts/bench.ts) and the performance panel; they cost nothing.
      performance.mark(`day:open:${date}`);
      const switching = get().date !== date;
      if (switching) useSelection.getState().clear();
      const cached = recentDays.get(date);
      // Asked before anything here is redrawn, so that main works on the answer meanwhile.
      const answer = readWhenNotBusy(() => frontdesk().openDay({ date }), () => mine === request);
      set({ date, loading: true, error: null });
      // Without a copy here, the previous day stays drawn (dimmed) for the few milliseconds
      // main takes: unmounting the grid and mounting it again would cost more than the wait.
      if (cached !== undefined) show(cached, !switching);
      const result = await answer;
      const kept = result.ok ? keep(result.value) : null;
      if (mine !== request) return;
      performance.mark(`day:data:${date}`);
      if (kept !== null) {
        show(kept, !switching || cached !== undefined);
        performance.mark(`day:model:${date}`);
        set({ loading: false });
      } else if (!result.ok) {
        set({ loading: false, error: result.error, ...(get().base?.date !== date && { base: null, model: null, optimistic: new Map() }) });
      }
    },

    async refresh() {
      const { date } = get();
      const result = await readWhenNotBusy(() => frontdesk().refreshDay({ date }));
      if (result.ok) get().receiveSnapshot(result.value);
      // A failed refresh keeps the day shown; the connectivity header says why.
    },

    receiveSnapshot(snapshot) {
      const kept = keep(snapshot);
      const { lens } = get();
      if (lens !== null) lens.receive(kept);
      else if (kept.date === get().date) show(kept, true);
      else if (kept.date === addDays(get().date, 1) || kept.date === addDays(get().date, -1)) prepareNeighbours();
    },

    patch(patches) {
      const state = get();
      const optimistic = new Map(state.optimistic);
      for (const [id, patch] of patches) optimistic.set(id, { ...optimistic.get(id), ...patch });
      set({ optimistic, model: modelFor(state.base, optimistic, state.showCancelled, state.prefs) });
      return () => {
        const now = get();
        const rest = new Map(now.optimistic);
        for (const id of patches.keys()) rest.delete(id);
        set({ optimistic: rest, model: modelFor(now.base, rest, now.showCancelled, now.prefs) });
      };
    },

    receipt(received, patchedIds) {
      const state = get();
      const { lens } = state;
      const appointments = lens === null ? received : received.flatMap((view) => lens.toShown(view) ?? []);
      const rest = new Map(state.optimistic);
      for (const id of patchedIds) rest.delete(id);
      const base = state.base === null ? null : mergeAppointments(state.base, appointments);
      if (base !== null) remember(base);
      set({ base, optimistic: rest, model: modelFor(base, rest, state.showCancelled, state.prefs) });
    },

    setShowCancelled(showCancelled) {
      const state = get();
      set({ showCancelled, model: modelFor(state.base, state.optimistic, showCancelled, state.prefs) });
    },

    setPrefs(prefs) {
      const state = get();
      if (state.careUnitId !== null && typeof localStorage !== 'undefined') saveColumnPrefs(localStorage, state.careUnitId, prefs);
      set({ prefs, model: modelFor(state.base, state.optimistic, state.showCancelled, prefs) });
    },

    receiveChange(change) {
      const changes = new Map(get().changes);
      changes.set(change.changeId, change);
      set({ changes });
    },

    setChanges(list) {
      const changes = new Map(get().changes);
      for (const change of list) changes.set(change.changeId, change);
      set({ changes });
    },

    reset() {
      // Answers still on their way belong to the previous clinic: drop them.
      request += 1;
      recentDays.clear();
      recentModels.clear();
      idleTask?.cancel();
      set({ base: null, optimistic: new Map(), model: null, loading: false, error: null, careUnitId: null, changes: new Map(), lens: null });
    },

    rebuild() {
      const state = get();
      // A new language: every block's strings change, so nothing is reused.
      recentModels.clear();
      set({ model: null });
      set({ model: modelFor(state.base, state.optimistic, state.showCancelled, state.prefs) });
    },
  };
});

// Strings in the model follow the language.
useLocale.subscribe((state, previous) => {
  if (state.language !== previous.language) useDay.getState().rebuild();
});
