// A schedule service wired to real parts: the Leyr sandbox over HTTP on 127.0.0.1, a real
// SQLite file in a temporary folder, the real client. Faster retries than production so
// that fault tests finish in seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChangeView, DaySnapshot, EventName, EventPayload } from '../../preload/contract/index.ts';
import { EventBus } from '../../main/events/bus.ts';
import { createLeyrClient } from '../../main/leyr/client.ts';
import type { LeyrApi } from '../../main/leyr/api.ts';
import { silentLogger, type Logger } from '../../main/log/logger.ts';
import { loadSeedFile, type SeedData } from '../../main/sandbox/seed.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/server.ts';
import { createScheduleService, type ScheduleService, type ScheduleServiceOptions } from '../../main/schedule/service.ts';
import { openStore, type LocalStore } from '../../main/store/store.ts';
import { clockFrom } from './clinic-clock.ts';
import { sandboxControl, type SandboxControl } from './sandbox-control.ts';
import { BIG_CLINIC, SMALL_CLINIC } from './fixtures.ts';

export { BIG_CLINIC, SMALL_CLINIC };
/** A Monday of the fixtures. */
export const DAY = '2026-03-23';

const seeds = new Map<string, Promise<SeedData>>();
export const loadSeed = (file: string): Promise<SeedData> => {
  let seed = seeds.get(file);
  if (seed === undefined) {
    seed = loadSeedFile(file);
    seeds.set(file, seed);
  }
  return seed;
};

export interface RecordedEvent<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}

export class EventRecorder {
  readonly all: RecordedEvent[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(bus: EventBus) {
    bus.subscribe((event, payload) => {
      this.all.push({ event, payload } as RecordedEvent);
      for (const wake of this.#waiters) wake();
    });
  }

  of<E extends EventName>(event: E): EventPayload<E>[] {
    return this.all.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>);
  }

  /** Resolves with the first event (already seen or to come) that matches. */
  waitFor<E extends EventName>(event: E, match: (payload: EventPayload<E>) => boolean = () => true, timeoutMs = 10_000): Promise<EventPayload<E>> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.of(event).find(match);
        if (found === undefined) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for a ${event} event`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      const wake = (): void => {
        check();
      };
      if (!check()) this.#waiters.add(wake);
    });
  }
}

export interface HarnessOptions {
  seedFile?: string;
  emr?: string;
  log?: Logger;
  service?: Partial<Omit<ScheduleServiceOptions, 'store' | 'api' | 'bus' | 'log' | 'account'>>;
  /** Per-attempt client timeout (ms). */
  timeoutMs?: number;
}

/** One HTTP request the service's client sent, and when (Date.now at send). */
export interface SentRequest {
  method: string;
  /** Path below the API base, with the query. */
  path: string;
  at: number;
  /** The answer's status, once in (null: no answer). */
  status: number | null;
  answeredAt: number | null;
}

export interface Harness {
  sandbox: Sandbox;
  /** Every HTTP request the service's client sent (not the other desk's), in order: to measure gaps. */
  sent: SentRequest[];
  control: SandboxControl;
  dir: string;
  store: LocalStore;
  bus: EventBus;
  events: EventRecorder;
  service: ScheduleService;
  /** The account's id in the store (for reading its audit log). */
  accountId: number;
  /** A second client on the same sandbox: "another desk". */
  otherDesk: LeyrApi;
  /** Opens DAY and fetches it from Leyr: the day as a receptionist first sees it. */
  openFresh(): Promise<DaySnapshot>;
  /** The change once it has ended: applied, refused or in conflict. */
  finalStatus(changeId: string): Promise<ChangeView>;
  /** Closes the service and the store and opens them again on the same file. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const seed = await loadSeed(options.seedFile ?? SMALL_CLINIC);
  const sandbox = await startSandbox({ seed, control: true, ...(options.emr !== undefined && { emr: options.emr }) });
  const careUnitId = sandbox.careUnitIds[0] ?? 'L0_1';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-schedule-'));
  const log = options.log ?? silentLogger;
  const sent: SentRequest[] = [];
  const recording: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const entry: SentRequest = { method: init?.method ?? 'GET', path: `${url.pathname}${url.search}`.replace(/^.*?\/emrs\//, '/emrs/'), at: Date.now(), status: null, answeredAt: null };
    sent.push(entry);
    const response = await fetch(input, init);
    entry.status = response.status;
    entry.answeredAt = Date.now();
    return response;
  };
  const client = (recorded = false): LeyrApi =>
    createLeyrClient({
      ...(recorded && { fetch: recording }),
      baseUrl: sandbox.apiBaseUrl,
      emr: sandbox.emr,
      careUnitId,
      credentials: () => sandbox.credentials,
      timeoutMs: options.timeoutMs ?? 2_000,
      retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
      // What Leyr asks to wait after a 429/503 without Retry-After, shortened like the retries.
      waitLadderMs: [20, 50, 100],
      log,
    });
  const api = client(true);
  const account = { key: `test:${sandbox.emr}:${careUnitId}`, emr: sandbox.emr, careUnitId };
  const open = (): { store: LocalStore; bus: EventBus; events: EventRecorder; service: ScheduleService } => {
    const store = openStore(dir);
    const bus = new EventBus();
    const events = new EventRecorder(bus);
    const service = createScheduleService({
      store,
      api,
      bus,
      log,
      account,
      actor: 'test-desk',
      refreshIntervalMs: 0,
      prefetchDays: 0,
      retry: { baseMs: 20, maxMs: 200 },
      snapshotDebounceMs: 5,
      focusThrottleMs: 0,
      // The seeded day is today to the care unit: nothing of it has passed.
      careUnitNow: clockFrom(DAY),
      ...options.service,
    });
    return { store, bus, events, service };
  };
  let parts = open();
  const harness: Harness = {
    sandbox,
    sent,
    control: sandboxControl(sandbox.origin),
    dir,
    get store() {
      return parts.store;
    },
    get bus() {
      return parts.bus;
    },
    get events() {
      return parts.events;
    },
    get service() {
      return parts.service;
    },
    get accountId() {
      return parts.store.accounts.ensure(account, new Date().toISOString()).id;
    },
    otherDesk: client(),
    openFresh() {
      parts.service.openDay(DAY);
      return parts.service.refreshDay(DAY);
    },
    finalStatus: (changeId) => parts.events.waitFor('change.status', (c) => c.changeId === changeId && (c.status === 'applied' || c.status === 'refused' || c.status === 'conflict')),
    async restart() {
      await parts.service.close();
      parts.store.close();
      parts = open();
    },
    async close() {
      await parts.service.close();
      parts.store.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The sandbox's appointments by id (cancellation records left out). */
export async function sandboxAppointments(control: SandboxControl): Promise<Map<string, Awaited<ReturnType<SandboxControl['state']>>['appointments'][number]>> {
  const { appointments } = await control.state();
  return new Map(appointments.filter((a) => a.cancellation_of === undefined).map((a) => [a.id, a]));
}
