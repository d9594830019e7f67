// Everything that keeps running after it is made (a timer, an interval, a subscription, a
// server) is registered when it is made and released by one dispose. The model is VS Code's
// Disposable and DisposableStore: a service registers what it starts, and its close() is one
// call that cannot forget a timer.

export interface IDisposable {
  dispose(): void;
}

export const toDisposable = (release: () => void): IDisposable => {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      release();
    },
  };
};

/** A set of disposables released together, newest first. Adding to a disposed store releases at once. */
export class DisposableStore implements IDisposable {
  private readonly items = new Set<IDisposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends IDisposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.add(item);
    return item;
  }

  /** Releases one item now and forgets it. */
  release(item: IDisposable): void {
    if (this.items.delete(item)) item.dispose();
  }

  /** A timeout that is cleared on dispose; it forgets itself once it has run. */
  timeout(callback: () => void, ms: number): IDisposable {
    const handle: { item?: IDisposable } = {};
    const timer = setTimeout(() => {
      if (handle.item !== undefined) this.items.delete(handle.item);
      callback();
    }, ms);
    handle.item = this.add(toDisposable(() => clearTimeout(timer)));
    return handle.item;
  }

  /** An interval cleared on dispose. `unref` keeps it from holding the process open. */
  interval(callback: () => void, ms: number, options: { unref?: boolean } = {}): IDisposable {
    const timer = setInterval(callback, ms);
    if (options.unref === true) timer.unref();
    return this.add(toDisposable(() => clearInterval(timer)));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of [...this.items].reverse()) {
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    this.items.clear();
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed');
  }
}

/** Base for a class that owns disposables: `this._register(x)` ties x's life to the object's. */
export abstract class Disposable implements IDisposable {
  protected readonly _store = new DisposableStore();

  protected _register<T extends IDisposable>(item: T): T {
    return this._store.add(item);
  }

  dispose(): void {
    this._store.dispose();
  }
}

/**
 * Waits for `promise` to settle, at most `ms`: for a close that gives work in flight a
 * moment to finish. The timer is cleared as soon as either comes first and never holds the
 * process open.
 */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([promise.then(noop, noop), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const noop = (): void => {};
