// The updater of the installed desktop app: electron-updater, configured from the updater
// settings (policy file, environment), with this install's rollout id, under the controller.
// Electron's entry passes the real `autoUpdater`; tests pass electron-updater's updater
// classes on a Node HTTP transport, or a fake.
import type { Logger } from '../log/logger.ts';
import type { Clock } from './clock.ts';
import { createUpdateController } from './controller.ts';
import { loadInstallId } from './rollout.ts';
import { controlledUpdates, unavailableUpdates, type UpdateServiceFactory } from './service.ts';
import { loadUpdaterSettings } from './settings.ts';
import type { UpdaterPort } from './updater-port.ts';

/** electron-updater's logger interface. */
export interface UpdaterLogger {
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
  debug?(message: string): void;
}

/** The updater as the desktop wiring sees it: the controller's port plus logger and feed. */
export interface DesktopUpdater extends UpdaterPort {
  logger: UpdaterLogger | null;
  /** NSIS web installers may skip signature verification; Frontdesk ships none. */
  disableWebInstaller: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
}

export interface DesktopUpdatesOptions {
  /** Only an installed (packaged) app updates itself. */
  isPackaged: boolean;
  userData: string;
  env?: NodeJS.ProcessEnv;
  /** Called once, only when updates are on: electron-updater's `autoUpdater` in the app. */
  loadUpdater: () => DesktopUpdater;
  clock?: Clock;
  startupDelayMs?: number;
}

export const DEVELOPMENT_REASON = 'This is a development build; only the installed app updates itself.';
export const HELD_BACK_REASON = "Updates are held back on this computer by the clinic's update policy.";

/** electron-updater's own log lines, into ours (it logs URLs, versions and its staging id). */
export function updaterLogger(log: Logger): UpdaterLogger {
  const text = (message: unknown): string => (message instanceof Error ? (message.stack ?? message.message) : String(message)).slice(0, 2000);
  return {
    info: (message) => log.info({ source: 'electron-updater' }, text(message)),
    warn: (message) => log.warn({ source: 'electron-updater' }, text(message)),
    error: (message) => log.error({ source: 'electron-updater' }, text(message)),
    debug: (message) => log.debug({ source: 'electron-updater' }, text(message)),
  };
}

export function desktopUpdates(options: DesktopUpdatesOptions): UpdateServiceFactory {
  return (deps) => {
    if (!options.isPackaged) return unavailableUpdates(DEVELOPMENT_REASON)(deps);
    const { settings, problems, sources } = loadUpdaterSettings({ userData: options.userData, env: options.env ?? process.env, currentVersion: deps.version });
    for (const problem of problems) deps.log.warn({ problem }, 'update: a setting was refused; the default holds');
    deps.log.info({ settings, sources }, 'update: settings');
    if (!settings.enabled) return unavailableUpdates(HELD_BACK_REASON)(deps);

    const install = loadInstallId(options.userData);
    if (install.created) deps.log.info('update: new install id for staged rollouts');
    if (install.saveError !== null) deps.log.warn({ err: install.saveError }, 'update: the install id could not be saved; staged rollouts may include this computer inconsistently');

    const updater = options.loadUpdater();
    updater.logger = updaterLogger(deps.log);
    updater.disableWebInstaller = true;
    // Replaces only the feed: the Windows publisher check still reads app-update.yml.
    if (settings.feedUrl !== null) updater.setFeedURL({ provider: 'generic', url: settings.feedUrl });

    return controlledUpdates(({ isUiBusy, ...rest }) =>
      createUpdateController({
        updater,
        currentVersion: rest.version,
        settings,
        installId: install.id,
        log: rest.log,
        emit: rest.emit,
        pendingChanges: rest.pendingChanges,
        isUiBusy,
        ...(options.clock && { clock: options.clock }),
        ...(options.startupDelayMs !== undefined && { startupDelayMs: options.startupDelayMs }),
      }),
    )(deps);
  };
}

