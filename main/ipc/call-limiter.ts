// Backpressure between a window and main: every call of a sender (an Electron webContents, a
// web host socket) passes through here before the router, so one window in a loop (a burst
// of day switches, a runaway script) cannot block main or fill its memory.
//
// - Identical reads share one answer: while `openDay` of a date runs, another `openDay` of the
//   same date waits for that answer instead of building the day again. Only calls that change
//   nothing and answer the same for the same argument at the same moment are coalesced
//   (CALL_POLICY below says which).
// - Each lane has a bounded number of calls in flight, and distinct day reads are also bounded
//   per second (each starts a refresh from Leyr behind it). A read past its lane's bound is
//   answered at once with `BUSY` (the renderer retries reads calmly), never queued: a queue of
//   reads is what made main grow to gigabytes, and the answer to a read asked a second ago is
//   seldom still wanted.
// - Writes (a receptionist's changes, settings) have a lane of their own, so a burst of reads
//   can never starve a change; past its bound a write waits in a short FIFO queue (a change
//   is never dropped because reads were busy), and only past that queue is it answered
//   `BUSY`, loudly, so the renderer puts the appointment back and says the change was not
//   made. Nothing is ever dropped without an answer.
// - Cheap status reads (connectivity, the list of changes, settings, app info) have a lane of
//   their own too: the header must stay true while a day burst is refused.
//
// The router still checks the sender and the argument: this module only decides whether a
// call runs now, joins an identical one, waits (writes) or is refused.
import { calls, fail, type CallName, type Result } from '../../preload/contract/index.ts';
import type { Router, SenderInfo } from './router.ts';

export type CallLane = 'day' | 'status' | 'write';

export interface CallPolicy {
  lane: CallLane;
  /** Identical concurrent calls (same name and argument) share one answer. */
  coalesce: boolean;
}

const read = (lane: 'day' | 'status'): CallPolicy => ({ lane, coalesce: true });
const write: CallPolicy = { lane: 'write', coalesce: false };

/**
 * Every call of the contract, classified; a new call must be placed here or this fails to
 * compile. Reads are coalesced; everything that changes something (in main, in Leyr, in the
 * keychain or the updater) is a write, and so is a read with a side effect worth keeping
 * per call (`testConnection` asks Leyr with the credentials as they are now).
 */
export const CALL_POLICY: { readonly [K in CallName]: CallPolicy } = {
  getAppInfo: read('status'),
  getUpdateStatus: read('status'),
  checkForUpdates: write,
  restartToUpdate: write,
  setUiBusy: write,
  // Builds a whole day from the store (the heaviest read), and its refresh asks Leyr.
  openDay: read('day'),
  refreshDay: read('day'),
  // Sets the refresh cadence and may start a refresh of the open day; the same state twice at once is once.
  windowActivity: read('status'),
  // A hint of which columns are drawn (their names come first); the same columns twice at once are once.
  showingResources: read('status'),
  moveAppointment: write,
  cancelAppointments: write,
  moveAppointmentsToResource: write,
  rescheduleContinuous: write,
  // Asks Leyr; the same query typed twice at once is one question.
  searchPatients: read('day'),
  createPatient: write,
  bookAppointment: write,
  confirmAppointment: write,
  listChanges: read('status'),
  retryChange: write,
  dismissChange: write,
  getConnectivity: read('status'),
  getSettings: read('status'),
  saveCredentials: write,
  testConnection: write,
  chooseCareUnit: write,
  useDemo: write,
  removeSecret: write,
  signOut: write,
  updatePreferences: write,
  getSalvage: read('status'),
  sendSalvagedChanges: write,
  discardSalvagedChanges: write,
  // — first free time —
  // Asks Leyr (window after window) or answers from main's cache; the same question twice at once is one search.
  findFreeTimes: read('day'),
  // — find —
  // Asks Leyr (a few listings) and writes what it finds to the store; the same patient twice at once is one question.
  findPatientAppointments: read('day'),
  // — rebook —
  // Reads the store (and Leyr's free slots of days it does not hold); changes nothing.
  proposeRebook: read('day'),
  // — comments and printing —
  editComment: write,
  // Reads the store, and Leyr for the days not fresh (a week at most); changes nothing.
  readDaysForPrint: read('day'),
  printSheet: write,
  saveSheetAsPdf: write,
  // — week —
  // Reads the store (a few days' snapshots); the fetches from Leyr follow in the background.
  openWeek: read('day'),
  // Reads the store only (the week prepared while the day is shown) and starts nothing from
  // Leyr: it spends none of the day reads' allowance, which the receptionist's own days need.
  readWeek: read('status'),
  // — undo —
  // Withdraws from the outbox or queues inverse changes.
  undoChanges: write,
};

