// The schedule service: the offline-first heart of main. The renderer never talks to Leyr
// and never holds the only copy of anything; this service does, backed by the local store.
// It is a facade over its jobs, which it wires together and nothing else:
// - the day feed (day-feed/): open from the store, refresh from Leyr, push snapshots;
// - the change queue (change-queue/): plan, queue, send, retry, dismiss, list changes,
//   each kind of change registered once (changes/registry.ts);
// - patients (patients/): search, create, the names the day view shows;
// - connectivity (connectivity/): judged from the outcomes of real calls, pushed as an event.
// Everything that keeps running is registered with one DisposableStore; close() is its
// dispose plus a short wait for what is in flight.
import type { CallParsedArg, ChangeReceipt, ChangeView, ConnectivityStatus, DaySnapshot, FreeTimeAnswer, PatientAppointments, PatientCreation, PatientSearchResult, PrintDays, RebookProposal, UndoReceipt, WeekSnapshot } from '../../preload/contract/index.ts';
import { addDays } from './common/day-time.ts';
import type { EventBus } from '../events/bus.ts';
import { DisposableStore, settledWithin, type IDisposable } from '../lifecycle/disposable.ts';
import type { LeyrApi } from '../leyr/api.ts';
import type { Logger } from '../log/logger.ts';
import type { LocalStore } from '../store/store.ts';
import { createChangeQueue } from './change-queue/change-queue.ts';
import type { RetryPolicy } from './change-queue/retry-backoff.ts';
import type { Settled } from './changes/settlement.ts';
import { createConnectivityTracker } from './connectivity/connectivity.ts';
import { createDayFeed } from './day-feed/day-feed.ts';
import { createDayPush } from './day-feed/day-push.ts';
import { createDayRefresher } from './day-feed/day-refresher.ts';
import { OpenDays } from './day-feed/open-days.ts';
import { createPatientFinder } from './find/patient-appointments.ts';
import { keepHouse } from './housekeeping.ts';
import { createPatients } from './patients/patients.ts';
import { createPrintDays } from './print/print-days.ts';
import { datesOf } from './common/change-dates.ts';
import { createScheduleContext, type ScheduleAccount } from './common/context.ts';
import { observeApi } from './common/leyr-outcome.ts';
import { OtherDeskMarks } from './common/other-desk-marks.ts';
import { buildSnapshot } from './common/snapshot.ts';
import { createFreeTimeFinder } from './free-time/free-time.ts';
import { createRebook } from './rebook/rebook.ts';

export type { ScheduleAccount };

export interface ScheduleServiceOptions {
  store: LocalStore;
  api: LeyrApi;
  bus: EventBus;
  log: Logger;
  account: ScheduleAccount;
  /**
   * The app's zone, for a care unit whose zone Leyr does not say (its care units carry none):
   * where the days begin and end. Default Europe/Stockholm.
   */
  timeZone?: string;
  /** Who is recorded in the audit log; the OS user by default. */
  actor?: string;
  /**
   * The clock of the schedule (today's date, ages of days and names); Date.now by default. A
   * test or the bench moves it to "the next morning". Leyr's waits keep the real clock.
   */
  now?: () => number;
  /** Refresh of the open day while the window is in use; 0 turns refreshing off. Default 10 s. */
  refreshIntervalMs?: number;
  /** Refresh of the open day while the window is not in use. Default 60 s. */
  backgroundRefreshMs?: number;
  /** Working days after an opened day that are fetched ahead. Default 2. */
  prefetchDays?: number;
  /** A day fetched longer ago is shown as stale. Default 2 minutes. */
  staleAfterMs?: number;
  /** Resources and services are fetched again when older. Default 10 minutes. */
  catalogMaxAgeMs?: number;
  /** Outbox backoff. Default 1 s doubling to 30 s. */
  retry?: RetryPolicy;
  /**
   * Before a change is sent, Leyr's copy of what it touches is read (another desk may have
   * changed it); a listing of a day serves the changes sent back to back after it for this
   * long. Default 1 s; 0 reads for every change.
   */
  checkReuseMs?: number;
  /** The most patient-name fetches on their way at once (the limit adapts below it). Default 48. */
  nameConcurrency?: number;
  /** Snapshot events of a busy day are coalesced over this window. Default 30 ms. */
  snapshotDebounceMs?: number;
  /** Focus refreshes at most this often. Default 2 s. */
  focusThrottleMs?: number;
  // — first free time —
  /** Free timeslots fetched for "the first free time" are trusted this long (other desks book too). Default 60 s. */
  freeTimeMaxAgeMs?: number;
  /** Changes into time that has passed are allowed (settings: allowPastChanges). Default: never. */
  allowPastChanges?: () => boolean;
  /**
   * The care unit's clock for what has passed (changes into the past are refused; snapshots
   * carry it as `now` for the grid's shading): `now` by default. Tests of a seeded day set it
   * to that day, leaving `now` (ages, Leyr's waits) on the real clock.
   */
  careUnitNow?: () => number;
}

