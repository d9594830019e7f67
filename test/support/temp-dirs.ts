// Fresh empty folders for one test file, each its own, all removed when the file's tests end.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

/** A function answering a new empty folder on each call, under one root removed after the file. */
export async function freshDirs(prefix: string): Promise<() => Promise<string>> {
  const root = await mkdtemp(path.join(tmpdir(), prefix));
  after(() => rm(root, { recursive: true, force: true }));
  let folders = 0;
  return async () => {
    const dir = path.join(root, `data-${(folders += 1)}`);
    await mkdir(dir);
    return dir;
  };
}
