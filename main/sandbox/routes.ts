// The Leyr API as the sandbox serves it, under /api. docs/leyr-api.md is
// the specification; where it leaves a choice, the sandbox does exactly this. Strict and
// lenient (profiles.ts) differ where marked; answers' fields are present.ts's.
//
// Requests
// - Auth: `x-leyr-client-id` and `x-leyr-client-secret` must equal the configured pair, or
//   401 UNAUTHORIZED. Checked first, before the path is even looked at.
// - `x-leyr-standard`: absent is normal; `fhir` is 400 NOT_SUPPORTED (the sandbox speaks only
//   Leyr's own shapes); any other value 400 BAD_INPUT.
// - An EHR code other than the one served is 400 BAD_INPUT; an unknown care unit 400
//   INVALID_CARE_UNIT_ID. A path that is no endpoint is 404 and a known path with the wrong
//   method 405, both in the envelope (top-level code NOT_FOUND / METHOD_NOT_ALLOWED).
// - Bodies are JSON objects of at most 1 MiB (else 400 BAD_INPUT); malformed JSON, unknown
//   fields, wrong types are 400 BAD_INPUT; a missing required field or query parameter 400
//   MISSING_REQUIRED_FIELD. Unknown or repeated query parameters are 400 BAD_INPUT.
// - Times need an explicit offset (naive: 400 BAD_INPUT). Answers use the care unit's offset.
// - Comments: at most 1000 characters (INVALID_COMMENT_LENGTH). Bulk `ids`: 1 to 500
//   distinct ids (more: MAX_ITEMS_EXCEEDED; repeats: BAD_INPUT).
// - Unknown ids are 400 INVALID_*_ID. Patient ids: bare or `emr_id:` match the Leyr id or the
//   EHR id; `se_personal_number:` / `no_personal_number:` match the Swedish / Norwegian
//   personal number (any accepted form; a failed check digit is INVALID_PATIENT_ID). A type
//   the EHR cannot look up is PATIENT_ID_LOOKUP_TYPE_NOT_SUPPORTED: strict, by Leyr's table
//   (profiles.ts: WebDoc, TakeCare, … Swedish numbers; DIPS Norwegian; EasyPractice, Epic
//   both; Anita Systems, PasientSky and the rest EHR ids only); lenient, anything but
//   `se_personal_number:`. Another prefix is INVALID_PATIENT_ID_TYPE. Resource ids: bare or
//   `emr_id:`; WebDoc also `hsa_id:` and `se_personal_number:` (lenient: every EHR `hsa_id:`);
//   another known type NOT_SUPPORTED, an unknown prefix INVALID_RESOURCE_ID.
//   Patients and resources belong to one care unit and are unknown in another.
//
// Reads
// - GET /emrs/{emr}/care-units → [{id, name}] (lenient: + time_zone, slot_minutes).
// - GET …/resources → [{id, name}] (lenient: + care_unit_id, healthcare_service_ids, hsa_id?).
// - GET …/healthcare-services → the services the care unit's resources offer:
//   [{id, name, duration_minutes}].
// - GET …/timeslots?start&end (required, at most 31 days)[&resource_id][&healthcare_service_id]
//   → free slots lying wholly inside [start, end): [{start, end, resource_id,
//   healthcare_service_id}], sorted by start, resource, service.
// - GET …/patients?first_name&last_name (at least one): case-insensitive prefix match.
// - GET …/patients/{patient_id} → one patient {id, emr_id, first_name, last_name,
//   care_unit_id} (lenient: + external_id, phones, emails).
// - GET …/appointments?start&end (required, at most 92 days)[&patient_id][&resource_id] →
//   appointments overlapping [start, end), every status (cancelled included), sorted by
//   start, resource, id: {id, status, care_unit_id, start, end, comment, patient_id,
//   resource_id, healthcare_service_id}. Pending two-step cancellations are not listed.
//
// Writes (201 for something new, else 200)
// - POST …/patients: idempotent on external_id (a valid Swedish personal number, stored as 12
//   digits, or a Norwegian one, 11 digits): an existing patient of the care unit is answered
//   unchanged with 200. Strict Anita Systems: no `phones` is MISSING_REQUIRED_FIELD.
// - POST …/appointments {start, end, patient_id, resource_id, healthcare_service_id?,
//   comment?} → 201 [appointment]. Must match exactly one free slot: none is
//   NO_TIMESLOTS_AVAILABLE, several (no service named, two fit) AMBIGUOUS_TIMESLOTS; a
//   service the resource does not offer is INVALID_HEALTHCARE_SERVICE_ID.
// - PATCH …/appointments/{id} (and legacy /emrs/{emr}/appointments/{id}) → one appointment:
//   - `{start, end?, resource_id?, comment?}`: start and end together (else
//     MISSING_REQUIRED_FIELD); a move keeps the service and must land on a free slot, the
//     appointment's own place counting as free (NO_TIMESLOTS_AVAILABLE). `{}` is BAD_INPUT;
//     moving a cancelled or completed appointment is BAD_INPUT.
//   - `{status: "cancelled", comment?}`: any other status, or times/resource with it, is
//     BAD_INPUT. Cancelling a cancelled appointment answers it unchanged (retries are safe);
//     a completed one is BAD_INPUT.
//   - `{confirmation: {code}}` alone: see the profiles below. A wrong code, or an appointment
//     that awaits nothing, is 400 BAD_INPUT.
// - PATCH …/appointments (and legacy /emrs/{emr}/appointments) with `ids` → array:
//   - `status: "cancelled"` (+ comment): each is cancelled as a single PATCH would.
//   - no start/end: `resource_id` moves them all to it at their own times, all or nothing
//     (they must not collide with each other either); `comment` sets all their comments.
//   - start and end: continuous reschedule. Same patient, resource, service, care unit (else
//     BAD_INPUT); [start, end) must be exactly covered by contiguous free slots of that
//     service on the resource (or on `resource_id`), their own places counting as free, else
//     NO_TIMESLOTS_AVAILABLE. The earliest appointments are reused in order, missing ones
//     created like bookings, extra ones cancelled at once; the answer lists moved, created,
//     then cancelled.
//
// EHR profiles (profiles.ts)
// - Direct (`webdoc` and any other code): bookings answer `booked`, cancels cancel.
// - Confirming (`anitasystems`): a booking answers `awaiting_confirmation` and holds its slot;
//   PATCH {confirmation: {code}} makes it `booked`. A cancel of a booked appointment answers a
//   NEW record {id: new, status: "awaiting_confirmation", …the original's fields, comment: the
//   reason}, naming nothing (lenient: + cancellation_of: the original's id); a bulk cancel
//   answers them in the order of the ids sent. The original stays booked. PATCH that new id
//   with {confirmation: {code}} cancels the original and closes the record as `cancelled`;
//   the answer is that record (lenient: the ORIGINAL, now `cancelled`). Cancelling the record
//   itself withdraws the request. Asking to cancel again while one is pending answers the
//   same record. A booking not yet confirmed cancels at once.
// - Codes are six digits, "texted to the patient": readable only through the control endpoint
//   GET /__sandbox/confirmation-codes/{appointment_id} (control.ts). Appointments a seed
//   holds as awaiting_confirmation get codes too, under either profile.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { bulkUpdate, createAppointment, listAppointments, updateAppointment, type RuleContext } from './appointments.ts';
import { listFreeSlots } from './availability.ts';
import { badRequest, LeyrRefusal, notFound, unauthorized } from './errors.ts';
import { requireCareUnit, requireService, resolveResource } from './lookup.ts';
import { createPatient, getPatient, searchPatients } from './patients.ts';
import { presentAppointment, presentCareUnit, presentList, presentPatient, presentResource, presentService, presentTimeslot, rangeSlackMs, type AnswerShape, type WireObject } from './present.ts';
import type { ServedProfile } from './profiles.ts';
import {
  APPOINTMENT_RANGE_MAX_DAYS,
  appointmentQuery,
  bulkUpdateBody,
  checkRange,
  createAppointmentBody,
  newPatientBody,
  parseRequest,
  patientQuery,
  readQuery,
  TIMESLOT_RANGE_MAX_DAYS,
  timeslotQuery,
  updateAppointmentBody,
} from './requests.ts';
import type { SandboxState, WireAppointment } from './state.ts';
import { formatInstant } from './time.ts';

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface ApiContext {
  state: SandboxState;
  /** The EHR's profile, strict or lenient. */
  profile: ServedProfile;
  /** How answers are shaped: the profile's fields and any response-shaping faults. */
  shape: AnswerShape;
  credentials: Credentials;
}

