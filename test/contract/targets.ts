// The targets of the one contract suite: the local sandbox in its strict profile (Leyr as
// documented) and in its lenient one (always both, unless CONTRACT_PROFILE=strict or
// =lenient names one), and Leyr's hosted sandbox (when its credentials are in the
// environment). A test file runs its cases once per target; cases that need the local
// sandbox's control endpoints (state, faults, request log, confirmation codes) skip on the
// hosted target with the reason.
//
// Hosted: LEYR_CLIENT_ID, LEYR_CLIENT_SECRET, LEYR_EMR and LEYR_CARE_UNIT (all four), and
// optionally LEYR_FROM (YYYY-MM-DD, first day of the two weeks searched for free slots;
// default tomorrow) and LEYR_BASE_URL (default https://api.leyr.io/api). The hosted tests
// write: they create test patients (random valid personal numbers) and book, move and
// cancel appointments for them, discovering resources, services and free slots first.
import type { TestContext } from 'node:test';
import { DateTime } from 'luxon';
import type { Appointment, LeyrApi, Patient, TimeRange } from '../../main/leyr/api.ts';
import { createLeyrClient, type LeyrClientOptions, type LeyrCredentials } from '../../main/leyr/client.ts';
import { demoClinicSeed } from '../../main/sandbox/demo-clinic.ts';
import { loadSeedFile, type SeedData } from '../../main/sandbox/seed.ts';
import { startSandbox } from '../../main/sandbox/server.ts';
import { SMALL_CLINIC } from '../support/fixtures.ts';
import { sandboxControl, type LoggedRequest, type SandboxControl, type SandboxFaults } from '../support/sandbox-control.ts';

export { SMALL_CLINIC };
export const HOSTED_BASE_URL = 'https://api.leyr.io/api';
const ZONE = 'Europe/Stockholm';
const HOSTED_ENV = ['LEYR_CLIENT_ID', 'LEYR_CLIENT_SECRET', 'LEYR_EMR', 'LEYR_CARE_UNIT'] as const;

export type Faults = SandboxFaults;
export type { LoggedRequest };

export interface SandboxState {
  appointments: Appointment[];
  patients: Patient[];
}

/** The local sandbox's control endpoints (not part of the Leyr API), and the seed it runs on. */
export type SandboxControls = SandboxControl & {
  /** The seed the sandbox runs on (for recomputing valid slots from schedules). */
  seed: SeedData;
};

export interface TargetSession {
  target: TargetName;
  /** A client with the target's credentials, a short timeout and fast retries. */
  api: LeyrApi;
  /** Another client on the same target (other credentials, timeout, retry …). */
  client(overrides?: Partial<LeyrClientOptions>): LeyrApi;
  controls: SandboxControls | null;
  /** Where the target has working days with free slots, to discover test data in. */
  window: TimeRange;
  credentials: LeyrCredentials;
  baseUrl: string;
  close(): Promise<void>;
}

export type TargetName = 'local' | 'hosted';
/** The local sandbox's profile: strict (Leyr as documented) or lenient (richer answers, generous ids). */
export type ProfileMode = 'strict' | 'lenient';

export interface SessionOptions {
  /** EHR profile of the local sandbox: 'anitasystems' confirms bookings and cancels in two steps. */
  emr?: string;
  /** The seed of the local sandbox: small-clinic (default), the demo clinic, or small-clinic changed. */
  seed?: 'small-clinic' | 'demo-clinic' | ((seed: SeedData) => SeedData);
}

export interface Target {
  /** For test names: `local, strict`, `local, lenient` or `hosted`. */
  name: string;
  kind: TargetName;
  /** The local sandbox's profile; null for the hosted target. */
  mode: ProfileMode | null;
  /** Why this target's tests do not run here, or null. */
  skip: string | null;
  start(options?: SessionOptions): Promise<TargetSession>;
}

const DEMO_DATE = '2026-03-24';

function controlsFor(origin: string, seed: SeedData): SandboxControls {
  return { ...sandboxControl(origin), seed };
}

/** From the first day with appointments to the end of the last, in the care unit's zone. */
function seedWindow(seed: SeedData): TimeRange {
  const days = seed.appointments.map((appointment) => DateTime.fromISO(appointment.start, { setZone: true }).setZone(ZONE).startOf('day'));
  const first = days.reduce((a, b) => (b < a ? b : a));
  const last = days.reduce((a, b) => (b > a ? b : a));
  return { start: first.toISO({ suppressMilliseconds: true }) ?? '', end: last.plus({ days: 1 }).toISO({ suppressMilliseconds: true }) ?? '' };
}

const clientDefaults = { timeoutMs: 5_000, retry: { attempts: 3, baseDelayMs: 20 } };

