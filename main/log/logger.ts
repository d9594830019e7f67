// Main's logger (pino). Every line passes through a scrubber so that personal numbers and
// secrets cannot reach a log file, whatever a caller hands it.
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

// 12-digit (YYYYMMDDNNNC) and 10-digit (YYMMDD-NNNC / +) Swedish personal numbers, with or
// without a separator, also inside typed ids (`se_personal_number:…`, URL-encoded `%3A…`).
// A plausible month and day (or samordningsnummer day + 60) and a non-alphanumeric boundary
// keep Leyr's `instance` UUIDs, which support needs, from being mistaken for one.
const PERSONAL_NUMBER =
  /(?:(?<=%3[Aa])|(?<![0-9A-Za-z]))(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])[-+]?\d{4}(?![0-9A-Za-z])/g;

/** Replaces what looks like a personal number, and any registered secret, by a mask. */
export function scrub(text: string, secrets: ReadonlySet<string> = noSecrets): string {
  let out = text.replace(PERSONAL_NUMBER, '[personal-number]');
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[secret]');
  return out;
}
const noSecrets: ReadonlySet<string> = new Set();

function scrubDeep(value: unknown, secrets: ReadonlySet<string>, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message, secrets), stack: value.stack ? scrub(value.stack, secrets) : undefined };
  }
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubDeep(item, secrets, depth + 1);
  return out;
}

const LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const isLevel = (value: string): value is pino.LevelWithSilent => LEVELS.includes(value);

/**
 * The level FRONTDESK_LOG_LEVEL asks for, or `fallback` when it is unset or not a level: a
 * typo in the environment must not stop the app (pino throws on an unknown level).
 */
export function logLevelFromEnvironment(fallback: pino.LevelWithSilent, env: NodeJS.ProcessEnv = process.env): pino.LevelWithSilent {
  const value = env.FRONTDESK_LOG_LEVEL?.trim().toLowerCase();
  return value !== undefined && isLevel(value) ? value : fallback;
}

export interface LoggerOptions {
  /** Where lines go; stdout when omitted. */
  destination?: DestinationStream;
  /** FRONTDESK_LOG_LEVEL, else info, when omitted. */
  level?: pino.LevelWithSilent;
  /** Values that must never be written (the Leyr secret while it is in memory). */
  secrets?: Set<string>;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? new Set<string>();
  return pino(
    {
      level: options.level ?? logLevelFromEnvironment('info'),
      base: undefined,
      formatters: {
        log: (object) => scrubDeep(object, secrets) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => scrubDeep(arg, secrets)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination(1),
  );
}

/** A logger that writes nowhere, for code paths that are given none. */
export const silentLogger: Logger = pino({ level: 'silent' });
