// Replaces a file so that a reader (or the next start after a crash or power cut) sees
// either the old content or the new, never a half-written file: write a temp file beside it,
// flush it to disk, rename it over the target, then flush the folder entry.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const TEMP_SUFFIX = '.tmp';

export async function writeFileAtomic(file: string, data: string, options: { mode?: number } = {}): Promise<void> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
  try {
    await writeFile(temp, data, { encoding: 'utf8', mode: options.mode ?? 0o600, flush: true });
    await renameWithRetry(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(path.dirname(file));
}

/** Removes temp files a crashed writer left beside `file`. */
export async function removeStaleTempFiles(file: string): Promise<string[]> {
  const folder = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const stale = names.filter((name) => name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX));
  await Promise.all(stale.map((name) => rm(path.join(folder, name), { force: true }).catch(() => undefined)));
  return stale;
}

// Windows refuses a rename over a file another process (an indexer, an antivirus) holds
// open for a moment; a short retry rides that out.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await sleep(20 * 2 ** attempt);
    }
  }
}

// The rename is durable only once the folder's entry is on disk. POSIX only: Windows cannot
// open a folder for syncing, and NTFS journals the rename itself.
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on a folder; the rename has still happened.
  }
}
