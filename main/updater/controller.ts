// The updater's controller: when to check, what to offer, when to download, when a restart
// may happen. It drives electron-updater (or anything shaped like it: updater-port.ts) and
// reports every step to the renderer and the log. Everything it touches is injected (the
// updater, time, the outbox count, whether a dialog is open), so tests drive it event by
// event with a fake updater and a fake clock.
//
// Safety rules it keeps:
//  - electron-updater never downloads or installs on its own: autoDownload is off (the
//    controller decides what is offered), and autoInstallOnAppQuit is on only while a
//    verified download is ready. A failed download (network, sha512 mismatch, bad signature)
//    switches it off again, so a half or tampered file cannot be installed at quit;
//  - the app restarts only when the receptionist asks, and never while the outbox holds
//    unsent changes or a dialog is open: the restart is held, the reason reported, and the
//    restart offered again once clear;
//  - no downgrades, channels honoured, staged rollout decided per install (decisions.ts).
//
// Its timers (the next check, the hold poll) and its updater listeners are registered in one
// DisposableStore: stop() releases them all.
import { DateTime } from 'luxon';
import type { UpdateChannel, UpdateHold, UpdateState, UpdateStatus } from '../../preload/contract/index.ts';
import { DisposableStore } from '../lifecycle/disposable.ts';
import type { Logger } from '../log/logger.ts';
import { ClockTimer, systemClock, type Clock } from './clock.ts';
import { decideHold, decideOffer, describeHold, sameHold } from './decisions.ts';
import { parseUpdateMetadata } from './metadata.ts';
import type { UpdaterSettings } from './settings.ts';
import { configureUpdater, listenToUpdater, type ProgressLike, type UpdaterPort } from './updater-port.ts';

export interface UpdateControllerOptions {
  updater: UpdaterPort;
  currentVersion: string;
  settings: UpdaterSettings;
  /** This install's id for staged rollouts (rollout.ts). */
  installId: string;
  log: Logger;
  emit: (status: UpdateStatus) => void;
  clock?: Clock;
  /** Changes in the outbox not yet accepted by Leyr. Until the outbox exists it is 0. */
  pendingChanges?: () => number;
  /** True while the renderer has a dialog open. */
  isUiBusy?: () => boolean;
  /** The first check waits this long after start, so it does not compete with startup. */
  startupDelayMs?: number;
  /** After a failed check or download, the next attempt comes this soon (capped by the interval). */
  retryAfterFailureMs?: number;
  /** While an update is ready, how often the hold (outbox, dialog) is looked at again. */
  holdPollMs?: number;
}

export interface UpdateController {
  start(): void;
  status(): UpdateStatus;
  /** Checks now unless a check, download or ready update is under way; answers the status. */
  check(trigger?: 'manual' | 'startup' | 'schedule'): UpdateStatus;
  /** The receptionist asked to restart: installs now, or holds and says why. */
  requestRestart(): UpdateStatus;
  /** Something a hold depends on changed (a dialog closed, the outbox drained): look again. */
  refresh(): void;
  /** Called as the app quits: allows the install-at-quit only for a verified, unheld update. */
  prepareForQuit(): void;
  stop(): void;
}

const HOUR_MS = 3_600_000;
const VERIFICATION_ERRORS = new Set(['ERR_CHECKSUM_MISMATCH', 'ERR_UPDATER_INVALID_SIGNATURE', 'ERR_UPDATER_INVALID_UPDATE_INFO', 'ERR_UPDATER_INVALID_VERSION']);

const errorCode = (error: unknown): string | null => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
};
const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';

