// Sandbox-only control endpoints under /__sandbox: never part of the Leyr API, no Leyr auth,
// never subject to faults. They let tests and demos read what Leyr keeps hidden (the code
// texted to a patient), inject faults, switch the profile, inspect and reset the state.
// docs/sandbox.md describes them with examples.
//
// - GET    /__sandbox/confirmation-codes/{appointment_id} → {code}; 404 when none waits.
// - GET    /__sandbox/faults → the faults in force (every field, defaults filled in).
// - PUT    /__sandbox/faults {latencyMs?, jitterMs?, slowRate?, slowMs?, errorRate?, errors?,
//   dropRate?, dropPhase?, offline?, methods?, routes?, limit?, omitFields?, nullFields?,
//   outOfRangeHours?, malformed?, naiveTimes?} → the faults now in force (faults.ts). PUT
//   replaces: a field left out is back to its default (no fault; `methods`/`routes` left
//   out: every request).
// - DELETE /__sandbox/faults → no faults.
// - GET    /__sandbox/profile → {emr, strict, known, bookingNeedsConfirmation, twoStepCancel,
//   patientIdTypes, resourceIdTypes, patientCreateNeedsPhones}: the profile served, with the
//   id rules in force (lenient ones when not strict).
// - PUT    /__sandbox/profile {strict} → the profile now served. Kept across a reset.
// - GET    /__sandbox/state → {appointments: [...every appointment, cancelled and pending
//   cancellations included], patients: [...]}: the sandbox's own full records whatever the
//   profile (a pending cancellation carries `cancellation_of`, patients `external_id`,
//   `phones`, `emails`), so tests can see what Leyr keeps to itself.
// - GET    /__sandbox/requests?since=N → {next, requests: [{seq, method, path, body}]}: the
//   /api requests received with seq >= N (default 0); pass `next` as the following `since`.
// - POST   /__sandbox/reset → the state back to the seed (new codes); faults, the profile and
//   the request log are left as they are. Answers {appointments, patients} counts.
import { z } from 'zod';
import { badRequest, LeyrRefusal, notFound } from './errors.ts';
import type { FaultInjector } from './faults.ts';
import { faultsSchema } from './faults.ts';
import { toWirePatient } from './patients.ts';
import { idRulesFor, type EhrProfile } from './profiles.ts';
import type { RequestLog } from './request-log.ts';
import { parseRequest, readQuery } from './requests.ts';
import type { SandboxState } from './state.ts';
import type { ApiAnswer } from './routes.ts';

export interface ControlContext {
  state(): SandboxState;
  reset(): SandboxState;
  faults: FaultInjector;
  requests: RequestLog;
  profile(): { ehr: EhrProfile; strict: boolean };
  setStrict(strict: boolean): void;
}

export interface ControlRequest {
  method: string;
  /** Path segments after `/__sandbox`, percent-decoded. */
  segments: string[];
  query: URLSearchParams;
  body: string | null;
}

const sinceQuery = z.object({ since: z.coerce.number().int().min(0).default(0) });
const profileBody = z.strictObject({ strict: z.boolean() });

function describeProfile(ctx: ControlContext): Record<string, unknown> {
  const { ehr, strict } = ctx.profile();
  const rules = idRulesFor(ehr, strict);
  return {
    emr: ehr.emr,
    strict,
    known: ehr.known,
    bookingNeedsConfirmation: ehr.bookingNeedsConfirmation,
    twoStepCancel: ehr.twoStepCancel,
    patientIdTypes: [...rules.patient],
    resourceIdTypes: [...rules.resource],
    patientCreateNeedsPhones: rules.patientCreateNeedsPhones,
  };
}

function jsonBody(body: string | null): unknown {
  if (body === null || body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    throw badRequest('BAD_INPUT', 'The body is not valid JSON.', null);
  }
}

function methodNotAllowed(method: string, allowed: string): LeyrRefusal {
  return new LeyrRefusal('METHOD_NOT_ALLOWED', 405, `${method} is not served here; use ${allowed}.`);
}

export function handleControl(ctx: ControlContext, request: ControlRequest): ApiAnswer {
  const [head, ...rest] = request.segments;
  const { method } = request;
  switch (head) {
    case 'confirmation-codes': {
      if (rest.length !== 1 || rest[0] === '') break;
      if (method !== 'GET') throw methodNotAllowed(method, 'GET');
      const appointmentId = rest[0] ?? '';
      const code = ctx.state().codeFor(appointmentId);
      if (code === undefined) throw notFound(`No code awaits confirmation for appointment "${appointmentId}".`);
      return { status: 200, body: { code } };
    }
    case 'faults': {
      if (rest.length !== 0) break;
      if (method === 'GET') return { status: 200, body: ctx.faults.current };
      if (method === 'PUT') return { status: 200, body: ctx.faults.set(parseRequest(faultsSchema, jsonBody(request.body), 'body')) };
      if (method === 'DELETE') return { status: 200, body: ctx.faults.clear() };
      throw methodNotAllowed(method, 'GET, PUT, DELETE');
    }
    case 'profile': {
      if (rest.length !== 0) break;
      if (method === 'GET') return { status: 200, body: describeProfile(ctx) };
      if (method === 'PUT') {
        ctx.setStrict(parseRequest(profileBody, jsonBody(request.body), 'body').strict);
        return { status: 200, body: describeProfile(ctx) };
      }
      throw methodNotAllowed(method, 'GET, PUT');
    }
    case 'state': {
      if (rest.length !== 0) break;
      if (method !== 'GET') throw methodNotAllowed(method, 'GET');
      const state = ctx.state();
      return {
        status: 200,
        body: { appointments: state.allAppointments().map((appointment) => state.toWire(appointment)), patients: state.allPatients().map(toWirePatient) },
      };
    }
    case 'requests': {
      if (rest.length !== 0) break;
      if (method !== 'GET') throw methodNotAllowed(method, 'GET');
      const { since } = parseRequest(sinceQuery, readQuery(request.query, ['since']), 'query');
      return { status: 200, body: ctx.requests.since(since) };
    }
    case 'reset': {
      if (rest.length !== 0) break;
      if (method !== 'POST') throw methodNotAllowed(method, 'POST');
      const state = ctx.reset();
      return { status: 200, body: { appointments: state.allAppointments().length, patients: state.allPatients().length } };
    }
  }
  throw notFound('There is no sandbox control endpoint at this path.');
}
