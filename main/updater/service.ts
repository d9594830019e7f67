// What the rest of main sees of updates: the four contract calls, a hook for the outbox, and
// the quit hook. Every mode has one: the installed desktop app a real updater (desktop.ts),
// the web host and development builds one that answers, plainly, that it does not update.
import type { UpdateStatus } from '../../preload/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { UpdateController } from './controller.ts';

export interface UpdateService {
  status(): UpdateStatus;
  check(): UpdateStatus;
  requestRestart(): UpdateStatus;
  /** The renderer opened or closed a dialog. */
  setUiBusy(busy: boolean): UpdateStatus;
  /** The outbox's count of unsent changes changed: a held restart may be offered again. */
  pendingChangesChanged(): void;
  /** Synchronous, from the app's before-quit: decides whether a ready update installs at quit. */
  prepareForQuit(): void;
  close(): void;
}

export interface UpdateServiceDeps {
  version: string;
  log: Logger;
  emit: (status: UpdateStatus) => void;
  /** The outbox's count of changes not yet accepted by Leyr. */
  pendingChanges: () => number;
}

export type UpdateServiceFactory = (deps: UpdateServiceDeps) => UpdateService;

export const WEB_HOST_REASON = 'Updates are managed by the desktop app.';

/** A service for where nothing updates (the web host, a development build, a held-back desk). */
export function unavailableUpdates(reason: string): UpdateServiceFactory {
  return ({ version, log }) => {
    const status: UpdateStatus = { state: 'unavailable', reason, currentVersion: version, channel: null, lastCheckedAt: null, nextCheckAt: null };
    log.info({ reason }, 'update: no updater in this mode');
    return {
      status: () => status,
      check: () => status,
      requestRestart: () => status,
      setUiBusy: () => status,
      pendingChangesChanged: () => {},
      prepareForQuit: () => {},
      close: () => {},
    };
  };
}

/** A service over an update controller, keeping the renderer's "a dialog is open" flag. */
export function controlledUpdates(makeController: (deps: UpdateServiceDeps & { isUiBusy: () => boolean }) => UpdateController): UpdateServiceFactory {
  return (deps) => {
    let uiBusy = false;
    const controller = makeController({ ...deps, isUiBusy: () => uiBusy });
    controller.start();
    return {
      status: () => controller.status(),
      check: () => controller.check('manual'),
      requestRestart: () => controller.requestRestart(),
      setUiBusy(busy) {
        uiBusy = busy;
        controller.refresh();
        return controller.status();
      },
      pendingChangesChanged: () => controller.refresh(),
      prepareForQuit: () => controller.prepareForQuit(),
      close: () => controller.stop(),
    };
  };
}
