// A real pino logger whose lines are kept in memory, so tests can assert what was logged.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../main/log/logger.ts';

export interface CapturedLog {
  log: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
}

export function captureLog(secrets?: Set<string>): CapturedLog {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const log = createLogger({ destination, level: 'debug', ...(secrets && { secrets }) });
  const text = (): string => chunks.join('');
  return {
    log,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
