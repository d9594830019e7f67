// The local sandbox's control endpoints (not part of the Leyr API), over real HTTP.
import type { Appointment, Patient } from '../../main/leyr/api.ts';

export interface SandboxFaults {
  latencyMs?: number;
  errorRate?: number;
  dropRate?: number;
  dropPhase?: 'request' | 'response';
  offline?: boolean;
  /** Only requests with these methods meet the faults. */
  methods?: ('GET' | 'POST' | 'PATCH')[];
  /** Up to this many milliseconds more per request, at random. */
  jitterMs?: number;
  /** Share (0..1) of requests that take `slowMs` more. */
  slowRate?: number;
  slowMs?: number;
  /** The errors `errorRate` gives, in turn; default 503 EMR_ERROR and 500 UNKNOWN_ERROR alternately. */
  errors?: SandboxFaultError[];
  /** Only requests to these endpoints (the sandbox's route names) meet the faults. */
  routes?: SandboxRoute[];
  /** Only the next this-many requests in scope meet the faults. */
  limit?: number;
  /** Appointments in answers leave these [choice] fields out. */
  omitFields?: ('patient_id' | 'resource_id' | 'healthcare_service_id')[];
  /** Appointments in answers carry these [choice] fields as null. */
  nullFields?: ('patient_id' | 'resource_id' | 'healthcare_service_id')[];
  /** List answers reach this many hours past the asked range on each side. */
  outOfRangeHours?: number;
  /** One item of each list answer broken: `field` left out, or set to `value`. */
  malformed?: { list?: 'appointments' | 'timeslots'; index?: number; field?: string; value?: unknown };
  /** Times in answers without offset (the care unit's wall-clock time). */
  naiveTimes?: boolean;
}

/** An injected error (docs/sandbox.md): Leyr's envelope, or a gateway's plain text (`GATEWAY`). */
export interface SandboxFaultError {
  code: 'EMR_ERROR' | 'UNKNOWN_ERROR' | 'SERVICE_UNAVAILABLE' | 'GATEWAY';
  /** Default: EMR_ERROR 401, UNKNOWN_ERROR 500, SERVICE_UNAVAILABLE 503, GATEWAY 429. */
  status?: number;
  detail?: string;
  retryAfterSeconds?: number;
  retryAfterFormat?: 'seconds' | 'http-date';
}

export type SandboxRoute =
  | 'care-units'
  | 'resources'
  | 'healthcare-services'
  | 'timeslots'
  | 'patients'
  | 'patient'
  | 'appointments'
  | 'appointment'
  | 'legacy-appointments'
  | 'legacy-appointment';

/** The profile served (GET /__sandbox/profile). */
export interface SandboxProfile {
  emr: string;
  strict: boolean;
  known: boolean;
  bookingNeedsConfirmation: boolean;
  twoStepCancel: boolean;
  patientIdTypes: string[];
  resourceIdTypes: string[];
  patientCreateNeedsPhones: boolean;
}

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  body: unknown;
}

export interface SandboxControl {
  setFaults(faults: SandboxFaults): Promise<void>;
  clearFaults(): Promise<void>;
  state(): Promise<{ appointments: (Appointment & { cancellation_of?: string })[]; patients: Patient[] }>;
  requests(since?: number): Promise<{ next: number; requests: LoggedRequest[] }>;
  /** The code texted to the patient, or null when nothing awaits one. */
  code(appointmentId: string): Promise<string | null>;
  reset(): Promise<void>;
  profile(): Promise<SandboxProfile>;
  /** Switches the sandbox to the strict (Leyr as documented) or the lenient profile. */
  setStrict(strict: boolean): Promise<SandboxProfile>;
}

/** The control API of a sandbox started with control on (`control: true`, or `{ token }` given here too). */
export function sandboxControl(origin: string, token?: string): SandboxControl {
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const headers: Record<string, string> = { ...(token !== undefined && { 'x-sandbox-token': token }), ...(body !== undefined && { 'content-type': 'application/json' }) };
    const response = await fetch(`${origin}/__sandbox/${path}`, {
      method,
      signal: AbortSignal.timeout(10_000),
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? null : JSON.parse(text) };
  };
  const ok = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const answer = await call(method, path, body);
    if (answer.status !== 200) throw new Error(`sandbox control ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    return answer.json;
  };
  return {
    async setFaults(faults) {
      await ok('PUT', 'faults', faults);
    },
    async clearFaults() {
      await ok('DELETE', 'faults');
    },
    state: async () => (await ok('GET', 'state')) as Awaited<ReturnType<SandboxControl['state']>>,
    requests: async (since = 0) => (await ok('GET', `requests?since=${since}`)) as { next: number; requests: LoggedRequest[] },
    async code(appointmentId) {
      const answer = await call('GET', `confirmation-codes/${encodeURIComponent(appointmentId)}`);
      return answer.status === 200 ? (answer.json as { code: string }).code : null;
    },
    async reset() {
      await ok('POST', 'reset');
    },
    profile: async () => (await ok('GET', 'profile')) as SandboxProfile,
    setStrict: async (strict) => (await ok('PUT', 'profile', { strict })) as SandboxProfile,
  };
}
