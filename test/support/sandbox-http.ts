// Plain-fetch helpers for tests of the Leyr sandbox over real HTTP, and a small clinic seed
// whose every slot a test can reason about by hand.
import { parseSeed, type SeedData, type SeedInput } from '../../main/sandbox/seed.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../main/sandbox/server.ts';
import type { WireAppointment } from '../../main/sandbox/state.ts';

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** The error envelope, as tests read it. */
export interface Envelope {
  code: string;
  status: number;
  title: string;
  detail: string;
  instance: string;
  type: string;
  errors: { error_code: string; details: string; emr_error: string | null; path: string | null }[];
}

export type { WireAppointment };

export interface SandboxHttp {
  sandbox: Sandbox;
  /** Headers with the sandbox's credentials. */
  auth: Record<string, string>;
  /** A request under `${apiBaseUrl}/emrs/${emr}`; body objects are sent as JSON, strings as they are. */
  api<T = unknown>(method: string, path: string, options?: { body?: unknown; query?: Record<string, string>; headers?: Record<string, string> }): Promise<Answer<T>>;
  /** A request under `${apiBaseUrl}/emrs/${emr}/care-units/${careUnit}`. */
  unit<T = unknown>(method: string, path: string, options?: { body?: unknown; query?: Record<string, string>; headers?: Record<string, string> }): Promise<Answer<T>>;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>>;
  /** Every appointment, from the control endpoint. */
  appointments(): Promise<WireAppointment[]>;
  /** The whole state as JSON text, to compare before and after a refused request. */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

async function send<T>(url: string, method: string, headers: Record<string, string>, body: unknown): Promise<Answer<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
}

export async function openSandbox(options: SandboxOptions = {}, careUnitId?: string): Promise<SandboxHttp> {
  const sandbox = await startSandbox({ control: true, ...options });
  const auth = { 'x-leyr-client-id': sandbox.credentials.clientId, 'x-leyr-client-secret': sandbox.credentials.clientSecret };
  const unitId = careUnitId ?? sandbox.careUnitIds[0] ?? '';
  const api: SandboxHttp['api'] = (method, path, options = {}) => {
    const query = options.query === undefined ? '' : `?${new URLSearchParams(options.query).toString()}`;
    return send(`${sandbox.apiBaseUrl}/emrs/${sandbox.emr}${path}${query}`, method, { ...auth, ...options.headers }, options.body);
  };
  const control: SandboxHttp['control'] = (method, path, body) => send(`${sandbox.origin}/__sandbox${path}`, method, {}, body);
  return {
    sandbox,
    auth,
    api,
    unit: (method, path, options) => api(method, `/care-units/${encodeURIComponent(unitId)}${path}`, options),
    control,
    async appointments() {
      const answer = await control<{ appointments: WireAppointment[] }>('GET', '/state');
      return answer.body.appointments;
    },
    async snapshot() {
      return JSON.stringify((await control('GET', '/state')).body);
    },
    close: () => sandbox.close(),
  };
}

// ---------------------------------------------------------------------------------------
// The mini clinic: Monday 2026-03-23 (UTC+1), one care unit in Stockholm, 15-minute marks.
//
// - r1 "Dr. Ett":  s15, s30, Mon–Fri 08:00–12:00 with a break 10:00–10:15.
//   Booked: a1 08:00–08:30 (s30, Tolvan), a2 08:30–08:45 (s15, Tolvan). Cancelled: a3 09:00–09:30.
// - r2 "Dr. Två":  s15, s30, s30b (two 30-minute services: ambiguous without a service),
//   Mon–Fri 08:00–12:00. Booked: a4 11:00–11:30 (s30, Pia), hsa_id SE-R2.
// - r3 "Nattsyster": s30, every day 22:00–06:00 (a night shift, for the DST nights).
// - CU2, another care unit, has r9 and patient p9.
export const MINI_DAY = '2026-03-23';
export const at = (clock: string, date = MINI_DAY, offset = '+01:00'): string => `${date}T${clock}:00${offset}`;

