// An outbox row whose request cannot be read back is handled where it leaves SQLite: kept,
// marked once, refused (and its overlay gone) if it was still to be sent, reported once, and
// never handed to the worker.
import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { UnreadableReport } from '../../../main/store/outbox/entry.ts';
import { STORE_FILE_NAME } from '../../../main/store/store.ts';
import { appointment, tempStore, type TempStore } from '../../support/store-fixtures.ts';

const DAY = '2026-03-23';
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('unreadable outbox rows', () => {
  let t: TempStore;
  const a1 = appointment('a1', '09:00');
  const a2 = appointment('a2', '10:00');
  const reports: UnreadableReport[] = [];
  beforeEach(() => {
    t = tempStore();
    reports.length = 0;
    t.store.outbox.onUnreadable((report) => reports.push(report));
    t.store.days.writeDay(t.accountId, DAY, { appointments: [a1, a2], timeslots: [], fetchedAt: 'f', fetchSeq: 0 });
    for (const [changeId, base, time] of [['c1', a1, '11:00'], ['c2', a2, '12:00']] as const) {
      const expected = appointment(base.id, time);
      t.store.outbox.enqueue(t.accountId, { changeId, request: { kind: 'move', appointmentId: base.id, start: expected.start, end: expected.end }, summary: changeId, actor: 'x', createdAt: 'now', targets: [{ appointmentId: base.id, base, expected }] });
    }
  });
  afterEach(() => t.dispose());

  const damage = (sql: string, changeId: string): void => {
    const raw = new DatabaseSync(path.join(t.dir, STORE_FILE_NAME));
    raw.prepare(sql).run(changeId);
    raw.close();
  };
  const shown = (id: string) => t.store.days.dayView(t.accountId, DAY).find((row) => row.id === id);

  it('is kept, refused with its overlay gone, reported once, and the worker gets the next change', async () => {
    damage("UPDATE outbox SET request = '{' WHERE change_id = ?", 'c1');
    assert.equal(shown('a1')?.pending, true, 'the overlay shows until the row is read');
    const next = t.store.outbox.next(t.accountId);
    assert.equal(next?.changeId, 'c2');
    assert.equal(next?.request.kind, 'move');

    const kept = t.store.outbox.byChangeId('c1');
    assert.ok(kept !== null && kept.request === null);
    assert.equal(kept.storedKind, 'move');
    assert.equal(kept.status, 'refused');
    assert.equal(kept.failure?.code, 'UNREADABLE');
    assert.equal(shown('a1')?.start, a1.start, 'reverted to the server copy');
    assert.equal(shown('a1')?.pending, false);
    assert.equal(t.store.outbox.activeCount(t.accountId), 1);
    assert.equal(t.store.outbox.failuresByAppointment(t.accountId).get('a1')?.changeId, 'c1');

    assert.equal(reports.length, 0, 'told after the work that met it');
    await turn();
    assert.equal(reports.length, 1);
    const [report] = reports;
    assert.deepEqual([report?.accountId, report?.changeId, report?.wasActive], [t.accountId, 'c1', true]);
    assert.match(report?.problem ?? '', /not JSON/);
    t.store.outbox.open(t.accountId);
    t.store.outbox.byChangeId('c1');
    await turn();
    assert.equal(reports.length, 1, 'marked once, told once');
  });

  it('marks a settled row of an unknown kind without changing how it ended', async () => {
    const first = t.store.outbox.next(t.accountId);
    assert.ok(first);
    t.store.outbox.settle(first.seq, { status: 'applied' }, 'later');
    damage("UPDATE outbox SET kind = 'teleport' WHERE change_id = ?", 'c1');
    const kept = t.store.outbox.byChangeId('c1');
    assert.equal(kept?.status, 'applied');
    assert.equal(kept?.request, null);
    await turn();
    assert.deepEqual(reports.map((r) => [r.changeId, r.wasActive]), [['c1', false]]);
  });

  it('is skipped where the worker looks for later changes, and a listener that left hears nothing', async () => {
    const late: UnreadableReport[] = [];
    const subscription = t.store.outbox.onUnreadable((report) => late.push(report));
    subscription.dispose();
    damage("UPDATE outbox SET request = '{\"kind\":\"move\"}' WHERE change_id = ?", 'c2');
    assert.deepEqual(t.store.outbox.activeAfter(t.accountId, 0, ['a1', 'a2']).map((e) => e.changeId), ['c1']);
    await turn();
    assert.equal(reports.length, 1);
    assert.equal(late.length, 0);
  });
});
