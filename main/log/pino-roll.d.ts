// pino-roll ships no types: the slice main/log/rotating-file.ts uses (pino-roll.js's JSDoc).
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  interface PinoRollOptions {
    /** The base path; a number (and the extension) is appended: main.1.log, main.2.log, … */
    file: string;
    /** Largest size of one file: a number of MB, or '5m', '512k'. */
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    /** Files kept besides the current one; `removeOtherLogFiles` also counts files of earlier runs. */
    limit?: { count: number; removeOtherLogFiles?: boolean };
    symlink?: boolean;
    mkdir?: boolean;
    sync?: boolean;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
