// Whether Leyr could not be asked (rather than answered no): the network, a wait Leyr (or a
// gateway) asked for, or Leyr's own trouble. What reads from Leyr then answers from what main
// last saw, and says so.
import { LeyrError } from '../../leyr/errors.ts';
import { isTransportFailure } from './leyr-outcome.ts';

export function isOutOfReach(error: unknown): boolean {
  return isTransportFailure(error) || (error instanceof LeyrError && (error.heldByGate || error.retryAfterMs !== null || (error.status ?? 0) >= 500));
}
