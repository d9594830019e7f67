// The part of electron-updater's AppUpdater the controller drives (a port: tests hand in a
// fake), how the controller sets it up, and its events as one disposable subscription.
import { toDisposable, type IDisposable } from '../lifecycle/disposable.ts';
import type { UpdateChannel } from '../../preload/contract/index.ts';
import { feedChannel, parseUpdateMetadata } from './metadata.ts';
import { isWithinRollout } from './rollout.ts';

export interface ProgressLike {
  percent: number;
  transferred: number;
  total: number;
  bytesPerSecond: number;
}

export interface UpdaterPort {
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available' | 'update-not-available' | 'update-downloaded', listener: (info: unknown) => void): unknown;
  on(event: 'download-progress', listener: (progress: ProgressLike) => void): unknown;
  on(event: 'error', listener: (error: Error, message?: string) => void): unknown;
  removeListener(event: 'checking-for-update', listener: () => void): unknown;
  removeListener(event: 'update-available' | 'update-not-available' | 'update-downloaded', listener: (info: unknown) => void): unknown;
  removeListener(event: 'download-progress', listener: (progress: ProgressLike) => void): unknown;
  removeListener(event: 'error', listener: (error: Error, message?: string) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  disableDifferentialDownload: boolean;
  /** electron-updater's staged-rollout hook; the controller puts its own decision here. */
  isUserWithinRollout(info: { version: string; stagingPercentage?: number }): boolean | Promise<boolean>;
}

export interface UpdaterListeners {
  'checking-for-update': () => void;
  'update-available': (info: unknown) => void;
  'update-not-available': (info: unknown) => void;
  'download-progress': (progress: ProgressLike) => void;
  'update-downloaded': (info: unknown) => void;
  error: (error: Error) => void;
}

/**
 * Nothing downloads or installs on its own: the controller decides what is offered, installs
 * only a verified download, never downgrades, follows the channel, and decides the staged
 * rollout per install.
 */
export function configureUpdater(updater: UpdaterPort, settings: { channel: UpdateChannel; differential: boolean; installId: string }): void {
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.channel = feedChannel(settings.channel);
  updater.allowPrerelease = settings.channel === 'beta';
  // Setting a channel switches downgrades on in electron-updater; they stay off.
  updater.allowDowngrade = false;
  updater.disableDifferentialDownload = !settings.differential;
  updater.isUserWithinRollout = (info) => {
    const parsed = parseUpdateMetadata(info);
    // Malformed metadata is let through here so the controller refuses it with a reason.
    return !parsed.ok || isWithinRollout(parsed.metadata.stagingPercentage, settings.installId);
  };
}

/** Listens to every event the controller handles; disposing removes the listeners. */
export function listenToUpdater(updater: UpdaterPort, listeners: UpdaterListeners): IDisposable {
  updater.on('checking-for-update', listeners['checking-for-update']);
  updater.on('update-available', listeners['update-available']);
  updater.on('update-not-available', listeners['update-not-available']);
  updater.on('download-progress', listeners['download-progress']);
  updater.on('update-downloaded', listeners['update-downloaded']);
  updater.on('error', listeners.error);
  return toDisposable(() => {
    updater.removeListener('checking-for-update', listeners['checking-for-update']);
    updater.removeListener('update-available', listeners['update-available']);
    updater.removeListener('update-not-available', listeners['update-not-available']);
    updater.removeListener('download-progress', listeners['download-progress']);
    updater.removeListener('update-downloaded', listeners['update-downloaded']);
    updater.removeListener('error', listeners.error);
  });
}
