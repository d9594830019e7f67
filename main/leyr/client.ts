// The HTTP client for the Leyr API: one typed method per endpoint of docs/leyr-api.md.
//
// - Auth is the two headers on every request; `x-leyr-standard` is never sent (the app reads
//   Leyr's own shapes, not FHIR). The credentials are asked for on every call, so main holds
//   the secret only while a request needs it.
// - Every attempt has a timeout. Only GETs are retried (with exponential backoff and
//   jitter), on network errors, timeouts, 5xx and 429: a POST or PATCH whose answer was lost
//   may have been applied, and repeating it could book twice.
// - One wait gate per client (wait-gate.ts), shared by all its callers: once Leyr or a
//   gateway asks to wait (429, 503, SERVICE_UNAVAILABLE; Retry-After in seconds or as a date,
//   else Leyr's ladder 1 s, 5 s, 15 s, 30 s, 1 min), nothing is sent before that time. Reads
//   wait for it within their budget, writes fail at once unsent (LeyrError.heldByGate).
// - List answers are read item by item: unreadable items and items outside the asked range
//   are dropped and counted (Listed); times without an offset are the care unit's
//   (`timeZone`); a filter's plain id fills the field an item lacks.
// - Redirects are not followed: the secret travels in custom headers, which fetch would
//   forward to wherever a redirect points.
// - Logs name the operation, status, duration and Leyr's `instance`; never the URL (patient
//   ids in paths can be personal numbers), headers or bodies.
import { setTimeout as sleep } from 'node:timers/promises';
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import { silentLogger, type Logger } from '../log/logger.ts';
import type {
  Appointment,
  AppointmentChange,
  BulkAppointmentChange,
  CareUnit,
  HealthcareService,
  LeyrApi,
  Listed,
  NewAppointment,
  NewPatient,
  Patient,
  Resource,
  TimeRange,
  Timeslot,
} from './api.ts';
import { leyrBaseUrlProblem } from '../../preload/contract/remote-address.ts';
import { LeyrError } from './errors.ts';
import { fillMissing, inside, listed, overlaps, plainId, rangeMs } from './lists.ts';
import { answerReaders, invalidResponse, readAnswer, readListItems } from './parse.ts';
import { parseRetryAfter, WaitGate, WAIT_LADDER_MS } from './wait-gate.ts';

export interface LeyrCredentials {
  clientId: string;
  clientSecret: string;
}

export interface RetryPolicy {
  /** Total tries of a safe read, the first one included (1 = no retry). */
  attempts: number;
  /** Delay before the first retry; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** Upper bound of one delay of the client's own backoff (a wait Leyr asks for is the gate's, below). */
  maxDelayMs?: number;
  /**
   * How long a read may wait for the wait gate, from the call's start: a read meets a closed
   * gate that opens within it and waits; one that opens later fails it at once with
   * `retryAfterMs`/`waitUntil`. Default 15 s (Leyr's first two steps, 1 s and 5 s, fit).
   */
  waitBudgetMs?: number;
}

