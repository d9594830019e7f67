// The web host's plain HTTP side: the built renderer (GET and HEAD only) with the bridge
// script put in front of the app's, every answer with the CSP and no caching.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.ts';
import { readStaticFile } from '../static/files.ts';

export interface StaticRoutesOptions {
  rendererDir: string;
  /** The bundled browser bridge, served at /web-bridge.js. */
  bridgeScript: Buffer;
  origin: string;
  csp: string;
  log: Logger;
  /** Marks the page as a test's, where a deliberate fault may be asked for (server.ts `testFaults`). */
  testFaults?: boolean;
}

/** The mark renderer/app/test-faults.ts looks for. */
export const TEST_FAULTS_META = '<meta name="frontdesk-test-faults" content="on" />';

/** The request target as a URL, or null when it cannot be one (e.g. `//`): refused, never thrown. */
export function requestUrl(target: string | undefined, origin: string): URL | null {
  try {
    return new URL(target ?? '/', origin);
  } catch {
    return null;
  }
}

export function staticRoutes(options: StaticRoutesOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { origin, log } = options;
  const headers = { 'content-security-policy': options.csp, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
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
      response.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(options.bridgeScript);
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
      const bridge = '<script defer src="/web-bridge.js"></script>';
      body = Buffer.from(body.toString('utf8').replace('<!-- bridge -->', options.testFaults === true ? `${TEST_FAULTS_META}${bridge}` : bridge));
    }
    response.writeHead(200, { ...headers, 'content-type': file.contentType }).end(body);
  }

  return (request, response) => {
    answer(request, response).catch((error: unknown) => {
      log.error({ err: error }, 'web host request failed');
      if (!response.headersSent) response.writeHead(500).end();
    });
  };
}
