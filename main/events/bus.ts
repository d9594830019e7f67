// The events main pushes to the renderer, typed by the contract. Services emit here; each
// transport (Electron's webContents, the web host's sockets) subscribes and forwards.
import type { EventName, EventPayload } from '../../preload/contract/index.ts';
import type { IDisposable } from '../lifecycle/disposable.ts';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A transport that fails to deliver must not stop the others, nor the emitter.
      }
    }
  }

  /** Subscribes; call the answer, or dispose it (a DisposableStore can hold it), to unsubscribe. */
  subscribe(listener: EventListener): (() => void) & IDisposable {
    this.listeners.add(listener);
    const unsubscribe = (): void => {
      this.listeners.delete(listener);
    };
    return Object.assign(unsubscribe, { dispose: unsubscribe });
  }
}
