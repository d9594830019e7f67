// The schedule service: the offline-first heart of main. The renderer never talks to Leyr
// and never holds the only copy of anything; this service does, backed by the local store.
//
// - A day opens from the store at once; a fetch from Leyr follows and is pushed as a
//   `day.snapshot` event (and refreshed in the background, and when the window gets focus).
// - A change is planned against the local copy, written to the outbox together with its
//   optimistic copy in one transaction, answered at once, and sent by the outbox worker,
//   which first checks that Leyr still holds what the change was made on: one made on a
//   view another desk has since changed is reported as a conflict, not sent over it.
// - Connectivity is judged from the outcomes of real calls and pushed as an event.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { DateTime } from 'luxon';
import type {
  AppointmentFacts,
  AppointmentView,
  CallParsedArg,
  ChangeKind,
  ChangeReceipt,
  ChangeView,
  ConnectivityStatus,
  DaySnapshot,
  PatientSearchResult,
  PatientView,
} from '../../preload/contract/index.ts';
import type { EventBus } from '../events/bus.ts';
import type { LeyrApi } from '../leyr/api.ts';
import { LeyrError } from '../leyr/errors.ts';
import { parseSwedishPersonalNumber } from '../leyr/ids.ts';
import type { Logger } from '../log/logger.ts';
import { StoreError } from '../store/database.ts';
import type { OutboxEntry } from '../store/outbox.ts';
import type { AppointmentRecord, PatientRecord } from '../store/records.ts';
import type { LocalStore } from '../store/store.ts';
import {
  changeRequestSchema,
  isChangeKind,
  planBook,
  planCancel,
  planConfirm,
  planMove,
  planMoveToResource,
  planReschedule,
  type PlanContext,
  type PlannedChange,
} from './changes.ts';
import { createConnectivityTracker, type ConnectivityTracker } from './connectivity.ts';
import { createDayRefresher, type DayRefresher } from './day-refresher.ts';
import { nextWorkingDays, todayIn } from './day-time.ts';
import { datesOf } from './leyr-change.ts';
import { isTransportFailure, observeApi } from './leyr-outcome.ts';
import { patientRecord } from './leyr-records.ts';
import { createOutboxWorker, type OutboxWorker, type RetryPolicy } from './outbox-worker.ts';
import { createPatientNameFetcher, type PatientNameFetcher } from './patient-names.ts';
import { invalidArgument, notFound, rejected } from '../errors/failure.ts';
import type { Settled, SettlementContext } from './settlement.ts';
import { appointmentView, buildSnapshot, failureView } from './snapshot.ts';

export interface ScheduleAccount {
  /** Stable key of the account in the store, e.g. `demo:webdoc:L0_1`. */
  key: string;
  emr: string;
  careUnitId: string;
}

export interface ScheduleServiceOptions {
  store: LocalStore;
  api: LeyrApi;
  bus: EventBus;
  log: Logger;
  account: ScheduleAccount;
  /** Who is recorded in the audit log; the OS user by default. */
  actor?: string;
  /** Background refresh of the open day; 0 turns it off. Default 30 s. */
  refreshIntervalMs?: number;
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
  /** Concurrent patient fetches. Default 6. */
  nameConcurrency?: number;
  /** Snapshot events of a busy day are coalesced over this window. Default 30 ms. */
  snapshotDebounceMs?: number;
  /** Focus refreshes at most this often. Default 2 s. */
  focusThrottleMs?: number;
  now?: () => number;
}

