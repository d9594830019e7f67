// main's services built the way a host builds them (createMainServices, with the embedded
// demo clinic handed in as its demo backend), plus the two things tests look at from outside,
// got only through what a host has too: the demo sandbox's address (from the demo backend
// the test handed in) and a wait until the clinic's outbox has drained (through the
// contract's getConnectivity call).
import { embeddedDemo } from '../../main/app/demo-sandbox.ts';
import { createMainServices, type MainServices, type ServiceOptions } from '../../main/app/services.ts';
import { clockFrom } from './clinic-clock.ts';

export interface TestServiceOptions extends Omit<ServiceOptions, 'demo'> {
  /** A clinic seed file for the embedded demo sandbox; the built-in demo clinic when absent. */
  seedFile?: string;
  /** The day the demo clinic is built around. */
  demoDate?: string;
}

export type TestServices = MainServices & {
  /** The embedded demo sandbox (its /__sandbox control endpoints included) once the demo clinic has run; else null. */
  readonly demoSandbox: { origin: string; apiBaseUrl: string } | null;
  /** The clinic in use, as far as tests wait for it. */
  readonly schedule: { whenIdle(): Promise<void> };
};

/** Resolves once the clinic in use has no change waiting for Leyr (`pendingCount` 0). */
export async function whenOutboxDrained(services: Pick<MainServices, 'handlers'>, pollMs = 20): Promise<void> {
  for (;;) {
    const connectivity = await services.handlers.getConnectivity(undefined);
    if (connectivity.ok && connectivity.value.pendingCount === 0) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export async function createTestServices(options: TestServiceOptions): Promise<TestServices> {
  const { seedFile, demoDate, ...rest } = options;
  const demo = embeddedDemo({ log: options.log, seedFile, demoDate, control: true });
  // A seeded day is "today" to the care unit: nothing of it has passed when the test begins.
  const schedule =
    demoDate !== undefined && rest.schedule?.careUnitNow === undefined ? { ...rest.schedule, careUnitNow: rest.schedule?.now ?? clockFrom(demoDate) } : rest.schedule;
  const services = await createMainServices({ ...rest, ...(schedule !== undefined && { schedule }), demo });
  return {
    ...services,
    get demoSandbox() {
      const sandbox = demo.running();
      return sandbox === null ? null : { origin: sandbox.origin, apiBaseUrl: sandbox.apiBaseUrl };
    },
    schedule: { whenIdle: () => whenOutboxDrained(services) },
  };
}
