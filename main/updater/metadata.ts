// The update server's metadata (latest.yml, beta.yml, latest-mac.yml, … as electron-builder
// writes them) and the version rules the updater decides by. electron-updater fetches and
// parses these files itself; the controller re-validates what it is handed, because that
// comes from a server, and a malformed or unexpected answer must lead to "no update", never
// to an install.
import yaml from 'js-yaml';
import semver from 'semver';
import { z } from 'zod';
import type { UpdateChannel } from '../../preload/contract/index.ts';

export const UPDATE_CHANNELS = ['stable', 'beta'] as const satisfies readonly UpdateChannel[];

/** electron-updater's channel for ours: the base name of the metadata file. */
export function feedChannel(channel: UpdateChannel): 'latest' | 'beta' {
  return channel === 'stable' ? 'latest' : 'beta';
}

/**
 * The metadata file the generic provider fetches for a channel on a platform: Windows has no
 * suffix (historical), macOS `-mac`, Linux `-linux` plus the arch unless x64.
 */
export function channelFileName(channel: UpdateChannel, platform: NodeJS.Platform, arch: string = 'x64'): string {
  const base = feedChannel(channel);
  if (platform === 'darwin') return `${base}-mac.yml`;
  if (platform === 'linux') return `${base}-linux${arch === 'x64' ? '' : `-${arch}`}.yml`;
  return `${base}.yml`;
}

/** A sha512 digest as electron-builder writes it: base64 of 64 bytes. */
const sha512Schema = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'is not a base64 sha512 digest');

const versionSchema = z
  .string()
  .refine((value) => semver.valid(value) !== null, 'is not a semantic version (x.y.z or x.y.z-beta.n)');

const updateFileSchema = z.looseObject({
  url: z.string().min(1, 'is empty'),
  sha512: sha512Schema,
  size: z.number().int().nonnegative().optional(),
  blockMapSize: z.number().int().nonnegative().optional(),
  isAdminRightsRequired: z.boolean().optional(),
});

// js-yaml turns an unquoted timestamp into a Date; electron-builder quotes it, people editing
// the file by hand may not.
const releaseDateSchema = z.union([z.string(), z.date()]).transform((value, context) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    context.addIssue({ code: 'custom', message: 'is not a date' });
    return z.NEVER;
  }
  return date.toISOString();
});

// electron-updater reads the percentage with parseInt, so "50" in the file works there too.
const stagingPercentageSchema = z
  .union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*$/, 'is not a number')])
  .transform(Number)
  .pipe(z.number().min(0, 'must be 0 to 100').max(100, 'must be 0 to 100'));

export const updateMetadataSchema = z.looseObject({
  version: versionSchema,
  files: z.array(updateFileSchema).min(1, 'lists no files'),
  /** Deprecated by electron-builder but still written: the main file and its digest. */
  path: z.string().optional(),
  sha512: sha512Schema.optional(),
  releaseDate: releaseDateSchema,
  releaseName: z.string().nullish(),
  releaseNotes: z.unknown().optional(),
  /** Staged rollout: the share of installs (0–100) offered this version. Absent: everyone. */
  stagingPercentage: stagingPercentageSchema.optional(),
  minimumSystemVersion: z.string().optional(),
});
export type UpdateMetadata = z.infer<typeof updateMetadataSchema>;

export type ParsedMetadata = { ok: true; metadata: UpdateMetadata } | { ok: false; problem: string };

/** Validates update metadata from any source (electron-updater's event payload, a file). */
export function parseUpdateMetadata(raw: unknown): ParsedMetadata {
  const parsed = updateMetadataSchema.safeParse(raw);
  if (parsed.success) return { ok: true, metadata: parsed.data };
  const problem = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(metadata)'} ${issue.message}`)
    .join('; ');
  return { ok: false, problem };
}

/** Parses the text of a latest.yml / beta.yml. */
export function parseUpdateMetadataYaml(text: string): ParsedMetadata {
  let raw: unknown;
  try {
    raw = yaml.load(text);
  } catch (error) {
    return { ok: false, problem: `not YAML (${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'})` };
  }
  if (raw === null || typeof raw !== 'object') return { ok: false, problem: 'not a YAML mapping' };
  return parseUpdateMetadata(raw);
}

/** -1, 0 or 1 by semantic-version precedence (build metadata ignored). Both must be valid. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  return semver.compare(a, b);
}

/**
 * The channel a version belongs to: `stable` without a prerelease tag, `beta` for
 * x.y.z-beta.n, null for any other prerelease (alpha, rc, dev builds), which no desk takes.
 */
export function versionChannel(version: string): UpdateChannel | null {
  const prerelease = semver.prerelease(version);
  if (prerelease === null) return 'stable';
  return prerelease[0] === 'beta' ? 'beta' : null;
}

/** Whether a desk on `channel` may install `version`: beta desks take stable releases too. */
export function channelAccepts(channel: UpdateChannel, version: string): boolean {
  const of = versionChannel(version);
  return of !== null && (of === 'stable' || channel === 'beta');
}
