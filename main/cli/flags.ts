// Command-line flags for our CLIs (web host, sandbox): parsed by node:util and checked by a
// zod schema before anything starts, so a typo is a clear message, never a half-started
// server. The schema's keys are the flag names; boolean fields are switches. Also the plain
// words both CLIs use for what commonly goes wrong at start (a port in use).
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { DateTime } from 'luxon';
import { z } from 'zod';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const isoDateFlag = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value).isValid, 'is not a real date');
export const portFlag = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
/** `--help`: print the usage and exit 0. */
export const helpFlag = z.boolean().optional();
export const emrCodeFlag = z.string().regex(/^[a-z0-9_-]{1,50}$/, 'must be a lowercase EHR code like webdoc');

export function parseFlags<S extends z.ZodObject>(argv: string[], schema: S): z.output<S> {
  const options: ParseArgsOptionsConfig = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    const inner = field instanceof z.ZodOptional || field instanceof z.ZodDefault ? field.unwrap() : field;
    options[name] = { type: inner instanceof z.ZodBoolean ? 'boolean' : 'string' };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }) as { values: Record<string, string | boolean | undefined> });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join('.')} ${issue.message}`).join('; '));
  }
  return parsed.data;
}

/** True for the error a server gets when its port is taken. */
export function isPortInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

/** One line for a port that is taken. */
export function portInUseMessage(port: number): string {
  return `port ${port} on 127.0.0.1 is already in use (another copy may be running there). Pick another with --port N, or --port 0 for a free one.`;
}