export function miniSeedInput(): SeedInput {
  return {
    emr: 'webdoc',
    care_units: [
      { id: 'CU1', name: 'Vårdcentralen Mini', time_zone: 'Europe/Stockholm', slot_minutes: 15 },
      { id: 'CU2', name: 'Annan enhet', time_zone: 'Europe/Stockholm', slot_minutes: 15 },
    ],
    healthcare_services: [
      { id: 's15', name: 'Kort besök', duration_minutes: 15 },
      { id: 's30', name: 'Besök', duration_minutes: 30 },
      { id: 's30b', name: 'Telefonbesök', duration_minutes: 30 },
    ],
    resources: [
      { id: 'r1', name: 'Dr. Ett', care_unit_id: 'CU1', healthcare_service_ids: ['s15', 's30'] },
      { id: 'r2', name: 'Dr. Två', care_unit_id: 'CU1', healthcare_service_ids: ['s15', 's30', 's30b'], hsa_id: 'SE-R2' },
      { id: 'r3', name: 'Nattsyster', care_unit_id: 'CU1', healthcare_service_ids: ['s30'] },
      { id: 'r9', name: 'Dr. Nio', care_unit_id: 'CU2', healthcare_service_ids: ['s30'] },
    ],
    schedules: [
      { resource_id: 'r1', weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '12:00', breaks: [{ start: '10:00', end: '10:15' }] },
      { resource_id: 'r2', weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '12:00', breaks: [] },
      { resource_id: 'r3', weekdays: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '06:00', breaks: [] },
      { resource_id: 'r9', weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '12:00', breaks: [] },
    ],
    patients: [
      { id: 'p1', emr_id: 'wd-1', first_name: 'Tolvan', last_name: 'Tolvansson', external_id: '191212121212', phones: [], emails: [], care_unit_id: 'CU1' },
      { id: 'p2', emr_id: 'wd-2', first_name: 'Pia', last_name: 'Persson', external_id: '198507099805', phones: [], emails: [], care_unit_id: 'CU1' },
      { id: 'p9', emr_id: 'wd-9', first_name: 'Nils', last_name: 'Nilsson', external_id: '199001019802', phones: [], emails: [], care_unit_id: 'CU2' },
    ],
    appointments: [
      { id: 'a1', care_unit_id: 'CU1', resource_id: 'r1', patient_id: 'p1', healthcare_service_id: 's30', start: at('08:00'), end: at('08:30'), status: 'booked', comment: null },
      { id: 'a2', care_unit_id: 'CU1', resource_id: 'r1', patient_id: 'p1', healthcare_service_id: 's15', start: at('08:30'), end: at('08:45'), status: 'booked', comment: 'Uppföljning' },
      { id: 'a3', care_unit_id: 'CU1', resource_id: 'r1', patient_id: 'p2', healthcare_service_id: 's30', start: at('09:00'), end: at('09:30'), status: 'cancelled', comment: null },
      { id: 'a4', care_unit_id: 'CU1', resource_id: 'r2', patient_id: 'p2', healthcare_service_id: 's30', start: at('11:00'), end: at('11:30'), status: 'booked', comment: null },
      { id: 'a9', care_unit_id: 'CU2', resource_id: 'r9', patient_id: 'p9', healthcare_service_id: 's30', start: at('08:00'), end: at('08:30'), status: 'booked', comment: null },
    ],
  };
}

export function miniSeed(change: (input: SeedInput) => void = () => {}): SeedData {
  const input = miniSeedInput();
  change(input);
  return parseSeed(input);
}

export const openMini = (options: Omit<SandboxOptions, 'seed'> = {}, change?: (input: SeedInput) => void): Promise<SandboxHttp> =>
  openSandbox({ ...options, seed: miniSeed(change) }, 'CU1');