export interface ScheduleService {
  openDay(date: string): DaySnapshot;
  /** Fetches now; rejects with the LeyrError when Leyr cannot be reached or refuses. */
  refreshDay(date: string): Promise<DaySnapshot>;
  /** The day as the store has it, without asking Leyr. */
  snapshot(date: string): DaySnapshot;
  windowFocused(): void;
  moveAppointment(arg: CallParsedArg<'moveAppointment'>): ChangeReceipt;
  cancelAppointments(arg: CallParsedArg<'cancelAppointments'>): ChangeReceipt;
  moveAppointmentsToResource(arg: CallParsedArg<'moveAppointmentsToResource'>): ChangeReceipt;
  rescheduleContinuous(arg: CallParsedArg<'rescheduleContinuous'>): ChangeReceipt;
  bookAppointment(arg: CallParsedArg<'bookAppointment'>): ChangeReceipt;
  confirmAppointment(arg: CallParsedArg<'confirmAppointment'>): ChangeReceipt;
  searchPatients(arg: CallParsedArg<'searchPatients'>): Promise<PatientSearchResult>;
  createPatient(arg: CallParsedArg<'createPatient'>): Promise<PatientView>;
  listChanges(): ChangeView[];
  retryChange(changeId: string): ChangeReceipt;
  dismissChange(changeId: string): void;
  connectivity(): ConnectivityStatus;
  /** Resolves once no change is pending or in flight (for tests and the bench). */
  whenIdle(): Promise<void>;
  readonly accountId: number;
  /** Stops; a change in flight gets a few seconds for its answer, then is left to finish on its own. */
  close(): Promise<void>;
  /**
   * After close: resolves once the change that was in flight has its answer (or failed), so
   * that a new service of the same account does not send it a second time meanwhile.
   */
  whenStopped(): Promise<void>;
}

const MAX_OPEN_DAYS = 3;
const SLOT_REFRESH_DELAY_MS = 1_000;
/**
 * How long a refresh of a day opened from the store waits. Fetching and writing a big day
 * takes tens of milliseconds of this process (and, in the web host, of Leyr's stand-in), and
 * its snapshot event a send and a parse more: started at once, it shares the machine with the
 * window drawing the stored copy it was just sent. Leyr's answer takes longer than this anyway.
 */
const REFRESH_AFTER_OPEN_MS = 250;
const SEARCH_LIMIT = 50;
const SETTLED_KEPT_MS = 30 * 24 * 60 * 60_000;
/** Past days kept in the store (calendar days before today). */
const DAYS_KEPT = 14;

