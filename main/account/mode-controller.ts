// Which clinic the app works for right now, switchable while it runs: the demo clinic on the
// embedded sandbox, the clinic's own account, or a Leyr fixed on the command line.
//
// The schedule service is per account (the store is keyed by account): a switch stops the
// old one (giving a change in flight a few seconds for its answer) before the new one starts.
// A change still in flight after that is left to finish, and the same account is not started
// again until it has: the new service would find it "sent, outcome unknown", see Leyr not yet
// showing it, and send it a second time. The old account's queued changes stay in the store
// and go out when it is used again. Switches run one at a time; calls that arrive meanwhile
// wait.
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../log/logger.ts';
import type { CredentialHolder } from '../secrets/credential-holder.ts';
import type { Sandbox } from '../sandbox/server.ts';
import { createScheduleService, type ScheduleService, type ScheduleServiceOptions } from '../schedule/service.ts';
import type { LocalStore } from '../store/store.ts';
import {
  accountBackend,
  demoBackend,
  externalBackend,
  startDemoSandbox,
  type ActiveAccount,
  type DemoOptions,
  type ExternalLeyr,
  type LeyrBackend,
} from '../app/leyr-backend.ts';

export type BackendTarget =
  /** `reason`: why the demo runs although an account is set up (plain words), or null. */
  | { kind: 'demo'; reason: string | null }
  | { kind: 'account'; account: ActiveAccount }
  | { kind: 'external'; leyr: ExternalLeyr };

export type ScheduleTuning = Pick<ScheduleServiceOptions, 'refreshIntervalMs' | 'prefetchDays' | 'retry' | 'staleAfterMs' | 'snapshotDebounceMs' | 'actor'>;

export interface ModeControllerOptions {
  store: LocalStore;
  bus: EventBus;
  log: Logger;
  holder: CredentialHolder;
  demo: DemoOptions;
  timeoutMs?: number;
  schedule?: ScheduleTuning;
}

export interface ActiveMode {
  target: BackendTarget;
  /** Store key of the account in use. */
  accountKey: string;
  emr: string;
  careUnitId: string;
  schedule: ScheduleService;
}

export interface ModeController {
  /** The mode in use (during a switch: the one being left, until the new one runs). */
  current(): ActiveMode;
  /** The schedule service, once any switch in progress has finished. */
  schedule(): Promise<ScheduleService>;
  /**
   * Switches to `target` unless it is already in use (then only the reason is updated).
   * Resolves true when the clinic changed. When the target cannot be started the demo clinic
   * runs, with the reason; it rejects only when not even the demo clinic can start.
   */
  switchTo(target: BackendTarget): Promise<boolean>;
  /** The embedded demo sandbox, once demo mode has run in this process. */
  demoSandbox(): Sandbox | null;
  close(): Promise<void>;
}

/** Same clinic through the same credentials: switching would change nothing. */
export function sameTarget(a: BackendTarget, b: BackendTarget): boolean {
  if (a.kind === 'demo' || b.kind === 'demo') return a.kind === b.kind;
  if (a.kind === 'external' || b.kind === 'external') return a.kind === 'external' && b.kind === 'external' && a.leyr === b.leyr;
  return a.account.baseUrl === b.account.baseUrl && a.account.emr === b.account.emr && a.account.clientId === b.account.clientId && a.account.careUnitId === b.account.careUnitId;
}

export async function createModeController(options: ModeControllerOptions, initial: BackendTarget): Promise<ModeController> {
  const { store, bus, log, holder } = options;
  // Started on first use and kept for the life of the process: switching back to the demo
  // finds the demo clinic as the receptionist left it.
  const demo: { starting: Promise<Sandbox> | null; running: Sandbox | null } = { starting: null, running: null };
  const demoSandbox = (): Promise<Sandbox> => {
    demo.starting ??= startDemoSandbox({ ...options.demo, log }).then((running) => (demo.running = running));
    return demo.starting;
  };

  async function backendFor(target: BackendTarget): Promise<LeyrBackend> {
    const tuning = { log, ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }) };
    switch (target.kind) {
      case 'demo':
        return demoBackend(await demoSandbox(), { ...options.demo, ...tuning });
      case 'external':
        return externalBackend(target.leyr, tuning);
      case 'account':
        return accountBackend(target.account, { holder, ...tuning });
    }
  }

  /** Account key → the stopping of its last service, while a change of it may be in flight. */
  const stopping = new Map<string, Promise<void>>();
  const rememberStopping = (accountKey: string, schedule: ScheduleService): void => {
    const stopped = schedule.whenStopped().finally(() => {
      if (stopping.get(accountKey) === stopped) stopping.delete(accountKey);
    });
    stopping.set(accountKey, stopped);
  };

  async function activate(target: BackendTarget): Promise<{ mode: ActiveMode; backend: LeyrBackend }> {
    const backend = await backendFor(target);
    const previous = stopping.get(backend.account.key);
    if (previous !== undefined) {
      log.info({ kind: target.kind }, 'waiting for a change this clinic still has in flight before using it again');
      await previous;
    }
    try {
      const schedule = createScheduleService({ store, api: backend.api, bus, log, account: backend.account, ...options.schedule });
      return { mode: { target, accountKey: backend.account.key, emr: backend.account.emr, careUnitId: backend.account.careUnitId, schedule }, backend };
    } catch (error) {
      await backend.close();
      throw error;
    }
  }

  let active: { mode: ActiveMode; backend: LeyrBackend };
  try {
    active = await activate(initial);
  } catch (error) {
    if (initial.kind === 'demo') {
      await demo.running?.close();
      throw error;
    }
    log.error({ err: error, kind: initial.kind }, 'the configured clinic could not be opened; running the demo clinic');
    active = await activate({ kind: 'demo', reason: 'The configured clinic could not be opened, so the demo clinic runs. The log has the details.' });
  }

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function switchNow(target: BackendTarget): Promise<boolean> {
    if (closed) return false;
    if (sameTarget(active.mode.target, target)) {
      active.mode.target = target;
      return false;
    }
    const leaving = active;
    log.info({ from: leaving.mode.target.kind, to: target.kind }, 'switching clinic');
    await leaving.mode.schedule.close();
    rememberStopping(leaving.mode.accountKey, leaving.mode.schedule);
    await leaving.backend.close();
    try {
      active = await activate(target);
    } catch (error) {
      log.error({ err: error, kind: target.kind }, 'the clinic could not be opened; running the demo clinic');
      active = await activate({ kind: 'demo', reason: 'The clinic could not be opened, so the demo clinic runs. The log has the details.' });
    }
    return true;
  }

  return {
    current: () => active.mode,
    async schedule() {
      await queue;
      return active.mode.schedule;
    },
    switchTo(target) {
      const run = queue.then(() => switchNow(target));
      queue = run.catch(() => undefined);
      return run;
    },
    demoSandbox: () => demo.running,
    async close() {
      await queue;
      if (closed) return;
      closed = true;
      await active.mode.schedule.close();
      await active.backend.close();
      await demo.running?.close();
    },
  };
}
