// Background work a service started and does not await (a refresh, a prefetch): tracked so
// that closing can give it a moment to finish. Its failures are the work's own business.
import { settledWithin } from '../../lifecycle/disposable.ts';

export class InFlight {
  readonly #running = new Set<Promise<void>>();

  track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.#running.add(settled);
    void settled.finally(() => this.#running.delete(settled));
  }

  /** Resolves when what is running now has settled, or after `ms`. */
  settled(ms: number): Promise<void> {
    return settledWithin(Promise.all(this.#running), ms);
  }
}
