// Ways to damage a real store file the way disks and crashes do: pages overwritten with
// random bytes (found by table through SQLite's dbstat, never the header alone), a file cut
// short, and a lock held by another process (test/support/hold-store-lock.ts).
import { createHash } from 'node:crypto';
import { openSync, closeSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

/** A small deterministic generator (mulberry32): the same bytes every run. */
export function randomBytes(seed: number, length: number): Buffer {
  let state = seed >>> 0;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

export interface PageInfo {
  name: string;
  pageno: number;
  pagetype: string;
  ncell: number;
}

/** The pages of these tables and indexes (by name), as SQLite's dbstat lists them. */
export function pagesOf(file: string, names: readonly string[]): { pageSize: number; pages: PageInfo[] } {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const pageSize = Number(db.prepare('PRAGMA page_size').get()?.page_size);
    const pages = db
      .prepare('SELECT name, pageno, pagetype, ncell FROM dbstat WHERE name IN (SELECT value FROM json_each(?)) ORDER BY pageno')
      .all(JSON.stringify(names))
      .map((row) => ({ name: String(row.name), pageno: Number(row.pageno), pagetype: String(row.pagetype), ncell: Number(row.ncell) }));
    return { pageSize, pages };
  } finally {
    db.close();
  }
}

/** Overwrites whole pages (never page 1, the header's) with random bytes. */
export function scribble(file: string, pagenos: readonly number[], pageSize: number, seed = 7): void {
  const fd = openSync(file, 'r+');
  try {
    for (const [i, pageno] of pagenos.entries()) {
      if (pageno <= 1) throw new Error('scribble leaves page 1 alone: that is the header-only case');
      writeSync(fd, randomBytes(seed + i, pageSize), 0, pageSize, (pageno - 1) * pageSize);
    }
  } finally {
    closeSync(fd);
  }
}

/** Cuts the file to `bytes`. */
export function truncate(file: string, bytes: number): void {
  if (bytes >= statSync(file).size) throw new Error('truncate must make the file shorter');
  truncateSync(file, bytes);
}

/** The file's digest: a file that must not be touched keeps it. */
export const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
