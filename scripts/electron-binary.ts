// Finds the Electron binary for `npm start` and the Playwright _electron test. The electron
// package downloads its binary on first use; where that cannot happen (no route to the
// download host, as on our CI machines) we say why instead of failing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

export function findElectronBinary(root: string, { download = true } = {}): ElectronBinary {
  const packageDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(packageDir)) return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  const pathFile = path.join(packageDir, 'path.txt');
  const installed = (): string | null => {
    if (!existsSync(pathFile)) return null;
    const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  };
  const already = installed();
  if (already !== null) return { ok: true, path: already };
  if (!download) return { ok: false, reason: 'no Electron binary is installed in node_modules/electron/dist' };
  const attempt = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], { encoding: 'utf8', timeout: 180_000 });
  const afterDownload = installed();
  if (afterDownload !== null) return { ok: true, path: afterDownload };
  const lastLine = `${attempt.stderr}\n${attempt.stdout}`
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /error|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|timed? ?out/i.test(line));
  return { ok: false, reason: `the Electron binary could not be downloaded (${lastLine ?? `exit ${String(attempt.status)}`})` };
}
