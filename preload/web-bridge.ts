// The browser bridge of the web host: the same `window.frontdesk` as the Electron preload,
// carried over a WebSocket to main's services. The per-run token comes in the page's URL
// fragment (never sent in HTTP requests or logged by servers) and is presented on connect.
//
// The socket can close under an open tab (the host restarted, the computer slept). The
// bridge then says so (a `bridge` event: `reconnecting`), answers every call at once with
// DISCONNECTED instead of letting it wait or blaming Leyr, and tries again with a growing
// pause. Before each try it asks the host whether this page's token still opens it
// (/bridge/status): a host restarted with another token never will, and the bridge says
// `reload` and stops. Once connected again it says `connected`: main subscribes the new
// socket to its events, and the renderer fetches what it shows afresh.
import { createBridge } from './bridge.ts';
import type { BridgeStatus } from './contract/events.ts';
import type { EventName } from './contract/names.ts';
import { fail, type Result } from './contract/results.ts';
import type { WireMessage, WireRequest } from './contract/wire.ts';

type Listener = (event: EventName, payload: unknown) => void;
type State = BridgeStatus['state'];

/** Pauses between tries: quick at first (a restart takes a second or two), then every 5 s. */
const RETRY_MS = [250, 500, 1_000, 2_000, 5_000];
const STATUS_PATH = '/bridge/status';
/** A host that takes the connection but never answers is no host: try again. */
const STATUS_TIMEOUT_MS = 3_000;

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

const DISCONNECTED_MESSAGE = 'This window is not connected to Frontdesk; nothing was sent.';
const DROPPED_MESSAGE = 'The connection to Frontdesk dropped before it answered.';
const RELOAD_MESSAGE = 'Frontdesk was restarted: reload the page.';

function connect(): { invoke: (name: string, arg: unknown) => Promise<Result<unknown>>; subscribe: (l: Listener) => () => void } {
  const token = tokenFromLocation();
  const socketUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/bridge?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<Listener>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: State | 'starting' = 'starting';
  let tries = 0;
  // Calls made while the page starts wait for the first connection; later ones never wait.
  let started: () => void = () => undefined;
  const firstConnection = new Promise<void>((resolve) => (started = resolve));

  const setState = (next: State): void => {
    if (state === next) return;
    state = next;
    document.documentElement.dataset.bridge = next;
    if (next !== 'connected') started();
    const status: BridgeStatus = { state: next };
    for (const listener of listeners) listener('bridge', status);
  };

  const retryLater = (): void => {
    const pause = RETRY_MS[Math.min(tries, RETRY_MS.length - 1)] ?? 5_000;
    tries += 1;
    setTimeout(() => void tryAgain(), pause);
  };

  async function tryAgain(): Promise<void> {
    let status: number;
    try {
      status = (await fetch(STATUS_PATH, { headers: { 'x-frontdesk-token': token }, cache: 'no-store', signal: AbortSignal.timeout(STATUS_TIMEOUT_MS) })).status;
    } catch {
      retryLater(); // the host is not there (yet)
      return;
    }
    if (status === 204) open();
    else if (status === 401 || status === 421) setState('reload');
    else retryLater(); // 503 while the host starts, or anything passing
  }

  function open(): void {
    const current = new WebSocket(socketUrl);
    socket = current;
    current.addEventListener('open', () => {
      tries = 0;
      setState('connected');
      started();
    });
    current.addEventListener('message', (message: MessageEvent<string>) => {
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
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      for (const resolve of pending.values()) resolve(fail('DISCONNECTED', DROPPED_MESSAGE));
      pending.clear();
      if (state === 'reload') return;
      setState('reconnecting');
      // Refused at the start (no token, a token of an earlier run): the status says which.
      retryLater();
    });
  }

  open();

  return {
    async invoke(name, arg) {
      if (state === 'starting') await firstConnection;
      if (socket === null || socket.readyState !== WebSocket.OPEN) return fail('DISCONNECTED', state === 'reload' ? RELOAD_MESSAGE : DISCONNECTED_MESSAGE);
      const id = nextId++;
      const request: WireRequest = { id, call: name, arg };
      const sending = socket;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        sending.send(JSON.stringify(request));
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
