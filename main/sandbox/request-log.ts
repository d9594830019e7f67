// A record of the /api requests the sandbox received, so tests can assert what a client sent
// ("one bulk request", "no retry of the POST"). Kept in memory, bounded, never logged.

export interface LoggedRequest {
  seq: number;
  method: string;
  /** Path and query string as received. */
  path: string;
  /** The parsed JSON body; the raw text when it was not JSON; null without a body. */
  body: unknown;
}

export class RequestLog {
  readonly #entries: LoggedRequest[] = [];
  readonly #capacity: number;
  #next = 1;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  record(method: string, path: string, rawBody: string | null): void {
    let body: unknown = null;
    if (rawBody !== null && rawBody !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
    }
    this.#entries.push({ seq: this.#next++, method, path, body });
    if (this.#entries.length > this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity);
  }

  /** Entries with `seq >= since`, and the seq the next request will get. */
  since(since: number): { next: number; requests: LoggedRequest[] } {
    return { next: this.#next, requests: this.#entries.filter((entry) => entry.seq >= since) };
  }
}
