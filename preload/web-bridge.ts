// The browser bridge of the web host: the same `window.frontdesk` as the Electron preload,
// carried over a WebSocket to main's services. The per-run token comes in the page's URL
// fragment (never sent in HTTP requests or logged by servers) and is presented on connect.
import { createBridge } from './bridge.ts';
import type { EventName } from './contract/names.ts';
import { fail, type Result } from './contract/results.ts';
import type { WireMessage, WireRequest } from './contract/wire.ts';

type Listener = (event: EventName, payload: unknown) => void;

function tokenFromLocation(): string {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token') ?? '';
  if (token !== '') {
    // Keep it for reloads of this tab, but drop it from the address bar.
    sessionStorage.setItem('frontdesk.token', token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem('frontdesk.token') ?? '';
}

function connect(): { invoke: (name: string, arg: unknown) => Promise<Result<unknown>>; subscribe: (l: Listener) => () => void } {
  const token = tokenFromLocation();
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/bridge?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(url);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<Listener>();
  let nextId = 1;
  let closed: string | null = null;
  const opened = new Promise<void>((resolve) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('close', () => resolve(), { once: true });
  });

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    let parsed: WireMessage;
    try {
      parsed = JSON.parse(message.data) as WireMessage;
    } catch {
      return;
    }
    if (parsed.kind === 'result') {
      pending.get(parsed.id)?.(parsed.result);
      pending.delete(parsed.id);
    } else if (parsed.kind === 'event') {
      for (const listener of listeners) listener(parsed.event, parsed.payload);
    }
  });
  socket.addEventListener('close', (event) => {
    closed = event.reason || 'The connection to the app closed.';
    for (const resolve of pending.values()) resolve(fail('NETWORK', closed));
    pending.clear();
    document.documentElement.dataset.bridge = 'closed';
  });

  return {
    async invoke(name, arg) {
      await opened;
      if (closed !== null || socket.readyState !== WebSocket.OPEN) return fail('NETWORK', closed ?? 'Not connected to the app.');
      const id = nextId++;
      const request: WireRequest = { id, call: name, arg };
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify(request));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

const transport = connect();
Object.defineProperty(window, 'frontdesk', {
  value: createBridge({ invoke: (name, arg) => transport.invoke(name, arg), subscribe: (l) => transport.subscribe(l) }),
  writable: false,
  configurable: false,
});
