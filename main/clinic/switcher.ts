// The clinic switcher: which clinic the app works for right now, switchable while it runs —
// the demo clinic (on the demo backend, a port), the Leyr account's clinic, or a Leyr fixed
// on the command line.
//
// The schedule service is per clinic (the store is keyed by clinic): a switch stops the old
// one (giving a change in flight a few seconds for its answer) before the new one starts.
// A change still in flight after that is left to finish, and the same clinic is not started
// again until it has: the new service would find it "sent, outcome unknown", see Leyr not yet
// showing it, and send it a second time. The old clinic's queued changes stay in the store
// and go out when it is used again. Switches run one at a time; calls that arrive meanwhile
// wait.
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../log/logger.ts';
import { createScheduleService, type ScheduleService, type ScheduleServiceOptions } from '../schedule/service.ts';
import type { CredentialHolder } from '../secrets/credential-holder.ts';
import type { LocalStore } from '../store/store.ts';
import { accountBackend, demoBackend, externalBackend, type ActiveAccount, type BackendTuning, type ExternalLeyr, type LeyrBackend } from './backends.ts';
import type { DemoBackend, DemoLeyr } from './demo-backend.ts';

export type ClinicTarget =
  /** `reason`: why the demo runs although an account is set up (plain words), or null. */
  | { kind: 'demo'; reason: string | null }
  | { kind: 'account'; account: ActiveAccount }
  | { kind: 'external'; leyr: ExternalLeyr };

export type ScheduleTuning = Pick<ScheduleServiceOptions, 'refreshIntervalMs' | 'backgroundRefreshMs' | 'prefetchDays' | 'retry' | 'staleAfterMs' | 'snapshotDebounceMs' | 'actor' | 'now' | 'careUnitNow'>;

export interface ClinicSwitcherOptions {
  store: LocalStore;
  bus: EventBus;
  log: Logger;
  holder: CredentialHolder;
  /** The demo clinic's Leyr; started on first use, closed with the switcher. */
  demo: DemoBackend;
  timeoutMs?: number;
  schedule?: ScheduleTuning;
  /** Changes into time that has passed are allowed (read at each change: the setting may change). */
  allowPastChanges?: () => boolean;
}

export interface ActiveClinic {
  target: ClinicTarget;
  /** The clinic's key in the store. */
  clinicKey: string;
  emr: string;
  careUnitId: string;
  schedule: ScheduleService;
}

export interface ClinicSwitcher {
  /** The clinic in use (during a switch: the one being left, until the new one runs). */
  current(): ActiveClinic;
  /** The schedule service, once any switch in progress has finished. */
  schedule(): Promise<ScheduleService>;
  /**
   * Switches to `target` unless it is already in use (then only the reason is updated).
   * Resolves true when the clinic changed. When the target cannot be started the demo clinic
   * runs, with the reason; it rejects only when not even the demo clinic can start.
   */
  switchTo(target: ClinicTarget): Promise<boolean>;
  close(): Promise<void>;
}

/** Same clinic through the same credentials: switching would change nothing. */
export function sameTarget(a: ClinicTarget, b: ClinicTarget): boolean {
  if (a.kind === 'demo' || b.kind === 'demo') return a.kind === b.kind;
  if (a.kind === 'external' || b.kind === 'external') return a.kind === 'external' && b.kind === 'external' && a.leyr === b.leyr;
  return a.account.baseUrl === b.account.baseUrl && a.account.emr === b.account.emr && a.account.clientId === b.account.clientId && a.account.careUnitId === b.account.careUnitId;
}

interface Running {
  clinic: ActiveClinic;
  backend: LeyrBackend;
}

/** The demo backend started at most once, and kept for the life of the switcher. */
function onceStarted(demo: DemoBackend) {
  let started: Promise<DemoLeyr> | null = null;
  return {
    // Switching back to the demo finds the demo clinic as the receptionist left it.
    leyr: (): Promise<DemoLeyr> => (started ??= demo.start()),
    close: async (): Promise<void> => {
      if (started === null) return;
      await started.catch(() => undefined);
      await demo.close();
    },
  };
}

