// The web host: main's services behind a WebSocket on 127.0.0.1, and the built renderer
// served beside it with a browser bridge that implements the same `window.frontdesk`.
// Used where no Electron binary can run, and by every browser test. Only a page holding
// this run's random token may connect; everything else is refused before the upgrade.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { fail, wireRequestSchema, type WireMessage, type WireRequest } from '../../preload/contract/index.ts';
import type { MainServices } from '../app/services.ts';
import { contentSecurityPolicy, readStaticFile } from '../app/static-files.ts';
import { createRouter } from '../ipc/router.ts';
import type { Logger } from '../log/logger.ts';

export const DEFAULT_WEB_PORT = 4780;
const MAX_FRAME_BYTES = 1024 * 1024;

export interface WebHostOptions {
  services: MainServices;
  /** Folder of the built renderer. */
  rendererDir: string;
  /** Path of the bundled browser bridge (dist/web/bridge.js). */
  bridgeScriptPath: string;
  /** 0 picks a free port. */
  port: number;
  log: Logger;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
}

export interface WebHost {
  origin: string;
  /** The address to open: carries the token in the fragment, never sent to a server. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** The request target as a URL, or null when it cannot be one (e.g. `//`): refused, never thrown. */
function requestUrl(target: string | undefined, origin: string): URL | null {
  try {
    return new URL(target ?? '/', origin);
  } catch {
    return null;
  }
}

/** A frame from a socket as a call, or null when it is not one. */
function readFrame(data: RawData, isBinary: boolean): WireRequest | null {
  if (isBinary) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString());
  } catch {
    return null;
  }
  const frame = wireRequestSchema.safeParse(parsed);
  return frame.success ? frame.data : null;
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { services, log } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const bridgeScript = await readFile(options.bridgeScriptPath);
  const server = http.createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const allowedOrigins = new Set([origin, `http://localhost:${port}`]);
  const csp = contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
  const router = createRouter({
    handlers: services.handlers,
    isTrustedUrl: (url) => allowedOrigins.has(url),
    log,
  });

  server.on('request', (request, response) => {
    void (async () => {
      const headers = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, headers).end();
        return;
      }
      const url = requestUrl(request.url, origin);
      if (url === null) {
        response.writeHead(400, { ...headers, 'content-type': 'text/plain' }).end('Bad request');
        return;
      }
      const { pathname } = url;
      if (pathname === '/web-bridge.js') {
        response.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(bridgeScript);
        return;
      }
      const file = await readStaticFile(options.rendererDir, pathname);
      if (file === null) {
        response.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      let body = file.body;
      if (file.contentType.startsWith('text/html')) {
        // The bridge must define window.frontdesk before the app script runs.
        body = Buffer.from(body.toString('utf8').replace('<!-- bridge -->', '<script defer src="/web-bridge.js"></script>'));
      }
      response.writeHead(200, { ...headers, 'content-type': file.contentType }).end(body);
    })().catch((error: unknown) => {
      log.error({ err: error }, 'web host request failed');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  server.on('upgrade', (request, socket, head) => {
    // Node hands the raw socket over without an error listener: a peer that resets it while
    // it is refused or upgraded must not take main down.
    socket.on('error', (error) => log.warn({ err: error }, 'bridge connection failed'));
    const url = requestUrl(request.url, origin);
    const requestOrigin = request.headers.origin ?? '';
    const refuse = (status: number, reason: string): void => {
      log.warn({ reason, origin: requestOrigin.slice(0, 100) }, 'bridge connection refused');
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url === null) return refuse(400, 'malformed request target');
    if (url.pathname !== '/bridge') return refuse(404, 'unknown path');
    if (!allowedOrigins.has(requestOrigin)) return refuse(403, 'foreign origin');
    if (!tokensEqual(url.searchParams.get('token') ?? '', token)) return refuse(401, 'missing or wrong token');
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, requestOrigin));
  });

  function serveSocket(ws: WebSocket, senderOrigin: string): void {
    const send = (message: WireMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = services.bus.subscribe((event, payload) => send({ kind: 'event', event, payload }));
    ws.on('close', unsubscribe);
    ws.on('error', (error) => log.warn({ err: error }, 'bridge socket error'));
    ws.on('message', (data, isBinary) => {
      const request = readFrame(data, isBinary);
      if (request === null) {
        log.warn('malformed bridge frame');
        send({ kind: 'result', id: -1, result: fail('INVALID_ARGUMENT', 'Malformed request frame.') });
        return;
      }
      router
        .dispatch(request.call, request.arg, { url: senderOrigin, isMainFrame: true })
        .then((result) => send({ kind: 'result', id: request.id, result }))
        .catch((error: unknown) => {
          // An answer that cannot be written (not JSON) is a bug in main: the page gets a
          // typed error instead of waiting for ever, and main keeps serving.
          log.error({ err: error, call: request.call }, 'bridge answer could not be sent');
          send({ kind: 'result', id: request.id, result: fail('INTERNAL', 'The app could not send its answer; the log has the details.') });
        });
    });
  }

  return {
    origin,
    url: `${origin}/#token=${token}`,
    token,
    port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A page still open keeps connections alive; close them now, or close() waits for ever.
      server.closeAllConnections();
      await closed;
    },
  };
}
