// Non-secret settings in `settings.json` in the data folder: the Leyr account (EHR, client id,
// care unit, optional address), language, and personal-number masking.
//
// Opening never fails on the file's content: a damaged or hand-edited file is moved aside as
// a backup, the settings that still validate are kept, the rest fall back to their defaults,
// and what happened is reported as a typed problem for the screen. Writes are atomic and
// serialised, so the file on disk always equals one state the app had.
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppError } from '../../preload/contract/index.ts';
import { Failure } from '../errors/failure.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.ts';
import {
  accountSettingsSchema,
  defaultSettings,
  languageSchema,
  MIGRATIONS,
  SETTINGS_VERSION,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../preload/contract/settings-schema.ts';
import { patchedLook } from '../../preload/contract/look.ts';

export const SETTINGS_FILE_NAME = 'settings.json';
/** Older backups of bad files beyond this many are deleted. */
const BACKUPS_KEPT = 5;

export interface SettingsIssue {
  /** Dotted path in the file, e.g. `account.emr`. */
  path: string;
  message: string;
}

export type SettingsProblemCode =
  /** Not JSON, or not a settings object: every setting is back to its default. */
  | 'corrupt'
  /** Some fields were wrong; those are back to their defaults, the rest kept. */
  | 'invalid'
  /** Written by a newer Frontdesk; what this version understands was kept. */
  | 'newer-version'
  /** The file exists but cannot be read (permissions, a folder in its place). */
  | 'unreadable';

export interface SettingsProblem {
  code: SettingsProblemCode;
  /** Plain words, fit to show as is. */
  message: string;
  /** Where the bad file was moved to; null when it was not (unreadable) or could not be. */
  backupPath: string | null;
  issues: SettingsIssue[];
}

export type SettingsErrorCode = 'invalid-change' | 'write-failed';

/** A change that could not be made; it says itself to the renderer (main/errors/failure.ts). */
export class SettingsError extends Failure {
  readonly code: SettingsErrorCode;
  readonly issues: SettingsIssue[];

  constructor(code: SettingsErrorCode, message: string, issues: SettingsIssue[] = []) {
    super(message);
    this.name = 'SettingsError';
    this.code = code;
    this.issues = issues;
  }

  override toAppError(): AppError {
    return settingsErrorToAppError(this);
  }
}

export type SettingsChange = SettingsPatch | ((current: Settings) => SettingsPatch);

export interface SettingsStore {
  /** Absolute path of settings.json. */
  readonly file: string;
  /** What was wrong with the file when the store opened; null when it was fine or absent. */
  readonly loadProblem: SettingsProblem | null;
  /** The current settings (a copy: changing it changes nothing). */
  get(): Settings;
  /**
   * Validates and applies a change, writes the file atomically, then tells subscribers.
   * A function change sees the settings as they are after every earlier change. Throws
   * SettingsError ('invalid-change' with issues, 'write-failed'); then nothing changed.
   */
  update(change: SettingsChange): Promise<Settings>;
  subscribe(listener: (settings: Settings) => void): () => void;
}

export interface SettingsStoreOptions {
  /** The data folder (Electron's userData, or the web host's --data). */
  dataDir: string;
  log?: Logger;
}

export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const log = options.log ?? silentLogger;
  const file = path.resolve(options.dataDir, SETTINGS_FILE_NAME);
  await mkdir(options.dataDir, { recursive: true }).catch((error: unknown) => {
    log.warn({ err: error }, 'data folder could not be created');
  });
  const stale = await removeStaleTempFiles(file);
  if (stale.length > 0) log.info({ count: stale.length }, 'removed temp files of an interrupted settings write');

  const { settings, problem } = await load(file, log);
  let current = settings;
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<(settings: Settings) => void>();

  async function apply(change: SettingsChange): Promise<Settings> {
    const requested = typeof change === 'function' ? change(structuredClone(current)) : change;
    const parsed = settingsPatchSchema.safeParse(requested);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      throw new SettingsError('invalid-change', `The settings change was refused: ${describeIssues(issues)}`, issues);
    }
    const next: Settings = { ...current };
    if (parsed.data.account !== undefined) next.account = parsed.data.account;
    if (parsed.data.language !== undefined) next.language = parsed.data.language;
    if (parsed.data.maskPersonalNumbers !== undefined) next.maskPersonalNumbers = parsed.data.maskPersonalNumbers;
    if (parsed.data.preferDemo !== undefined) next.preferDemo = parsed.data.preferDemo;
    if (parsed.data.allowPastChanges !== undefined) next.allowPastChanges = parsed.data.allowPastChanges;
    if (parsed.data.look !== undefined) next.look = patchedLook(current.look, parsed.data.look);
    try {
      await writeFileAtomic(file, serialise(next));
    } catch (error) {
      log.error({ err: error }, 'settings could not be saved');
      throw new SettingsError('write-failed', `The settings could not be saved (${errorCode(error)}). Nothing was changed.`);
    }
    current = next;
    for (const listener of listeners) {
      try {
        listener(structuredClone(next));
      } catch (error) {
        log.error({ err: error }, 'a settings listener failed');
      }
    }
    return structuredClone(next);
  }

  return {
    file,
    loadProblem: problem,
    get: () => structuredClone(current),
    update(change) {
      const run = queue.then(() => apply(change));
      queue = run.catch(() => undefined);
      return run;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function settingsErrorToAppError(error: SettingsError): AppError {
  if (error.code === 'invalid-change') return { code: 'INVALID_ARGUMENT', message: error.message, issues: error.issues };
  return { code: 'INTERNAL', message: error.message };
}

// ---------------------------------------------------------------------------------------
// Loading.

interface Loaded {
  settings: Settings;
  problem: SettingsProblem | null;
}

async function load(file: string, log: Logger): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { settings: defaultSettings(), problem: null };
    log.error({ err: error }, 'settings file could not be read');
    return {
      settings: defaultSettings(),
      problem: {
        code: 'unreadable',
        message: `The settings file ${file} could not be read (${errorCode(error)}), so Frontdesk runs with default settings (demo mode) and cannot save settings until that is fixed.`,
        backupPath: null,
        issues: [],
      },
    };
  }

  const verdict = interpret(text);
  if (verdict.unknownFields.length > 0) {
    log.warn({ fields: verdict.unknownFields }, 'settings file has fields this version does not know; they are dropped on the next save');
  }
  if (!verdict.problem) return { settings: verdict.settings, problem: null };

  const backupPath = await moveAside(file, log);
  const kept = backupPath ? `The original file was kept as ${backupPath}.` : 'The original file could not be kept aside.';
  const message = {
    corrupt: `The settings file was damaged, so Frontdesk started with default settings (demo mode, system language, personal numbers masked). ${kept}`,
    invalid: `Some settings were not valid and were reset to their defaults (${[...new Set(verdict.problem.issues.map((issue) => issue.path.split('.')[0]))].join(', ')}). ${kept}`,
    'newer-version': `The settings file was written by a newer version of Frontdesk. The settings this version understands were kept. ${kept}`,
  }[verdict.problem.code];
  log.warn({ code: verdict.problem.code, issues: verdict.problem.issues, backupPath }, 'settings file was not valid; using safe values');

  // Write the repaired settings at once, so the next start is clean and the bad file is
  // only in the backup.
  if (backupPath) {
    await writeFileAtomic(file, serialise(verdict.settings)).catch((error: unknown) => {
      log.error({ err: error }, 'repaired settings could not be written');
    });
  }
  return { settings: verdict.settings, problem: { code: verdict.problem.code, message, backupPath, issues: verdict.problem.issues } };
}