export interface ScheduleService {
  openDay(date: string): DaySnapshot;
  /** Fetches now; rejects with the LeyrError when Leyr cannot be reached or refuses. */
  refreshDay(date: string): Promise<DaySnapshot>;
  /** The day as the store has it, without asking Leyr. */
  snapshot(date: string): DaySnapshot;
  /** The window got focus: the open day is refreshed (not too often) and waiting changes are tried. */
  windowFocused(): void;
  /** The window is in use or not: the open day refreshes quickly, or slowly (day-feed.ts). */
  windowActivity(active: boolean): void;
  /** The window draws these columns of `date`: their patients' names are fetched first. */
  showingResources(date: string, resourceIds: readonly string[]): void;
  moveAppointment(arg: CallParsedArg<'moveAppointment'>): ChangeReceipt;
  cancelAppointments(arg: CallParsedArg<'cancelAppointments'>): ChangeReceipt;
  moveAppointmentsToResource(arg: CallParsedArg<'moveAppointmentsToResource'>): ChangeReceipt;
  rescheduleContinuous(arg: CallParsedArg<'rescheduleContinuous'>): ChangeReceipt;
  bookAppointment(arg: CallParsedArg<'bookAppointment'>): ChangeReceipt;
  confirmAppointment(arg: CallParsedArg<'confirmAppointment'>): ChangeReceipt;
  searchPatients(arg: CallParsedArg<'searchPatients'>): Promise<PatientSearchResult>;
  /** `existing`: Leyr already had the patient (its create is idempotent): said, never passed off as created. */
  createPatient(arg: CallParsedArg<'createPatient'>): Promise<PatientCreation>;
  listChanges(): ChangeView[];
  retryChange(changeId: string): ChangeReceipt;
  dismissChange(changeId: string): void;
  // — undo —
  undoChanges(arg: CallParsedArg<'undoChanges'>): UndoReceipt;
  connectivity(): ConnectivityStatus;
  /**
   * Changes held after a salvage (main/store/outbox/held.ts) were sent or discarded by the
   * receptionist: show them as they now stand, and send what waits.
   */
  heldChangesSettled(changeIds: readonly string[]): void;
  /** Resolves once no change is pending or in flight (the bench waits for the outbox to drain). */
  whenIdle(): Promise<void>;
  /** Stops; a change in flight gets a few seconds for its answer, then is left to finish on its own. */
  close(): Promise<void>;
  /**
   * After close: resolves once the change that was in flight has its answer (or failed), so
   * that a new service of the same account does not send it a second time meanwhile.
   */
  whenStopped(): Promise<void>;
  // — first free time —
  /** The earliest free times of a service from a day on (free-time/free-time.ts). */
  findFreeTimes(arg: CallParsedArg<'findFreeTimes'>): Promise<FreeTimeAnswer>;
  // — find —
  /** The patient's appointments around today: Leyr's with unsent changes over them, or the store's (`source: 'store'`). */
  findPatientAppointments(arg: CallParsedArg<'findPatientAppointments'>): Promise<PatientAppointments>;
  // — rebook —
  /** A free slot for each appointment (a sick resource's day); sends nothing (rebook/rebook.ts). */
  proposeRebook(arg: CallParsedArg<'proposeRebook'>): Promise<RebookProposal>;
  // — comments and printing —
  /** A booked appointment's new comment, queued like every change (changes/kinds/comment.ts). */
  editComment(arg: CallParsedArg<'editComment'>): ChangeReceipt;
  /** The days of a printout, fetched first where not fresh (print/print-days.ts). */
  readDaysForPrint(arg: CallParsedArg<'readDaysForPrint'>): Promise<PrintDays>;
  // — week —
  /** The days of a week from the store, each then refreshed and kept current while shown (day-feed/day-feed.ts). */
  openWeek(arg: CallParsedArg<'openWeek'>): WeekSnapshot;
  /** The same days from the store, opening nothing (the window prepares the week with them). */
  readWeek(arg: CallParsedArg<'readWeek'>): WeekSnapshot;
}

