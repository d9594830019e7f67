// A damaged store never stops the app. Each case is a real SQLite file, damaged as disks
// and crashes damage them: cut short, pages overwritten with random bytes, written by a newer
// Frontdesk, held by another process, a disk that fills up during a write. The file is set
// aside (never deleted) when it cannot be used, what can be read of its outbox is salvaged and
// held until the receptionist sends it, and a file another process holds is never touched.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { appErrorOf } from '../../main/errors/failure.ts';
import { createAccountStore } from '../../main/store/accounts.ts';
import { openDatabase, StoreFullError } from '../../main/store/database.ts';
import { MIGRATIONS } from '../../main/store/migrations.ts';
import { createOutboxStore } from '../../main/store/outbox/outbox-store.ts';
import type { AppointmentRecord } from '../../main/store/records.ts';
import { openStoreSafely } from '../../main/store/salvage/open-safely.ts';
import { openStore, STORE_FILE_NAME, type LocalStore } from '../../main/store/store.ts';
import { digest, pagesOf, scribble, truncate } from '../support/damaged-store.ts';
import { run } from '../support/processes.ts';
import { appointment } from '../support/store-fixtures.ts';

const ACCOUNT = { key: 'leyr:webdoc:L0_1', emr: 'webdoc', careUnitId: 'L0_1' };
const CHANGES = 12;
const AT = new Date('2026-12-07T14:30:05.123Z');
/** Tables the app refetches from Leyr (days, names): damage there costs nothing unsent. */
const REFETCHABLE = ['appointments', 'timeslots', 'appointments_by_day', 'timeslots_by_day'];
const OUTBOX = ['outbox', 'outbox_targets'];

/** A change id per change, so a test can say which ones came back. */
const changeId = (n: number): string => `change-${String(n).padStart(3, '0')}`;

/**
 * A store as a receptionist's day leaves it: an account, `CHANGES` moves not yet accepted
 * (the outbox, written first, so its pages come first), then two weeks of appointments and
 * free time (many pages), checkpointed into the main file.
 */
function writeStore(dir: string, options: { sentFirst?: boolean } = {}): void {
  const store = openStore(dir);
  const { id: accountId } = store.accounts.ensure(ACCOUNT, AT.toISOString());
  for (let n = 1; n <= CHANGES; n += 1) {
    const base = appointment(`apt-${n}`, '09:00');
    const expected: AppointmentRecord = { ...base, start: '2026-03-23T10:00:00+01:00', end: '2026-03-23T10:30:00+01:00' };
    store.outbox.enqueue(accountId, {
      changeId: changeId(n),
      request: { kind: 'move', appointmentId: base.id, start: expected.start, end: expected.end },
      // Long enough that the outbox spans several pages.
      summary: `Move of apt-${n} to 10:00 ${'·'.repeat(400)}`,
      actor: 'reception-1',
      createdAt: AT.toISOString(),
      targets: [{ appointmentId: base.id, base, expected }],
    });
  }
  if (options.sentFirst === true) store.outbox.markSent(1, AT.toISOString());
  const days: AppointmentRecord[] = [];
  for (let day = 0; day < 14; day += 1) {
    for (let i = 0; i < 40; i += 1) {
      days.push(appointment(`day${day}-apt${i}`, `${8 + (i % 9)}:${i % 2 === 0 ? '00' : '30'}`, { date: `2026-03-${String(9 + day).padStart(2, '0')}`, comment: 'x'.repeat(200) }));
    }
  }
  store.days.upsertServer(accountId, days, 1);
  store.close();
}

const storeFile = (dir: string): string => path.join(dir, STORE_FILE_NAME);
const asideFiles = (dir: string): string[] => readdirSync(dir).filter((name) => /\.(damaged|newer)-.*\.sqlite$/.test(name)).sort();

