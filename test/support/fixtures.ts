// The synthetic clinics the tests and the bench run on, made by the project's own generator
// (scripts/make-clinic.ts; the format is docs/seed-format.md) into .cache/fixtures/, which git
// ignores. A file is made once and reused for as long as the generator and its options are
// the same; otherwise it is made again. Test processes that start together may all make it:
// each writes under a name of its own and renames, so none ever reads half a file.
//
// FRONTDESK_FIXTURES names a folder of ready seed files instead (small-clinic.json,
// big-clinic.json there); nothing is generated then.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PRESETS, writeClinic, type ClinicOptions } from '../../scripts/make-clinic.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const GENERATOR = path.join(root, 'scripts', 'make-clinic.ts');
const READY = process.env.FRONTDESK_FIXTURES;

/** The folder holding the seed files: .cache/fixtures/, or FRONTDESK_FIXTURES. */
export const FIXTURES_DIR = READY ?? path.join(root, '.cache', 'fixtures');
/** The older name of FIXTURES_DIR. */
export const SHARED_FIXTURES = FIXTURES_DIR;

let generatorText: string | undefined;

/** What a file was made from: the generator's source and the options. */
function recipe(options: ClinicOptions): string {
  generatorText ??= readFileSync(GENERATOR, 'utf8');
  return createHash('sha256').update(generatorText).update('\0').update(JSON.stringify(options)).digest('hex');
}

function writeWhole(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * The path of `<name>.json` in FIXTURES_DIR, generated from `options` unless it is there
 * already, made by this generator from the same options. With FRONTDESK_FIXTURES set, just
 * the path in that folder.
 */
export function clinicFixture(name: string, options: ClinicOptions): string {
  const file = path.join(FIXTURES_DIR, `${name}.json`);
  if (READY !== undefined) return file;
  const stamp = `${file}.recipe`;
  const wanted = recipe(options);
  const made = existsSync(file) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted;
  if (!made) {
    mkdirSync(FIXTURES_DIR, { recursive: true });
    writeClinic(file, options);
    writeWhole(stamp, wanted);
  }
  return file;
}

/** 8 resources, 120 appointments a day, Mon 2026-03-23 to Fri 2026-03-27. */
export const SMALL_CLINIC = clinicFixture('small-clinic', PRESETS.small);
/** 80 resources, 1,400 appointments a day, Mon 2026-03-23 to Fri 2026-03-27. */
export const BIG_CLINIC = clinicFixture('big-clinic', PRESETS.big);
/** 250 resources, 5,000 appointments a day, Mon 2026-03-23 to Sun 2026-03-29. Made on first use only (12 MB). */
export const hospitalClinic = (): string => clinicFixture('hospital-clinic', PRESETS.hospital);
