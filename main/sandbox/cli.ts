// `npm run sandbox -- --port N --seed FILE`: the Leyr sandbox on its own, until Ctrl-C.
// Flags are checked before anything starts; a bad flag is a clear message and exit code 2,
// `--help` prints the usage (exit 0), and a port in use is said in one line (exit 1).
import { z } from 'zod';
import { emrCodeFlag, helpFlag, isoDateFlag, isPortInUse, parseFlags, portFlag, portInUseMessage, UsageError } from '../cli/flags.ts';
import { createLogger, logLevelFromEnvironment } from '../log/logger.ts';
import { loadSeedFile, SeedError } from './seed.ts';
import { STRICT_BY_DEFAULT } from './profiles.ts';
import { DEMO_CREDENTIALS, startSandbox, todayInStockholm } from './server.ts';

export const SANDBOX_USAGE = `Usage: npm run sandbox -- [--port N] [--seed FILE] [--date YYYY-MM-DD] [--emr CODE]
                          [--client-id ID --client-secret SECRET] [--strict | --lenient]
                          [--control-token TOKEN | --no-control]
  --port           port on 127.0.0.1 (default 0: a free one)
  --seed           a clinic seed file (format: docs/seed-format.md); default: the demo clinic
  --date           the day the demo clinic's busy days are built around (default: today); demo clinic only
  --emr            EHR code to serve (default: the seed's); "anitasystems" confirms bookings and cancels by code
  --client-id      the client id to accept (default ${DEMO_CREDENTIALS.clientId}); with --client-secret
  --client-secret  the client secret to accept (default ${DEMO_CREDENTIALS.clientSecret}); with --client-id
  --strict         play Leyr strictly: documented fields only, Leyr's id rules per EHR (docs/sandbox.md)
  --lenient        the sandbox's older, richer answers and generous id rules (default: the seed's, else ${STRICT_BY_DEFAULT ? 'strict' : 'lenient'})
  --control-token  serve the /__sandbox control endpoints only to requests with this token
                   (16 characters or more) in the x-sandbox-token header (default: served to
                   any local tool; never to web pages of other sites)
  --no-control     no /__sandbox control endpoints at all
  --help           this text`;

const sandboxFlags = z
  .strictObject({
    port: portFlag(0),
    seed: z.string().min(1).optional(),
    date: isoDateFlag.optional(),
    emr: emrCodeFlag.optional(),
    'client-id': z.string().min(1).optional(),
    'client-secret': z.string().min(1).optional(),
    help: helpFlag,
    strict: z.boolean().optional(),
    lenient: z.boolean().optional(),
    'control-token': z.string().min(16, 'must have at least 16 characters').optional(),
    'no-control': z.boolean().optional(),
  })
  .refine((flags) => flags['control-token'] === undefined || flags['no-control'] !== true, { message: 'and --no-control exclude each other', path: ['control-token'] })
  .refine((flags) => flags.strict !== true || flags.lenient !== true, { message: 'and --lenient exclude each other', path: ['strict'] })
  .refine((flags) => (flags['client-id'] === undefined) === (flags['client-secret'] === undefined), {
    message: '--client-id and --client-secret come together',
    path: ['client-id'],
  })
  .refine((flags) => flags.seed === undefined || flags.date === undefined, {
    message: 'applies to the demo clinic only, not to a --seed file',
    path: ['date'],
  });
export type SandboxFlags = z.output<typeof sandboxFlags>;

export { UsageError };

export function parseSandboxFlags(argv: string[]): SandboxFlags {
  return parseFlags(argv, sandboxFlags);
}

async function main(): Promise<void> {
  let flags: SandboxFlags;
  try {
    flags = parseSandboxFlags(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`sandbox: ${error.message}\n${SANDBOX_USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  if (flags.help === true) {
    console.log(SANDBOX_USAGE);
    return;
  }
  let seed;
  if (flags.seed !== undefined) {
    try {
      seed = await loadSeedFile(flags.seed);
    } catch (error) {
      if (error instanceof SeedError) {
        console.error(`sandbox: ${error.message}`);
        process.exit(2);
      }
      throw error;
    }
  }
  const log = createLogger({ level: logLevelFromEnvironment('warn') });
  const credentials =
    flags['client-id'] !== undefined && flags['client-secret'] !== undefined ? { clientId: flags['client-id'], clientSecret: flags['client-secret'] } : undefined;
  let sandbox;
  try {
    sandbox = await startSandbox({
      port: flags.port,
      log,
      ...(seed !== undefined ? { seed } : { demoDate: flags.date ?? todayInStockholm() }),
      ...(flags.emr !== undefined && { emr: flags.emr }),
      ...(credentials !== undefined && { credentials }),
      ...(flags.strict === true ? { strict: true } : flags.lenient === true ? { strict: false } : {}),
      // A sandbox run on its own is a developer's and a test's tool: control is on unless
      // refused, and behind a token when one is given.
      control: flags['no-control'] === true ? false : flags['control-token'] !== undefined ? { token: flags['control-token'] } : true,
    });
  } catch (error) {
    if (!isPortInUse(error)) throw error;
    console.error(`sandbox: ${portInUseMessage(flags.port)}`);
    process.exit(1);
  }
  console.log(
    [
      'Leyr sandbox running.',
      `  base URL       ${sandbox.apiBaseUrl}`,
      `  EHR            ${sandbox.emr} (${sandbox.strict ? 'strict' : 'lenient'})`,
      `  care units     ${sandbox.careUnitIds.join(', ')}`,
      `  client id      ${sandbox.credentials.clientId}`,
      `  client secret  ${sandbox.credentials.clientSecret}`,
      sandbox.control === 'off'
        ? '  control        off (--no-control)'
        : `  control        ${sandbox.origin}/__sandbox/ (faults, profile, state, requests, confirmation-codes, reset)${sandbox.control === 'token' ? ', with the x-sandbox-token header' : ''}`,
      `  e.g.           curl -H 'x-leyr-client-id: ${sandbox.credentials.clientId}' -H 'x-leyr-client-secret: ${sandbox.credentials.clientSecret}' ${sandbox.apiBaseUrl}/emrs/${sandbox.emr}/care-units`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Run only as the entry point, so tests can import the flag parser.
if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(`sandbox: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
