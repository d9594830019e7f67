// How many independent reads (patient names) may be on their way to Leyr at once, adapted to
// how Leyr answers, in the manner of TCP's congestion control (additive increase,
// multiplicative decrease):
//
// - while Leyr answers fast, the limit grows: by one per answer at first (it doubles every
//   round trip: a big day's names must not trickle in six at a time behind a 200 ms line),
//   by one per round trip once Leyr has pushed back;
// - an answer much slower than the best seen (Leyr or the EHR queueing our requests) stops
//   the growth: more requests at once would only wait in Leyr's queue;
// - when Leyr pushes back (429, 503, an EHR that is overloaded) the limit halves, once per
//   push: the answers to requests that were already on their way when it halved say nothing
//   new and do not halve it again.
//
// The wait Leyr asks for (Retry-After) is not this module's: the client's wait gate
// (wait-gate.ts) holds every request until then; this only decides how many go after.

export interface AdaptiveLimitOptions {
  /** The limit to start at. */
  initial: number;
  /** Never below (at least 1). */
  min?: number;
  /** Never above. */
  max: number;
  /**
   * An answer slower than this many times the fastest seen, and slower by more than
   * `slowSlackMs`, stops the growth. Default 3 and 500 ms: Leyr's jitter and a busy moment of
   * this process (a big day being written) stay within them, a queue building up does not.
   */
  slowFactor?: number;
  slowSlackMs?: number;
  now?: () => number;
}

export class AdaptiveLimit {
  readonly #min: number;
  readonly #max: number;
  readonly #slowFactor: number;
  readonly #slowSlackMs: number;
  readonly #now: () => number;
  #limit: number;
  #fastest = Number.POSITIVE_INFINITY;
  /** Doubling per round trip until the first push-back. */
  #slowStart = true;
  /** Answers since the last step of the additive increase (one step per limit's worth). */
  #answers = 0;
  /** When the limit last halved: answers to requests sent before that are old news. */
  #decreasedAt = Number.NEGATIVE_INFINITY;

  constructor(options: AdaptiveLimitOptions) {
    this.#min = Math.max(1, Math.floor(options.min ?? 1));
    this.#max = Math.max(this.#min, Math.floor(options.max));
    this.#slowFactor = options.slowFactor ?? 3;
    this.#slowSlackMs = options.slowSlackMs ?? 500;
    this.#now = options.now ?? Date.now;
    this.#limit = Math.min(this.#max, Math.max(this.#min, Math.floor(options.initial)));
  }

  /** Requests that may be on their way now. */
  get current(): number {
    return Math.max(this.#min, Math.min(this.#max, Math.floor(this.#limit)));
  }

  /** The clock the `sentAt` of the answers is read on. */
  now(): number {
    return this.#now();
  }

  /** A request sent at `sentAt` was answered normally (a name, or "no such patient"). */
  answered(sentAt: number): void {
    const latency = this.#now() - sentAt;
    if (latency < this.#fastest) this.#fastest = Math.max(1, latency);
    if (latency > this.#fastest * this.#slowFactor && latency - this.#fastest > this.#slowSlackMs) return;
    if (sentAt < this.#decreasedAt) return;
    if (this.#slowStart) {
      this.#limit = Math.min(this.#max, this.#limit + 1);
      return;
    }
    this.#answers += 1;
    if (this.#answers >= this.#limit) {
      this.#answers = 0;
      this.#limit = Math.min(this.#max, this.#limit + 1);
    }
  }

  /**
   * Leyr pushed back on a request sent at `sentAt` (429, 503, the EHR overloaded, or the wait
   * gate was closed when it was due): halves the limit, unless it already halved since that
   * request was sent.
   */
  overloaded(sentAt: number): void {
    this.#slowStart = false;
    if (sentAt < this.#decreasedAt) return;
    this.#limit = Math.max(this.#min, Math.floor(this.#limit / 2));
    this.#answers = 0;
    this.#decreasedAt = this.#now();
  }
}
