// Who may use the /__sandbox control endpoints (control.ts). They reset the clinic, inject
// faults and show every record, so a web page the receptionist happens to have open must not
// reach them: the sandbox listens on 127.0.0.1, but a browser will send a page's requests
// there (a form POST, a no-cors fetch) and, through DNS rebinding, even read the answers.
//
// - Off unless the sandbox was started with control on (tests, `npm run sandbox`), or with a
//   token that each request carries in `x-sandbox-token`.
// - Always refused: a Host that is not this sandbox's own name (DNS rebinding: the page's
//   name pointed at 127.0.0.1), an Origin of another site (every cross-site POST, PUT and
//   DELETE carries one), and a body type a form can send (urlencoded, multipart, text/plain)
//   or any type but JSON. Tools (curl, the tests' fetch) send no Origin and JSON bodies.
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

export type ControlAccess = { kind: 'off' } | { kind: 'open' } | { kind: 'token'; token: string };

export interface ControlRefusal {
  status: number;
  reason: string;
}

const tokensEqual = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Null when the request may reach the control endpoints; else the status and why. */
export function controlRefusal(access: ControlAccess, request: IncomingMessage, port: number): ControlRefusal | null {
  if (access.kind === 'off') return { status: 404, reason: 'The sandbox control endpoints are off in this sandbox (start it with control on: docs/sandbox.md).' };
  const ownHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const host = request.headers.host ?? '';
  if (!ownHosts.has(host)) return { status: 421, reason: 'The sandbox control endpoints answer only at 127.0.0.1 or localhost on this port.' };
  const origin = request.headers.origin;
  if (origin !== undefined && !ownHosts.has(origin.replace(/^http:\/\//, '')) ) {
    return { status: 403, reason: 'The sandbox control endpoints refuse requests from web pages of other sites.' };
  }
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !/^application\/json\s*(;|$)/i.test(contentType)) {
    return { status: 415, reason: 'The sandbox control endpoints take JSON bodies only (content-type: application/json).' };
  }
  if (access.kind === 'token') {
    const given = request.headers['x-sandbox-token'];
    if (typeof given !== 'string' || !tokensEqual(given, access.token)) return { status: 401, reason: 'The sandbox control endpoints need this sandbox\u2019s token in x-sandbox-token.' };
  }
  return null;
}