export interface CallLimits {
  /** Distinct day reads (openDay, refreshDay, searchPatients) in flight per sender. */
  day: number;
  /**
   * Distinct day reads started at once (a bucket of this many), and per second after. A day
   * is answered from the store at once, so it is in flight for a moment only; but each one
   * starts a refresh from Leyr and fetches the next working days behind it. Bounded by what
   * is in flight alone, a window in a loop would start hundreds of Leyr requests a second
   * (which Leyr answers 429) and keep main busy parsing them for seconds.
   */
  dayBurst: number;
  dayPerSecond: number;
  /** Distinct status reads in flight per sender. */
  status: number;
  /** Writes in flight per sender. */
  write: number;
  /** Writes waiting for a place per sender; past this, BUSY. */
  writeQueue: number;
  /** Callers waiting on one coalesced day read; past this, BUSY (each is sent the whole day). */
  sharers: number;
  /** Callers waiting on one coalesced status read (a small answer: the header's poll may pile up while main is busy). */
  statusSharers: number;
}

/**
 * A receptionist's window opens one day at a time (its neighbours come as pushed snapshots),
 * so four distinct days at once and two more a second is more than paging by hand asks; a
 * day skipped while paging fast is answered BUSY, and the day the receptionist stops on is
 * asked again by the renderer a moment later. Every admitted day costs main a refresh from
 * Leyr and the next working days behind it (a few hundred milliseconds of work for a big
 * clinic), which is what this bounds. A write is planned locally and queued in the outbox
 * (milliseconds), so eight at once and 64 waiting is far past what a person can click, while
 * a runaway loop still meets a bound.
 */
export const DEFAULT_CALL_LIMITS: CallLimits = { day: 4, dayBurst: 4, dayPerSecond: 2, status: 8, write: 8, writeQueue: 64, sharers: 8, statusSharers: 64 };

export const BUSY_MESSAGE = 'Frontdesk is busy with many requests from this window; try again in a moment.';

/** Arguments longer than this (as JSON) are never coalesced: keys stay small. */
const MAX_KEY_LENGTH = 512;

interface Shared {
  answer: Promise<Result<unknown>>;
  sharers: number;
}

interface SenderState {
  inFlight: Record<CallLane, number>;
  /** Day reads that may start now (a token bucket), and when it was last filled. */
  dayTokens: number;
  filledAt: number;
  shared: Map<string, Shared>;
  writeQueue: (() => void)[];
}

export interface CallLimiter {
  /** Dispatches `name` for `sender` (any value that identifies the window: a webContents id, a socket). */
  dispatch(sender: unknown, name: string, arg: unknown, info: SenderInfo): Promise<Result<unknown>>;
  /** The sender is gone (its socket closed, its window destroyed): nothing of it is kept. */
  forget(sender: unknown): void;
  /** Senders with calls in flight or waiting, or a day allowance still refilling (for tests). */
  readonly activeSenders: number;
}

const isCallName = (name: string): name is CallName => Object.hasOwn(calls, name);

function coalesceKey(name: string, arg: unknown): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(arg ?? null);
  } catch {
    return null; // not JSON (a cycle): run it on its own, the router refuses it anyway
  }
  if (text === undefined || text.length > MAX_KEY_LENGTH) return null;
  return `${name}\u0000${text}`;
}

