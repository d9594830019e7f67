// Whether Leyr can be reached, judged from the outcomes of real calls (no pinging):
//
// - offline: the newest calls failed on the way (network, timeout): two in a row, or one
//   when nothing has succeeded within the last minute;
// - degraded: Leyr answers, but some of the last ten calls failed (5xx, timeouts, dropped
//   connections, refused credentials);
// - online: the last ten calls were answered.
//
// A refusal such as NO_TIMESLOTS_AVAILABLE is an answer: it says nothing bad about the line.
// Beside the state, the status says until when Leyr (or a gateway) asked everyone to wait
// (the client's wait gate): `waitUntil`, null when nobody asked or the time has passed.
import type { ConnectivityState, ConnectivityStatus } from '../../../preload/contract/index.ts';
import { toDisposable, type IDisposable } from '../../lifecycle/disposable.ts';
import { toZoneIso } from '../common/day-time.ts';
import type { CallOutcome } from '../common/leyr-outcome.ts';

const WINDOW = 10;
const RECENT_SUCCESS_MS = 60_000;

export interface ConnectivityTracker {
  record(outcome: CallOutcome): void;
  state(): ConnectivityState;
  /** `waitUntil`: when Leyr asked to wait until (epoch ms), or null; written in `zone`. */
  status(pendingCount: number, waitUntil?: number | null, zone?: string): ConnectivityStatus;
  /** Called with the new state whenever it changes. */
  onChange(listener: (state: ConnectivityState, previous: ConnectivityState) => void): IDisposable;
}

export function createConnectivityTracker(now: () => number = Date.now): ConnectivityTracker {
  const recent: CallOutcome[] = [];
  let consecutiveTransportFailures = 0;
  let lastSuccessAt: number | null = null;
  let current: ConnectivityState = 'online';
  let since = now();
  const listeners = new Set<(state: ConnectivityState, previous: ConnectivityState) => void>();

  const judge = (): ConnectivityState => {
    const successLongAgo = lastSuccessAt === null || now() - lastSuccessAt > RECENT_SUCCESS_MS;
    if (consecutiveTransportFailures >= 2 || (consecutiveTransportFailures >= 1 && successLongAgo)) return 'offline';
    return recent.some((outcome) => outcome !== 'answered') ? 'degraded' : 'online';
  };

  return {
    record(outcome) {
      recent.push(outcome);
      if (recent.length > WINDOW) recent.shift();
      if (outcome === 'transport-failure') consecutiveTransportFailures += 1;
      else consecutiveTransportFailures = 0;
      if (outcome === 'answered') lastSuccessAt = now();
      const next = judge();
      if (next !== current) {
        const previous = current;
        current = next;
        since = now();
        for (const listener of listeners) listener(next, previous);
      }
    },
    state: () => current,
    status: (pendingCount, waitUntil = null, zone = 'UTC') => ({
      state: current,
      since: new Date(since).toISOString(),
      lastSuccessAt: lastSuccessAt === null ? null : new Date(lastSuccessAt).toISOString(),
      pendingCount,
      waitUntil: waitUntil === null || waitUntil <= now() ? null : toZoneIso(waitUntil, zone),
    }),
    onChange(listener) {
      listeners.add(listener);
      return toDisposable(() => listeners.delete(listener));
    },
  };
}
