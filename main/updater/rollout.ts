// Staged rollout: a release's latest.yml may carry `stagingPercentage` (0–100), and only that
// share of installs is offered it. Which installs is decided by a random id each install
// keeps for good, so raising the percentage only ever adds desks and a desk never flips
// between "in" and "out" from one check to the next.
//
// The id and the arithmetic are electron-updater's own (the `.updaterId` file in userData,
// the UUID's bytes 12–15 as a fraction of 2^32-1). Frontdesk decides explicitly here and
// hands the decision to electron-updater (its `isUserWithinRollout` hook), so the choice is
// testable and the same one electron-updater would make, and the `x-user-staging-id` header
// electron-updater sends carries the same id the decision used. Two deliberate differences:
// 100 means everyone and 0 means no one, without the edge cases of a strict `<`, and a
// percentage outside 0–100 is refused as malformed metadata (electron-updater would treat an
// unreadable one as 100).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The file electron-updater keeps the install's staging id in, inside userData. */
export const INSTALL_ID_FILE = '.updaterId';

const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'is not a UUID');

/** Where an install falls in [0, 1]: fixed for the id, evenly spread over random ids. */
export function rolloutBucket(installId: string): number {
  const id = uuidSchema.parse(installId);
  const hex = id.replace(/-/g, '');
  return Number.parseInt(hex.slice(24, 32), 16) / 0xffffffff;
}

/** Whether this install is offered a release staged to `stagingPercentage` (absent: everyone). */
export function isWithinRollout(stagingPercentage: number | undefined, installId: string): boolean {
  if (stagingPercentage === undefined || stagingPercentage >= 100) return true;
  if (stagingPercentage <= 0) return false;
  return rolloutBucket(installId) < stagingPercentage / 100;
}

export interface InstallIdResult {
  id: string;
  /** True when no valid id was on disk and a new one was made (first start, or a damaged file). */
  created: boolean;
  /** Set when the new id could not be saved: the rollout decision then changes at each start. */
  saveError: string | null;
}

/** Reads the install's id, making and saving one when there is none (or it is damaged). */
export function loadInstallId(userData: string): InstallIdResult {
  const file = path.join(userData, INSTALL_ID_FILE);
  try {
    const parsed = uuidSchema.safeParse(readFileSync(file, 'utf8').trim());
    if (parsed.success) return { id: parsed.data.toLowerCase(), created: false, saveError: null };
  } catch {
    // Missing or unreadable: make a new one below.
  }
  const id = randomUUID();
  try {
    mkdirSync(userData, { recursive: true });
    // No trailing newline: electron-updater validates the file's content as it is.
    writeFileSync(file, id, { encoding: 'utf8', mode: 0o600 });
    return { id, created: true, saveError: null };
  } catch (error) {
    return { id, created: true, saveError: error instanceof Error ? error.message : String(error) };
  }
}