interface Verdict {
  settings: Settings;
  problem: { code: 'corrupt' | 'invalid' | 'newer-version'; issues: SettingsIssue[] } | null;
  unknownFields: string[];
}

/** Reads the file's text into settings, keeping every field that validates. */
function interpret(text: string): Verdict {
  const corrupt = (message: string): Verdict => ({
    settings: defaultSettings(),
    problem: { code: 'corrupt', issues: [{ path: '', message }] },
    unknownFields: [],
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return corrupt('The file is not valid JSON.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return corrupt('The file does not hold a settings object.');

  let fields = raw as Record<string, unknown>;
  const issues: SettingsIssue[] = [];
  let newer = false;
  const version = fields.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    issues.push({ path: 'version', message: 'The file has no valid version number.' });
  } else if (version > SETTINGS_VERSION) {
    newer = true;
  } else {
    for (let from = version; from < SETTINGS_VERSION; from += 1) {
      const step = MIGRATIONS[from];
      if (!step) {
        issues.push({ path: 'version', message: `Version ${from} files cannot be upgraded.` });
        break;
      }
      fields = step(fields);
    }
  }

  const settings = defaultSettings();
  const account = accountSettingsSchema.nullable().safeParse(fields.account);
  if (account.success) settings.account = account.data;
  else issues.push(...prefixed('account', account.error.issues));
  const language = languageSchema.safeParse(fields.language);
  if (language.success) settings.language = language.data;
  else issues.push(...prefixed('language', language.error.issues));
  const mask = settingsSchema.shape.maskPersonalNumbers.safeParse(fields.maskPersonalNumbers);
  if (mask.success) settings.maskPersonalNumbers = mask.data;
  else issues.push(...prefixed('maskPersonalNumbers', mask.error.issues));
  // Added after the first files were written: absent is the default, not a problem.
  if (fields.preferDemo !== undefined) {
    const preferDemo = settingsSchema.shape.preferDemo.safeParse(fields.preferDemo);
    if (preferDemo.success) settings.preferDemo = preferDemo.data;
    else issues.push(...prefixed('preferDemo', preferDemo.error.issues));
  }
  if (fields.allowPastChanges !== undefined) {
    const allowPast = settingsSchema.shape.allowPastChanges.safeParse(fields.allowPastChanges);
    if (allowPast.success) settings.allowPastChanges = allowPast.data;
    else issues.push(...prefixed('allowPastChanges', allowPast.error.issues));
  }
  // — look — (absent until the receptionist first changes it)
  if (fields.look !== undefined) {
    const look = settingsSchema.shape.look.safeParse(fields.look);
    if (look.success) settings.look = look.data;
    else issues.push(...prefixed('look', look.error.issues));
  }

  const known = new Set(Object.keys(settingsSchema.shape));
  const unknownFields = Object.keys(fields).filter((key) => !known.has(key));
  const code = newer ? 'newer-version' : issues.length > 0 ? 'invalid' : null;
  return { settings, problem: code ? { code, issues } : null, unknownFields };
}

function prefixed(field: string, issues: readonly { path: PropertyKey[]; message: string }[]): SettingsIssue[] {
  return issues.map((issue) => ({ path: [field, ...issue.path.map(String)].join('.'), message: issue.message }));
}

/** Renames the bad file to `settings.json.bad-<time>`; returns its path, or null when that failed. */
async function moveAside(file: string, log: Logger): Promise<string | null> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backup = `${file}.bad-${stamp}`;
  try {
    await rename(file, backup);
  } catch (error) {
    log.error({ err: error }, 'bad settings file could not be moved aside');
    return null;
  }
  await pruneBackups(file);
  return backup;
}

async function pruneBackups(file: string): Promise<void> {
  const folder = path.dirname(file);
  const prefix = `${path.basename(file)}.bad-`;
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.startsWith(prefix)).sort();
  const excess = names.slice(0, Math.max(0, names.length - BACKUPS_KEPT));
  await Promise.all(excess.map((name) => rm(path.join(folder, name), { force: true }).catch(() => undefined)));
}

// ---------------------------------------------------------------------------------------

function serialise(settings: Settings): string {
  // Re-parse so that only the declared fields, in the declared order, reach the disk.
  return `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`;
}

function describeIssues(issues: SettingsIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}