/**
 * Clinic key → the stopping of its last service, while a change of it may be in flight: the
 * same clinic is not used again before that change has its answer.
 */
function inFlightGuard() {
  const stopping = new Map<string, Promise<void>>();
  return {
    remember(clinicKey: string, schedule: ScheduleService): void {
      const stopped = schedule.whenStopped().finally(() => {
        if (stopping.get(clinicKey) === stopped) stopping.delete(clinicKey);
      });
      stopping.set(clinicKey, stopped);
    },
    pending: (clinicKey: string): Promise<void> | undefined => stopping.get(clinicKey),
  };
}

export async function createClinicSwitcher(options: ClinicSwitcherOptions, initial: ClinicTarget): Promise<ClinicSwitcher> {
  const { store, bus, log, holder } = options;
  const demo = onceStarted(options.demo);
  const inFlight = inFlightGuard();
  const tuning: BackendTuning = { log, timeoutMs: options.timeoutMs };

  async function backendFor(target: ClinicTarget): Promise<LeyrBackend> {
    switch (target.kind) {
      case 'demo':
        return demoBackend(await demo.leyr(), tuning);
      case 'external':
        return externalBackend(target.leyr, tuning);
      case 'account':
        return accountBackend(target.account, holder, tuning);
    }
  }

  async function activate(target: ClinicTarget): Promise<Running> {
    const backend = await backendFor(target);
    const previous = inFlight.pending(backend.clinic.key);
    if (previous !== undefined) {
      log.info({ kind: target.kind }, 'waiting for a change this clinic still has in flight before using it again');
      await previous;
    }
    try {
      const schedule = createScheduleService({ store, api: backend.api, bus, log, account: backend.clinic, ...options.schedule, ...(options.allowPastChanges !== undefined && { allowPastChanges: options.allowPastChanges }) });
      return { clinic: { target, clinicKey: backend.clinic.key, emr: backend.clinic.emr, careUnitId: backend.clinic.careUnitId, schedule }, backend };
    } catch (error) {
      await backend.close();
      throw error;
    }
  }

  /** Activates `target`, or the demo clinic with `reason` when it cannot be opened. */
  async function activateOrDemo(target: ClinicTarget, reason: string): Promise<Running> {
    try {
      return await activate(target);
    } catch (error) {
      if (target.kind === 'demo') throw error;
      log.error({ err: error, kind: target.kind }, 'the clinic could not be opened; running the demo clinic');
      return activate({ kind: 'demo', reason });
    }
  }

  let active: Running;
  try {
    active = await activateOrDemo(initial, 'The configured clinic could not be opened, so the demo clinic runs. The log has the details.');
  } catch (error) {
    await demo.close();
    throw error;
  }

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function switchNow(target: ClinicTarget): Promise<boolean> {
    if (closed) return false;
    if (sameTarget(active.clinic.target, target)) {
      active.clinic.target = target;
      return false;
    }
    const leaving = active;
    log.info({ from: leaving.clinic.target.kind, to: target.kind }, 'switching clinic');
    await leaving.clinic.schedule.close();
    inFlight.remember(leaving.clinic.clinicKey, leaving.clinic.schedule);
    await leaving.backend.close();
    active = await activateOrDemo(target, 'The clinic could not be opened, so the demo clinic runs. The log has the details.');
    return true;
  }

  return {
    current: () => active.clinic,
    async schedule() {
      await queue;
      return active.clinic.schedule;
    },
    switchTo(target) {
      const run = queue.then(() => switchNow(target));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await queue;
      if (closed) return;
      closed = true;
      await active.clinic.schedule.close();
      await active.backend.close();
      await demo.close();
    },
  };
}
