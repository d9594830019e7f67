// How long the outbox waits after failed attempts: exponential per consecutive failure, with
// jitter (half to all of the step), up to a ceiling.

export interface RetryPolicy {
  /** First delay after a failure; doubles per consecutive failure. */
  baseMs: number;
  maxMs: number;
}

export class RetryBackoff {
  readonly #policy: RetryPolicy;
  readonly #random: () => number;
  #failures = 0;

  constructor(policy: RetryPolicy, random: () => number = Math.random) {
    this.#policy = policy;
    this.#random = random;
  }

  /** Attempts have failed since the last one that got through. */
  get failing(): boolean {
    return this.#failures > 0;
  }

  /** One more attempt failed: answers how long to wait before the next. */
  failed(): number {
    this.#failures += 1;
    const step = Math.min(this.#policy.maxMs, this.#policy.baseMs * 2 ** (this.#failures - 1));
    return step / 2 + this.#random() * (step / 2);
  }

  /** An attempt got an answer (applied, refused, or settled another way). */
  succeeded(): void {
    this.#failures = 0;
  }

  /** Leyr is seen to answer again: start over from the first step, but still catch up first. */
  forgive(): void {
    this.#failures = Math.min(this.#failures, 1);
  }
}
