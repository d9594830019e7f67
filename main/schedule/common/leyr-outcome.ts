// What a failed Leyr call means for the app: for the line (connectivity) and for a change
// that was being sent (was it applied?).
import type { LeyrApi } from '../../leyr/api.ts';
import { aroundEveryCall } from '../../leyr/around-every-call.ts';
import { LeyrError } from '../../leyr/errors.ts';
import { isSecretStoreError } from '../../secrets/secret-store-error.ts';

/** How a call went, for judging the line: answered (even with a refusal), failed at Leyr, or failed on the way. */
export type CallOutcome = 'answered' | 'transport-failure' | 'server-failure';

/**
 * The fate of a change whose request failed:
 * - refused: Leyr answered no (4xx), or the client would not send it: not applied, final;
 * - retry: certainly not applied, but may succeed later (429, refused credentials, held back
 *   by the client's wait gate, or the secret could not be read from the keychain, so nothing
 *   was sent);
 * - unknown: it may or may not have been applied (connection lost, timeout, 5xx, the EHR or
 *   Leyr failed with EMR_ERROR or UNKNOWN_ERROR at any status, an unreadable 2xx answer):
 *   Leyr's state must be read before sending it again.
 */
export type ChangeFailureClass = 'refused' | 'retry' | 'unknown';

/** Leyr's codes for a failure behind it (the EHR, or Leyr itself), whatever the status: Leyr's own examples of both are 401s. */
const BEHIND_LEYR = new Set(['EMR_ERROR', 'UNKNOWN_ERROR']);

export function classifyChangeFailure(error: unknown): ChangeFailureClass {
  if (isSecretStoreError(error)) return 'retry';
  if (!(error instanceof LeyrError)) return 'refused';
  // The client's wait gate held it back: it never left.
  if (error.heldByGate) return 'retry';
  switch (error.kind) {
    case 'invalid-request':
      return 'refused';
    case 'network':
    case 'timeout':
    case 'invalid-response':
      return 'unknown';
    case 'http': {
      const status = error.status ?? 0;
      // The EHR (or Leyr) failed while working on it: it may have gone through.
      if (error.code !== null && BEHIND_LEYR.has(error.code)) return 'unknown';
      if (status === 429 || status === 401 || status === 403) return 'retry';
      if (status === 408 || status >= 500) return 'unknown';
      return 'refused';
    }
  }
}

/** Whether a failed call is an answer from Leyr, a server failure or a failure on the way. */
export function callOutcome(error: unknown): CallOutcome | null {
  if (!(error instanceof LeyrError)) return null;
  // Held back by the client's wait gate: nothing was sent, so nothing new about the line.
  if (error.heldByGate) return null;
  switch (error.kind) {
    case 'network':
    case 'timeout':
      return 'transport-failure';
    case 'invalid-response':
      return 'server-failure';
    case 'invalid-request':
      return null;
    case 'http': {
      const status = error.status ?? 0;
      if (status >= 500 || status === 429 || status === 401 || status === 403 || status === 408) return 'server-failure';
      return 'answered';
    }
  }
}

/** Leyr transport failures: the request may not have reached Leyr at all. */
export function isTransportFailure(error: unknown): boolean {
  return error instanceof LeyrError && (error.kind === 'network' || error.kind === 'timeout');
}

/** The same API, reporting the outcome of every call. */
export function observeApi(api: LeyrApi, report: (outcome: CallOutcome) => void): LeyrApi {
  return aroundEveryCall(api, async (call) => {
    let value;
    try {
      value = await call();
    } catch (error) {
      const outcome = callOutcome(error);
      if (outcome !== null) report(outcome);
      throw error;
    }
    report('answered');
    return value;
  });
}
