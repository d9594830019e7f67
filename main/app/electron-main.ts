// Electron's entry (bundled to dist/main/index.cjs): binds the real Electron objects, the
// logger, the embedded demo clinic and the desktop updater to the shell. Nothing else lives here.
import path from 'node:path';
import * as electron from 'electron';
import { autoUpdater } from 'electron-updater';
import type { ElectronLike } from '../electron/electron-like.ts';
import { bundlePaths, startShell } from '../electron/shell.ts';
import { createLogger } from '../log/logger.ts';
import { logProcessErrors } from '../log/process-errors.ts';
import { rotatingLog } from '../log/rotating-file.ts';
import { desktopUpdates } from '../updater/desktop.ts';
import { embeddedDemo } from './demo-sandbox.ts';
import { createMainServices } from './services.ts';

// The logger's scrubber set: the credential holder adds the client secret while main holds it.
const secrets = new Set<string>();
// Lines go to the OS's log folder for the app (~/Library/Logs/Frontdesk on macOS,
// %APPDATA%\Frontdesk\logs on Windows, ~/.config/Frontdesk/logs on Linux), in size-capped
// files main.1.log, main.2.log, … (main/log/rotating-file.ts).
const logFile = rotatingLog({ folder: electron.app.getPath('logs'), name: 'main' });
const log = createLogger({ secrets, destination: logFile.stream });
logProcessErrors(log, { mode: 'electron', version: electron.app.getVersion() });
// The last lines (the quit's) reach the file before the process ends.
electron.app.on('will-quit', () => logFile.stream.flush());
// The bundle is CommonJS (dist/main/index.cjs), where __dirname is defined.
const { rendererDir, preloadPath } = bundlePaths(__dirname);

startShell(electron satisfies ElectronLike, {
  rendererDir,
  preloadPath,
  log,
  startServices: ({ userData, version }) =>
    createMainServices({
      mode: 'electron',
      version,
      log,
      secrets,
      dataDir: path.join(userData, 'data'),
      demo: embeddedDemo({ log }),
      electronVersion: process.versions.electron ?? null,
      updates: desktopUpdates({ isPackaged: electron.app.isPackaged, userData, loadUpdater: () => autoUpdater }),
    }),
});
