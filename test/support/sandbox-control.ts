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
}

export function sandboxControl(origin: string): SandboxControl {
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const response = await fetch(`${origin}/__sandbox/${path}`, {
      method,
      signal: AbortSignal.timeout(10_000),
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
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
  };
}