const localTarget = (mode: ProfileMode): Target => ({
  name: `local, ${mode}`,
  kind: 'local',
  mode,
  skip: null,
  async start(options = {}) {
    let seed: SeedData;
    if (options.seed === 'demo-clinic') seed = demoClinicSeed(DEMO_DATE);
    else {
      const small = await loadSeedFile(SMALL_CLINIC);
      seed = typeof options.seed === 'function' ? options.seed(small) : small;
    }
    const sandbox = await startSandbox({ seed, control: true, strict: mode === 'strict', ...(options.emr !== undefined && { emr: options.emr }) });
    const careUnitId = sandbox.careUnitIds[0];
    if (careUnitId === undefined) throw new Error('the sandbox serves no care unit');
    const credentials = sandbox.credentials;
    const client = (overrides: Partial<LeyrClientOptions> = {}): LeyrApi =>
      createLeyrClient({ baseUrl: sandbox.apiBaseUrl, emr: sandbox.emr, careUnitId, credentials: () => credentials, ...clientDefaults, ...overrides });
    return {
      target: 'local',
      api: client(),
      client,
      controls: controlsFor(sandbox.origin, seed),
      window: seedWindow(seed),
      credentials,
      baseUrl: sandbox.apiBaseUrl,
      close: () => sandbox.close(),
    };
  },
});

/** The profiles the local target runs in: both, or the one CONTRACT_PROFILE names. */
function localModes(): ProfileMode[] {
  const only = process.env.CONTRACT_PROFILE;
  if (only === undefined || only === '') return ['strict', 'lenient'];
  if (only !== 'strict' && only !== 'lenient') throw new Error(`CONTRACT_PROFILE must be "strict" or "lenient", not ${JSON.stringify(only)}`);
  return [only];
}

/** The local sandbox, once per profile (strict first). */
export function localTargets(): Target[] {
  return localModes().map(localTarget);
}

function hostedTarget(): Target {
  const missing = HOSTED_ENV.filter((name) => !process.env[name]);
  const skip =
    missing.length > 0
      ? `not run against Leyr's hosted sandbox (${HOSTED_BASE_URL}): set ${HOSTED_ENV.join(', ')} to run it${missing.length < HOSTED_ENV.length ? ` (missing: ${missing.join(', ')})` : ''}`
      : null;
  return {
    name: 'hosted',
    kind: 'hosted',
    mode: null,
    skip,
    // The hosted EHR profile is the one the credentials' app is set up with: options.emr and
    // options.seed are the local sandbox's and are ignored here.
    async start() {
      if (skip) throw new Error(skip);
      const baseUrl = process.env.LEYR_BASE_URL ?? HOSTED_BASE_URL;
      const credentials = { clientId: process.env.LEYR_CLIENT_ID ?? '', clientSecret: process.env.LEYR_CLIENT_SECRET ?? '' };
      const emr = process.env.LEYR_EMR ?? '';
      const careUnitId = process.env.LEYR_CARE_UNIT ?? '';
      const client = (overrides: Partial<LeyrClientOptions> = {}): LeyrApi =>
        createLeyrClient({ baseUrl, emr, careUnitId, credentials: () => credentials, ...clientDefaults, timeoutMs: 20_000, ...overrides });
      // Two weeks from LEYR_FROM (YYYY-MM-DD) or from tomorrow: the hosted sandbox's data is whatever it is today.
      const from = process.env.LEYR_FROM ? DateTime.fromISO(process.env.LEYR_FROM, { zone: ZONE }) : DateTime.now().setZone(ZONE).plus({ days: 1 });
      if (!from.isValid) throw new Error(`LEYR_FROM must be a date YYYY-MM-DD, not ${JSON.stringify(process.env.LEYR_FROM)}`);
      const first = from.startOf('day');
      return {
        target: 'hosted',
        api: client(),
        client,
        controls: null,
        window: { start: first.toISO({ suppressMilliseconds: true }) ?? '', end: first.plus({ days: 14 }).toISO({ suppressMilliseconds: true }) ?? '' },
        credentials,
        baseUrl,
        close: async () => {},
      };
    },
  };
}

/** Every target: the local sandbox per profile, and the hosted one carrying why it is skipped when it cannot run. */
export function contractTargets(): Target[] {
  return [...localTargets(), hostedTarget()];
}

/**
 * The controls, or null after marking the test skipped with the reason, on a target that has
 * none. Use: `const controls = needsControls(t, session, 'the fault injector'); if (!controls) return;`
 */
export function needsControls(t: TestContext, session: TargetSession, what: string): SandboxControls | null {
  if (session.controls) return session.controls;
  t.skip(`needs the local sandbox's control endpoint: ${what}`);
  return null;
}

/** Skips a test that needs the local sandbox's configurable EHR profile. */
export function needsLocal(t: TestContext, session: TargetSession, why: string): boolean {
  if (session.target === 'local') return true;
  t.skip(`needs the local sandbox: ${why}`);
  return false;
}
