// Faults injected on request, for reliability tests: added latency, a share of 5xx answers,
// dropped connections, or no connection at all. They apply to /api requests only; the
// control endpoints always answer.
import { z } from 'zod';

export const faultsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Share (0..1) of requests answered 5xx without being processed. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Share (0..1) of requests whose connection is destroyed without an answer. */
  dropRate: z.number().min(0).max(1).default(0),
  /**
   * When a dropped request is dropped: `request` before it is processed (nothing changes),
   * `response` after it was processed and its answer lost (the change is made). Sandbox
   * extension; `request` by default.
   */
  dropPhase: z.enum(['request', 'response']).default('request'),
  /** Every /api connection is destroyed at once. */
  offline: z.boolean().default(false),
  /**
   * Only requests with these methods meet the faults (e.g. lose the answer of a PATCH but
   * not of the GET before it); every request when left out. Sandbox extension.
   */
  methods: z.array(z.enum(['GET', 'POST', 'PATCH'])).min(1).optional(),
});
export type Faults = z.output<typeof faultsSchema>;

export const NO_FAULTS: Faults = Object.freeze({ latencyMs: 0, errorRate: 0, dropRate: 0, dropPhase: 'request', offline: false });

/** What happens to one /api request. */
export type FaultDecision =
  | { kind: 'offline' }
  | { kind: 'pass'; latencyMs: number; drop: 'request' | 'response' | null; error: ServerErrorKind | null };

export type ServerErrorKind = 'EMR_ERROR' | 'UNKNOWN_ERROR';

/**
 * Decides each request's fate from the faults in force. The two 5xx kinds alternate (503
 * EMR_ERROR first, then 500 UNKNOWN_ERROR), so a client sees both.
 */
export class FaultInjector {
  #faults: Faults = NO_FAULTS;
  #errors = 0;
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  get current(): Faults {
    return this.#faults;
  }

  set(faults: Faults): Faults {
    this.#faults = Object.freeze({ ...faults });
    return this.#faults;
  }

  clear(): Faults {
    this.#faults = NO_FAULTS;
    return this.#faults;
  }

  decide(method: string): FaultDecision {
    const faults = this.#faults;
    if (faults.methods !== undefined && !(faults.methods as readonly string[]).includes(method)) return { kind: 'pass', latencyMs: 0, drop: null, error: null };
    if (faults.offline) return { kind: 'offline' };
    const drop = faults.dropRate > 0 && this.#random() < faults.dropRate ? faults.dropPhase : null;
    let error: ServerErrorKind | null = null;
    if (drop !== 'request' && faults.errorRate > 0 && this.#random() < faults.errorRate) {
      error = this.#errors++ % 2 === 0 ? 'EMR_ERROR' : 'UNKNOWN_ERROR';
    }
    return { kind: 'pass', latencyMs: faults.latencyMs, drop, error };
  }
}
