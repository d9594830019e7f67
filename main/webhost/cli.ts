// `npm run demo`: starts main's services and the web host, prints the URL, runs until Ctrl-C.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMainServices } from '../app/services.ts';
import { createLogger, logLevelFromEnvironment } from '../log/logger.ts';
import { DEMO_CREDENTIALS } from '../sandbox/server.ts';
import { parseWebHostFlags, UsageError, WEB_HOST_USAGE } from './cli-options.ts';
import { startWebHost } from './server.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

async function main(): Promise<void> {
  let flags;
  try {
    flags = parseWebHostFlags(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`frontdesk: ${error.message}\n${WEB_HOST_USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  // The Leyr secret of an external Leyr must never reach a log line.
  const secrets = new Set([process.env.FRONTDESK_LEYR_CLIENT_SECRET ?? ''].filter((secret) => secret !== ''));
  const log = createLogger({ level: logLevelFromEnvironment('warn'), secrets });
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const dataDir = flags.data ?? mkdtempSync(path.join(os.tmpdir(), 'frontdesk-web-'));
  const services = await createMainServices({
    mode: 'web',
    version,
    log,
    secrets,
    dataDir,
    ...(flags.seed !== undefined && { seedFile: flags.seed }),
    ...(flags.date !== undefined && { demoDate: flags.date }),
    ...(flags['leyr-url'] !== undefined && {
      leyr: {
        baseUrl: flags['leyr-url'],
        emr: flags.emr ?? '',
        careUnitId: flags['care-unit'] ?? '',
        credentials: {
          clientId: process.env.FRONTDESK_LEYR_CLIENT_ID ?? DEMO_CREDENTIALS.clientId,
          clientSecret: process.env.FRONTDESK_LEYR_CLIENT_SECRET ?? DEMO_CREDENTIALS.clientSecret,
        },
      },
    }),
  });
  const host = await startWebHost({
    services,
    rendererDir: path.join(root, 'dist', 'renderer'),
    bridgeScriptPath: path.join(root, 'dist', 'web', 'web-bridge.js'),
    port: flags.port,
    log,
  });
  console.log(`Frontdesk web host running. Open:\n  ${host.url}\nPress Ctrl-C to stop.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => services.close())
      .then(() => {
        // A folder made for this run holds cached patient data: it goes with the run.
        if (flags.data === undefined) rmSync(dataDir, { recursive: true, force: true });
      })
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`frontdesk: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
