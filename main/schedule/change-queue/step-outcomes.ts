// How one attempt of the outbox ends, in one place: deferred (not through yet: back off and
// try again), refused (Leyr said no), or settled another way (applied, already so, in
// conflict). Each is written to the store and announced.
import { LeyrError } from '../../leyr/errors.ts';
import type { ActiveStatus, ChangeFailure, OutboxRecord } from '../../store/outbox/entry.ts';
import { failureFrom } from '../changes/change-failure.ts';
import { settleFailed } from '../changes/settle-failed.ts';
import type { Settled } from '../changes/settlement.ts';
import type { ScheduleContext } from '../common/context.ts';
import type { BaseCheck } from './base-check.ts';
import type { RetryBackoff } from './retry-backoff.ts';

export interface StepOutcomes {
  /** Not through yet: tried again after a backoff. `sent` when it may have reached Leyr. */
  deferred(entry: OutboxRecord, error: unknown, status: ActiveStatus): void;
  /** Leyr refused it (or it could not be cleared to send): reverted and reported. `failure`: how it is told, when worked out already (bulk-refusal.ts). */
  refused(entry: OutboxRecord, error: unknown, failure?: ChangeFailure): void;
  /** It was settled (applied, already so, in conflict): announced; what Leyr now holds is learnt. */
  settled(settled: Settled): void;
}

export function createStepOutcomes(options: { ctx: ScheduleContext; checks: BaseCheck; backoff: RetryBackoff; announce(settled: Settled): void }): StepOutcomes {
  const { ctx, checks, backoff } = options;
  const settled = (done: Settled): void => {
    backoff.succeeded();
    checks.learn(done.written ?? []);
    options.announce(done);
  };
  return {
    deferred(entry, error, status) {
      // Never before the time Leyr (or a gateway) asked for: its Retry-After, or Leyr's ladder.
      const askedMs = error instanceof LeyrError && error.waitUntil !== null ? error.waitUntil - ctx.now() : 0;
      const waitMs = Math.max(backoff.failed(), askedMs);
      checks.forget();
      const failure = failureFrom(error);
      ctx.store.outbox.deferRetry(entry.seq, ctx.now() + waitMs, failure, ctx.nowIso(), status);
      ctx.log.info({ changeId: entry.changeId, attempts: entry.attempts, code: failure.code, retryInMs: Math.round(waitMs) }, 'change not through yet; retrying later');
      // The window hears why it waits (the EHR failed, Leyr asked to wait, …) at once.
      options.announce({ changeIds: [entry.changeId], dates: [] });
    },
    refused(entry, error, failure) {
      settled(settleFailed(ctx, entry, { status: 'refused', failure: failure ?? failureFrom(error) }));
    },
    settled,
  };
}
