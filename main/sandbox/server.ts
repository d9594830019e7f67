// The local Leyr sandbox: a real HTTP server on 127.0.0.1 that speaks the Leyr API
// (routes.ts) over an in-memory EHR (state.ts), with control endpoints (control.ts) and
// faults on request (faults.ts), strict or lenient (profiles.ts). The embedded default of demo
// mode, and the server every client test talks to. docs/sandbox.md is its manual.
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DateTime } from 'luxon';
import { silentLogger, type Logger } from '../log/logger.ts';
import { handleControl, type ControlContext } from './control.ts';
import { controlRefusal, type ControlAccess } from './control-guard.ts';
import { demoClinicSeed } from './demo-clinic.ts';
import { badRequest, envelope, LeyrRefusal, type ErrorEnvelope } from './errors.ts';
import { DEFAULT_STATUS, FaultInjector, type FaultError } from './faults.ts';
import { profileFor, servedProfile, STRICT_BY_DEFAULT, type ServedProfile } from './profiles.ts';
import { RequestLog } from './request-log.ts';
import { handleApi, routeName, type ApiAnswer, type Credentials } from './routes.ts';
import type { SeedData } from './seed.ts';
import { SandboxState } from './state.ts';

export interface SandboxOptions {
  /** Default 0: a free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** A parsed seed (parseSeed / loadSeedFile); default: the demo clinic around `demoDate`. */
  seed?: SeedData;
  /** YYYY-MM-DD, the day the demo clinic's busy days are built around; default today in Stockholm. */
  demoDate?: string;
  /**
   * Overrides the seed's EHR code. The profile follows it: `anitasystems` confirms bookings
   * and cancels by code; any other code books and cancels directly. Strict, each EHR takes
   * the id types Leyr's table gives it (profiles.ts).
   */
  emr?: string;
  /**
   * Play Leyr strictly: documented fields only (and the [choice] ones the app needs), no
   * `cancellation_of`, Leyr's id rules per EHR. Default: the seed's `strict`, else
   * STRICT_BY_DEFAULT (profiles.ts). The control endpoint can switch it at run time.
   */
  strict?: boolean;
  /** The one client id and secret accepted; default DEMO_CREDENTIALS. */
  credentials?: Credentials;
  log?: Logger;
  /** Source of randomness for fault injection (tests pin it); default Math.random. */
  random?: () => number;
  /**
   * The /__sandbox control endpoints (control.ts): off by default, so a sandbox that only
   * plays a clinic (the app's embedded demo) cannot be reset or faulted by anyone. `true`
   * serves them (tests, `npm run sandbox`); `{ token }` serves them only to requests that
   * carry the token in `x-sandbox-token`. Either way a request from another site (an Origin
   * or Host that is not this sandbox's, a body type a form can send) is refused: control-guard.ts.
   */
  control?: boolean | { token: string };
}

export const DEMO_CREDENTIALS = Object.freeze({ clientId: 'frontdesk-demo', clientSecret: 'frontdesk-demo-secret' } as const);

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** `${origin}/api`, the Leyr base URL; endpoints under /emrs/{emr}/… */
  apiBaseUrl: string;
  emr: string;
  careUnitIds: string[];
  credentials: Credentials;
  /** Whether it plays Leyr strictly now (PUT /__sandbox/profile can switch it). */
  readonly strict: boolean;
  /** Whether /__sandbox is served, and whether it needs a token. */
  control: 'off' | 'open' | 'token';
  close(): Promise<void>;
}

/** Largest request body accepted; a bulk PATCH of 500 ids is a few tens of KiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

const EMR_CODE = /^[a-z0-9_-]{1,50}$/;

function checkOptions(options: SandboxOptions): void {
  const { port, demoDate, emr, credentials } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new RangeError(`Sandbox port must be an integer 0..65535, not ${String(port)}.`);
  if (demoDate !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(demoDate) && DateTime.fromISO(demoDate).isValid)) {
    throw new RangeError(`Sandbox demoDate must be a real date YYYY-MM-DD, not ${JSON.stringify(demoDate)}.`);
  }
  if (emr !== undefined && !EMR_CODE.test(emr)) throw new RangeError(`Sandbox emr must be a lowercase EHR code like "webdoc", not ${JSON.stringify(emr)}.`);
  if (credentials !== undefined && (credentials.clientId === '' || credentials.clientSecret === '')) {
    throw new RangeError('Sandbox credentials need a non-empty client id and secret.');
  }
  if (typeof options.control === 'object' && options.control.token.length < 16) throw new RangeError('A sandbox control token needs at least 16 characters.');
}

/** Today's date in the demo clinic's zone. */
export function todayInStockholm(): string {
  return DateTime.now().setZone('Europe/Stockholm').toISODate() ?? new Date().toISOString().slice(0, 10);
}

