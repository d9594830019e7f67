// Faults injected on request, for reliability tests: everything Leyr, or a gateway in front
// of it, may answer besides a plain success. They apply to /api requests only; the control
// endpoints always answer. docs/sandbox.md describes each one with examples.
//
// - Transport: no connection at all (`offline`), connections dropped before or after the
//   request is processed (`dropRate`, `dropPhase`).
// - Time: a fixed latency, a random jitter on top, and a share of slow requests.
// - Errors instead of an answer (`errorRate`, `errors`): Leyr's EMR_ERROR (401 by default,
//   the status of Leyr's own examples), UNKNOWN_ERROR (500), SERVICE_UNAVAILABLE (503), or a
//   gateway's own answer (429 by default) that is no Leyr envelope; each with `Retry-After`
//   in seconds or as an HTTP date when asked. The request is not processed.
// - Answer shapes: [choice] fields left out of appointments or sent as null, list answers
//   that reach outside the asked range, one malformed item in a list, times without offset.
// - Scope: only some methods (`methods`), only some endpoints (`routes`), only the next N
//   requests in scope (`limit`).
import { z } from 'zod';

/** The appointment fields Leyr does not document (the project's choice); a client must cope without them. */
export const CHOICE_FIELDS = ['patient_id', 'resource_id', 'healthcare_service_id'] as const;
export type ChoiceField = (typeof CHOICE_FIELDS)[number];