const MAX_OPEN_DAYS = 3;
/** How long close() gives a change in flight for its answer, and background work to end. */
const CHANGE_GRACE_MS = 3_000;
const BACKGROUND_GRACE_MS = 1_000;
/** After a wait Leyr asked for, the gate is open a moment later (timers may fire early by a millisecond). */
const WAIT_OVER_SLACK_MS = 5;

export function createScheduleService(options: ScheduleServiceOptions): ScheduleService {
  const { store, bus } = options;
  const ctx = createScheduleContext(options);
  const { accountId } = ctx;
  const disposables = new DisposableStore();
  const tracker = createConnectivityTracker(ctx.now);
  const api = observeApi(options.api, (outcome) => tracker.record(outcome));
  const gate = options.api.gate;
  const connectivity = (): ConnectivityStatus => tracker.status(store.outbox.activeCount(accountId), gate?.waitUntil() ?? null, ctx.zone());
  const marks = new OtherDeskMarks(ctx.now);
  const snapshot = (date: string, resourceIds?: readonly string[]): DaySnapshot => ({
    ...buildSnapshot(store, accountId, date, { staleAfterMs: options.staleAfterMs ?? 120_000, now: ctx.now(), changedElsewhere: marks.of(date), ...(resourceIds !== undefined && { resourceIds }) }),
    now: new Date(ctx.careUnitNow()).toISOString(),
  });
  const weekOf = (arg: { from: string; days: number }): string[] => Array.from({ length: arg.days }, (_, i) => addDays(arg.from, i));
  const openDays = new OpenDays(MAX_OPEN_DAYS);
  // — first free time — (a day this app changes, or a refresh finds changed, is asked of Leyr again)
  const freeTime = createFreeTimeFinder({
    ctx,
    api,
    maxAgeMs: options.freeTimeMaxAgeMs ?? 60_000,
    storedDay: (date) => ((store.days.day(accountId, date)?.fetchedAt ?? null) !== null ? snapshot(date).freeSlots : null),
  });

  // What settling changed: each change's status, the days' snapshots, the free slots.
  const announce = (settled: Settled): void => {
    freeTime.forget(settled.dates);
    changes.emitStatus(settled.changeIds);
    push.touch(settled.dates);
    if (settled.changeIds.length > 0) days.settledOn(settled.dates);
  };
  const push = disposables.add(
    createDayPush({ bus, log: ctx.log, openDays, snapshot, connectivity, pendingCount: () => store.outbox.activeCount(accountId), debounceMs: options.snapshotDebounceMs ?? 30 }),
  );
  const patients = disposables.add(createPatients({ ctx, api, nameConcurrency: options.nameConcurrency ?? 48, onNames: (dates) => push.touch(dates) }));
  const refresher = createDayRefresher({ ctx, api, catalogMaxAgeMs: options.catalogMaxAgeMs ?? 10 * 60_000, announce, marks });
  const days = disposables.add(
    createDayFeed({
      ctx,
      refresher,
      openDays,
      snapshot,
      touch: push.touch,
      fetchNames: patients.namesOf,
      refreshIntervalMs: options.refreshIntervalMs ?? 10_000,
      backgroundRefreshMs: options.backgroundRefreshMs ?? 60_000,
      prefetchDays: options.prefetchDays ?? 2,
      focusThrottleMs: options.focusThrottleMs ?? 2_000,
    }),
  );
  const changes = disposables.add(
    createChangeQueue({ ctx, api, bus, retry: options.retry ?? { baseMs: 1_000, maxMs: 30_000 }, checkReuseMs: options.checkReuseMs ?? 1_000, announce, touch: (dates) => (freeTime.forget(dates), push.touch(dates)), catchUp: days.catchUp, ...(options.allowPastChanges !== undefined && { allowPastChanges: options.allowPastChanges }) }),
  );
  disposables.add(
    tracker.onChange((state, previous) => {
      push.connectivityChanged();
      // Leyr answers again: send what waited, and bring the open day up to date.
      if (previous === 'offline' && state !== 'offline') {
        changes.wake(true);
        days.reconnected();
      }
    }),
  );

  // Leyr (or a gateway) asked everyone to wait (the client's wait gate): the header says until
  // when; once the time is over, what waited goes (the outbox, the open day and its names).
  if (gate !== undefined) {
    let waitOver: IDisposable | null = null;
    const over = (): void => {
      waitOver = null;
      push.connectivityChanged();
      changes.wake();
      days.reconnected();
    };
    disposables.add(
      gate.onChange((until) => {
        if (waitOver !== null) disposables.release(waitOver);
        waitOver = null;
        push.connectivityChanged();
        if (until !== null) waitOver = disposables.timeout(over, Math.max(0, until - ctx.now()) + WAIT_OVER_SLACK_MS);
        else changes.wake();
      }),
    );
  }

  const finder = createPatientFinder({ ctx, api });
  const printDays = createPrintDays({ snapshot, fetchDay: refresher.refresh, fetchNames: (date) => patients.namesOf(date, true), patients: store.patients, accountId, log: ctx.log });
  const rebook = createRebook({ ctx, api, serviceSlots: freeTime.serviceSlots, freshMs: options.staleAfterMs ?? 120_000 });

  keepHouse(ctx);
  changes.start();

  let closing: Promise<void> | null = null;
  return {
    openDay: days.open,
    refreshDay: days.refresh,
    snapshot,
    windowFocused() {
      if (days.focused()) changes.wake(true);
    },
    windowActivity(active) {
      days.setActive(active);
      if (active && days.focused()) changes.wake(true);
    },
    showingResources: patients.showing,
    moveAppointment: (arg) => changes.make('move', arg),
    cancelAppointments: (arg) => changes.make('cancel', arg),
    moveAppointmentsToResource: (arg) => changes.make('move-to-resource', arg),
    rescheduleContinuous: (arg) => changes.make('reschedule', arg),
    bookAppointment: (arg) => changes.make('book', arg),
    confirmAppointment: (arg) => changes.make('confirm', arg),
    searchPatients: patients.search,
    createPatient: patients.create,
    listChanges: changes.list,
    retryChange: changes.retry,
    // — undo —
    undoChanges: (arg) => changes.undo(arg.changeIds, arg.reason),
    dismissChange: changes.dismiss,
    connectivity,
    heldChangesSettled(changeIds) {
      changes.emitStatus(changeIds);
      push.touch(changeIds.flatMap((id) => datesOf(store.outbox.byChangeId(id)?.targets ?? [])));
      push.connectivityChanged();
      changes.wake();
    },
    whenIdle: changes.whenIdle,
    whenStopped: changes.whenStopped,
    // — first free time —
    findFreeTimes: freeTime.find,
    close() {
      closing ??= (async () => {
        disposables.dispose();
        // A change in flight gets its answer, briefly; otherwise it is reconciled on the next start.
        await settledWithin(changes.whenStopped(), CHANGE_GRACE_MS);
        await days.settled(BACKGROUND_GRACE_MS);
      })();
      return closing;
    },
    // — find —
    findPatientAppointments: finder.findPatientAppointments,
    // — rebook —
    proposeRebook: (arg) => rebook.propose(arg.appointmentIds),
    // — comments and printing —
    editComment: (arg) => changes.make('comment', arg),
    readDaysForPrint: printDays,
    // — week —
    // Only the shown resources' appointments and free time are read (the toolbar chooses from
    // the whole resource list, which every snapshot carries).
    openWeek: (arg) => ({ days: days.openWeek(weekOf(arg), arg.resourceIds) }),
    readWeek: (arg) => ({ days: weekOf(arg).map((date) => snapshot(date, arg.resourceIds)) }),
  };
}
