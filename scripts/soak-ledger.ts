// The soak's ground truth: every request that could change Leyr's state, with the state of
// each appointment just before and just after it, and which desk sent it. Writes of all
// desks pass one at a time (a lock in the soak's process around each desk's fetch), so
// "before" is exactly what the request landed on; reads are not held up, so the window
// between a desk's check and its send stays as open as in a clinic (wider, while a write
// waits for the lock).
import type { Appointment } from '../main/leyr/api.ts';
import type { SandboxControl } from '../test/support/sandbox-control.ts';

/** An appointment's time, column and status: what a change sets and a collision is about. */
export interface Place {
  start: number;
  end: number;
  resourceId: string | null;
  status: string;
}

export interface LedgerWrite {
  desk: string;
  method: string;
  path: string;
  at: number;
  /** The answer's status; null when no answer came (dropped, timed out). */
  status: number | null;
  /** Every appointment this request changed at Leyr: before (null: it did not exist) and after. */
  changed: { id: string; before: Place | null; after: Place | null }[];
}

export const placeOf = (a: Pick<Appointment, 'start' | 'end' | 'status'> & { resource_id?: string | null }): Place => ({
  start: Date.parse(a.start),
  end: Date.parse(a.end),
  resourceId: a.resource_id ?? null,
  status: a.status,
});

export const samePlace = (a: Place | null, b: Place | null): boolean =>
  a === null || b === null ? a === b : a.start === b.start && a.end === b.end && a.status === b.status && (a.resourceId === null || b.resourceId === null || a.resourceId === b.resourceId);

/** A fetch for one desk that records its writes in the ledger. */
export class Ledger {
  readonly writes: LedgerWrite[] = [];
  readonly #control: SandboxControl;
  #lock: Promise<void> = Promise.resolve();

  constructor(control: SandboxControl) {
    this.#control = control;
  }

  async #places(): Promise<Map<string, Place>> {
    const { appointments } = await this.#control.state();
    return new Map(appointments.filter((a) => a.cancellation_of === undefined).map((a) => [a.id, placeOf(a)]));
  }

  fetchFor(desk: string): typeof fetch {
    return async (input, init) => {
      const method = (init?.method ?? 'GET').toUpperCase();
      if (method === 'GET') return fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      let release = (): void => {};
      const turn = this.#lock;
      this.#lock = new Promise((resolve) => (release = resolve));
      await turn;
      const write: LedgerWrite = { desk, method, path: url.pathname, at: Date.now(), status: null, changed: [] };
      try {
        const before = await this.#places();
        try {
          const response = await fetch(input, init);
          write.status = response.status;
          // The body is read here, inside the lock, so that "after" follows the whole answer.
          const body = await response.arrayBuffer();
          return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
        } finally {
          const after = await this.#places();
          for (const id of new Set([...before.keys(), ...after.keys()])) {
            const was = before.get(id) ?? null;
            const now = after.get(id) ?? null;
            if (!samePlace(was, now)) write.changed.push({ id, before: was, after: now });
          }
          this.writes.push(write);
        }
      } finally {
        release();
      }
    };
  }
}
