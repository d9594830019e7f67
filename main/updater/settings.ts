// How this install updates: channel, feed, check interval, differential downloads, or held
// back altogether. Defaults suit a clinic; a clinic's IT can change them per computer with a
// policy file in userData (`update-policy.json`, the place for machine management tools) or
// per process with environment variables, which win over the file. Both are untrusted
// input: every value is validated, and a bad one is reported and ignored (the default holds),
// so a typo never stops the app nor silently disables its updates.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { UpdateChannel } from '../../preload/contract/index.ts';
import { remoteAddressProblem, type RemoteAddressProblem } from '../../preload/contract/remote-address.ts';
import { UPDATE_CHANNELS, versionChannel } from './metadata.ts';

export const POLICY_FILE = 'update-policy.json';

export interface UpdaterSettings {
  /** False: the clinic holds this computer back; no checks, no downloads. */
  enabled: boolean;
  channel: UpdateChannel;
  /** Overrides the feed built into the app (resources/app-update.yml); null keeps it. */
  feedUrl: string | null;
  checkIntervalHours: number;
  /** False: always download whole installers (no blockmap-based differential download). */
  differential: boolean;
}

export const MIN_INTERVAL_HOURS = 1;
export const MAX_INTERVAL_HOURS = 24;
export const DEFAULT_INTERVAL_HOURS = 4;

const FEED_URL_WORDS: Record<RemoteAddressProblem, string> = {
  'not-http': 'must be an http(s) URL',
  'plain-http-elsewhere': 'must use https (plain http only to this computer)',
  'credentials-or-fragment': 'must not carry credentials or a fragment',
};

/** An update feed: https, or plain http only to this computer (a local test server). */
export const feedUrlSchema = z.string().superRefine((value, context) => {
  const problem = remoteAddressProblem(value);
  if (problem !== null) context.addIssue({ code: 'custom', message: FEED_URL_WORDS[problem] });
});

const channelSchema = z.enum(UPDATE_CHANNELS);
const intervalSchema = z.number().min(MIN_INTERVAL_HOURS, `must be ${MIN_INTERVAL_HOURS} to ${MAX_INTERVAL_HOURS} hours`).max(MAX_INTERVAL_HOURS, `must be ${MIN_INTERVAL_HOURS} to ${MAX_INTERVAL_HOURS} hours`);

/** The policy file's fields, each optional; unknown fields are refused (they are typos). */
const policySchema = z.strictObject({
  enabled: z.boolean().optional(),
  channel: channelSchema.optional(),
  feedUrl: feedUrlSchema.nullable().optional(),
  checkIntervalHours: intervalSchema.optional(),
  differential: z.boolean().optional(),
});

const onOff = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((value) => value === 'on' || value === 'true' || value === '1');

/** Environment variables and the setting each one sets. */
export const SETTINGS_ENV = {
  FRONTDESK_UPDATES: 'enabled',
  FRONTDESK_UPDATE_CHANNEL: 'channel',
  FRONTDESK_UPDATE_URL: 'feedUrl',
  FRONTDESK_UPDATE_INTERVAL_HOURS: 'checkIntervalHours',
  FRONTDESK_UPDATE_DIFFERENTIAL: 'differential',
} as const satisfies Record<string, keyof UpdaterSettings>;

const envSchemas = {
  FRONTDESK_UPDATES: onOff,
  FRONTDESK_UPDATE_CHANNEL: channelSchema,
  FRONTDESK_UPDATE_URL: feedUrlSchema,
  FRONTDESK_UPDATE_INTERVAL_HOURS: z.coerce.number().pipe(intervalSchema),
  FRONTDESK_UPDATE_DIFFERENTIAL: onOff,
} as const;

export interface LoadedSettings {
  settings: UpdaterSettings;
  /** One sentence per value that was refused, for the log. */
  problems: string[];
  /** Where each non-default value came from, for the log. */
  sources: Partial<Record<keyof UpdaterSettings, 'policy' | 'env'>>;
}

export function defaultSettings(currentVersion: string): UpdaterSettings {
  return {
    enabled: true,
    // A beta build keeps following beta releases until told otherwise.
    channel: versionChannel(currentVersion) === 'beta' ? 'beta' : 'stable',
    feedUrl: null,
    checkIntervalHours: DEFAULT_INTERVAL_HOURS,
    differential: true,
  };
}

const describe = (issues: z.core.$ZodIssue[]): string => issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ');

export function loadUpdaterSettings(options: { userData: string; env: NodeJS.ProcessEnv; currentVersion: string }): LoadedSettings {
  const settings = defaultSettings(options.currentVersion);
  const problems: string[] = [];
  const sources: LoadedSettings['sources'] = {};

  const file = path.join(options.userData, POLICY_FILE);
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`${POLICY_FILE} could not be read (${(error as Error).message}); it was ignored`);
  }
  if (text !== null) {
    let raw: unknown = undefined;
    try {
      raw = JSON.parse(text);
    } catch {
      problems.push(`${POLICY_FILE} is not valid JSON; it was ignored`);
    }
    if (raw !== undefined) {
      const parsed = policySchema.safeParse(raw);
      if (!parsed.success) problems.push(`${POLICY_FILE} was ignored: ${describe(parsed.error.issues)}`);
      else {
        for (const [key, value] of Object.entries(parsed.data) as [keyof UpdaterSettings, unknown][]) {
          if (value === undefined) continue;
          Object.assign(settings, { [key]: value });
          sources[key] = 'policy';
        }
      }
    }
  }

  for (const [name, key] of Object.entries(SETTINGS_ENV) as [keyof typeof SETTINGS_ENV, keyof UpdaterSettings][]) {
    const value = options.env[name];
    if (value === undefined || value.trim() === '') continue;
    const parsed = envSchemas[name].safeParse(value.trim());
    if (!parsed.success) {
      problems.push(`${name}=${JSON.stringify(value.slice(0, 100))} was ignored: ${describe(parsed.error.issues)}`);
      continue;
    }
    Object.assign(settings, { [key]: parsed.data });
    sources[key] = 'env';
  }
  return { settings, problems, sources };
}
