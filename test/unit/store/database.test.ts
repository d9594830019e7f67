import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openDatabase, StoreError } from '../../../main/store/database.ts';
import { MIGRATIONS } from '../../../main/store/migrations.ts';
import { openStore, STORE_FILE_NAME } from '../../../main/store/store.ts';
import { run } from '../../support/processes.ts';
import { appointment, tempStore, type TempStore } from '../../support/store-fixtures.ts';

describe('local store database', () => {
  let t: TempStore;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.dispose());

  it('is migrated to the newest version, in WAL mode with full sync and foreign keys', () => {
    const db = new DatabaseSync(path.join(t.dir, STORE_FILE_NAME));
    try {
      assert.equal(db.prepare('PRAGMA user_version').get()?.user_version, MIGRATIONS.length);
      assert.equal(db.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal');
    } finally {
      db.close();
    }
    const database = openDatabase(path.join(t.dir, 'second.sqlite'));
    try {
      assert.equal(database.db.prepare('PRAGMA synchronous').get()?.synchronous, 2, 'FULL');
      assert.equal(database.db.prepare('PRAGMA foreign_keys').get()?.foreign_keys, 1);
    } finally {
      database.close();
    }
  });

  it('keeps its data across reopening without running migrations again', () => {
    t.store.days.upsertServer(t.accountId, [appointment('a1', '09:00')], 1);
    const reopened = t.reopen();
    assert.equal(reopened.days.serverAppointments(t.accountId, ['a1']).get('a1')?.start, '2026-03-23T09:00:00+01:00');
    assert.equal(reopened.accounts.ensure({ key: 'test:webdoc:L0_1', emr: 'webdoc', careUnitId: 'L0_1' }, 'now').id, t.accountId);
  });

  it('refuses a store written by a newer app with a clear error', () => {
    t.store.close();
    const db = new DatabaseSync(path.join(t.dir, STORE_FILE_NAME));
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    assert.throws(() => openStore(t.dir), (error: unknown) => error instanceof StoreError && /newer than this app knows/.test(error.message));
  });

  it('refuses a file that is not a store with a StoreError', () => {
    const file = path.join(t.dir, 'garbage.sqlite');
    writeFileSync(file, 'this is not a database, just text that is long enough to look like a header '.repeat(20));
    assert.throws(() => openStore(file), StoreError);
  });

  it('rolls a failed transaction back completely', () => {
    assert.throws(() =>
      t.store.transaction(() => {
        t.store.days.upsertServer(t.accountId, [appointment('a1', '09:00')], 1);
        throw new Error('boom');
      }),
    );
    assert.equal(t.store.days.serverAppointments(t.accountId, ['a1']).size, 0);
  });

  it('keeps a committed change when the process is killed right after the commit', async () => {
    const script = `
      import { openStore } from './main/store/store.ts';
      const store = openStore(${JSON.stringify(t.dir)});
      const account = store.accounts.ensure({ key: 'test:webdoc:L0_1', emr: 'webdoc', careUnitId: 'L0_1' }, 'now');
      store.outbox.enqueue(account.id, { changeId: 'c-killed', request: { kind: 'cancel', ids: ['a1'], reason: 'r' }, summary: 's', actor: 'x', createdAt: 'now', targets: [] });
      console.log('committed');
      setInterval(() => {}, 1000);
    `;
    const child = run(['--input-type=module', '-e', script]);
    await child.waitFor(/committed/);
    await child.stop('SIGKILL');
    const reopened = t.reopen();
    assert.equal(reopened.outbox.byChangeId('c-killed')?.status, 'pending');
  });
});
