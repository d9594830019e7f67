// Updates (the installed desktop app updates itself; the web host has no updater).

/** `stable` installs x.y.z releases; `beta` also x.y.z-beta.n. */
export type UpdateChannel = 'stable' | 'beta';

/** Why a ready update does not restart now: unsent changes or an open dialog. */
export type UpdateHold = { reason: 'pending-changes'; pendingChanges: number } | { reason: 'dialog-open' };

export type UpdateState =
  /** No updater here: the web host, a development build, or held back by the clinic's policy. */
  | { state: 'unavailable'; reason: string }
  /** Up to date, or nothing offered to this desk yet; `note` says why when something was skipped. */
  | { state: 'idle'; note: string | null }
  | { state: 'checking' }
  /** Found and offered to this desk; the download starts in the background. */
  | { state: 'available'; version: string }
  | { state: 'downloading'; version: string; percent: number; transferredBytes: number; totalBytes: number; bytesPerSecond: number }
  /** Downloaded and verified; the receptionist restarts when it suits them (unless held). */
  | { state: 'ready'; version: string; hold: UpdateHold | null }
  | { state: 'restarting'; version: string }
  /** Nothing was installed; a failed or unverifiable download was discarded. Retried later. */
  | { state: 'failed'; phase: 'check' | 'download' | 'install'; message: string; version: string | null };

export type UpdateStatus = UpdateState & {
  currentVersion: string;
  channel: UpdateChannel | null;
  /** ISO 8601 with offset; null before the first check. */
  lastCheckedAt: string | null;
  nextCheckAt: string | null;
};
