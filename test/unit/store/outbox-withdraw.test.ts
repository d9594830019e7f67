// Taking a change not yet sent back out of the outbox (an undo), against a real SQLite file:
// only a pending one, its optimistic copy gone with it, and the worker's mark that it leaves
// (markSent) failing once it was withdrawn, so a withdrawn change is never sent.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { NewOutboxEntry } from '../../../main/store/outbox/entry.ts';
import type { AppointmentRecord } from '../../../main/store/records.ts';
import { appointment, tempStore, type TempStore } from '../../support/store-fixtures.ts';

const move = (changeId: string, base: AppointmentRecord, expected: AppointmentRecord): NewOutboxEntry => ({
  changeId,
  request: { kind: 'move', appointmentId: base.id, start: expected.start, end: expected.end },
  summary: `move ${changeId}`,
  actor: 'desk-1',
  createdAt: new Date().toISOString(),
  targets: [{ appointmentId: base.id, base, expected }],
});

describe('withdrawing an unsent change', () => {
  let t: TempStore;
  const a1 = appointment('a1', '09:00');
  beforeEach(() => {
    t = tempStore();
    t.store.days.writeDay(t.accountId, '2026-03-23', { appointments: [a1], timeslots: [], fetchedAt: new Date().toISOString(), fetchSeq: 0 });
  });
  afterEach(() => t.dispose());

  const shown = (id: string) => t.store.days.dayView(t.accountId, '2026-03-23').find((row) => row.id === id);

  it('takes a pending change out with its optimistic copy; the worker cannot mark it sent after', () => {
    const seq = t.store.outbox.enqueue(t.accountId, move('c1', a1, appointment('a1', '11:00')));
    assert.equal(shown('a1')?.pending, true);
    assert.deepEqual(t.store.outbox.withdraw(t.accountId, 'c1'), ['a1']);
    assert.equal(shown('a1')?.start, a1.start, 'the server copy shows again');
    assert.equal(shown('a1')?.pending, false);
    assert.equal(t.store.outbox.byChangeId('c1'), null);
    assert.equal(t.store.outbox.next(t.accountId), null);
    assert.equal(t.store.outbox.markSent(seq, 'now'), false, 'a withdrawn change is never marked in flight');
    assert.equal(t.store.outbox.withdraw(t.accountId, 'c1'), null, 'twice is nothing');
  });

  it('leaves a change that is in flight, settled, or another account’s', () => {
    const seq = t.store.outbox.enqueue(t.accountId, move('c1', a1, appointment('a1', '11:00')));
    assert.equal(t.store.outbox.markSent(seq, 'now'), true);
    assert.equal(t.store.outbox.withdraw(t.accountId, 'c1'), null, 'in flight: it may be at Leyr already');
    assert.equal(t.store.outbox.byChangeId('c1')?.status, 'sent');
    t.store.outbox.settle(seq, { status: 'applied' }, 'now');
    assert.equal(t.store.outbox.withdraw(t.accountId, 'c1'), null);
    t.store.outbox.enqueue(t.accountId, move('c2', a1, appointment('a1', '12:00')));
    assert.equal(t.store.outbox.withdraw(t.accountId + 1, 'c2'), null);
    assert.equal(t.store.outbox.byChangeId('c2')?.status, 'pending');
  });
});
