// A made-up update, for the web host (`npm run demo -- --rehearse-update`), the screenshots
// and the tests: an updater that offers the next patch version, "downloads" it in steps and,
// asked to install, only records that it was asked (a web host cannot restart itself). It runs
// under the real controller, so the window meets exactly the states, holds and reasons the
// installed app's updater produces. The packaged app never uses it (electron-main.ts wires
// desktop.ts); nothing is fetched, written or installed.
import { EventEmitter } from 'node:events';
import semver from 'semver';
import { createUpdateController } from './controller.ts';
import { controlledUpdates, type UpdateServiceFactory } from './service.ts';
import { defaultSettings } from './settings.ts';
import type { ProgressLike, UpdaterPort } from './updater-port.ts';

export interface RehearsalOptions {
  /** Before the first check (the real updater waits ~15 s so it does not slow the start). */
  startupDelayMs?: number;
  /** Time between two steps of the download. */
  stepMs?: number;
  /** Steps of the download, each an equal share. */
  steps?: number;
}

export interface Rehearsal {
  factory: UpdateServiceFactory;
  /** The versions the controller asked to install (quitAndInstall), in order. */
  installs(): readonly string[];
}

const SIZE_BYTES = 96_000_000;
// A digest of the right shape: the controller validates metadata as it would a server's.
const DIGEST = `${'R'.repeat(86)}==`;

class RehearsalUpdater extends EventEmitter implements UpdaterPort {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowPrerelease = false;
  allowDowngrade = false;
  channel: string | null = null;
  disableDifferentialDownload = false;
  readonly installed: string[] = [];
  readonly #info: { version: string; files: { url: string; sha512: string; size: number }[]; path: string; sha512: string; releaseDate: string };
  readonly #stepMs: number;
  readonly #steps: number;

  constructor(version: string, stepMs: number, steps: number) {
    super();
    const file = `Frontdesk-Setup-${version}.exe`;
    this.#info = { version, files: [{ url: file, sha512: DIGEST, size: SIZE_BYTES }], path: file, sha512: DIGEST, releaseDate: new Date().toISOString() };
    this.#stepMs = stepMs;
    this.#steps = Math.max(1, steps);
  }

  isUserWithinRollout(): boolean {
    return true;
  }

  checkForUpdates(): Promise<unknown> {
    this.emit('checking-for-update');
    this.emit('update-available', this.#info);
    return Promise.resolve(this.#info);
  }

  downloadUpdate(): Promise<unknown> {
    return new Promise((resolve) => {
      let step = 0;
      const next = (): void => {
        step += 1;
        const share = step / this.#steps;
        const progress: ProgressLike = { percent: share * 100, transferred: Math.round(SIZE_BYTES * share), total: SIZE_BYTES, bytesPerSecond: Math.round(SIZE_BYTES / this.#steps / (this.#stepMs / 1000)) };
        this.emit('download-progress', progress);
        if (step < this.#steps) {
          setTimeout(next, this.#stepMs).unref();
          return;
        }
        this.emit('update-downloaded', this.#info);
        resolve([this.#info.path]);
      };
      setTimeout(next, this.#stepMs).unref();
    });
  }

  quitAndInstall(): void {
    this.installed.push(this.#info.version);
  }
}

/** A made-up update of the next patch version, under the real controller. */
export function createRehearsal(options: RehearsalOptions = {}): Rehearsal {
  let updater: RehearsalUpdater | null = null;
  const factory = controlledUpdates(({ isUiBusy, ...deps }) => {
    const next = semver.inc(deps.version, 'patch') ?? '99.0.0';
    // By default slow enough to watch: the download takes half a minute.
    updater = new RehearsalUpdater(next, options.stepMs ?? 1_500, options.steps ?? 20);
    deps.log.info({ version: next }, 'update: rehearsal (a made-up update; nothing is downloaded or installed)');
    return createUpdateController({
      updater,
      currentVersion: deps.version,
      settings: defaultSettings(deps.version),
      installId: 'rehearsal',
      log: deps.log,
      emit: deps.emit,
      pendingChanges: deps.pendingChanges,
      isUiBusy,
      startupDelayMs: options.startupDelayMs ?? 10_000,
      holdPollMs: 1_000,
    });
  });
  return { factory, installs: () => updater?.installed ?? [] };
}
