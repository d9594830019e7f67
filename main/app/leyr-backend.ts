// Which Leyr the app talks to: an external one (Leyr itself, or a sandbox run on its own,
// given by URL, EHR and care unit), or, with no account configured, the embedded demo
// sandbox started here. Either way the rest of main sees a LeyrApi and an account key.
import path from 'node:path';
import { createLeyrClient, type LeyrCredentials } from '../leyr/client.ts';
import type { LeyrApi } from '../leyr/api.ts';
import type { Logger } from '../log/logger.ts';
import { loadSeedFile } from '../sandbox/seed.ts';
import { DEMO_CREDENTIALS, startSandbox, type Sandbox } from '../sandbox/server.ts';
import type { ScheduleAccount } from '../schedule/service.ts';

export interface ExternalLeyr {
  /** Leyr's base URL, e.g. https://api.leyr.io/api, or an external sandbox's `…/api`. */
  baseUrl: string;
  emr: string;
  careUnitId: string;
  credentials: LeyrCredentials;
}

export interface LeyrBackendOptions {
  log: Logger;
  /** An external Leyr; the embedded demo sandbox when absent. */
  leyr?: ExternalLeyr;
  /** Seed file for the embedded sandbox. */
  seedFile?: string;
  /** The day the demo clinic is built around. */
  demoDate?: string;
  /** Per attempt; the client's default when absent. */
  timeoutMs?: number;
}

export interface LeyrBackend {
  api: LeyrApi;
  account: ScheduleAccount;
  /** The embedded sandbox, in demo mode (tests use its control endpoints). */
  sandbox: Sandbox | null;
  close(): Promise<void>;
}

export async function startLeyrBackend(options: LeyrBackendOptions): Promise<LeyrBackend> {
  const { log } = options;
  const clientOptions = (baseUrl: string, emr: string, careUnitId: string, credentials: LeyrCredentials) => ({
    baseUrl,
    emr,
    careUnitId,
    credentials: () => credentials,
    log,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  if (options.leyr !== undefined) {
    const { baseUrl, emr, careUnitId, credentials } = options.leyr;
    return {
      api: createLeyrClient(clientOptions(baseUrl, emr, careUnitId, credentials)),
      // The URL is part of the key: another Leyr is another set of cached data.
      account: { key: `leyr:${baseUrl.replace(/\/+$/, '')}:${emr}:${careUnitId}`, emr, careUnitId },
      sandbox: null,
      close: async () => {},
    };
  }
  const seed = options.seedFile === undefined ? undefined : await loadSeedFile(options.seedFile);
  const sandbox = await startSandbox({ port: 0, log, ...(seed !== undefined && { seed }), ...(options.demoDate !== undefined && { demoDate: options.demoDate }) });
  const careUnitId = sandbox.careUnitIds[0];
  if (careUnitId === undefined) {
    await sandbox.close();
    throw new Error('The demo clinic has no care unit.');
  }
  return {
    api: createLeyrClient(clientOptions(sandbox.apiBaseUrl, sandbox.emr, careUnitId, { ...DEMO_CREDENTIALS })),
    // The demo clinic is an account of its own, whatever port its sandbox got this time; a
    // clinic from a seed file is another one.
    account: { key: `demo:${sandbox.emr}:${careUnitId}${options.seedFile === undefined ? '' : `:${path.basename(options.seedFile)}`}`, emr: sandbox.emr, careUnitId },
    sandbox,
    close: () => sandbox.close(),
  };
}