type Body = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'too-large' };

// Past MAX_BODY_BYTES the rest is read and dropped, so the client gets its 400 instead of a
// reset connection; past DISCARD_LIMIT the connection is cut.
const DISCARD_LIMIT = 16 * MAX_BODY_BYTES;

function readBody(request: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > DISCARD_LIMIT) request.socket.destroy();
    });
    request.on('end', () => {
      if (done) return;
      done = true;
      if (size > MAX_BODY_BYTES) resolve({ kind: 'too-large' });
      else resolve(size === 0 ? { kind: 'none' } : { kind: 'text', text: Buffer.concat(chunks).toString('utf8') });
    });
    request.on('error', (error) => {
      if (!done) {
        done = true;
        reject(error);
      }
    });
    request.on('close', () => {
      if (!done) {
        done = true;
        reject(new Error('the connection closed before the body was read'));
      }
    });
  });
}

/** Path segments after `prefix`, percent-decoded; a trailing slash is ignored. */
function segmentsAfter(pathname: string, prefix: string): string[] {
  const parts = pathname.slice(prefix.length).split('/');
  if (parts[0] === '') parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    throw badRequest('BAD_INPUT', 'The path has a malformed percent-encoding.', null);
  }
}

/** `Retry-After` as asked: delta-seconds, or the HTTP date that many seconds from now (rounded up to a whole second). */
function retryAfter(error: FaultError): Record<string, string> {
  if (error.retryAfterSeconds === undefined) return {};
  if (error.retryAfterFormat === 'seconds') return { 'retry-after': String(error.retryAfterSeconds) };
  const at = Math.ceil((Date.now() + error.retryAfterSeconds * 1000) / 1000) * 1000;
  return { 'retry-after': new Date(at).toUTCString() };
}

/** The answer of an injected error: Leyr's envelope, or a gateway's plain text. */
function faultAnswer(error: FaultError, emr: string): ApiAnswer {
  const status = error.status ?? DEFAULT_STATUS[error.code];
  const headers = retryAfter(error);
  if (error.code === 'GATEWAY') {
    return { status, body: null, text: `${status} ${STATUS_CODES[status] ?? 'Error'}`, headers };
  }
  let body: ErrorEnvelope;
  if (error.code === 'EMR_ERROR') {
    const detail = error.detail ?? `${emr}: the EHR answered with an error (sandbox fault injection).`;
    body = envelope('EMR_ERROR', status, detail, [{ error_code: 'EMR_ERROR', details: 'The EHR answered with an error.', emr_error: detail, path: null }]);
  } else if (error.code === 'SERVICE_UNAVAILABLE') {
    body = envelope('SERVICE_UNAVAILABLE', status, error.detail ?? 'Leyr is unavailable for a moment; retry after 1 s, 5 s, 15 s, 30 s, 1 min (sandbox fault injection).');
  } else {
    body = envelope('UNKNOWN_ERROR', status, error.detail ?? 'Something went wrong on the way to the EHR (sandbox fault injection).');
  }
  return { status, body, headers };
}

