// `npm run demo`: starts main's services and the web host, prints the URL, runs until Ctrl-C.
// What commonly goes wrong is said in one line: a bad flag (exit 2, with the usage), a data
// folder that cannot be written, a port in use (exit 1). `--help` prints the usage (exit 0).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExternalLeyr } from '../clinic/backends.ts';
import { isPortInUse, portInUseMessage } from '../cli/flags.ts';
import { createLogger, logLevelFromEnvironment } from '../log/logger.ts';
import { logProcessErrors } from '../log/process-errors.ts';
import { DEMO_CREDENTIALS } from '../sandbox/server.ts';
import { parseWebHostFlags, UsageError, WEB_HOST_USAGE, type WebHostFlags } from '../webhost/cli-options.ts';
import { startWebHost } from '../webhost/server.ts';
import { embeddedDemo } from './demo-sandbox.ts';
import { createRehearsal } from '../updater/rehearsal.ts';
import { createMainServices } from './services.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Says why the host stops, in one line, and exits. */
function exit(code: number, message: string): never {
  console.error(`frontdesk: ${message}`);
  process.exit(code);
}

function readFlags(): WebHostFlags {
  try {
    return parseWebHostFlags(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) exit(2, `${error.message}\n${WEB_HOST_USAGE}`);
    throw error;
  }
}

/** The external Leyr of `--leyr-url`; its credentials come from the environment. */
function externalLeyr(flags: WebHostFlags): ExternalLeyr | undefined {
  if (flags['leyr-url'] === undefined) return undefined;
  return {
    baseUrl: flags['leyr-url'],
    emr: flags.emr ?? '',
    careUnitId: flags['care-unit'] ?? '',
    credentials: {
      clientId: process.env.FRONTDESK_LEYR_CLIENT_ID ?? DEMO_CREDENTIALS.clientId,
      clientSecret: process.env.FRONTDESK_LEYR_CLIENT_SECRET ?? DEMO_CREDENTIALS.clientSecret,
    },
  };
}

async function main(): Promise<void> {
  const flags = readFlags();
  if (flags.help === true) {
    console.log(WEB_HOST_USAGE);
    return;
  }
  // The Leyr secret of an external Leyr must never reach a log line.
  const secrets = new Set([process.env.FRONTDESK_LEYR_CLIENT_SECRET ?? ''].filter((secret) => secret !== ''));
  const log = createLogger({ level: logLevelFromEnvironment('warn'), secrets });
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  logProcessErrors(log, { mode: 'web', version });
  // A folder made for this run holds cached patient data: it goes with the run.
  const dataDir = flags.data ?? mkdtempSync(path.join(os.tmpdir(), 'frontdesk-web-'));
  const removeTemporaryData = (): void => {
    if (flags.data === undefined) rmSync(dataDir, { recursive: true, force: true });
  };
  const leyr = externalLeyr(flags);

  let services;
  try {
    services = await createMainServices({
      mode: 'web',
      version,
      log,
      secrets,
      dataDir,
      demo: embeddedDemo({ log, seedFile: flags.seed, demoDate: flags.date }),
      ...(flags['rehearse-update'] === true && { updates: createRehearsal().factory }),
      ...(leyr !== undefined && { leyr }),
    });
  } catch (error) {
    removeTemporaryData();
    throw error;
  }
  let host;
  try {
    host = await startWebHost({
      services,
      rendererDir: path.join(root, 'dist', 'renderer'),
      bridgeScriptPath: path.join(root, 'dist', 'web', 'web-bridge.js'),
      port: flags.port,
      log,
    });
  } catch (error) {
    await services.close().catch(() => undefined);
    removeTemporaryData();
    if (isPortInUse(error)) exit(1, portInUseMessage(flags.port));
    throw error;
  }
  console.log(`Frontdesk web host running. Open:\n  ${host.url}\nPress Ctrl-C to stop.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => services.close())
      .then(removeTemporaryData)
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  exit(1, `could not start: ${error instanceof Error ? error.message : String(error)}`);
});
