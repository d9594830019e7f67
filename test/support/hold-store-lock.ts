// Another program holding the store: opens the file given, takes an exclusive lock (SQLite's
// EXCLUSIVE locking mode, then a write transaction, so no other connection may even read),
// prints "locked", and keeps it for the milliseconds given (or until killed), then lets go
// and prints "released".
import { DatabaseSync } from 'node:sqlite';

const [file, holdMs] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: hold-store-lock.ts FILE [HOLD_MS]');
const db = new DatabaseSync(file);
db.exec('PRAGMA locking_mode = EXCLUSIVE');
db.exec('BEGIN EXCLUSIVE');
db.exec('CREATE TABLE IF NOT EXISTS lock_holder_probe (x INTEGER)');
console.log('locked');
const release = (): void => {
  db.exec('ROLLBACK');
  db.close();
  console.log('released');
  process.exit(0);
};
if (holdMs !== undefined) setTimeout(release, Number(holdMs));
else setInterval(() => undefined, 60_000);
process.on('SIGTERM', release);