/** Starts a sandbox; resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  checkOptions(options);
  const log = options.log ?? silentLogger;
  const seed = options.seed ?? demoClinicSeed(options.demoDate ?? todayInStockholm());
  const emr = options.emr ?? seed.emr;
  const credentials: Credentials = { ...(options.credentials ?? DEMO_CREDENTIALS) };
  const ehr = profileFor(emr);
  let profile: ServedProfile = servedProfile(ehr, options.strict ?? seed.strict ?? STRICT_BY_DEFAULT);
  const controlAccess: ControlAccess = options.control === undefined || options.control === false ? { kind: 'off' } : options.control === true ? { kind: 'open' } : { kind: 'token', token: options.control.token };
  let port = 0;
  const faults = new FaultInjector(options.random);
  const requests = new RequestLog();
  let state = new SandboxState(seed, emr);
  const control: ControlContext = {
    state: () => state,
    reset: () => {
      state = new SandboxState(seed, emr);
      return state;
    },
    faults,
    requests,
    profile: () => ({ ehr, strict: profile.strict }),
    setStrict: (strict) => {
      profile = servedProfile(ehr, strict);
    },
  };

  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const send = (response: ServerResponse, answer: ApiAnswer, closeAfter = false): void => {
    if (response.destroyed || response.writableEnded) return;
    const text = answer.text ?? JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      'content-type': answer.text === undefined ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
      ...(closeAfter && { connection: 'close' }),
      ...answer.headers,
    });
    response.end(text);
  };

  const refusalAnswer = (error: unknown, context: { method: string; route: string }): ApiAnswer => {
    if (error instanceof LeyrRefusal) {
      const body = error.toEnvelope();
      log.debug({ ...context, status: body.status, code: body.code, errorCodes: body.errors.map((item) => item.error_code), instance: body.instance }, 'sandbox refused a request');
      return { status: body.status, body };
    }
    const body = envelope('UNKNOWN_ERROR', 500, 'The sandbox failed on this request; its log has the details.');
    log.error({ ...context, err: error, instance: body.instance }, 'sandbox failed on a request');
    return { status: 500, body };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const { pathname } = url;

    if (pathname === '/__sandbox' || pathname.startsWith('/__sandbox/')) {
      const refusal = controlRefusal(controlAccess, request, port);
      if (refusal !== null) {
        log.warn({ method, status: refusal.status, reason: refusal.reason }, 'sandbox control request refused');
        // The body is not read: the connection closes after the answer.
        send(response, { status: refusal.status, body: null, text: refusal.reason }, true);
        return;
      }
      const body = await readBody(request);
      let answer: ApiAnswer;
      try {
        if (body.kind === 'too-large') throw badRequest('BAD_INPUT', `The body is larger than ${MAX_BODY_BYTES} bytes.`, null);
        answer = handleControl(control, { method, segments: segmentsAfter(pathname, '/__sandbox'), query: url.searchParams, body: body.kind === 'text' ? body.text : null });
      } catch (error) {
        answer = refusalAnswer(error, { method, route: 'control' });
      }
      send(response, answer, body.kind === 'too-large');
      return;
    }

    if (pathname !== '/api' && !pathname.startsWith('/api/')) {
      send(response, refusalAnswer(new LeyrRefusal('NOT_FOUND', 404, 'Nothing here: the Leyr API is under /api.'), { method, route: 'none' }));
      return;
    }

    let apiSegments: string[] | null = null;
    try {
      apiSegments = segmentsAfter(pathname, '/api');
    } catch {
      // A malformed path is refused below, in the envelope.
    }
    const decision = faults.decide(method, (apiSegments === null ? null : routeName(apiSegments)) ?? 'unknown');
    if (decision.kind === 'offline') {
      request.socket.destroy();
      return;
    }
    const body = await readBody(request);
    const rawBody = body.kind === 'text' ? body.text : null;
    requests.record(method, `${pathname}${url.search}`, rawBody);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.drop === 'request') {
      request.socket.destroy();
      return;
    }
    let segments: string[] = [];
    let route = 'unknown';
    let answer: ApiAnswer;
    if (decision.error !== null) {
      answer = faultAnswer(decision.error, emr);
    } else {
      try {
        segments = segmentsAfter(pathname, '/api');
        route = routeName(segments) ?? 'unknown';
        if (body.kind === 'too-large') throw badRequest('BAD_INPUT', `The body is larger than ${MAX_BODY_BYTES} bytes.`, null);
        const shape = { strict: profile.strict, faults: decision.shape };
        answer = handleApi({ state, profile, shape, credentials }, { method, segments, query: url.searchParams, headers: request.headers, body: rawBody });
      } catch (error) {
        answer = refusalAnswer(error, { method, route });
      }
    }
    if (decision.drop === 'response') {
      request.socket.destroy();
      return;
    }
    send(response, answer, body.kind === 'too-large');
    log.debug({ method, route, status: answer.status, ms: Math.round((performance.now() - started) * 10) / 10 }, 'sandbox answered');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (request.socket.destroyed) return;
      log.error({ err: error }, 'sandbox request handling failed');
      if (!response.headersSent) send(response, { status: 500, body: envelope('UNKNOWN_ERROR', 500, 'The sandbox failed on this request.') });
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  ({ port } = server.address() as AddressInfo);
  const origin = `http://127.0.0.1:${port}`;
  log.info({ origin, emr, strict: profile.strict, careUnits: seed.care_units.length, resources: seed.resources.length, appointments: seed.appointments.length }, 'leyr sandbox listening');

  let closing: Promise<void> | null = null;
  return {
    origin,
    apiBaseUrl: `${origin}/api`,
    emr,
    careUnitIds: seed.care_units.map((careUnit) => careUnit.id),
    credentials: { ...credentials },
    get strict() {
      return profile.strict;
    },
    control: controlAccess.kind,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
