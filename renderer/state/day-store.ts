// The open day as the renderer knows it: main's latest snapshot of it (main owns the truth),
// the few changes this window has asked for whose receipt is not back yet (shown pending at
// once, so a receptionist never waits on the bridge to see what they did), and the model the
// grid draws, rebuilt only when one of its inputs changes.
import { create } from 'zustand';
import type { AppError, AppointmentView, ChangeView, ConnectivityStatus, DaySnapshot } from '../../preload/contract.ts';
import { DEFAULT_COLUMN_PREFS, loadColumnPrefs, saveColumnPrefs, type ColumnPrefs } from '../day/column-prefs.ts';
import { buildDayModel, reconcileSnapshot, type DayModel, type Translate } from '../day/day-model.ts';
import { frontdesk } from '../frontdesk.ts';
import { todayIn } from '../i18n/format.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useSelection } from './selection-store.ts';

export const DEFAULT_ZONE = 'Europe/Stockholm';
const CACHED_DAYS = 8;

/** A few recently seen days, so stepping back and forth paints at once. */
const recentDays = new Map<string, DaySnapshot>();
function remember(snapshot: DaySnapshot): void {
  recentDays.delete(snapshot.date);
  recentDays.set(snapshot.date, snapshot);
  while (recentDays.size > CACHED_DAYS) {
    const oldest = recentDays.keys().next().value;
    if (oldest === undefined) break;
    recentDays.delete(oldest);
  }
}

export type OptimisticPatch = Partial<Pick<AppointmentView, 'start' | 'end' | 'resourceId' | 'status' | 'pending'>>;

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
  connectivity: ConnectivityStatus | null;
  changes: ReadonlyMap<string, ChangeView>;

  openDay(date: string): Promise<void>;
  refresh(): Promise<void>;
  receiveSnapshot(snapshot: DaySnapshot): void;
  /** Shows patches at once; returns a function that takes them back. */
  patch(patches: ReadonlyMap<string, OptimisticPatch>): () => void;
  /** Main answered a change: its appointments as now shown replace the optimistic ones. */
  receipt(appointments: readonly AppointmentView[], patchedIds: readonly string[]): void;
  setShowCancelled(show: boolean): void;
  setPrefs(prefs: ColumnPrefs): void;
  setConnectivity(status: ConnectivityStatus): void;
  receiveChange(change: ChangeView): void;
  setChanges(changes: readonly ChangeView[]): void;
  rebuild(): void;
  /** The app now works for another clinic: forget every day, change and status of the previous one. */
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
  const t: () => Translate = () => useLocale.getState().t as unknown as Translate;
  let request = 0;

  function modelFor(base: DaySnapshot | null, optimistic: ReadonlyMap<string, OptimisticPatch>, showCancelled: boolean, prefs: ColumnPrefs): DayModel | null {
    if (base === null) return null;
    const { locale } = useLocale.getState();
    return buildDayModel(applyPatches(base, optimistic), { showCancelled, prefs, locale, t: t() }, get().model);
  }

  function adoptCareUnit(snapshot: DaySnapshot): ColumnPrefs {
    const state = get();
    if (state.careUnitId === snapshot.careUnit.id) return state.prefs;
    return typeof localStorage === 'undefined' ? DEFAULT_COLUMN_PREFS : loadColumnPrefs(localStorage, snapshot.careUnit.id);
  }

  function show(snapshot: DaySnapshot, keepOptimistic: boolean): void {
    const state = get();
    const base = reconcileSnapshot(state.base, snapshot);
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
    connectivity: null,
    changes: new Map(),

    async openDay(date) {
      const mine = ++request;
      // Marks for the bench (scripts/bench.ts) and the performance panel; they cost nothing.
      performance.mark(`day:open:${date}`);
      const switching = get().date !== date;
      if (switching) useSelection.getState().clear();
      const cached = recentDays.get(date);
      set({ date, loading: true, error: null });
      // Without a copy here, the previous day stays drawn (dimmed) for the few milliseconds
      // main takes: unmounting the grid and mounting it again would cost more than the wait.
      if (cached !== undefined) show(cached, !switching);
      const result = await frontdesk().openDay({ date });
      if (mine !== request) return;
      performance.mark(`day:data:${date}`);
      if (result.ok) {
        remember(result.value);
        show(result.value, !switching || cached !== undefined);
        performance.mark(`day:model:${date}`);
        set({ loading: false });
      } else {
        set({ loading: false, error: result.error, ...(get().base?.date !== date && { base: null, model: null, optimistic: new Map() }) });
      }
    },

    async refresh() {
      const { date } = get();
      const result = await frontdesk().refreshDay({ date });
      if (result.ok) get().receiveSnapshot(result.value);
      // A failed refresh keeps the day shown; the connectivity header says why.
    },

    receiveSnapshot(snapshot) {
      remember(snapshot);
      if (snapshot.date === get().date) show(snapshot, true);
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

    receipt(appointments, patchedIds) {
      const state = get();
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

    setConnectivity(connectivity) {
      set({ connectivity });
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
      set({ base: null, optimistic: new Map(), model: null, loading: false, error: null, careUnitId: null, connectivity: null, changes: new Map() });
    },

    rebuild() {
      const state = get();
      // A new language: every block's strings change, so nothing is reused.
      set({ model: null });
      set({ model: modelFor(state.base, state.optimistic, state.showCancelled, state.prefs) });
    },
  };
});

// Strings in the model follow the language.
useLocale.subscribe((state, previous) => {
  if (state.language !== previous.language) useDay.getState().rebuild();
});
