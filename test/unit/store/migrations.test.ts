// Migration 2: the store names a change in flight as the contract does (`sent`), keeping
// every row, its targets and the outbox's sequence.
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { migrate } from '../../../main/store/database.ts';
import { MIGRATIONS } from '../../../main/store/migrations.ts';

describe('store migrations', () => {
  it('renames `sending` to `sent`, keeps targets, seq and the AUTOINCREMENT high-water mark', () => {
    const db = new DatabaseSync(':memory:', { enableForeignKeyConstraints: true });
    try {
      db.exec(MIGRATIONS[0] ?? '');
      db.exec('PRAGMA user_version = 1');
      db.exec("INSERT INTO accounts (key, emr, care_unit_id, created_at) VALUES ('k', 'webdoc', 'L0_1', 'now')");
      const insert = db.prepare("INSERT INTO outbox (account_id, change_id, kind, request, summary, status, created_at, updated_at, actor) VALUES (1, ?, 'move', '{}', 's', ?, 'n', 'n', 'a')");
      const target = db.prepare('INSERT INTO outbox_targets (seq, account_id, appointment_id, position) VALUES (?, 1, ?, 0)');
      for (const [seq, status] of [[1, 'applied'], [2, 'sending'], [3, 'pending'], [4, 'applied']] as const) {
        insert.run(`c${seq}`, status);
        target.run(seq, `a${seq}`);
      }
      db.exec('DELETE FROM outbox WHERE seq = 4');

      assert.equal(migrate(db), MIGRATIONS.length);

      assert.deepEqual(
        db.prepare('SELECT seq, status, unreadable FROM outbox ORDER BY seq').all().map((r) => ({ ...r })),
        [
          { seq: 1, status: 'applied', unreadable: 0 },
          { seq: 2, status: 'sent', unreadable: 0 },
          { seq: 3, status: 'pending', unreadable: 0 },
        ],
      );
      assert.deepEqual(db.prepare('SELECT seq, appointment_id FROM outbox_targets ORDER BY seq').all().map((r) => ({ ...r })), [
        { seq: 1, appointment_id: 'a1' },
        { seq: 2, appointment_id: 'a2' },
        { seq: 3, appointment_id: 'a3' },
      ]);
      insert.run('c5', 'pending');
      assert.equal(db.prepare("SELECT seq FROM outbox WHERE change_id = 'c5'").get()?.seq, 5, 'a purged change’s seq is not given again');
      assert.throws(() => db.exec("UPDATE outbox SET status = 'sending' WHERE seq = 1"), /CHECK constraint/);
      db.exec('DELETE FROM accounts');
      assert.equal(db.prepare('SELECT count(*) AS n FROM outbox_targets').get()?.n, 0, 'targets still go with their account');
    } finally {
      db.close();
    }
  });

  it('keeps two-step cancels by record id, drops records stored as appointments, and counts unreadable items per day', () => {
    const db = new DatabaseSync(':memory:', { enableForeignKeyConstraints: true });
    try {
      db.exec(MIGRATIONS[0] ?? '');
      db.exec(MIGRATIONS[1] ?? '');
      db.exec('PRAGMA user_version = 2');
      db.exec("INSERT INTO accounts (key, emr, care_unit_id, created_at) VALUES ('k', 'anitasystems', 'L0_1', 'now')");
      db.exec("INSERT INTO cancellation_requests (account_id, appointment_id, record_id, requested_at) VALUES (1, 'a1', 'rec-1', 't')");
      const row = "(1, ?, '2026-03-23', 's', 'e', 0, 1, 'awaiting_confirmation')";
      const insert = db.prepare(`INSERT INTO appointments (account_id, id, date, start, end, start_ms, end_ms, status) VALUES ${row}`);
      insert.run('rec-1');
      insert.run('a1');
      db.exec("INSERT INTO days (account_id, date) VALUES (1, '2026-03-23')");

      assert.equal(migrate(db), MIGRATIONS.length);

      assert.deepEqual(db.prepare('SELECT record_id, appointment_id, closed_at FROM cancellation_records').all().map((r) => ({ ...r })), [{ record_id: 'rec-1', appointment_id: 'a1', closed_at: null }]);
      assert.deepEqual(db.prepare('SELECT id FROM appointments').all().map((r) => r.id), ['a1']);
      assert.equal(db.prepare('SELECT unreadable FROM days').get()?.unreadable, 0);
    } finally {
      db.close();
    }
  });
});