export interface LeyrClientOptions {
  /** Leyr's base URL, e.g. https://api.leyr.io/api; plain http only to 127.0.0.1 (the sandbox's apiBaseUrl). */
  baseUrl: string;
  /** Lowercase EHR code: webdoc, takecare, … */
  emr: string;
  careUnitId: string;
  /** Read on every call; main holds the secret only while a request needs it. */
  credentials: () => LeyrCredentials | Promise<LeyrCredentials>;
  /** Per attempt, headers and body included. Default 10 s. */
  timeoutMs?: number;
  /** For GETs only. Default 3 attempts, 250 ms base delay, 4 s cap, 15 s wait budget. */
  retry?: RetryPolicy;
  /**
   * The care unit's IANA zone: times Leyr sends without an offset are its wall-clock time
   * (Leyr's care-unit answer carries no zone). Default Europe/Stockholm.
   */
  timeZone?: string;
  /** The waits after 429/503 without Retry-After; Leyr's 1 s, 5 s, 15 s, 30 s, 1 min unless a test gives shorter ones. */
  waitLadderMs?: readonly number[];
  log?: Logger;
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRY: Required<RetryPolicy> = { attempts: 3, baseDelayMs: 250, maxDelayMs: 4_000, waitBudgetMs: 15_000 };
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

type Method = 'GET' | 'POST' | 'PATCH';
type Query = Record<string, string | undefined>;

interface Call<T> {
  operation: string;
  method: Method;
  /** Path segments below the care unit (or below `emrs/{emr}` when `scoped` is false). */
  segments: string[];
  scoped?: boolean;
  query?: Query;
  body?: unknown;
  /** Reads a 2xx answer's JSON; throws an 'invalid-response' LeyrError when it cannot. */
  read: (body: unknown, context: AnswerContext) => T;
}

interface AnswerContext {
  operation: string;
  status: number;
}

/** Segments that would not stay one path segment once the URL is normalised. */
function checkSegment(segment: string, operation: string): string {
  if (segment.trim() === '' || segment === '.' || segment === '..') {
    throw new LeyrError({
      kind: 'invalid-request',
      message: `${operation} needs a non-empty id that is not "." or ".."; the request was not sent.`,
      operation,
    });
  }
  return encodeURIComponent(segment);
}

/** An answer that asks to wait: 429, 503 or SERVICE_UNAVAILABLE always; another 5xx when it carries Retry-After. */
function asksToWait(error: LeyrError, retryAfter: number | null): boolean {
  const status = error.status ?? 0;
  return status === 429 || status === 503 || error.code === 'SERVICE_UNAVAILABLE' || (status >= 500 && retryAfter !== null);
}

function isRetryable(error: LeyrError): boolean {
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.kind === 'http' && error.status !== null && (error.status >= 500 || error.status === 429);
}

/**
 * The base URL, checked (preload/contract/remote-address.ts) and without a trailing slash. Throws a RangeError
 * naming the problem.
 */
export function checkBaseUrl(baseUrl: string): string {
  const problem = leyrBaseUrlProblem(baseUrl);
  if (problem !== null) throw new RangeError(problem);
  const url = new URL(baseUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function checkNumber(value: number, name: string, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) throw new RangeError(`${name} must be a number from ${min} to ${max}, not ${String(value)}.`);
  return value;
}

function checkTimeZone(zone: string): string {
  if (!IANAZone.isValidZone(zone)) throw new RangeError(`timeZone must be an IANA time zone such as Europe/Stockholm, not ${JSON.stringify(zone)}.`);
  return zone;
}

function checkLadder(ladder: readonly number[]): readonly number[] {
  if (ladder.length === 0) throw new RangeError('waitLadderMs needs at least one wait.');
  for (const ms of ladder) checkNumber(ms, 'waitLadderMs[]', 0, 5 * 60_000);
  return [...ladder];
}

export function createLeyrClient(options: LeyrClientOptions): LeyrApi {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const timeoutMs = checkNumber(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs', 1, 10 * 60_000);
  const retry: Required<RetryPolicy> = { ...DEFAULT_RETRY, ...options.retry };
  const attempts = Math.floor(checkNumber(retry.attempts, 'retry.attempts', 1, 20));
  checkNumber(retry.baseDelayMs, 'retry.baseDelayMs', 0, 60_000);
  checkNumber(retry.maxDelayMs, 'retry.maxDelayMs', 0, 5 * 60_000);
  checkNumber(retry.waitBudgetMs, 'retry.waitBudgetMs', 0, 10 * 60_000);
  const zone = checkTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
  const gate = new WaitGate({ ladderMs: checkLadder(options.waitLadderMs ?? WAIT_LADDER_MS) });
  const log = options.log ?? silentLogger;
  const doFetch = options.fetch ?? globalThis.fetch;
  const { emr, careUnitId } = options;
  const readers = answerReaders(zone);

  function url(call: Call<unknown>): string {
    const prefix = ['emrs', emr, ...(call.scoped === false ? [] : ['care-units', careUnitId])];
    const path = [...prefix, ...call.segments].map((segment) => checkSegment(segment, call.operation)).join('/');
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) query.append(key, value);
    const search = query.toString();
    return `${baseUrl}/${path}${search === '' ? '' : `?${search}`}`;
  }

  /**
   * One request and its answer's JSON. A refusal is a LeyrError; one that asks to wait closes
   * the gate and carries the wait. Any answer that does not ask to wait tells the gate Leyr is back.
   */
  async function attempt(call: Call<unknown>, target: string, credentials: LeyrCredentials): Promise<{ body: unknown; status: number }> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-leyr-client-id': credentials.clientId,
      'x-leyr-client-secret': credentials.clientSecret,
    };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    // Serialised before the request, so a body that cannot be JSON is not mistaken for a network failure.
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
    const signal = AbortSignal.timeout(timeoutMs);
    const sentAt = gate.now();
    let response: Response;
    let bodyText: string;
    try {
      response = await doFetch(target, {
        method: call.method,
        headers,
        redirect: 'manual',
        signal,
        ...(payload !== undefined && { body: payload }),
      });
      bodyText = await response.text();
    } catch (error) {
      if (signal.aborted) {
        throw new LeyrError({ kind: 'timeout', message: `Leyr did not answer ${call.operation} within ${timeoutMs} ms`, operation: call.operation });
      }
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : 'unknown';
      throw new LeyrError({
        kind: 'network',
        message: `Leyr could not be reached for ${call.operation}: ${reason}`,
        operation: call.operation,
        cause: error,
      });
    }
    if (response.status < 200 || response.status >= 300) {
      const error = LeyrError.fromResponse(response.status, bodyText, { operation: call.operation, secrets: [credentials.clientSecret] });
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), gate.now());
      if (!asksToWait(error, retryAfter)) {
        gate.answered(sentAt);
        throw error;
      }
      throw error.withWait(gate.askedToWait(retryAfter, { status: error.status, code: error.code }, sentAt));
    }
    gate.answered(sentAt);
    let body: unknown;
    try {
      body = bodyText.trim() === '' ? null : JSON.parse(bodyText);
    } catch (error) {
      invalidResponse(`Leyr's answer to ${call.operation} was not JSON`, { operation: call.operation, status: response.status }, error);
    }
    return { body, status: response.status };
  }

  async function send<T>(call: Call<T>): Promise<T> {
    const target = url(call);
    const isRead = call.method === 'GET';
    const tries = isRead ? attempts : 1;
    const started = performance.now();
    // A read may wait for the gate until then; a write never waits for it.
    const mayWaitUntil = isRead ? gate.now() + retry.waitBudgetMs : Number.NEGATIVE_INFINITY;
    const held = (waitUntil: number): LeyrError => {
      const error = LeyrError.held(call.operation, gate.reason, waitUntil, gate.now());
      log.info({ operation: call.operation, method: call.method, status: error.status, code: error.code, retryAfterMs: error.retryAfterMs }, 'leyr call not sent: Leyr asked to wait');
      return error;
    };
    let credentials: LeyrCredentials | undefined;
    for (let tryNumber = 1; ; tryNumber += 1) {
      const release = await gate.pass(mayWaitUntil, held, (ms) => sleep(ms));
      let answer: { body: unknown; status: number };
      try {
        credentials ??= await options.credentials();
        answer = await attempt(call, target, credentials);
      } catch (error) {
        release();
        if (!(error instanceof LeyrError)) throw error;
        const facts = {
          operation: call.operation,
          method: call.method,
          try: tryNumber,
          kind: error.kind,
          status: error.status,
          code: error.code,
          errorCodes: error.errorCodes,
          instance: error.instance,
          retryAfterMs: error.retryAfterMs,
          ms: Math.round(performance.now() - started),
        };
        if (tryNumber >= tries || !isRetryable(error)) {
          log.warn(facts, 'leyr call failed');
          throw error;
        }
        if (error.waitUntil !== null) {
          if (error.waitUntil > mayWaitUntil) {
            log.warn(facts, 'leyr call failed: Leyr asked to wait longer than the read may');
            throw error;
          }
          // The gate holds the retry until the time Leyr named.
          log.info({ ...facts, retryInMs: Math.max(0, error.waitUntil - gate.now()) }, 'leyr call failed, retrying when Leyr asked');
          continue;
        }
        const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (tryNumber - 1));
        // Equal jitter: half the backoff, plus a random share of the other half.
        const delay = backoff / 2 + Math.random() * (backoff / 2);
        log.info({ ...facts, retryInMs: Math.round(delay) }, 'leyr call failed, retrying');
        await sleep(delay);
        continue;
      }
      release();
      const value = call.read(answer.body, { operation: call.operation, status: answer.status });
      log.debug({ operation: call.operation, method: call.method, try: tryNumber, ms: Math.round(performance.now() - started) }, 'leyr call ok');
      return value;
    }
  }

  /**
   * A list read item by item: unreadable items skipped and logged (where and which fields,
   * never their values), items outside `range` dropped, both counted on the answer.
   */
  function readList<S extends z.ZodType>(
    item: S,
    options: { range?: TimeRange; belongs?: (item: z.output<S>, range: { start: number; end: number }) => boolean; fill?: Record<string, string | null> } = {},
  ): (body: unknown, context: AnswerContext) => Listed<z.output<S>> {
    return (body, context) => {
      const fill = options.fill;
      const { items, unreadable } = readListItems(item, body, context, fill === undefined ? undefined : (raw) => fillMissing(raw, fill));
      if (unreadable.length > 0) {
        log.warn({ operation: context.operation, unreadable: unreadable.length, items: unreadable.slice(0, 5) }, 'leyr answer: unreadable items skipped');
      }
      const range = options.range === undefined ? null : rangeMs(options.range, zone);
      const belongs = options.belongs;
      const kept = range === null || belongs === undefined ? items : items.filter((entry) => belongs(entry, range));
      const outOfRange = items.length - kept.length;
      if (outOfRange > 0) log.info({ operation: context.operation, outOfRange }, 'leyr answer: items outside the asked range dropped');
      return listed(kept, { unreadable: unreadable.length, outOfRange });
    };
  }

  /** A write's list answer, read whole: its items are paired with what was sent. */
  function readWrittenList(fill: Record<string, string | null> = {}): (body: unknown, context: AnswerContext) => Appointment[] {
    return (body, context) => {
      const { items, unreadable } = readListItems(readers.appointment, body, context, (raw) => fillMissing(raw, fill));
      const [first] = unreadable;
      if (first !== undefined) {
        invalidResponse(`Leyr's answer to ${context.operation} was not understood: [${first.index}]: ${first.problems}${unreadable.length > 1 ? ` (and ${unreadable.length - 1} more items)` : ''}`, context);
      }
      return items;
    };
  }

  /** A write's single appointment (a one-item list accepted). */
  function readWrittenOne(fill: Record<string, string | null> = {}): (body: unknown, context: AnswerContext) => Appointment {
    return (body, context) => {
      const one = Array.isArray(body) && body.length === 1 ? body[0] : body;
      return readAnswer(readers.appointment, fillMissing(one, fill), context);
    };
  }

  const byRead =
    <S extends z.ZodType>(schema: S) =>
    (body: unknown, context: AnswerContext): z.output<S> =>
      readAnswer(schema, body, context);

  return {
    emr,
    careUnitId,
    gate,

    listCareUnits: (): Promise<Listed<CareUnit>> =>
      send({ operation: 'listCareUnits', method: 'GET', segments: ['care-units'], scoped: false, read: readList(readers.careUnit) }),

    listResources: (): Promise<Listed<Resource>> =>
      send({ operation: 'listResources', method: 'GET', segments: ['resources'], read: readList(readers.resource) }),

    listHealthcareServices: (): Promise<Listed<HealthcareService>> =>
      send({ operation: 'listHealthcareServices', method: 'GET', segments: ['healthcare-services'], read: readList(readers.healthcareService) }),

    listTimeslots: (query): Promise<Listed<Timeslot>> =>
      send({
        operation: 'listTimeslots',
        method: 'GET',
        segments: ['timeslots'],
        query: { start: query.start, end: query.end, resource_id: query.resource_id, healthcare_service_id: query.healthcare_service_id },
        read: readList(readers.timeslot, {
          range: query,
          belongs: (slot, range) => inside(slot, range, zone),
          fill: { resource_id: plainId(query.resource_id, 'resource'), healthcare_service_id: plainId(query.healthcare_service_id, 'other') },
        }),
      }),

    searchPatients: (query): Promise<Listed<Patient>> =>
      send({
        operation: 'searchPatients',
        method: 'GET',
        segments: ['patients'],
        query: { first_name: query.first_name, last_name: query.last_name },
        read: readList(readers.patient),
      }),

    getPatient: (patientId): Promise<Patient> =>
      send({ operation: 'getPatient', method: 'GET', segments: ['patients', patientId], read: byRead(readers.onePatient) }),

    createPatient: (patient: NewPatient): Promise<Patient> =>
      send({ operation: 'createPatient', method: 'POST', segments: ['patients'], body: patient, read: byRead(readers.onePatient) }),

    listAppointments: (query: TimeRange & { patient_id?: string; resource_id?: string }): Promise<Listed<Appointment>> =>
      send({
        operation: 'listAppointments',
        method: 'GET',
        segments: ['appointments'],
        query: { start: query.start, end: query.end, patient_id: query.patient_id, resource_id: query.resource_id },
        read: readList(readers.appointment, {
          range: query,
          belongs: (appointment, range) => overlaps(appointment, range, zone),
          fill: { resource_id: plainId(query.resource_id, 'resource'), patient_id: plainId(query.patient_id, 'patient') },
        }),
      }),

    createAppointment: (appointment: NewAppointment): Promise<Appointment[]> =>
      send({
        operation: 'createAppointment',
        method: 'POST',
        segments: ['appointments'],
        body: appointment,
        read: readWrittenList({
          resource_id: plainId(appointment.resource_id, 'resource'),
          patient_id: plainId(appointment.patient_id, 'patient'),
          healthcare_service_id: plainId(appointment.healthcare_service_id, 'other'),
        }),
      }),

    updateAppointment: (appointmentId: string, change: AppointmentChange): Promise<Appointment> =>
      send({
        operation: 'updateAppointment',
        method: 'PATCH',
        segments: ['appointments', appointmentId],
        body: change,
        read: readWrittenOne({ resource_id: plainId(change.resource_id, 'resource') }),
      }),

    bulkUpdateAppointments: (change: BulkAppointmentChange): Promise<Appointment[]> =>
      send({
        operation: 'bulkUpdateAppointments',
        method: 'PATCH',
        segments: ['appointments'],
        body: change,
        read: readWrittenList({ resource_id: plainId(change.resource_id, 'resource') }),
      }),

    cancelAppointment: (appointmentId: string, comment: string): Promise<Appointment> =>
      send({
        operation: 'cancelAppointment',
        method: 'PATCH',
        segments: ['appointments', appointmentId],
        body: { status: 'cancelled', comment },
        read: readWrittenOne(),
      }),

    cancelAppointments: (ids: string[], comment: string): Promise<Appointment[]> =>
      send({
        operation: 'cancelAppointments',
        method: 'PATCH',
        segments: ['appointments'],
        body: { ids, status: 'cancelled', comment },
        read: readWrittenList(),
      }),

    confirmAppointment: (appointmentId: string, code: string): Promise<Appointment> =>
      send({
        operation: 'confirmAppointment',
        method: 'PATCH',
        segments: ['appointments', appointmentId],
        body: { confirmation: { code } },
        read: readWrittenOne(),
      }),
  };
}
