// What SQLite said when a call failed, by its primary result code (node:sqlite puts the
// extended code on the error as `errcode`; the low byte is the primary one). Three answers
// matter to the app and each is handled differently: a damaged file is set aside and its
// outbox salvaged, a file another process holds is waited for and never touched, a full disk
// refuses the one write and keeps everything else.
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_NOTADB = 26;

/** The primary SQLite result code of an error node:sqlite threw, or null when it is not one. */
export function sqliteCode(error: unknown): number | null {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code & 0xff : null;
}

/** The file's pages or header cannot be read as a database. */
export const isDamage = (error: unknown): boolean => [SQLITE_CORRUPT, SQLITE_NOTADB].includes(sqliteCode(error) ?? -1);
/** Another connection (another process) holds a lock the call needed. */
export const isBusy = (error: unknown): boolean => [SQLITE_BUSY, SQLITE_LOCKED].includes(sqliteCode(error) ?? -1);
/** The disk (or the file's page limit) is full. */
export const isFull = (error: unknown): boolean => sqliteCode(error) === SQLITE_FULL;

/** The error itself or any of its causes satisfies `test`. */
export function anyCause(error: unknown, test: (error: unknown) => boolean): boolean {
  for (let at: unknown = error, depth = 0; at !== undefined && at !== null && depth < 5; at = (at as { cause?: unknown }).cause, depth += 1) {
    if (test(at)) return true;
  }
  return false;
}
