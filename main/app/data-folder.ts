// The data folder (Electron's userData/data, or the web host's --data) is made and checked
// before anything opens a file in it: a folder that cannot be made or written is one clear
// error at start. (Node's own recursive mkdir can loop for ever on some paths, e.g. under
// /proc, so each missing level is made here, one at a time.)
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataFolderError extends Error {
  override name = 'DataFolderError';
}

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
};

/** Makes the folder (and the missing folders above it) and checks it can be written; returns its absolute path. */
export function prepareDataFolder(folder: string): string {
  const absolute = path.resolve(folder);
  const missing: string[] = [];
  for (let at = absolute; ; at = path.dirname(at)) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(at).isDirectory();
    } catch (error) {
      // ENOTDIR: something above is a file, which the next level up says plainly.
      if (!['ENOENT', 'ENOTDIR'].includes(codeOf(error)) || path.dirname(at) === at) throw new DataFolderError(`The data folder ${absolute} cannot be used (${codeOf(error)} at ${at}).`);
      missing.unshift(at);
      continue;
    }
    if (!isDirectory) throw new DataFolderError(`The data folder ${absolute} cannot be made: ${at} is a file, not a folder.`);
    break;
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw new DataFolderError(`The data folder ${absolute} cannot be made (${codeOf(error)} at ${level}).`);
    }
  }
  const probe = path.join(absolute, `.write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new DataFolderError(`The data folder ${absolute} cannot be written (${codeOf(error)}).`);
  }
  return absolute;
}
