// Command-line flags of the web host (`npm run demo`), checked before anything starts so a
// typo gets a clear message instead of a half-started server.
import { z } from 'zod';
import { emrCodeFlag, helpFlag, isoDateFlag, parseFlags, portFlag, UsageError } from '../cli/flags.ts';
import { leyrBaseUrlProblem } from '../../preload/contract/remote-address.ts';
import { DEFAULT_WEB_PORT } from './server.ts';

const WebHostFlags = z
  .object({
    port: portFlag(DEFAULT_WEB_PORT),
    seed: z.string().min(1).optional(),
    date: isoDateFlag.optional(),
    data: z.string().min(1).optional(),
    'leyr-url': z
      .string()
      .superRefine((value, context) => {
        const problem = leyrBaseUrlProblem(value);
        if (problem !== null) context.addIssue({ code: 'custom', message: `${problem} E.g. http://127.0.0.1:4790/api` });
      })
      .optional(),
    emr: emrCodeFlag.optional(),
    'care-unit': z.string().min(1).max(200).optional(),
    'rehearse-update': z.boolean().optional(),
    help: helpFlag,
  })
  .refine((flags) => flags['leyr-url'] === undefined || (flags.emr !== undefined && flags['care-unit'] !== undefined), {
    message: 'needs --emr and --care-unit as well',
    path: ['leyr-url'],
  })
  .refine((flags) => flags['leyr-url'] !== undefined || (flags.emr === undefined && flags['care-unit'] === undefined), {
    message: 'and --care-unit apply to an external Leyr given with --leyr-url',
    path: ['emr'],
  })
  .refine((flags) => flags['leyr-url'] === undefined || (flags.seed === undefined && flags.date === undefined), {
    message: 'and --date apply to the embedded demo sandbox, not to --leyr-url',
    path: ['seed'],
  });
export type WebHostFlags = z.output<typeof WebHostFlags>;

export { UsageError };

export const WEB_HOST_USAGE = `Usage: npm run demo -- [--port N] [--data DIR] [--seed FILE] [--date YYYY-MM-DD] [--rehearse-update]
       npm run demo -- [--port N] [--data DIR] --leyr-url URL --emr CODE --care-unit ID
  --port       port on 127.0.0.1 (default ${DEFAULT_WEB_PORT}; 0 picks a free one)
  --data       folder for the local store (default: a fresh temporary folder); keep it to
               keep cached days and queued changes across restarts
  --seed       a clinic seed file for the embedded Leyr sandbox (default: the demo clinic)
  --date       the day the demo clinic is built around (default: today)
  --leyr-url   an external Leyr instead of the embedded sandbox: Leyr's base URL, or a
               sandbox run on its own (npm run sandbox -- --port N) at http://127.0.0.1:N/api
  --emr        the EHR code under --leyr-url (e.g. webdoc)
  --care-unit  the care unit id under --leyr-url (e.g. L0_1)
  --rehearse-update
               show the update banner going through a made-up update of the next version
               (available, downloading, ready to restart); nothing is downloaded or installed
  --help       this text
  Credentials for --leyr-url come from FRONTDESK_LEYR_CLIENT_ID and FRONTDESK_LEYR_CLIENT_SECRET
  (default: the sandbox's demo credentials).`;

export function parseWebHostFlags(argv: string[]): WebHostFlags {
  return parseFlags(argv, WebHostFlags);
}
