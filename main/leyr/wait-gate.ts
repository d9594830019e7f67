// The wait gate: one per client instance, shared by everything that calls Leyr through that
// client (day reads, the outbox, patient names, search). Once Leyr, or a gateway in front of
// it, asks to wait (429, 503, SERVICE_UNAVAILABLE; docs/leyr-api.md "Errors"), no request of
// that client is sent before the time it named:
//
// - `Retry-After` is read as delta-seconds or as an HTTP date, capped at RETRY_AFTER_CAP_MS;
// - without it, Leyr's advised ladder is followed: 1 s, 5 s, 15 s, 30 s, then 1 min for as
//   long as the refusals go on; a normal answer starts the ladder over;
// - once the time has passed, one request goes first (the probe) and the others wait for its
//   answer, so a crowd of waiting calls does not hit Leyr at the same instant;
// - answers to requests that were already on their way when the wait was announced neither
//   climb the ladder nor open the gate: they say nothing new about Leyr's state.
import { toDisposable, type IDisposable } from '../lifecycle/disposable.ts';
import type { LeyrWaitGate } from './api.ts';

/**
 * The longest wait the client accepts from `Retry-After`: 5 minutes. A longer value (or an
 * HTTP date far ahead, e.g. from a skewed clock) is read as 5 minutes, so a typo in a gateway
 * cannot silence the app for hours; Leyr is asked again after 5 minutes and may ask again.
 */
export const RETRY_AFTER_CAP_MS = 5 * 60_000;

/** Leyr's advice for SERVICE_UNAVAILABLE without Retry-After: 1 s, 5 s, 15 s, 30 s, 1 min (docs/leyr-api.md). */
export const WAIT_LADDER_MS: readonly number[] = [1_000, 5_000, 15_000, 30_000, 60_000];

/**
 * `Retry-After` in milliseconds from `now`: delta-seconds (`5`) or an HTTP date
 * (`Mon, 23 Mar 2026 07:00:05 GMT`), capped at RETRY_AFTER_CAP_MS; a date in the past is 0.
 * Null when the header is absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(RETRY_AFTER_CAP_MS, Math.round(Number(text) * 1000));
  // An HTTP date names a weekday or a month; a bare number or other junk is not one.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, at - now));
}

/** What closed the gate, for errors of requests held back by it. */
export interface WaitReason {
  status: number | null;
  code: string | null;
}

export interface WaitAsked {
  retryAfterMs: number;
  waitUntil: number;
}

export class WaitGate implements LeyrWaitGate {
  readonly #ladder: readonly number[];
  readonly #now: () => number;
  #until: number | null = null;
  /** When the current wait was announced: answers to requests sent before it are old news. */
  #announcedAt = Number.NEGATIVE_INFINITY;
  #step = 0;
  #reason: WaitReason = { status: null, code: null };
  /** A wait was announced and no request sent after it has had a normal answer yet. */
  #troubled = false;
  #probe: Promise<void> | null = null;
  readonly #listeners = new Set<(waitUntil: number | null) => void>();

  constructor(options: { ladderMs?: readonly number[]; now?: () => number } = {}) {
    this.#ladder = options.ladderMs ?? WAIT_LADDER_MS;
    this.#now = options.now ?? Date.now;
  }

  waitUntil(): number | null {
    return this.#until !== null && this.#until > this.#now() ? this.#until : null;
  }

  onChange(listener: (waitUntil: number | null) => void): IDisposable {
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  }

  /** The gate's clock (Date.now unless a test gives another). */
  now(): number {
    return this.#now();
  }

  /** What closed the gate last. */
  get reason(): WaitReason {
    return this.#reason;
  }

  /**
   * An answer asked to wait: `retryAfterMs` from its Retry-After, or null to take the next
   * step of the ladder. `sentAt` is when its request was sent.
   */
  askedToWait(retryAfterMs: number | null, reason: WaitReason, sentAt: number): WaitAsked {
    const now = this.#now();
    const fresh = sentAt >= this.#announcedAt;
    let ms = retryAfterMs;
    if (ms === null) {
      const last = this.#ladder.length - 1;
      // A request that was on its way when the last wait was announced repeats that step.
      const step = fresh ? this.#step : Math.max(0, this.#step - 1);
      ms = this.#ladder[Math.min(step, last)] ?? 0;
      if (fresh) this.#step = Math.min(this.#step + 1, this.#ladder.length);
    }
    this.#troubled = true;
    this.#reason = reason;
    const current = this.waitUntil();
    const until = Math.max(now + ms, current ?? 0);
    if (until !== current) {
      this.#until = until;
      this.#announcedAt = now;
      this.#emit(until);
    }
    // The effective wait: the gate's, which another answer may have set later than this one's.
    return { retryAfterMs: until - now, waitUntil: until };
  }

  /** An answer that did not ask to wait (a success, or a refusal of another kind). */
  answered(sentAt: number): void {
    if (!this.#troubled || sentAt < this.#announcedAt) return;
    this.#troubled = false;
    this.#step = 0;
    this.#until = null;
    this.#emit(null);
  }

  /**
   * Before sending: resolves when the request may go, with a release to call once its
   * answer (or failure) is in. `mayWaitUntil` is the latest time the caller accepts to wait
   * for; a closed gate that opens later rejects at once through `held`.
   */
  async pass(mayWaitUntil: number, held: (waitUntil: number) => Error, sleep: (ms: number) => Promise<void>): Promise<() => void> {
    for (;;) {
      const now = this.#now();
      const until = this.waitUntil();
      if (until !== null) {
        if (until > mayWaitUntil) throw held(until);
        await sleep(until - now);
        continue;
      }
      if (this.#probe !== null) {
        await this.#probe;
        continue;
      }
      if (!this.#troubled) return () => {};
      // The wait is over but no answer has said Leyr is back: this request goes alone.
      let release!: () => void;
      const probe = new Promise<void>((resolve) => {
        release = resolve;
      });
      this.#probe = probe;
      return () => {
        if (this.#probe === probe) this.#probe = null;
        release();
      };
    }
  }

  #emit(waitUntil: number | null): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(waitUntil);
      } catch {
        // A listener's failure is its own; the gate and the other listeners go on.
      }
    }
  }
}
