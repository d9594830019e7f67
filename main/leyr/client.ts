// The HTTP client for the Leyr API: one typed method per endpoint of docs/leyr-api.md.
//
// - Auth is the two headers on every request; `x-leyr-standard` is never sent (the app reads
//   Leyr's own shapes, not FHIR). The credentials are asked for on every call, so main holds
//   the secret only while a request needs it.
// - Every attempt has a timeout. Only GETs are retried (with exponential backoff and
//   jitter), on network errors, timeouts, 5xx and 429: a POST or PATCH whose answer was lost
//   may have been applied, and repeating it could book twice.
// - Redirects are not followed: the secret travels in custom headers, which fetch would
//   forward to wherever a redirect points.
// - Logs name the operation, status, duration and Leyr's `instance`; never the URL (patient
//   ids in paths can be personal numbers), headers or bodies.
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { silentLogger, type Logger } from '../log/logger.ts';
import type {
  Appointment,
  AppointmentChange,
  BulkAppointmentChange,
  CareUnit,
  HealthcareService,
  LeyrApi,
  NewAppointment,
  NewPatient,
  Patient,
  Resource,
  TimeRange,
  Timeslot,
} from './api.ts';
import { leyrBaseUrlProblem } from '../../preload/contract/remote-address.ts';
import { LeyrError } from './errors.ts';
import {
  appointmentList,
  careUnitList,
  healthcareServiceList,
  invalidResponse,
  oneAppointment,
  onePatient,
  patientList,
  readAnswer,
  resourceList,
  timeslotList,
} from './parse.ts';

export interface LeyrCredentials {
  clientId: string;
  clientSecret: string;
}

export interface RetryPolicy {
  /** Total tries of a safe read, the first one included (1 = no retry). */
  attempts: number;
  /** Delay before the first retry; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** Upper bound of one delay (also for a server's Retry-After). */
  maxDelayMs?: number;
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
  /** For GETs only. Default 3 attempts, 250 ms base delay, 4 s cap. */
  retry?: RetryPolicy;
  log?: Logger;
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRY: Required<RetryPolicy> = { attempts: 3, baseDelayMs: 250, maxDelayMs: 4_000 };

type Method = 'GET' | 'POST' | 'PATCH';
type Query = Record<string, string | undefined>;

interface Call<S extends z.ZodType> {
  operation: string;
  method: Method;
  /** Path segments below the care unit (or below `emrs/{emr}` when `scoped` is false). */
  segments: string[];
  scoped?: boolean;
  query?: Query;
  body?: unknown;
  answer: S;
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

function retryAfterMs(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
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

export function createLeyrClient(options: LeyrClientOptions): LeyrApi {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const timeoutMs = checkNumber(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs', 1, 10 * 60_000);
  const retry: Required<RetryPolicy> = { ...DEFAULT_RETRY, ...options.retry };
  const attempts = Math.floor(checkNumber(retry.attempts, 'retry.attempts', 1, 20));
  checkNumber(retry.baseDelayMs, 'retry.baseDelayMs', 0, 60_000);
  checkNumber(retry.maxDelayMs, 'retry.maxDelayMs', 0, 5 * 60_000);
  const log = options.log ?? silentLogger;
  const doFetch = options.fetch ?? globalThis.fetch;
  const { emr, careUnitId } = options;
  // A server's Retry-After, remembered per refusal so the retry loop can honour it.
  const retryAfter = new WeakMap<LeyrError, number | null>();

  function url(call: Call<z.ZodType>): string {
    const prefix = ['emrs', emr, ...(call.scoped === false ? [] : ['care-units', careUnitId])];
    const path = [...prefix, ...call.segments].map((segment) => checkSegment(segment, call.operation)).join('/');
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) query.append(key, value);
    const search = query.toString();
    return `${baseUrl}/${path}${search === '' ? '' : `?${search}`}`;
  }

  async function attempt<S extends z.ZodType>(call: Call<S>, target: string, credentials: LeyrCredentials): Promise<z.output<S>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-leyr-client-id': credentials.clientId,
      'x-leyr-client-secret': credentials.clientSecret,
    };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    // Serialised before the request, so a body that cannot be JSON is not mistaken for a network failure.
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
    const signal = AbortSignal.timeout(timeoutMs);
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
      retryAfter.set(error, retryAfterMs(response));
      throw error;
    }
    let body: unknown;
    try {
      body = bodyText.trim() === '' ? null : JSON.parse(bodyText);
    } catch (error) {
      invalidResponse(`Leyr's answer to ${call.operation} was not JSON`, { operation: call.operation, status: response.status }, error);
    }
    return readAnswer(call.answer, body, { operation: call.operation, status: response.status });
  }