export function createScheduleService(options: ScheduleServiceOptions): ScheduleService {
  const { store, bus, log } = options;
  const now = options.now ?? Date.now;
  const nowIso = (): string => new Date(now()).toISOString();
  const actor = options.actor ?? safeUserName();
  const account = store.accounts.ensure(options.account, nowIso());
  const accountId = account.id;
  let zone = account.timeZone;
  let closed = false;
  let syncSeq = store.days.maxSyncedSeq();
  const background = new Set<Promise<unknown>>();
  /** Refreshes of opened days not yet started (see REFRESH_AFTER_OPEN_MS). */
  const openRefreshTimers = new Set<NodeJS.Timeout>();

  const connectivity: ConnectivityTracker = createConnectivityTracker(now);
  const api: LeyrApi = observeApi(options.api, (outcome) => connectivity.record(outcome));

  // -------------------------------------------------------------------------------------
  // Events: snapshots of open days are coalesced; connectivity goes out on every change of
  // state or of the number of pending changes.

  const openDays: string[] = [];
  const dirtyDays = new Set<string>();
  let flushTimer: NodeJS.Timeout | null = null;
  let lastPendingCount = -1;

  const emitConnectivity = (): void => {
    const status = connectivity.status(store.outbox.activeCount(accountId));
    lastPendingCount = status.pendingCount;
    bus.emit('connectivity', status);
  };

  // A big day's snapshot takes milliseconds to build and send; while changes settle in a
  // burst, snapshots go out at most every few times that long, so they never crowd out the
  // work they report on.
  let debounceMs = options.snapshotDebounceMs ?? 30;
  const flush = (): void => {
    flushTimer = null;
    if (closed) return;
    const started = performance.now();
    try {
      for (const date of dirtyDays) {
        if (openDays.includes(date)) bus.emit('day.snapshot', snapshot(date));
      }
      if (store.outbox.activeCount(accountId) !== lastPendingCount) emitConnectivity();
    } catch (error) {
      // This runs from a timer, where a throw would end main: a store that cannot be read
      // (a damaged row is a StoreError) is logged, and the renderer's next call gets the error.
      log.error({ err: error }, 'day snapshot could not be pushed');
    } finally {
      dirtyDays.clear();
    }
    debounceMs = Math.max(options.snapshotDebounceMs ?? 30, Math.min(500, (performance.now() - started) * 4));
  };

  const touch = (dates: readonly string[]): void => {
    for (const date of dates) dirtyDays.add(date);
    // Pending counts show on every open day.
    for (const date of openDays) dirtyDays.add(date);
    if (flushTimer === null && !closed) flushTimer = setTimeout(flush, debounceMs);
  };

  const emitChange = (changeId: string): void => {
    const entry = store.outbox.byChangeId(changeId);
    if (entry !== null) bus.emit('change.status', changeView(entry));
  };

  const announce = (settled: Settled): void => {
    for (const changeId of settled.changeIds) emitChange(changeId);
    touch(settled.dates);
    if (settled.changeIds.length > 0) scheduleSlotRefresh(settled.dates);
  };

  // -------------------------------------------------------------------------------------
  // Parts.

  const settlement: SettlementContext = {
    store,
    accountId,
    actor,
    log,
    zone: () => zone,
    nowIso,
    nextSyncSeq: () => (syncSeq += 1),
  };

  const refresher: DayRefresher = createDayRefresher({
    ...settlement,
    api,
    careUnitId: options.account.careUnitId,
    catalogMaxAgeMs: options.catalogMaxAgeMs ?? 10 * 60_000,
    now,
    currentSyncSeq: () => syncSeq,
    setZone(newZone, careUnitName) {
      zone = newZone;
      store.accounts.setCareUnit(accountId, { name: careUnitName, timeZone: newZone });
    },
    announce,
  });

  const names: PatientNameFetcher = createPatientNameFetcher({ api, patients: store.patients, concurrency: options.nameConcurrency ?? 6, log, isClosed: () => closed });

  const worker: OutboxWorker = createOutboxWorker({
    ...settlement,
    api,
    retry: options.retry ?? { baseMs: 1_000, maxMs: 30_000 },
    checkReuseMs: options.checkReuseMs ?? 1_000,
    now,
    announce: (settled) => announce(settled),
    onSending: (entry) => {
      bus.emit('change.status', changeView(entry));
    },
    async catchUp(entries) {
      const dates = [...new Set(entries.flatMap((e) => datesOf(e.targets)))].slice(0, 5);
      for (const date of dates) await refresher.refresh(date);
    },
  });

  // -------------------------------------------------------------------------------------
  // Background work.

  const track = <T>(promise: Promise<T>): void => {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    background.add(settled);
    void settled.finally(() => background.delete(settled));
  };

  const fetchNames = async (date: string): Promise<void> => {
    const ids = store.days
      .dayView(accountId, date)
      .map((row) => row.patientId)
      .filter((id): id is string => id !== null);
    const fetched = await names.ensure(accountId, ids, todayIn(zone, now()));
    if (fetched > 0) touch([date]);
  };

  const lastRefreshAt = new Map<string, number>();
  const refreshDayAndNames = async (date: string): Promise<void> => {
    lastRefreshAt.set(date, now());
    await refresher.refresh(date);
    if (closed) return;
    await fetchNames(date);
  };

  const refreshInBackground = (date: string, withPrefetch = false): void => {
    track(
      (async () => {
        try {
          await refreshDayAndNames(date);
        } catch (error) {
          log.info({ date, kind: error instanceof LeyrError ? error.kind : 'other', status: error instanceof LeyrError ? error.status : null }, 'day refresh failed; showing the stored copy');
          return;
        }
        if (!withPrefetch || closed) return;
        for (const next of nextWorkingDays(date, options.prefetchDays ?? 2)) {
          if (closed) return;
          try {
            await refreshDayAndNames(next);
          } catch {
            return;
          }
        }
      })(),
    );
  };

  let slotRefreshTimer: NodeJS.Timeout | null = null;
  const slotRefreshDates = new Set<string>();
  // After changes are applied, Leyr's free slots of those days have moved: fetch them once
  // the burst is over rather than after every change.
  function scheduleSlotRefresh(dates: readonly string[]): void {
    for (const date of dates) if (openDays.includes(date)) slotRefreshDates.add(date);
    if (slotRefreshDates.size === 0 || closed) return;
    if (slotRefreshTimer !== null) clearTimeout(slotRefreshTimer);
    slotRefreshTimer = setTimeout(() => {
      slotRefreshTimer = null;
      if (closed) return;
      const dates = [...slotRefreshDates];
      slotRefreshDates.clear();
      for (const date of dates) refreshInBackground(date);
    }, SLOT_REFRESH_DELAY_MS);
  }

  const refreshInterval = options.refreshIntervalMs ?? 30_000;
  const periodic = refreshInterval > 0
    ? setInterval(() => {
        const open = openDays[0];
        if (open !== undefined && !closed) refreshInBackground(open);
      }, refreshInterval)
    : null;
  periodic?.unref();

  // -------------------------------------------------------------------------------------
  // Views.

  function snapshot(date: string): DaySnapshot {
    return buildSnapshot(store, accountId, date, { staleAfterMs: options.staleAfterMs ?? 120_000, now: now() });
  }

  function changeView(entry: OutboxEntry): ChangeView {
    return {
      changeId: entry.changeId,
      kind: changeKindOf(entry),
      summary: entry.summary,
      status: entry.status === 'sending' ? 'sent' : entry.status,
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
      attempts: entry.attempts,
      appointmentIds: entry.targets.map((t) => t.appointmentId),
      dates: datesOf(entry.targets),
      failure: failureView(entry),
      conflict:
        entry.conflict === null
          ? null
          : {
              local: entry.conflict.local.map(facts),
              remote: entry.conflict.remote.map(facts),
            },
    };
  }

  const facts = (r: AppointmentRecord): AppointmentFacts => ({
    id: r.id,
    resourceId: r.resourceId,
    patientId: r.patientId,
    serviceId: r.serviceId,
    start: r.start,
    end: r.end,
    status: r.status,
  });

  function appointmentViews(ids: readonly string[]): AppointmentView[] {
    const local = store.days.localAppointments(accountId, ids);
    const failures = store.outbox.failuresByAppointment(accountId);
    const cancellations = store.days.cancellationRequests(accountId);
    return ids.flatMap((id) => {
      const found = local.get(id);
      if (found === undefined) return [];
      const patient = found.record.patientId === null ? null : store.patients.get(accountId, found.record.patientId);
      return [
        appointmentView(
          {
            ...found.record,
            pending: found.pending,
            changeId: found.changeId,
            patientFirstName: patient?.firstName ?? null,
            patientLastName: patient?.lastName ?? null,
          },
          failures,
          cancellations,
        ),
      ];
    });
  }

  // -------------------------------------------------------------------------------------
  // Changes.

  const planContext = (changeId: string): PlanContext => ({
    changeId,
    zone,
    careUnitId: options.account.careUnitId,
    local: (ids) => store.days.localAppointments(accountId, ids),
    resource: (id) => store.days.resource(accountId, id),
    service: (id) => store.days.service(accountId, id),
    patientKnown: (id) => store.patients.get(accountId, id) !== null,
    cancellationRequests: () => store.days.cancellationRequests(accountId),
  });

  function queue(plan: (ctx: PlanContext) => PlannedChange): ChangeReceipt {
    if (closed) throw rejected('The app is shutting down.');
    const changeId = randomUUID();
    const planned = plan(planContext(changeId));
    const at = nowIso();
    store.transaction(() => {
      store.outbox.enqueue(accountId, { changeId, kind: planned.kind, request: planned.request, summary: planned.summary, actor, createdAt: at, targets: planned.targets });
      store.audit.write({ accountId, at, actor, action: 'change.queued', changeId, outcome: 'pending', detail: planned.summary });
    });
    emitChange(changeId);
    touch(datesOf(planned.targets));
    worker.kick();
    return { changeId, status: 'pending', appointments: appointmentViews(planned.targets.map((t) => t.appointmentId)) };
  }

  function retry(changeId: string): ChangeReceipt {
    const entry = store.outbox.byChangeId(changeId);
    if (entry === null || entry.accountId !== accountId) throw notFound(`No such change: ${changeId}.`);
    if ((entry.status !== 'refused' && entry.status !== 'conflict') || entry.dismissed) throw rejected('Only a refused or conflicting change can be queued again.');
    const parsed = changeRequestSchema.safeParse(entry.request);
    if (!parsed.success) throw rejected('This change cannot be read back; make it again.');
    const request = parsed.data;
    const receipt = (() => {
      switch (request.kind) {
        case 'move':
          return queue((ctx) =>
            planMove(ctx, {
              appointmentId: request.appointmentId,
              ...(request.start !== undefined && { start: request.start }),
              ...(request.end !== undefined && { end: request.end }),
              ...(request.resourceId !== undefined && { resourceId: request.resourceId }),
            }),
          );
        case 'cancel':
          return queue((ctx) => planCancel(ctx, { ids: request.ids, reason: request.reason }));
        case 'move-to-resource':
          return queue((ctx) => planMoveToResource(ctx, { ids: request.ids, resourceId: request.resourceId }));
        case 'reschedule':
          return queue((ctx) => planReschedule(ctx, { ids: request.ids, start: request.start, end: request.end }));
        case 'book':
          return queue((ctx) =>
            planBook(ctx, {
              patientId: request.patientId,
              resourceId: request.resourceId,
              start: request.start,
              end: request.end,
              ...(request.serviceId !== undefined && { serviceId: request.serviceId }),
              ...(request.comment !== undefined && { comment: request.comment }),
            }),
          );
        case 'confirm':
          return queue((ctx) => planConfirm(ctx, { appointmentId: request.shownId, code: request.code }));
      }
    })();
    const at = nowIso();
    store.transaction(() => {
      store.outbox.dismiss(changeId, at);
      store.audit.write({ accountId, at, actor, action: 'change.retried', changeId, outcome: receipt.changeId, detail: entry.summary });
    });
    emitChange(changeId);
    touch(datesOf(entry.targets));
    return receipt;
  }

  // -------------------------------------------------------------------------------------
  // Patients.

  const patientView = (p: PatientRecord): PatientView => ({ id: p.id, emrId: p.emrId, firstName: p.firstName, lastName: p.lastName, personalNumber: p.externalId });
  // Leyr answers an unknown patient id with 400 INVALID_PATIENT_ID (a 404 from a proxy means
  // the same). Any other refusal (credentials, rate limit, an EHR that cannot look patients up
  // by personal number) is not "nobody found": it is the call's error, in plain words.
  const isUnknownPatient = (error: unknown): boolean =>
    error instanceof LeyrError && error.kind === 'http' && (error.status === 404 || (error.status === 400 && error.errorCodes.includes('INVALID_PATIENT_ID')));

  async function searchPatients(query: string): Promise<PatientSearchResult> {
    const today = todayIn(zone, now());
    const audit = (how: string, count: number, source: string): void =>
      store.audit.write({ accountId, at: nowIso(), actor, action: 'patient.searched', outcome: source, detail: `by ${how}: ${count} found` });
    if (/^[\d\s+-]+$/.test(query)) {
      const personalNumber = parseSwedishPersonalNumber(query.replace(/\s+/g, ''));
      if (!personalNumber.ok) throw invalidArgument('query', `not a valid Swedish personal number: ${personalNumber.message}`);
      try {
        const patient = patientRecord(await api.getPatient(`se_personal_number:${personalNumber.value}`));
        const withNumber = { ...patient, externalId: patient.externalId ?? personalNumber.value };
        store.patients.upsert(accountId, [withNumber], today);
        audit('personal number', 1, 'leyr');
        return { patients: [patientView(withNumber)], source: 'leyr' };
      } catch (error) {
        if (isUnknownPatient(error)) {
          audit('personal number', 0, 'leyr');
          return { patients: [], source: 'leyr' };
        }
        if (!isTransportFailure(error) && !(error instanceof LeyrError && (error.status ?? 0) >= 500)) throw error;
        const found = store.patients.byExternalId(accountId, personalNumber.value);
        audit('personal number', found.length, 'store');
        return { patients: found.map(patientView), source: 'store' };
      }
    }
    const words = query.split(/\s+/).filter((w) => w !== '');
    const [head = '', ...rest] = words;
    const tail = rest.join(' ');
    const searches = rest.length === 0 ? [{ first_name: head }, { last_name: head }] : [{ first_name: head, last_name: tail }, { first_name: tail, last_name: head }];
    try {
      const results = await Promise.all(searches.map((q) => api.searchPatients(q)));
      const byId = new Map<string, PatientRecord>();
      for (const patient of results.flat()) if (!byId.has(patient.id)) byId.set(patient.id, patientRecord(patient));
      const patients = [...byId.values()]
        .sort((a, b) => (a.lastName ?? '').localeCompare(b.lastName ?? '', 'sv') || (a.firstName ?? '').localeCompare(b.firstName ?? '', 'sv') || a.id.localeCompare(b.id))
        .slice(0, SEARCH_LIMIT);
      store.patients.upsert(accountId, patients, today);
      audit('name', patients.length, 'leyr');
      return { patients: patients.map(patientView), source: 'leyr' };
    } catch (error) {
      if (!isTransportFailure(error) && !(error instanceof LeyrError && (error.status ?? 0) >= 500)) throw error;
      const found = store.patients.searchByName(accountId, words, SEARCH_LIMIT);
      audit('name', found.length, 'store');
      return { patients: found.map(patientView), source: 'store' };
    }
  }

  async function createPatient(arg: CallParsedArg<'createPatient'>): Promise<PatientView> {
    const personalNumber = parseSwedishPersonalNumber(arg.personalNumber);
    if (!personalNumber.ok) throw invalidArgument('personalNumber', `not a valid Swedish personal number: ${personalNumber.message}`);
    // Leyr's create is idempotent on the personal number: asking twice returns one patient.
    const created = patientRecord(
      await api.createPatient({
        first_name: arg.firstName,
        last_name: arg.lastName,
        external_id: personalNumber.value,
        phones: arg.phone === undefined ? [] : [arg.phone],
        emails: arg.email === undefined ? [] : [arg.email],
      }),
    );
    const patient = { ...created, externalId: created.externalId ?? personalNumber.value };
    const at = nowIso();
    store.transaction(() => {
      store.patients.upsert(accountId, [patient], todayIn(zone, now()));
      store.audit.write({ accountId, at, actor, action: 'patient.created', outcome: 'applied', detail: `patient ${patient.id}` });
    });
    return patientView(patient);
  }

  // -------------------------------------------------------------------------------------

  function rememberOpen(date: string): void {
    const index = openDays.indexOf(date);
    if (index !== -1) openDays.splice(index, 1);
    openDays.unshift(date);
    openDays.length = Math.min(openDays.length, MAX_OPEN_DAYS);
  }

  connectivity.onChange((state, previous) => {
    emitConnectivity();
    if (previous === 'offline' && state !== 'offline') {
      // Leyr answers again: send what waited, and bring the open day up to date.
      worker.kick(true);
      const open = openDays[0];
      if (open !== undefined) refreshInBackground(open);
    }
  });

  // Settled changes are kept a while for the audit trail of the outbox, then forgotten; so
  // are past days and the patients only they named (patient data is kept no longer than
  // the day view needs it).
  store.outbox.purgeSettled(new Date(now() - SETTLED_KEPT_MS).toISOString());
  const forgotten = store.days.forgetBefore(accountId, DateTime.fromMillis(now(), { zone }).minus({ days: DAYS_KEPT }).toISODate() ?? '');
  if (forgotten.appointments + forgotten.patients > 0) log.info(forgotten, 'forgot past days of the local store');
  if (store.outbox.activeCount(accountId) > 0) log.info({ pending: store.outbox.activeCount(accountId) }, 'resuming queued changes');
  worker.start();

  return {
    accountId,
    openDay(date) {
      rememberOpen(date);
      const current = snapshot(date);
      // The answer goes out first: the window waits for it, not for this bookkeeping (a
      // write to the store) nor for the refresh, which a day never fetched starts at once.
      setImmediate(() => {
        if (!closed && store.isOpen()) store.days.markOpened(accountId, date, nowIso());
      });
      const timer = setTimeout(
        () => {
          openRefreshTimers.delete(timer);
          if (!closed) refreshInBackground(date, true);
        },
        current.fetchedAt === null ? 0 : REFRESH_AFTER_OPEN_MS,
      );
      openRefreshTimers.add(timer);
      return current;
    },
    async refreshDay(date) {
      rememberOpen(date);
      await refreshDayAndNames(date);
      return snapshot(date);
    },
    snapshot,
    windowFocused() {
      const open = openDays[0];
      if (open === undefined) return;
      if (now() - (lastRefreshAt.get(open) ?? 0) < (options.focusThrottleMs ?? 2_000)) return;
      refreshInBackground(open);
      worker.kick(true);
    },
    moveAppointment: (arg) => queue((ctx) => planMove(ctx, arg)),
    cancelAppointments: (arg) => queue((ctx) => planCancel(ctx, arg)),
    moveAppointmentsToResource: (arg) => queue((ctx) => planMoveToResource(ctx, arg)),
    rescheduleContinuous: (arg) => queue((ctx) => planReschedule(ctx, arg)),
    bookAppointment: (arg) => queue((ctx) => planBook(ctx, arg)),
    confirmAppointment: (arg) => queue((ctx) => planConfirm(ctx, arg)),
    searchPatients: (arg) => searchPatients(arg.query),
    createPatient,
    listChanges: () => store.outbox.open(accountId).map(changeView),
    retryChange: retry,
    dismissChange(changeId) {
      const entry = store.outbox.byChangeId(changeId);
      if (entry === null || entry.accountId !== accountId) throw notFound(`No such change: ${changeId}.`);
      if (entry.status !== 'refused' && entry.status !== 'conflict') throw rejected('Only a refused or conflicting change can be dismissed.');
      const at = nowIso();
      store.transaction(() => {
        store.outbox.dismiss(changeId, at);
        store.audit.write({ accountId, at, actor, action: 'change.dismissed', changeId, detail: entry.summary });
      });
      touch(datesOf(entry.targets));
    },
    connectivity: () => connectivity.status(store.outbox.activeCount(accountId)),
    whenIdle: () => worker.idle(),
    whenStopped: () => worker.stopped(),
    async close() {
      if (closed) return;
      for (const timer of openRefreshTimers) clearTimeout(timer);
      openRefreshTimers.clear();
      if (periodic !== null) clearInterval(periodic);
      if (slotRefreshTimer !== null) clearTimeout(slotRefreshTimer);
      if (flushTimer !== null) clearTimeout(flushTimer);
      // Let a change in flight get its answer, briefly; otherwise it is reconciled on the next start.
      await worker.stop(3_000);
      closed = true;
      if (flushTimer !== null) clearTimeout(flushTimer);
      if (slotRefreshTimer !== null) clearTimeout(slotRefreshTimer);
      await Promise.race([Promise.all(background), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    },
  };
}

function changeKindOf(entry: OutboxEntry): ChangeKind {
  if (!isChangeKind(entry.kind)) throw new StoreError(`The local store has a change of an unknown kind: ${entry.kind.slice(0, 40)}.`);
  return entry.kind;
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