/** The store after a salvage: the account's held changes and what the worker would take. */
function heldOf(store: LocalStore): { held: string[]; next: string | null; active: number } {
  const account = store.accounts.list().find((a) => a.key === ACCOUNT.key);
  return {
    held: store.outbox.held.list().map((entry) => entry.changeId),
    next: account === undefined ? null : (store.outbox.next(account.id)?.changeId ?? null),
    active: account === undefined ? 0 : store.outbox.activeCount(account.id),
  };
}

const allChanges = Array.from({ length: CHANGES }, (_, i) => changeId(i + 1));

describe('a damaged store never stops the app', () => {
  let dir: string;
  const opened: LocalStore[] = [];
  const open = (options: Parameters<typeof openStoreSafely>[1] = {}): ReturnType<typeof openStoreSafely> => {
    const result = openStoreSafely(dir, { now: () => AT, ...options });
    opened.push(result.store);
    return result;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-damage-'));
  });
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a sound store as it is, with nothing set aside', () => {
    writeStore(dir);
    const { store, incident } = open();
    assert.equal(incident, null);
    assert.deepEqual(asideFiles(dir), []);
    assert.equal(heldOf(store).active, CHANGES);
  });

  it('a file cut short after its outbox: set aside as it was, every unsent change salvaged and held', () => {
    writeStore(dir);
    const file = storeFile(dir);
    const { pageSize, pages } = pagesOf(file, OUTBOX);
    const lastOutboxPage = Math.max(...pages.map((p) => p.pageno));
    const cutAt = (lastOutboxPage + 3) * pageSize;
    assert.ok(statSync(file).size > cutAt + 10 * pageSize, 'the appointments lie beyond the cut');
    truncate(file, cutAt);
    const before = digest(file);

    const { store, incident } = open();
    assert.equal(incident?.kind, 'damaged');
    assert.equal(incident.setAsideAs, 'frontdesk.damaged-20261207T143005Z.sqlite');
    assert.deepEqual(asideFiles(dir), ['frontdesk.damaged-20261207T143005Z.sqlite']);
    assert.equal(digest(path.join(dir, incident.setAsideAs)), before, 'the set-aside file is the damaged file, untouched');
    assert.equal(incident.salvaged, CHANGES);
    assert.equal(incident.unreadable, 0);
    // Held: nothing salvaged goes to Leyr, nor counts as waiting, before the receptionist says so.
    assert.deepEqual(heldOf(store), { held: allChanges, next: null, active: 0 });
    // The new store works: days are fetched again into it.
    const account = store.accounts.ensure(ACCOUNT, AT.toISOString());
    store.days.upsertServer(account.id, [appointment('fresh', '08:00')], 2);
    assert.equal(store.days.serverAppointments(account.id, ['fresh']).size, 1);
  });

  it('a file cut to a few hundred bytes: set aside, a new store, nothing to salvage and no crash', () => {
    writeStore(dir);
    truncate(storeFile(dir), 600);
    const { store, incident } = open();
    assert.equal(incident?.kind, 'damaged');
    assert.equal(incident.salvaged, 0);
    assert.equal(asideFiles(dir).length, 1);
    assert.equal(statSync(path.join(dir, asideFiles(dir)[0] ?? '')).size, 600);
    assert.deepEqual(store.outbox.held.list(), []);
  });

  it('random bytes in the appointments’ pages: quick_check finds it; the outbox is salvaged whole', () => {
    writeStore(dir);
    const file = storeFile(dir);
    const { pageSize, pages } = pagesOf(file, REFETCHABLE);
    const leaves = pages.filter((p) => p.pagetype === 'leaf');
    assert.ok(leaves.length > 10);
    scribble(file, leaves.slice(2, 6).map((p) => p.pageno), pageSize);
    // The header is intact: the file still opens, only the check sees the damage.
    const plain = new DatabaseSync(file, { readOnly: true });
    assert.equal(plain.prepare('PRAGMA user_version').get()?.user_version, MIGRATIONS.length);
    plain.close();

    const { store, incident } = open();
    assert.equal(incident?.kind, 'damaged');
    assert.equal(incident.salvaged, CHANGES);
    assert.deepEqual(heldOf(store).held, allChanges);
  });

  it('random bytes in one of the outbox’s own pages: the rows elsewhere are salvaged, the lost ones counted', () => {
    writeStore(dir);
    const file = storeFile(dir);
    const { pageSize, pages } = pagesOf(file, ['outbox']);
    const leaves = pages.filter((p) => p.pagetype === 'leaf');
    assert.ok(leaves.length >= 3, `the outbox spans ${leaves.length} leaf pages`);
    const hit = leaves[1];
    assert.ok(hit !== undefined && hit.ncell > 0);
    scribble(file, [hit.pageno], pageSize, 99);

    const { store, incident } = open();
    assert.equal(incident?.kind, 'damaged');
    assert.equal(incident.salvaged, CHANGES - hit.ncell, 'every row outside the damaged page');
    assert.ok(incident.unreadable >= 1, 'the lost rows are said');
    assert.equal(heldOf(store).held.length, CHANGES - hit.ncell);
  });

  it('a file a newer Frontdesk made: never migrated down or wiped, set aside as "newer", its readable outbox held', () => {
    writeStore(dir, { sentFirst: true });
    const file = storeFile(dir);
    const newer = MIGRATIONS.length + 3;
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA user_version = ${newer}`);
    db.close();
    const before = digest(file);

    const { store, incident } = open();
    assert.equal(incident?.kind, 'newer');
    assert.equal(incident.version, newer);
    assert.equal(incident.setAsideAs, 'frontdesk.newer-20261207T143005Z.sqlite');
    const aside = path.join(dir, incident.setAsideAs);
    assert.equal(digest(aside), before, 'the newer file is kept byte for byte');
    const check = new DatabaseSync(aside, { readOnly: true });
    assert.equal(check.prepare('PRAGMA user_version').get()?.user_version, newer);
    check.close();
    assert.equal(incident.salvaged, CHANGES);
    // The one that was in flight stays so: once sent, Leyr is asked first whether it arrived.
    assert.equal(store.outbox.byChangeId(changeId(1))?.status, 'sent');
    assert.equal(store.outbox.byChangeId(changeId(2))?.status, 'pending');
  });

  it('held changes survive a restart; the worker takes only those sent, and never a discarded one', () => {
    writeStore(dir);
    truncate(storeFile(dir), (Math.max(...pagesOf(storeFile(dir), OUTBOX).pages.map((p) => p.pageno)) + 3) * 4096);
    open().store.close();
    opened.length = 0;

    const { store, incident } = open();
    assert.equal(incident, null, 'the new store is sound');
    assert.deepEqual(heldOf(store), { held: allChanges, next: null, active: 0 });
    const released = store.outbox.held.release([changeId(3)], AT.toISOString());
    assert.deepEqual(released.map((e) => e.changeId), [changeId(3)]);
    store.outbox.held.discard([changeId(4)], AT.toISOString());
    const after = heldOf(store);
    assert.equal(after.next, changeId(3), 'the one sent is next for the worker');
    assert.equal(after.active, 1);
    assert.deepEqual(after.held, allChanges.filter((id) => id !== changeId(3) && id !== changeId(4)));
    assert.equal(store.outbox.byChangeId(changeId(4))?.dismissed, true, 'discarded: closed, never sent');
    // Signing out counts them as not yet sent (account-calls.ts).
    assert.equal(store.outbox.held.count(store.accounts.ensure(ACCOUNT, AT.toISOString()).id), CHANGES - 2);
  });

  it('a file another process holds is not damaged: never moved, waited for, then a temporary store', async () => {
    writeStore(dir);
    const file = storeFile(dir);
    const before = digest(file);
    const holder = run(['test/support/hold-store-lock.ts', file]);
    try {
      await holder.waitFor(/locked/);
      const started = Date.now();
      const { store, incident } = open({ lockWaitMs: 400 });
      const waited = Date.now() - started;
      assert.equal(incident?.kind, 'locked');
      assert.equal(incident.temporary, true);
      assert.equal(incident.setAsideAs, null);
      assert.ok(waited >= 350, `waited ${waited} ms for the lock`);
      assert.deepEqual(asideFiles(dir), [], 'nothing set aside');
      assert.equal(store.file, ':memory:');
      // The temporary store works.
      const account = store.accounts.ensure(ACCOUNT, AT.toISOString());
      store.days.upsertServer(account.id, [appointment('a', '08:00')], 1);
      assert.equal(store.days.serverAppointments(account.id, ['a']).size, 1);
    } finally {
      await holder.stop();
    }
    assert.equal(digest(file), before, 'the held file is untouched');
    // Once the other program lets go, the store opens as it was, its outbox whole.
    const { store, incident } = open();
    assert.equal(incident, null);
    assert.equal(heldOf(store).active, CHANGES);
  });

  it('a lock let go within the wait: the store opens as it is', async () => {
    writeStore(dir);
    const holder = run(['test/support/hold-store-lock.ts', storeFile(dir), '300']);
    try {
      await holder.waitFor(/locked/);
      const { incident, store } = open({ lockWaitMs: 10_000 });
      assert.equal(incident, null);
      assert.equal(heldOf(store).active, CHANGES);
    } finally {
      await holder.stop();
    }
  });
});

describe('a full disk during a write', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-full-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses the change with a typed "disk is full", keeps everything stored, and works again once there is room', () => {
    const database = openDatabase(path.join(dir, STORE_FILE_NAME));
    try {
      const accounts = createAccountStore(database);
      const outbox = createOutboxStore(database);
      const { id: accountId } = accounts.ensure(ACCOUNT, AT.toISOString());
      const entry = (n: number) => {
        const base = appointment(`apt-${n}`, '09:00');
        return {
          changeId: changeId(n),
          request: { kind: 'cancel' as const, ids: [base.id], reason: 'sick' },
          summary: `Cancel of apt-${n} ${'·'.repeat(3000)}`,
          actor: 'reception-1',
          createdAt: AT.toISOString(),
          targets: [{ appointmentId: base.id, base, expected: { ...base, status: 'cancelled' } }],
        };
      };
      outbox.enqueue(accountId, entry(1));
      outbox.enqueue(accountId, entry(2));
      // The disk is full: SQLite may not grow the file by a single page.
      const pages = Number(database.db.prepare('PRAGMA page_count').get()?.page_count);
      database.db.exec(`PRAGMA max_page_count = ${pages}`);

      let refused: unknown = null;
      let n = 3;
      for (; n < 50 && refused === null; n += 1) {
        try {
          outbox.enqueue(accountId, entry(n));
        } catch (error) {
          refused = error;
        }
      }
      assert.ok(refused instanceof StoreFullError, `refused with ${String(refused)}`);
      const said = appErrorOf(refused);
      assert.equal(said.code, 'DISK_FULL');
      assert.match(said.message, /disk of this computer is full/);
      const refusedId = changeId(n - 1);
      // Nothing of the refused change was kept; everything before it was.
      assert.equal(outbox.byChangeId(refusedId), null);
      const kept = outbox.open(accountId).map((e) => e.changeId);
      assert.deepEqual(kept, Array.from({ length: n - 2 }, (_, i) => changeId(i + 1)));
      assert.equal(database.db.prepare('PRAGMA quick_check').get()?.quick_check, 'ok');
      // Room again: the same change goes in.
      database.db.exec('PRAGMA max_page_count = 1073741823');
      outbox.enqueue(accountId, entry(n - 1));
      assert.equal(outbox.byChangeId(refusedId)?.status, 'pending');
    } finally {
      database.close();
    }
    // Reopened, all of it is there.
    const store = openStore(dir);
    try {
      const account = store.accounts.ensure(ACCOUNT, AT.toISOString());
      assert.ok(store.outbox.activeCount(account.id) >= 3);
    } finally {
      store.close();
    }
    assert.ok(existsSync(path.join(dir, STORE_FILE_NAME)));
  });
});