export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const { updater, currentVersion, settings, installId, emit } = options;
  const log = options.log;
  const clock = options.clock ?? systemClock;
  const startupDelayMs = options.startupDelayMs ?? 15_000;
  const intervalMs = settings.checkIntervalHours * HOUR_MS;
  const retryAfterFailureMs = Math.min(options.retryAfterFailureMs ?? 30 * 60_000, intervalMs);
  const holdPollMs = options.holdPollMs ?? 15_000;
  const channel: UpdateChannel = settings.channel;

  const owned = new DisposableStore();
  const checkTimer = owned.add(new ClockTimer(clock));
  const holdTimer = owned.add(new ClockTimer(clock));

  let state: UpdateState = { state: 'idle', note: null };
  /** The version the controller decided to download; a download of anything else is refused. */
  let offeredVersion: string | null = null;
  let lastCheckedAt: number | null = null;
  let lastHold: UpdateHold | null = null;
  let lastEmittedPercent = -1;
  let started = false;
  let stopped = false;

  const iso = (ms: number | null): string | null => (ms === null ? null : DateTime.fromMillis(ms).toISO());
  const currentHold = (): UpdateHold | null => decideHold({ pendingChanges: readPending(options, log), uiBusy: readUiBusy(options) });

  const status = (): UpdateStatus => ({ ...state, currentVersion, channel, lastCheckedAt: iso(lastCheckedAt), nextCheckAt: iso(checkTimer.dueAt) });

  const publish = (): void => {
    if (stopped) return;
    emit(status());
  };

  const setState = (next: UpdateState): void => {
    state = next;
    if (next.state === 'ready') {
      lastHold = next.hold;
      scheduleHoldPoll();
    } else holdTimer.cancel();
    publish();
  };

  // ---- When to check ----

  const scheduleCheck = (delayMs: number, trigger: 'startup' | 'schedule'): void => checkTimer.arm(delayMs, () => check(trigger));
  const cancelCheck = (): void => checkTimer.cancel();

  function check(trigger: 'manual' | 'startup' | 'schedule' = 'manual'): UpdateStatus {
    if (stopped) return status();
    if (state.state !== 'idle' && state.state !== 'failed') {
      log.info({ trigger, state: state.state }, 'update: check skipped, one is already under way or an update is ready');
      if (state.state === 'ready' || state.state === 'restarting') cancelCheck();
      return status();
    }
    cancelCheck();
    log.info({ trigger, currentVersion, channel }, 'update: checking for updates');
    setState({ state: 'checking' });
    updater.checkForUpdates().then(
      () => {
        // An updater that answered without events (inactive) leaves the check open: close it.
        if (state.state === 'checking') finishCheck({ state: 'idle', note: null });
      },
      (error: unknown) => failCheck(error),
    );
    return status();
  }

  const finishCheck = (next: UpdateState): void => {
    lastCheckedAt = clock.now();
    scheduleCheck(next.state === 'failed' ? retryAfterFailureMs : intervalMs, 'schedule');
    setState(next);
  };

  const failCheck = (error: unknown): void => {
    if (state.state !== 'checking') return;
    log.warn({ code: errorCode(error), err: errorMessage(error) }, 'update: check failed');
    finishCheck({ state: 'failed', phase: 'check', message: 'Could not reach the update server; the app tries again later.', version: null });
  };

  // ---- What to offer ----

  const onChecking = (): void => {
    if (state.state !== 'checking') log.debug({ state: state.state }, 'update: updater started a check on its own');
  };

  const onNotAvailable = (info: unknown): void => {
    if (state.state !== 'checking') return;
    const parsed = parseUpdateMetadata(info);
    // electron-updater says "not available" for a newer version outside this install's
    // rollout too (our hook); the decision tells the two apart, for the note and the log.
    const decision = parsed.ok ? decideOffer({ currentVersion, channel, metadata: parsed.metadata, installId }) : null;
    const note = decision !== null && !decision.offer ? decision.note : null;
    log.info(
      { latest: parsed.ok ? parsed.metadata.version : null, stagingPercentage: parsed.ok ? (parsed.metadata.stagingPercentage ?? null) : null, reason: decision !== null && !decision.offer ? decision.reason : null },
      note !== null ? 'update: newer version not offered to this install yet (staged rollout)' : 'update: up to date',
    );
    finishCheck({ state: 'idle', note });
  };

  const onAvailable = (info: unknown): void => {
    if (state.state !== 'checking') {
      log.warn({ state: state.state }, 'update: unexpected update-available ignored');
      return;
    }
    const parsed = parseUpdateMetadata(info);
    if (!parsed.ok) {
      log.warn({ problem: parsed.problem }, 'update: the server offered malformed metadata; nothing downloaded');
      finishCheck({ state: 'failed', phase: 'check', message: "The update server's answer was not valid; nothing was downloaded.", version: null });
      return;
    }
    const { metadata } = parsed;
    const decision = decideOffer({ currentVersion, channel, metadata, installId });
    if (!decision.offer) {
      log.info({ version: metadata.version, reason: decision.reason, stagingPercentage: metadata.stagingPercentage ?? null }, 'update: not offered to this install');
      finishCheck({ state: 'idle', note: decision.note });
      return;
    }
    lastCheckedAt = clock.now();
    offeredVersion = metadata.version;
    lastEmittedPercent = -1;
    log.info({ version: metadata.version, stagingPercentage: metadata.stagingPercentage ?? null, releaseDate: metadata.releaseDate }, 'update: offered; downloading in the background');
    setState({ state: 'available', version: metadata.version });
    updater.downloadUpdate().catch((error: unknown) => failDownload(error));
  };

  // ---- Download ----

  const onProgress = (progress: ProgressLike): void => {
    if ((state.state !== 'available' && state.state !== 'downloading') || offeredVersion === null) return;
    const percent = Math.max(0, Math.min(100, Math.floor(Number(progress.percent) || 0)));
    if (percent === lastEmittedPercent) return;
    if (Math.floor(percent / 25) > Math.floor(Math.max(lastEmittedPercent, 0) / 25)) {
      log.info({ version: offeredVersion, percent }, 'update: downloading');
    }
    lastEmittedPercent = percent;
    setState({
      state: 'downloading',
      version: offeredVersion,
      percent,
      transferredBytes: Math.max(0, Math.floor(progress.transferred || 0)),
      totalBytes: Math.max(0, Math.floor(progress.total || 0)),
      bytesPerSecond: Math.max(0, Math.floor(progress.bytesPerSecond || 0)),
    });
  };

  const onDownloaded = (info: unknown): void => {
    const parsed = parseUpdateMetadata(info);
    const version = parsed.ok ? parsed.metadata.version : null;
    if ((state.state !== 'available' && state.state !== 'downloading') || offeredVersion === null || version !== offeredVersion) {
      // Not what this controller asked for: never installed, not even at quit.
      updater.autoInstallOnAppQuit = false;
      log.warn({ offered: offeredVersion, downloaded: version, state: state.state }, 'update: a download that was not offered was discarded');
      if (state.state === 'available' || state.state === 'downloading') {
        discardDownload('The downloaded update was not the one offered; it was discarded and not installed.');
      }
      return;
    }
    // Set synchronously, inside electron-updater's event, so its install-at-quit handler is
    // registered for this verified file (and only for it).
    updater.autoInstallOnAppQuit = true;
    const hold = currentHold();
    log.info({ version, hold }, 'update: downloaded and verified; ready to install on restart');
    setState({ state: 'ready', version, hold });
  };

  const discardDownload = (message: string): void => {
    const version = offeredVersion;
    offeredVersion = null;
    updater.autoInstallOnAppQuit = false;
    finishCheck({ state: 'failed', phase: 'download', message, version });
  };

  const failDownload = (error: unknown): void => {
    if (state.state !== 'available' && state.state !== 'downloading') return;
    const code = errorCode(error);
    const verification = code !== null && VERIFICATION_ERRORS.has(code);
    log.error({ version: offeredVersion, code, err: errorMessage(error) }, verification ? 'update: download failed verification; discarded' : 'update: download failed; discarded');
    discardDownload(
      verification
        ? 'The downloaded update failed verification (checksum or signature); it was discarded and not installed.'
        : 'The update download failed; it was discarded and the app tries again later.',
    );
  };

  const onError = (error: Error): void => {
    switch (state.state) {
      case 'checking':
        return failCheck(error);
      case 'available':
      case 'downloading':
        return failDownload(error);
      case 'restarting': {
        const version = state.version;
        updater.autoInstallOnAppQuit = false;
        offeredVersion = null;
        log.error({ version, code: errorCode(error), err: errorMessage(error) }, 'update: install failed; staying on this version');
        finishCheck({ state: 'failed', phase: 'install', message: 'The update could not be installed; this version keeps running and the app tries again later.', version });
        return;
      }
      default:
        log.warn({ state: state.state, code: errorCode(error), err: errorMessage(error) }, 'update: updater error outside a check');
    }
  };

  // ---- Restart ----

  function requestRestart(): UpdateStatus {
    if (state.state !== 'ready') {
      log.info({ state: state.state }, 'update: restart requested but no update is ready');
      return status();
    }
    const hold = currentHold();
    if (hold !== null) {
      log.info({ version: state.version, hold }, `update: restart held (${describeHold(hold)})`);
      setState({ state: 'ready', version: state.version, hold });
      return status();
    }
    const version = state.version;
    log.info({ version }, 'update: restarting to install');
    cancelCheck();
    setState({ state: 'restarting', version });
    try {
      // Silent install (no installer window for the receptionist), then start the new version.
      updater.quitAndInstall(true, true);
    } catch (error) {
      onError(error instanceof Error ? error : new Error(String(error)));
    }
    return status();
  }

  const refresh = (): void => {
    if (state.state !== 'ready') return;
    const hold = currentHold();
    if (sameHold(hold, lastHold)) return;
    log.info({ version: state.version, hold }, hold === null ? 'update: nothing holds the restart any more; offered again' : `update: restart would be held (${describeHold(hold)})`);
    setState({ state: 'ready', version: state.version, hold });
  };

  function scheduleHoldPoll(): void {
    if (holdTimer.armed) return;
    holdTimer.arm(holdPollMs, () => {
      if (state.state !== 'ready') return;
      refresh();
      scheduleHoldPoll();
    });
  }

  const prepareForQuit = (): void => {
    const install = state.state === 'ready' && readPending(options, log) === 0;
    updater.autoInstallOnAppQuit = install;
    if (state.state === 'ready') {
      log.info({ version: state.version, installAtQuit: install }, install ? 'update: installing at quit' : 'update: not installing at quit (changes not yet sent)');
    }
  };

  // ---- Wiring ----

  return {
    start() {
      if (started || stopped) return;
      started = true;
      configureUpdater(updater, { channel, differential: settings.differential, installId });
      owned.add(
        listenToUpdater(updater, {
          'checking-for-update': onChecking,
          'update-available': onAvailable,
          'update-not-available': onNotAvailable,
          'download-progress': onProgress,
          'update-downloaded': onDownloaded,
          error: onError,
        }),
      );
      log.info({ currentVersion, channel, intervalHours: settings.checkIntervalHours, differential: settings.differential }, 'update: controller started');
      scheduleCheck(startupDelayMs, 'startup');
      publish();
    },
    status,
    check,
    requestRestart,
    refresh,
    prepareForQuit,
    stop() {
      if (stopped) return;
      stopped = true;
      owned.dispose();
    },
  };
}

/** Changes not yet accepted by Leyr. Not knowing is treated as "there may be": the restart waits. */
function readPending(options: Pick<UpdateControllerOptions, 'pendingChanges'>, log: Logger): number {
  try {
    const count = options.pendingChanges?.() ?? 0;
    return Number.isFinite(count) && count >= 0 ? Math.floor(count) : 1;
  } catch (error) {
    log.error({ err: error }, 'update: could not read the outbox count; holding any restart');
    return 1;
  }
}

/** Whether a dialog is open; not knowing counts as open. */
function readUiBusy(options: Pick<UpdateControllerOptions, 'isUiBusy'>): boolean {
  try {
    return options.isUiBusy?.() ?? false;
  } catch {
    return true;
  }
}