  async function send<S extends z.ZodType>(call: Call<S>): Promise<z.output<S>> {
    const target = url(call);
    const tries = call.method === 'GET' ? attempts : 1;
    const credentials = await options.credentials();
    const started = performance.now();
    for (let tryNumber = 1; ; tryNumber += 1) {
      try {
        const value = await attempt(call, target, credentials);
        log.debug({ operation: call.operation, method: call.method, try: tryNumber, ms: Math.round(performance.now() - started) }, 'leyr call ok');
        return value;
      } catch (error) {
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
          ms: Math.round(performance.now() - started),
        };
        if (tryNumber >= tries || !isRetryable(error)) {
          log.warn(facts, 'leyr call failed');
          throw error;
        }
        const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (tryNumber - 1));
        // Equal jitter: half the backoff, plus a random share of the other half.
        const jittered = backoff / 2 + Math.random() * (backoff / 2);
        const delay = Math.min(retry.maxDelayMs, Math.max(jittered, retryAfter.get(error) ?? 0));
        log.info({ ...facts, retryInMs: Math.round(delay) }, 'leyr call failed, retrying');
        await sleep(delay);
      }
    }
  }

  return {
    emr,
    careUnitId,

    listCareUnits: (): Promise<CareUnit[]> =>
      send({ operation: 'listCareUnits', method: 'GET', segments: ['care-units'], scoped: false, answer: careUnitList }),

    listResources: (): Promise<Resource[]> =>
      send({ operation: 'listResources', method: 'GET', segments: ['resources'], answer: resourceList }),

    listHealthcareServices: (): Promise<HealthcareService[]> =>
      send({ operation: 'listHealthcareServices', method: 'GET', segments: ['healthcare-services'], answer: healthcareServiceList }),

    listTimeslots: (query): Promise<Timeslot[]> =>
      send({
        operation: 'listTimeslots',
        method: 'GET',
        segments: ['timeslots'],
        query: { start: query.start, end: query.end, resource_id: query.resource_id, healthcare_service_id: query.healthcare_service_id },
        answer: timeslotList,
      }),

    searchPatients: (query): Promise<Patient[]> =>
      send({
        operation: 'searchPatients',
        method: 'GET',
        segments: ['patients'],
        query: { first_name: query.first_name, last_name: query.last_name },
        answer: patientList,
      }),

    getPatient: (patientId): Promise<Patient> =>
      send({ operation: 'getPatient', method: 'GET', segments: ['patients', patientId], answer: onePatient }),

    createPatient: (patient: NewPatient): Promise<Patient> =>
      send({ operation: 'createPatient', method: 'POST', segments: ['patients'], body: patient, answer: onePatient }),

    listAppointments: (query: TimeRange & { patient_id?: string; resource_id?: string }): Promise<Appointment[]> =>
      send({
        operation: 'listAppointments',
        method: 'GET',
        segments: ['appointments'],
        query: { start: query.start, end: query.end, patient_id: query.patient_id, resource_id: query.resource_id },
        answer: appointmentList,
      }),

    createAppointment: (appointment: NewAppointment): Promise<Appointment[]> =>
      send({ operation: 'createAppointment', method: 'POST', segments: ['appointments'], body: appointment, answer: appointmentList }),

    updateAppointment: (appointmentId: string, change: AppointmentChange): Promise<Appointment> =>
      send({ operation: 'updateAppointment', method: 'PATCH', segments: ['appointments', appointmentId], body: change, answer: oneAppointment }),

    bulkUpdateAppointments: (change: BulkAppointmentChange): Promise<Appointment[]> =>
      send({ operation: 'bulkUpdateAppointments', method: 'PATCH', segments: ['appointments'], body: change, answer: appointmentList }),

    cancelAppointment: (appointmentId: string, comment: string): Promise<Appointment> =>
      send({
        operation: 'cancelAppointment',
        method: 'PATCH',
        segments: ['appointments', appointmentId],
        body: { status: 'cancelled', comment },
        answer: oneAppointment,
      }),

    cancelAppointments: (ids: string[], comment: string): Promise<Appointment[]> =>
      send({
        operation: 'cancelAppointments',
        method: 'PATCH',
        segments: ['appointments'],
        body: { ids, status: 'cancelled', comment },
        answer: appointmentList,
      }),

    confirmAppointment: (appointmentId: string, code: string): Promise<Appointment> =>
      send({
        operation: 'confirmAppointment',
        method: 'PATCH',
        segments: ['appointments', appointmentId],
        body: { confirmation: { code } },
        answer: oneAppointment,
      }),
  };
}
