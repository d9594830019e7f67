// The demo clinic's Leyr in this app: the embedded Leyr sandbox, plugged into the clinic
// switcher's demo backend port. Started when the demo clinic is first used, on a free port.
import path from 'node:path';
import type { DemoBackend, DemoLeyr } from '../clinic/demo-backend.ts';
import type { Logger } from '../log/logger.ts';
import { loadSeedFile } from '../sandbox/seed.ts';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';

export interface EmbeddedDemoOptions {
  log: Logger;
  /** A clinic seed file (`--seed`); the built-in demo clinic when absent. */
  seedFile?: string | undefined;
  /** The day the demo clinic is built around (`--date`, YYYY-MM-DD); today when absent. */
  demoDate?: string | undefined;
  /**
   * Serve the sandbox's /__sandbox control endpoints. The app never uses them, so the demo
   * of the web host and of Electron leaves them off (nothing on this computer can reset or
   * fault the clinic a receptionist tries out); the browser tests turn them on to check what
   * reached "Leyr".
   */
  control?: boolean;
}

export interface EmbeddedDemo extends DemoBackend {
  /** The running sandbox (its origin also serves the /__sandbox control endpoints when `control`), once started. */
  running(): Sandbox | null;
}

export function embeddedDemo(options: EmbeddedDemoOptions): EmbeddedDemo {
  let starting: Promise<Sandbox> | null = null;
  let running: Sandbox | null = null;

  async function start(): Promise<Sandbox> {
    const seed = options.seedFile === undefined ? undefined : await loadSeedFile(options.seedFile);
    const sandbox = await startSandbox({ port: 0, log: options.log, control: options.control === true, ...(seed !== undefined && { seed }), ...(options.demoDate !== undefined && { demoDate: options.demoDate }) });
    if (sandbox.careUnitIds[0] === undefined) {
      await sandbox.close();
      throw new Error('The demo clinic has no care unit.');
    }
    running = sandbox;
    return sandbox;
  }

  return {
    async start(): Promise<DemoLeyr> {
      const sandbox = await (starting ??= start());
      return {
        apiBaseUrl: sandbox.apiBaseUrl,
        emr: sandbox.emr,
        careUnitId: sandbox.careUnitIds[0] ?? '',
        credentials: { ...sandbox.credentials },
        variant: options.seedFile === undefined ? null : path.basename(options.seedFile),
      };
    },
    running: () => running,
    async close() {
      const started = starting;
      starting = null;
      running = null;
      const sandbox = await started?.catch(() => null);
      await sandbox?.close();
    },
  };
}
