// A fake of electron-updater's AppUpdater (the events and properties the controller uses,
// with electron-updater's quirks that matter: setting `channel` switches `allowDowngrade`
// on) and a clock whose time only moves when a test says so.
import { EventEmitter } from 'node:events';
import type { Clock } from '../../../../main/updater/clock.ts';
import type { UpdaterPort } from '../../../../main/updater/updater-port.ts';

export class FakeUpdater extends EventEmitter implements UpdaterPort {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowPrerelease = false;
  allowDowngrade = false;
  disableDifferentialDownload = false;
  private channelValue: string | null = null;
  checks = 0;
  downloads = 0;
  installs: { isSilent: boolean | undefined; isForceRunAfter: boolean | undefined }[] = [];
  /** What the next checkForUpdates / downloadUpdate promise does; resolve by default. */
  checkResult: () => Promise<unknown> = () => Promise.resolve(null);
  downloadResult: () => Promise<unknown> = () => new Promise(() => {});

  get channel(): string | null {
    return this.channelValue;
  }
  set channel(value: string | null) {
    this.channelValue = value;
    this.allowDowngrade = true;
  }

  isUserWithinRollout(_info: { version: string; stagingPercentage?: number }): boolean | Promise<boolean> {
    return true;
  }

  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return this.checkResult();
  }

  downloadUpdate(): Promise<unknown> {
    this.downloads += 1;
    return this.downloadResult();
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push({ isSilent, isForceRunAfter });
  }
}

/** An error as electron-updater makes them (newError): a message and a code. */
export function updaterError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

interface Timer {
  at: number;
  callback: () => void;
  id: number;
}

export class FakeClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(start = Date.parse('2026-03-23T08:00:00+01:00')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.time + ms, callback, id: this.nextId++ };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
  }

  pending(): number {
    return this.timers.length;
  }
}

/** Lets promise callbacks (then/catch in the controller) run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const SHA = `${'A'.repeat(86)}==`;

/** Update metadata as electron-updater hands it to its events. */
export function updateInfo(version: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const file = `Frontdesk-Setup-${version}.exe`;
  return { version, files: [{ url: file, sha512: SHA, size: 1000 }], path: file, sha512: SHA, releaseDate: '2026-03-20T10:00:00.000Z', ...extra };
}