export interface ApiRequest {
  method: string;
  /** Path segments after `/api`, percent-decoded. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body text; null when the request had none. */
  body: string | null;
}

export interface ApiAnswer {
  status: number;
  /** Sent as JSON, unless `text` is given. */
  body: unknown;
  headers?: Record<string, string>;
  /** A plain-text body instead of JSON (a gateway's answer). */
  text?: string;
}

type Handler = (ctx: ApiContext, request: ApiRequest, params: string[]) => ApiAnswer;

interface Route {
  /** Segments after /api/emrs/{emr}; `*` captures one segment. */
  pattern: string[];
  /** Name for logs: never the values in the path (a patient id can be a personal number). */
  name: string;
  methods: Partial<Record<string, Handler>>;
}

const ok = (body: unknown, status = 200): ApiAnswer => ({ status, body });

const unscoped = (ctx: ApiContext): RuleContext => ({ state: ctx.state, profile: ctx.profile });

function scoped(ctx: ApiContext, careUnitId: string): RuleContext {
  requireCareUnit(ctx.state, careUnitId);
  return unscoped(ctx);
}

/** Appointments answered by a write (an array), each as the profile and faults shape it. */
const appointmentsOut = (ctx: ApiContext, appointments: WireAppointment[]): WireObject[] => appointments.map((appointment) => presentAppointment(ctx.shape, appointment));

