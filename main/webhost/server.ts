// The web host: main's services behind a WebSocket on 127.0.0.1, and the built renderer
// served beside it (static-routes.ts) with a browser bridge that implements the same
// `window.frontdesk`. Used where no Electron binary can run, and by every browser test. Only a
// page holding this run's random token may connect; everything else is refused before the
// upgrade. Each accepted connection is served by bridge-socket.ts.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { HostedServices } from '../ipc/hosted.ts';
import { createCallLimiter, DEFAULT_CALL_LIMITS, withoutLimits, type CallLimits } from '../ipc/call-limiter.ts';
import { createRouter } from '../ipc/router.ts';
import type { Logger } from '../log/logger.ts';
import { contentSecurityPolicy } from '../static/files.ts';
import { serveBridgeSocket } from './bridge-socket.ts';
import { requestUrl, staticRoutes } from './static-routes.ts';

export const DEFAULT_WEB_PORT = 4780;
const MAX_FRAME_BYTES = 1024 * 1024;

export interface WebHostOptions {
  services: HostedServices;
  /** Folder of the built renderer. */
  rendererDir: string;
  /** Path of the bundled browser bridge (dist/web/web-bridge.js). */
  bridgeScriptPath: string;
  /** 0 picks a free port. */
  port: number;
  log: Logger;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
  /** Calls in flight per socket (main/ipc/call-limiter.ts); `false` only for the burst bench's "before" figures. */
  callLimits?: CallLimits | false;
  // — window —
  /**
   * Tests only (test/e2e/fixtures.ts): the page may be told to fail on purpose, to test the
   * error boundary (renderer/app/test-faults.ts). No command-line flag sets it, and the
   * Electron app never serves it.
   */
  testFaults?: boolean;
}

export interface WebHost {
  origin: string;
  /** The address to open: carries the token in the fragment, never sent to a server. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Where the browser bridge asks, before it reconnects, whether its token still opens this
 * host: 204 when it does, 401 when the host was restarted with another token (the page must
 * then be opened again from the new address). The token travels in a header, never in a URL
 * that a log could keep. A WebSocket refusal cannot tell the page why; this can.
 */
export const BRIDGE_STATUS_PATH = '/bridge/status';

function answerBridgeStatus(request: http.IncomingMessage, response: http.ServerResponse, token: string): void {
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (request.method !== 'GET') {
    response.writeHead(405, headers).end();
    return;
  }
  const given = request.headers['x-frontdesk-token'];
  response.writeHead(typeof given === 'string' && tokensEqual(given, token) ? 204 : 401, headers).end();
}

async function readBridgeScript(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw new Error(`The browser bridge ${file} is missing; build the app first (npm run build).`);
    throw error;
  }
}

/** Listens on 127.0.0.1; rejects with the server's error (EADDRINUSE for a port in use). */
function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { services, log } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = http.createServer();
  // Until the routes are in place, a page that is already open (the host restarted under it)
  // is told to come back shortly, rather than left waiting on a request nobody answers.
  const starting = (_request: http.IncomingMessage, response: http.ServerResponse): void => {
    response.writeHead(503, { 'retry-after': '1', 'cache-control': 'no-store', connection: 'close' }).end();
  };
  const startingUpgrade = (_request: http.IncomingMessage, socket: Duplex): void => {
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  server.on('request', starting);
  server.on('upgrade', startingUpgrade);
  // The port first: one in use is the likeliest failure, and says so before anything else.
  const port = await listen(server, options.port);
  let bridgeScript: Buffer;
  try {
    bridgeScript = await readBridgeScript(options.bridgeScriptPath);
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const origin = `http://127.0.0.1:${port}`;
  const allowedOrigins = new Set([origin, `http://localhost:${port}`]);
  const csp = contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
  const router = createRouter({ handlers: services.handlers, isTrustedUrl: (url) => allowedOrigins.has(url), log });
  const limiter = options.callLimits === false ? withoutLimits(router) : createCallLimiter(router, options.callLimits ?? DEFAULT_CALL_LIMITS);

  // DNS rebinding: a page of another site whose name is pointed at 127.0.0.1 reaches this
  // port with its own name as Host. Only our own names are served, pages and bridge alike.
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const serveStatic = staticRoutes({ rendererDir: options.rendererDir, bridgeScript, origin, csp, log, testFaults: options.testFaults === true });
  server.off('request', starting);
  server.off('upgrade', startingUpgrade);
  server.on('request', (request, response) => {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      log.warn({ host: (request.headers.host ?? '').slice(0, 100) }, 'web host request for another host refused');
      response.writeHead(421, { 'content-type': 'text/plain', 'cache-control': 'no-store', connection: 'close' }).end('This server answers only at 127.0.0.1 and localhost.');
      return;
    }
    if (requestUrl(request.url, origin)?.pathname === BRIDGE_STATUS_PATH) {
      answerBridgeStatus(request, response, token);
      return;
    }
    serveStatic(request, response);
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
    if (!allowedHosts.has(request.headers.host ?? '')) return refuse(421, 'another host');
    if (url === null) return refuse(400, 'malformed request target');
    if (url.pathname !== '/bridge') return refuse(404, 'unknown path');
    if (!allowedOrigins.has(requestOrigin)) return refuse(403, 'foreign origin');
    if (!tokensEqual(url.searchParams.get('token') ?? '', token)) return refuse(401, 'missing or wrong token');
    sockets.handleUpgrade(request, socket, head, (ws) => serveBridgeSocket(ws, { senderOrigin: requestOrigin, services, limiter, log }));
  });

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
