// When Leyr could not be asked, the store answers instead (the patient search, the find, the
// first free time): one rule for what "could not be asked" means.
import { LeyrError } from '../../leyr/errors.ts';
import { isTransportFailure } from './leyr-outcome.ts';

/** Leyr could not be asked: on the way (network, timeout), behind Leyr (5xx), or Leyr asked to wait (Retry-After, or the client's wait gate held the call back). */
export const isOutOfReach = (error: unknown): boolean =>
  isTransportFailure(error) || (error instanceof LeyrError && (error.heldByGate || error.retryAfterMs !== null || (error.status ?? 0) >= 500));