function jsonBody(request: ApiRequest): unknown {
  if (request.body === null || request.body.trim() === '') throw badRequest('BAD_INPUT', 'A JSON body is required.', null);
  try {
    return JSON.parse(request.body);
  } catch (error) {
    throw badRequest('BAD_INPUT', `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, null);
  }
}

const ROUTES: Route[] = [
  {
    pattern: ['care-units'],
    name: 'care-units',
    methods: {
      GET: (ctx, request) => {
        readQuery(request.query, []);
        return ok([...ctx.state.careUnits.values()].map((careUnit) => presentCareUnit(ctx.shape, careUnit)));
      },
    },
  },
  {
    pattern: ['care-units', '*', 'resources'],
    name: 'resources',
    methods: {
      GET: (ctx, request, [careUnitId = '']) => {
        scoped(ctx, careUnitId);
        readQuery(request.query, []);
        const resources = [...ctx.state.resources.values()].filter((resource) => resource.care_unit_id === careUnitId);
        return ok(resources.map((resource) => presentResource(ctx.shape, resource)));
      },
    },
  },
  {
    pattern: ['care-units', '*', 'healthcare-services'],
    name: 'healthcare-services',
    methods: {
      GET: (ctx, request, [careUnitId = '']) => {
        scoped(ctx, careUnitId);
        readQuery(request.query, []);
        const offered = new Set([...ctx.state.resources.values()].filter((resource) => resource.care_unit_id === careUnitId).flatMap((resource) => resource.healthcare_service_ids));
        return ok([...ctx.state.services.values()].filter((service) => offered.has(service.id)).map((service) => presentService(ctx.shape, service)));
      },
    },
  },
  {
    pattern: ['care-units', '*', 'timeslots'],
    name: 'timeslots',
    methods: {
      GET: (ctx, request, [careUnitId = '']) => {
        scoped(ctx, careUnitId);
        const query = parseRequest(timeslotQuery, readQuery(request.query, ['start', 'end', 'resource_id', 'healthcare_service_id']), 'query');
        checkRange(query.start, query.end, TIMESLOT_RANGE_MAX_DAYS);
        const { state } = ctx;
        const resources =
          query.resource_id === undefined
            ? [...state.resources.values()].filter((resource) => resource.care_unit_id === careUnitId)
            : [resolveResource(state, ctx.profile.ids, careUnitId, query.resource_id, 'resource_id')];
        if (query.healthcare_service_id !== undefined) requireService(state, query.healthcare_service_id, 'healthcare_service_id');
        const zone = state.zoneOfCareUnit(careUnitId);
        const slack = rangeSlackMs(ctx.shape);
        const slots = listFreeSlots(state, resources, query.start - slack, query.end + slack, query.healthcare_service_id).map((slot) =>
          presentTimeslot(ctx.shape, {
            start: formatInstant(slot.startMs, zone),
            end: formatInstant(slot.endMs, zone),
            resource_id: slot.resourceId,
            healthcare_service_id: slot.serviceId,
          }),
        );
        return ok(presentList(ctx.shape, 'timeslots', slots));
      },
    },
  },
  {
    pattern: ['care-units', '*', 'patients'],
    name: 'patients',
    methods: {
      GET: (ctx, request, [careUnitId = '']) => {
        scoped(ctx, careUnitId);
        const query = parseRequest(patientQuery, readQuery(request.query, ['first_name', 'last_name']), 'query');
        return ok(searchPatients(ctx.state, careUnitId, query).map((patient) => presentPatient(ctx.shape, patient)));
      },
      POST: (ctx, request, [careUnitId = '']) => {
        scoped(ctx, careUnitId);
        const body = parseRequest(newPatientBody, jsonBody(request), 'body');
        const { patient, created } = createPatient(ctx.state, ctx.profile.ids, careUnitId, body);
        return ok(presentPatient(ctx.shape, patient), created ? 201 : 200);
      },
    },
  },
  {
    pattern: ['care-units', '*', 'patients', '*'],
    name: 'patient',
    methods: {
      GET: (ctx, request, [careUnitId = '', patientId = '']) => {
        scoped(ctx, careUnitId);
        readQuery(request.query, []);
        return ok(presentPatient(ctx.shape, getPatient(ctx.state, ctx.profile.ids, careUnitId, patientId)));
      },
    },
  },
  {
    pattern: ['care-units', '*', 'appointments'],
    name: 'appointments',
    methods: {
      GET: (ctx, request, [careUnitId = '']) => {
        const rules = scoped(ctx, careUnitId);
        const query = parseRequest(appointmentQuery, readQuery(request.query, ['start', 'end', 'patient_id', 'resource_id']), 'query');
        checkRange(query.start, query.end, APPOINTMENT_RANGE_MAX_DAYS);
        const listed = listAppointments(rules, careUnitId, query, rangeSlackMs(ctx.shape)).map((appointment) => presentAppointment(ctx.shape, appointment));
        return ok(presentList(ctx.shape, 'appointments', listed));
      },
      POST: (ctx, request, [careUnitId = '']) => {
        const rules = scoped(ctx, careUnitId);
        return ok(appointmentsOut(ctx, createAppointment(rules, careUnitId, parseRequest(createAppointmentBody, jsonBody(request), 'body'))), 201);
      },
      PATCH: (ctx, request, [careUnitId = '']) => {
        const rules = scoped(ctx, careUnitId);
        return ok(appointmentsOut(ctx, bulkUpdate(rules, careUnitId, parseRequest(bulkUpdateBody, jsonBody(request), 'body'))));
      },
    },
  },
  {
    pattern: ['care-units', '*', 'appointments', '*'],
    name: 'appointment',
    methods: {
      PATCH: (ctx, request, [careUnitId = '', appointmentId = '']) => {
        const rules = scoped(ctx, careUnitId);
        return ok(presentAppointment(ctx.shape, updateAppointment(rules, careUnitId, appointmentId, parseRequest(updateAppointmentBody, jsonBody(request), 'body'))));
      },
    },
  },
  {
    pattern: ['appointments'],
    name: 'legacy-appointments',
    methods: {
      PATCH: (ctx, request) => ok(appointmentsOut(ctx, bulkUpdate(unscoped(ctx), null, parseRequest(bulkUpdateBody, jsonBody(request), 'body')))),
    },
  },
  {
    pattern: ['appointments', '*'],
    name: 'legacy-appointment',
    methods: {
      PATCH: (ctx, request, [appointmentId = '']) =>
        ok(presentAppointment(ctx.shape, updateAppointment(unscoped(ctx), null, appointmentId, parseRequest(updateAppointmentBody, jsonBody(request), 'body')))),
    },
  },
];

function matchRoute(rest: string[]): { route: Route; params: string[] } | null {
  for (const route of ROUTES) {
    if (route.pattern.length !== rest.length) continue;
    const params: string[] = [];
    const matches = route.pattern.every((part, index) => {
      const segment = rest[index] ?? '';
      if (part === '*') {
        params.push(segment);
        return segment !== '';
      }
      return part === segment;
    });
    if (matches) return { route, params };
  }
  return null;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkAuth(headers: IncomingHttpHeaders, credentials: Credentials): void {
  const clientId = header(headers, 'x-leyr-client-id');
  const clientSecret = header(headers, 'x-leyr-client-secret');
  if (clientId === undefined || clientSecret === undefined) throw unauthorized('Send x-leyr-client-id and x-leyr-client-secret.');
  // Both compared in full whatever the first result, so timing tells nothing.
  const idOk = sameSecret(clientId, credentials.clientId);
  const secretOk = sameSecret(clientSecret, credentials.clientSecret);
  if (!idOk || !secretOk) throw unauthorized('Unknown client id or wrong client secret.');
}

/** The route's name for logs, or null when the path is no endpoint. */
export function routeName(segments: string[]): string | null {
  if (segments[0] !== 'emrs' || segments.length < 3) return null;
  return matchRoute(segments.slice(2))?.route.name ?? null;
}

/** Answers one /api request; every refusal is thrown as a LeyrRefusal. */
export function handleApi(ctx: ApiContext, request: ApiRequest): ApiAnswer {
  checkAuth(request.headers, ctx.credentials);
  const standard = header(request.headers, 'x-leyr-standard');
  if (standard !== undefined) {
    if (standard.trim().toLowerCase() === 'fhir') throw badRequest('NOT_SUPPORTED', 'This sandbox answers in Leyr shapes only; x-leyr-standard: fhir is not supported.', null);
    throw badRequest('BAD_INPUT', 'x-leyr-standard may only be "fhir".', null);
  }
  const { segments } = request;
  const matched = segments[0] === 'emrs' && segments.length >= 3 ? matchRoute(segments.slice(2)) : null;
  if (matched === null) throw notFound('There is no Leyr endpoint at this path.');
  const handler = matched.route.methods[request.method];
  if (handler === undefined) {
    const allowed = Object.keys(matched.route.methods).join(', ');
    throw new LeyrRefusal('METHOD_NOT_ALLOWED', 405, `${request.method} is not served here; use ${allowed}.`);
  }
  const emr = segments[1] ?? '';
  if (emr !== ctx.state.emr) throw badRequest('BAD_INPUT', `Unknown EHR code "${emr}"; this sandbox serves "${ctx.state.emr}".`, 'emr');
  return handler(ctx, request, matched.params);
}
