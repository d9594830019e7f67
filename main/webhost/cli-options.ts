// Command-line flags of the web host (`npm run demo`), checked before anything starts so a
// typo gets a clear message instead of a half-started server.
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { DEFAULT_WEB_PORT } from './server.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value).isValid, 'is not a real date');

const WebHostFlags = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(DEFAULT_WEB_PORT),
  seed: z.string().min(1).optional(),
  date: isoDate.optional(),
  data: z.string().min(1).optional(),
});
export type WebHostFlags = z.output<typeof WebHostFlags>;

export class UsageError extends Error {
  override name = 'UsageError';
}

export const WEB_HOST_USAGE = `Usage: npm run demo -- [--port N] [--seed FILE] [--date YYYY-MM-DD] [--data DIR]
  --port  port on 127.0.0.1 (default ${DEFAULT_WEB_PORT}; 0 picks a free one)
  --seed  a clinic seed file for the embedded Leyr sandbox (default: the demo clinic)
  --date  the day the demo clinic is built around (default: today)
  --data  folder for the local store (default: a fresh temporary folder)`;

export function parseWebHostFlags(argv: string[]): WebHostFlags {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, seed: { type: 'string' }, date: { type: 'string' }, data: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = WebHostFlags.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join('.')} ${issue.message}`).join('; '));
  }
  return parsed.data;
}
