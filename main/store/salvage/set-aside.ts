// A store that cannot be used is moved aside, never deleted: renamed in its folder with why
// and when in its name, its write-ahead log and shared-memory files with it (the log may hold
// the newest commits, the outbox's last changes among them).
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';

export const SQLITE_COMPANIONS = ['', '-wal', '-shm'] as const;

/** `frontdesk.sqlite` → `frontdesk.damaged-20261207T143005Z.sqlite` (a counter after it if taken). */
export function asideName(file: string, reason: 'damaged' | 'newer', at: Date): string {
  const ext = path.extname(file);
  const stem = path.basename(file, ext);
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  for (let n = 1; ; n += 1) {
    const name = `${stem}.${reason}-${stamp}${n === 1 ? '' : `-${n}`}${ext}`;
    if (SQLITE_COMPANIONS.every((suffix) => !existsSync(path.join(path.dirname(file), name + suffix)))) return name;
  }
}

/** Moves the file and its -wal and -shm aside; answers the new file's name (in the same folder). */
export function setAside(file: string, reason: 'damaged' | 'newer', at: Date): string {
  const name = asideName(file, reason, at);
  const target = path.join(path.dirname(file), name);
  // The main file first: if a companion then fails to move, the store is already out of the
  // way and the companion is found beside the new file by its old name, not lost.
  for (const suffix of SQLITE_COMPANIONS) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return name;
}
