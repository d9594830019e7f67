// Builds `window.frontdesk` from a transport. The Electron preload and the web host's
// browser bridge both use this, so the renderer sees exactly one API whichever carries it.
// The object it returns has one method per contract call and `on`; no generic invoke.
import type { FrontdeskApi } from './contract/api.ts';
import { CALL_NAMES, EVENT_NAMES, type CallName, type EventName } from './contract/names.ts';
import { fail, type Result } from './contract/results.ts';

export interface BridgeTransport {
  invoke(name: CallName, arg: unknown): Promise<Result<unknown>>;
  /** Delivers every event main pushes; returns an unsubscribe. */
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

export function createBridge(transport: BridgeTransport): FrontdeskApi {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    api[name] = async (arg?: unknown): Promise<Result<unknown>> => {
      try {
        return await transport.invoke(name, arg);
      } catch (error) {
        // A broken transport is still a value, never an exception in the renderer.
        return fail('NETWORK', `The call ${name} could not reach the app: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }
  const knownEvents = new Set<string>(EVENT_NAMES);
  api.on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!knownEvents.has(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    return transport.subscribe((name, payload) => {
      if (name === event) listener(payload);
    });
  };
  return Object.freeze(api) as unknown as FrontdeskApi;
}
