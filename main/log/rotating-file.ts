// The desktop app's log file, rotated by size so that months of work cannot fill a disk:
// main.1.log, main.2.log, … each at most FILE_SIZE, FILES of them at most (the oldest go,
// those of earlier runs included). pino-roll does the rolling (the pino project's own, used
// here as a plain stream in main's thread, not as a worker transport: a worker would load
// modules by path, which the single esbuild bundle inside app.asar does not have).
//
// pino-roll opens its first file asynchronously (it looks for the last number in use), while
// the logger is needed synchronously at start: lines written before the file is open are held
// (a bounded number) and written once it is.
import path from 'node:path';
import type { DestinationStream } from 'pino';
import pinoRoll from 'pino-roll';
import type SonicBoom from 'sonic-boom';

export const LOG_FILE_SIZE = '5m';
/** Files kept in all: the current one and this many less one before it. */
export const LOG_FILES = 5;
const HELD_LINES = 2_000;

export interface RotatingLog {
  /** pino's destination: write() never throws and never waits. */
  stream: DestinationStream & { flush(): void };
  /** Resolves true once the file is open; false when it cannot be (lines then go to stderr). Never rejects. */
  ready: Promise<boolean>;
  close(): Promise<void>;
}

export interface RotatingLogOptions {
  folder: string;
  /** The files' base name: `main` gives main.1.log, main.2.log, … */
  name: string;
  size?: string;
  files?: number;
}

export function rotatingLog(options: RotatingLogOptions): RotatingLog {
  let file: SonicBoom | null = null;
  let failed = false;
  let held: string[] = [];
  let dropped = 0;

  const cannotOpen = (error: unknown): false => {
    failed = true;
    process.stderr.write(`frontdesk: the log file could not be opened (${String(error)}); logging to stderr\n`);
    for (const line of held) process.stderr.write(line);
    held = [];
    return false;
  };
  const ready = pinoRoll({
    file: path.join(options.folder, options.name),
    extension: '.log',
    size: options.size ?? LOG_FILE_SIZE,
    limit: { count: (options.files ?? LOG_FILES) - 1, removeOtherLogFiles: true },
    mkdir: true,
    sync: false,
  }).then(
    (opened) =>
      new Promise<boolean>((resolve) => {
        // The file itself opens asynchronously: 'ready' once it is, 'error' when it cannot be.
        opened.once('ready', () => {
          file = opened;
          if (dropped > 0) opened.write(`${JSON.stringify({ level: 40, time: Date.now(), msg: 'log lines dropped while the log file opened', dropped })}\n`);
          for (const line of held) opened.write(line);
          held = [];
          resolve(true);
        });
        // A failed write or roll must not take main down with an 'error' nobody listens to.
        opened.on('error', (error: unknown) => {
          if (file === null) resolve(cannotOpen(error));
          else process.stderr.write(`frontdesk: log file error: ${String(error)}\n`);
        });
      }),
    cannotOpen,
  );

  const stream = {
    write(line: string): void {
      if (file !== null) file.write(line);
      else if (failed) process.stderr.write(line);
      else if (held.length < HELD_LINES) held.push(line);
      else dropped += 1;
    },
    flush(): void {
      // flushSync throws while the file is still opening (or busy); the lines then go with the next write.
      try {
        file?.flushSync();
      } catch {
        /* nothing more to do on the way out */
      }
    },
  };

  return {
    stream,
    ready,
    async close() {
      await ready;
      const opened = file as SonicBoom | null;
      if (opened === null) return;
      await new Promise<void>((resolve) => {
        opened.once('close', () => resolve());
        opened.end();
      });
    },
  };
}