/** The names of the API's endpoints, as `routes` takes them and the sandbox's log writes them. */
export const ROUTE_NAMES = [
  'care-units',
  'resources',
  'healthcare-services',
  'timeslots',
  'patients',
  'patient',
  'appointments',
  'appointment',
  'legacy-appointments',
  'legacy-appointment',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export const FAULT_ERROR_CODES = ['EMR_ERROR', 'UNKNOWN_ERROR', 'SERVICE_UNAVAILABLE', 'GATEWAY'] as const;
export type FaultErrorCode = (typeof FAULT_ERROR_CODES)[number];

/** The status each error answers with unless `status` says otherwise. */
export const DEFAULT_STATUS: Record<FaultErrorCode, number> = { EMR_ERROR: 401, UNKNOWN_ERROR: 500, SERVICE_UNAVAILABLE: 503, GATEWAY: 429 };

export const faultErrorSchema = z.strictObject({
  /**
   * EMR_ERROR, UNKNOWN_ERROR, SERVICE_UNAVAILABLE: Leyr's envelope with that code.
   * GATEWAY: a proxy's own answer, plain text (`429 Too Many Requests`), no envelope.
   */
  code: z.enum(FAULT_ERROR_CODES),
  /** The HTTP status; default by code (EMR_ERROR 401, UNKNOWN_ERROR 500, SERVICE_UNAVAILABLE 503, GATEWAY 429). */
  status: z.number().int().min(400).max(599).optional(),
  /** The envelope's `detail`; for EMR_ERROR the EHR's own message. */
  detail: z.string().min(1).max(2000).optional(),
  /** Adds `Retry-After`: wait this many seconds. */
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  /** How `Retry-After` is written: delta-seconds (`5`) or an HTTP date (`Mon, 23 Mar 2026 08:00:05 GMT`). */
  retryAfterFormat: z.enum(['seconds', 'http-date']).default('seconds'),
});
export type FaultError = z.output<typeof faultErrorSchema>;

export const malformedSchema = z.strictObject({
  /** Which list answers carry the broken item. */
  list: z.enum(['appointments', 'timeslots']).default('appointments'),
  /** Which item (0-based; past the end: the last one). */
  index: z.number().int().min(0).max(100_000).default(0),
  /** The field broken. */
  field: z.string().min(1).max(100).default('end'),
  /** The value it is given; left out, the field itself is left out. */
  value: z.json().optional(),
});
export type Malformed = z.output<typeof malformedSchema>;

const share = z.number().min(0).max(1);
const choiceFields = z.array(z.enum(CHOICE_FIELDS)).min(1).max(CHOICE_FIELDS.length);

export const faultsSchema = z.strictObject({
  /** Milliseconds added to every request in scope. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Up to this many milliseconds more, uniformly at random, per request. */
  jitterMs: z.number().int().min(0).max(60_000).default(0),
  /** Share (0..1) of requests that are slow: `slowMs` more on top of the latency. */
  slowRate: share.default(0),
  slowMs: z.number().int().min(0).max(120_000).default(0),
  /** Share (0..1) of requests answered with an error instead (see `errors`), without being processed. */
  errorRate: share.default(0),
  /**
   * The errors given, in turn (the first, the second, …, then the first again). Left out:
   * 503 EMR_ERROR and 500 UNKNOWN_ERROR alternately, as the sandbox always did.
   */
  errors: z.array(faultErrorSchema).min(1).max(20).optional(),
  /** Share (0..1) of requests whose connection is destroyed without an answer. */
  dropRate: share.default(0),
  /**
   * When a dropped request is dropped: `request` before it is processed (nothing changes),
   * `response` after it was processed and its answer lost (the change is made). Sandbox
   * extension; `request` by default.
   */
  dropPhase: z.enum(['request', 'response']).default('request'),
  /** Every /api connection is destroyed at once. */
  offline: z.boolean().default(false),
  /**
   * Only requests with these methods meet the faults (e.g. lose the answer of a PATCH but
   * not of the GET before it); every request when left out. Sandbox extension.
   */
  methods: z.array(z.enum(['GET', 'POST', 'PATCH'])).min(1).optional(),
  /** Only requests to these endpoints meet the faults; every endpoint when left out. */
  routes: z.array(z.enum(ROUTE_NAMES)).min(1).optional(),
  /** Only the next this-many requests in scope meet the faults; later ones pass untouched. */
  limit: z.number().int().min(1).max(1_000_000).optional(),
  /** Appointments in every answer leave these [choice] fields out (list filters still work). */
  omitFields: choiceFields.optional(),
  /** Appointments in every answer carry these [choice] fields as null. */
  nullFields: choiceFields.optional(),
  /** List answers (appointments, timeslots) cover the asked range widened by this many hours each side. */
  outOfRangeHours: z.number().int().min(0).max(24 * 31).default(0),
  /** One item of each list answer is broken (e.g. an appointment without `end`). */
  malformed: malformedSchema.optional(),
  /** Times in answers (appointments, timeslots) carry no offset: the care unit's wall-clock time. */
  naiveTimes: z.boolean().default(false),
});
export type Faults = z.output<typeof faultsSchema>;

export const NO_FAULTS: Faults = Object.freeze(faultsSchema.parse({}));

/** Today's default when `errors` is left out: the two 5xx kinds alternate. */
const LEGACY_ERRORS: readonly FaultError[] = Object.freeze([
  { code: 'EMR_ERROR', status: 503, detail: 'The EHR did not answer in time (sandbox fault injection).', retryAfterFormat: 'seconds' },
  { code: 'UNKNOWN_ERROR', status: 500, detail: 'Something went wrong on the way to the EHR (sandbox fault injection).', retryAfterFormat: 'seconds' },
]);

/** How the answers of a request are shaped; null when they are not touched. */
export interface ResponseFaults {
  omitFields: readonly ChoiceField[];
  nullFields: readonly ChoiceField[];
  outOfRangeMs: number;
  malformed: Malformed | null;
  naiveTimes: boolean;
}

/** What happens to one /api request. */
export type FaultDecision =
  | { kind: 'offline' }
  | { kind: 'pass'; latencyMs: number; drop: 'request' | 'response' | null; error: FaultError | null; shape: ResponseFaults | null };

const UNTOUCHED: FaultDecision = Object.freeze({ kind: 'pass', latencyMs: 0, drop: null, error: null, shape: null });

function responseFaults(faults: Faults): ResponseFaults | null {
  const shape: ResponseFaults = {
    omitFields: faults.omitFields ?? [],
    nullFields: faults.nullFields ?? [],
    outOfRangeMs: faults.outOfRangeHours * 3_600_000,
    malformed: faults.malformed ?? null,
    naiveTimes: faults.naiveTimes,
  };
  const touched = shape.omitFields.length > 0 || shape.nullFields.length > 0 || shape.outOfRangeMs > 0 || shape.malformed !== null || shape.naiveTimes;
  return touched ? Object.freeze(shape) : null;
}

/**
 * Decides each request's fate from the faults in force. Random draws, each only when its
 * share is set, in this order: drop, error, jitter, slow.
 */
export class FaultInjector {
  #faults: Faults = NO_FAULTS;
  #shape: ResponseFaults | null = null;
  #errors = 0;
  #met = 0;
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  get current(): Faults {
    return this.#faults;
  }

  /** Replaces the faults in force; the error turn and the `limit` count start over. */
  set(faults: Faults): Faults {
    this.#faults = Object.freeze({ ...faults });
    this.#shape = responseFaults(this.#faults);
    this.#errors = 0;
    this.#met = 0;
    return this.#faults;
  }

  clear(): Faults {
    return this.set(NO_FAULTS);
  }

  decide(method: string, route: string): FaultDecision {
    const faults = this.#faults;
    if (faults.methods !== undefined && !(faults.methods as readonly string[]).includes(method)) return UNTOUCHED;
    if (faults.routes !== undefined && !(faults.routes as readonly string[]).includes(route)) return UNTOUCHED;
    if (faults.limit !== undefined) {
      if (this.#met >= faults.limit) return UNTOUCHED;
      this.#met += 1;
    }
    if (faults.offline) return { kind: 'offline' };
    const drop = faults.dropRate > 0 && this.#random() < faults.dropRate ? faults.dropPhase : null;
    let error: FaultError | null = null;
    if (drop !== 'request' && faults.errorRate > 0 && this.#random() < faults.errorRate) {
      const errors = faults.errors ?? LEGACY_ERRORS;
      error = errors[this.#errors++ % errors.length] ?? null;
    }
    let latencyMs = faults.latencyMs;
    if (faults.jitterMs > 0) latencyMs += Math.floor(this.#random() * (faults.jitterMs + 1));
    if (faults.slowRate > 0 && this.#random() < faults.slowRate) latencyMs += faults.slowMs;
    return { kind: 'pass', latencyMs, drop, error, shape: this.#shape };
  }
}
