// What start-up started, closed in reverse order by one call: each step registers what it
// starts as soon as it has started it, so a failing step leaves nothing running, and close()
// cannot forget a part. (The async sibling of main/lifecycle's DisposableStore.)
import type { IDisposable } from '../lifecycle/disposable.ts';

type Closable = IDisposable | { close(): void | Promise<void> };

export class Teardown {
  private readonly items: Closable[] = [];
  private closing: Promise<void> | null = null;

  /** Registers `item` (returned as is) to be closed with the rest, after everything added later. */
  add<T extends Closable>(item: T): T {
    if (this.closing !== null) throw new Error('Teardown: added after close');
    this.items.push(item);
    return item;
  }

  /** Closes everything, newest first; every part is closed even when one fails, then the first failure is thrown. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const failures: unknown[] = [];
      for (const item of this.items.reverse()) {
        try {
          if ('dispose' in item) item.dispose();
          else await item.close();
        } catch (error) {
          failures.push(error);
        }
      }
      this.items.length = 0;
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new AggregateError(failures, 'Several parts failed to close');
    })();
    return this.closing;
  }
}