export function createCallLimiter(router: Router, limits: CallLimits = DEFAULT_CALL_LIMITS, now: () => number = () => performance.now()): CallLimiter {
  const senders = new Map<unknown, SenderState>();
  const refill = (state: SenderState): void => {
    const at = now();
    state.dayTokens = Math.min(limits.dayBurst, state.dayTokens + ((at - state.filledAt) / 1000) * limits.dayPerSecond);
    state.filledAt = at;
  };

  const stateOf = (sender: unknown): SenderState => {
    let state = senders.get(sender);
    if (state === undefined) {
      state = { inFlight: { day: 0, status: 0, write: 0 }, dayTokens: limits.dayBurst, filledAt: now(), shared: new Map(), writeQueue: [] };
      senders.set(sender, state);
    }
    return state;
  };
  // An idle sender is forgotten, so a closed window or socket leaves nothing behind.
  const forgetIfIdle = (sender: unknown, state: SenderState): void => {
    refill(state);
    const idle = state.inFlight.day + state.inFlight.status + state.inFlight.write === 0 && state.writeQueue.length === 0 && state.shared.size === 0;
    // A sender whose bucket is not full yet is kept until it is: forgetting it would refill it.
    if (idle && state.dayTokens >= limits.dayBurst) {
      senders.delete(sender);
    }
  };

  async function runRead(sender: unknown, state: SenderState, lane: CallLane, name: string, arg: unknown, info: SenderInfo): Promise<Result<unknown>> {
    state.inFlight[lane] += 1;
    try {
      // A day is built synchronously from the store: starting each on a turn of its own lets
      // the calls that arrived with it (a status read, a change) be served in between.
      if (lane === 'day') await new Promise((resolve) => setImmediate(resolve));
      return await router.dispatch(name, arg, info);
    } finally {
      state.inFlight[lane] -= 1;
      forgetIfIdle(sender, state);
    }
  }

  async function runWrite(sender: unknown, state: SenderState, name: string, arg: unknown, info: SenderInfo): Promise<Result<unknown>> {
    if (state.inFlight.write >= limits.write) {
      if (state.writeQueue.length >= limits.writeQueue) return fail('BUSY', BUSY_MESSAGE);
      // The place is handed over by the write that finishes (below), in arrival order.
      await new Promise<void>((resolve) => state.writeQueue.push(resolve));
    } else {
      state.inFlight.write += 1;
    }
    try {
      return await router.dispatch(name, arg, info);
    } finally {
      const next = state.writeQueue.shift();
      if (next !== undefined) next();
      else {
        state.inFlight.write -= 1;
        forgetIfIdle(sender, state);
      }
    }
  }

  return {
    get activeSenders() {
      return senders.size;
    },
    forget(sender) {
      // Calls still in flight finish on the state they hold; a new call starts afresh.
      senders.delete(sender);
    },
    dispatch(sender, name, arg, info) {
      // Not a call of the contract: the router refuses it, at no cost worth bounding.
      if (!isCallName(name)) return router.dispatch(name, arg, info);
      const policy = CALL_POLICY[name];
      const state = stateOf(sender);
      if (policy.lane === 'write') return runWrite(sender, state, name, arg, info);

      const key = policy.coalesce ? coalesceKey(name, arg) : null;
      const existing = key === null ? undefined : state.shared.get(key);
      if (existing !== undefined) {
        if (existing.sharers >= (policy.lane === 'status' ? limits.statusSharers : limits.sharers)) return Promise.resolve(fail('BUSY', BUSY_MESSAGE));
        existing.sharers += 1;
        return existing.answer;
      }
      if (policy.lane === 'day') refill(state);
      if (state.inFlight[policy.lane] >= limits[policy.lane] || (policy.lane === 'day' && state.dayTokens < 1)) {
        forgetIfIdle(sender, state);
        return Promise.resolve(fail('BUSY', BUSY_MESSAGE));
      }
      if (policy.lane === 'day') state.dayTokens -= 1;
      const answer = runRead(sender, state, policy.lane, name, arg, info);
      if (key === null) return answer;
      state.shared.set(key, { answer, sharers: 1 });
      // Forgotten once answered: a later call asks afresh (a coalesced read is never a cache).
      const release = (): void => {
        state.shared.delete(key);
        forgetIfIdle(sender, state);
      };
      answer.then(release, release);
      return answer;
    },
  };
}

/** Every call straight to the router, as before this module: only for the burst bench's "before" figures. */
export function withoutLimits(router: Router): CallLimiter {
  return { dispatch: (_sender, name, arg, info) => router.dispatch(name, arg, info), forget: () => undefined, activeSenders: 0 };
}
