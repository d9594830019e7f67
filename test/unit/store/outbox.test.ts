import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { STORE_FILE_NAME } from '../../../main/store/store.ts';
import type { NewOutboxEntry } from '../../../main/store/outbox/entry.ts';
import type { AppointmentRecord } from '../../../main/store/records.ts';
import { appointment, tempStore, type TempStore } from '../../support/store-fixtures.ts';

const failure = { reason: 'Slot taken', code: 'NO_TIMESLOTS_AVAILABLE', leyr: { code: 'BAD_REQUEST', status: 400, errorCodes: ['NO_TIMESLOTS_AVAILABLE'], instance: 'i-1', detail: null } };

function change(changeId: string, targets: { base: AppointmentRecord | null; expected: AppointmentRecord | null; id?: string }[]): NewOutboxEntry {
  return {
    changeId,
    request: { kind: 'move', appointmentId: targets[0]?.base?.id ?? 'x' },
    summary: `change ${changeId}`,
    actor: 'desk-1',
    createdAt: new Date().toISOString(),
    targets: targets.map((t) => ({ appointmentId: t.id ?? t.base?.id ?? t.expected?.id ?? '', base: t.base, expected: t.expected })),
  };
}

describe('outbox store', () => {
  let t: TempStore;
  const a1 = appointment('a1', '09:00');
  const a2 = appointment('a2', '10:00');
  beforeEach(() => {
    t = tempStore();
    t.store.days.writeDay(t.accountId, '2026-03-23', { appointments: [a1, a2], timeslots: [], fetchedAt: new Date().toISOString(), fetchSeq: 0 });
  });
  afterEach(() => t.dispose());

  const shown = (id: string) => t.store.days.dayView(t.accountId, '2026-03-23').find((row) => row.id === id);

  it('writes a change, its targets and its optimistic copy together, leaving the server copy alone', () => {
    const moved = appointment('a1', '11:00');
    const seq = t.store.outbox.enqueue(t.accountId, change('c1', [{ base: a1, expected: moved }]));
    const entry = t.store.outbox.next(t.accountId);
    assert.equal(entry?.seq, seq);
    assert.equal(entry?.status, 'pending');
    assert.deepEqual(entry?.targets, [{ appointmentId: 'a1', base: a1, expected: moved }]);
    assert.equal(shown('a1')?.start, moved.start);
    assert.equal(shown('a1')?.pending, true);
    assert.equal(shown('a1')?.changeId, 'c1');
    assert.equal(t.store.days.serverAppointments(t.accountId, ['a1']).get('a1')?.start, a1.start);
    assert.equal(t.store.outbox.activeCount(t.accountId), 1);
  });

  it('shows the newest pending change of an appointment, and the server copy again when none is left', () => {
    const first = appointment('a1', '11:00');
    const second = appointment('a1', '12:00');
    const s1 = t.store.outbox.enqueue(t.accountId, change('c1', [{ base: a1, expected: first }]));
    const s2 = t.store.outbox.enqueue(t.accountId, change('c2', [{ base: first, expected: second }]));
    assert.equal(shown('a1')?.start, second.start);
    t.store.days.upsertServer(t.accountId, [first], 1);
    t.store.outbox.settle(s1, { status: 'applied' }, 'now');
    assert.equal(shown('a1')?.start, second.start, 'the second change still shows');
    assert.equal(t.store.outbox.next(t.accountId)?.changeId, 'c2');
    t.store.outbox.settle(s2, { status: 'refused', failure }, 'now');
    assert.equal(shown('a1')?.start, first.start, 'reverted to the server copy');
    assert.equal(shown('a1')?.pending, false);
    assert.equal(t.store.outbox.next(t.accountId), null);
  });

  it('finds the later active changes that touch the same appointments', () => {
    const s1 = t.store.outbox.enqueue(t.accountId, change('c1', [{ base: a1, expected: appointment('a1', '11:00') }]));
    t.store.outbox.enqueue(t.accountId, change('c2', [{ base: a2, expected: appointment('a2', '12:00') }]));
    t.store.outbox.enqueue(t.accountId, change('c3', [{ base: appointment('a1', '11:00'), expected: appointment('a1', '13:00') }]));
    assert.deepEqual(
      t.store.outbox.activeAfter(t.accountId, s1, ['a1']).map((e) => e.changeId),
      ['c3'],
    );
    assert.deepEqual([...t.store.outbox.activeTargets(t.accountId, ['a1', 'a2', 'a3']).entries()], [
      ['a1', ['pending', 'pending']],
      ['a2', ['pending']],
    ]);
  });

  it('keeps a deferred change active with its status, and lists failures until dismissed', () => {
    const s1 = t.store.outbox.enqueue(t.accountId, change('c1', [{ base: a1, expected: appointment('a1', '11:00') }]));
    t.store.outbox.markSent(s1, 'now');
    t.store.outbox.deferRetry(s1, Date.now() + 1000, { reason: 'offline', code: 'network', leyr: null }, 'now', 'sent');
    const entry = t.store.outbox.next(t.accountId);
    assert.equal(entry?.status, 'sent');
    assert.equal(entry?.attempts, 1);
    assert.ok((entry?.nextAttemptAt ?? 0) > Date.now());
    t.store.outbox.settle(s1, { status: 'refused', failure }, 'now');
    assert.equal(t.store.outbox.failuresByAppointment(t.accountId).get('a1')?.changeId, 'c1');
    assert.deepEqual(
      t.store.outbox.open(t.accountId).map((e) => [e.changeId, e.status]),
      [['c1', 'refused']],
    );
    assert.equal(t.store.outbox.dismiss('c1', '2026-01-01T00:00:00.000Z'), true);
    assert.equal(t.store.outbox.open(t.accountId).length, 0);
    assert.equal(t.store.outbox.failuresByAppointment(t.accountId).size, 0);
    assert.equal(t.store.outbox.purgeSettled('2025-12-31T00:00:00.000Z'), 0, 'not yet old enough');
    assert.equal(t.store.outbox.purgeSettled('2026-01-02T00:00:00.000Z'), 1);
    assert.equal(t.store.outbox.byChangeId('c1'), null);
  });

  it('drops an optimistic booking when it is refused', () => {
    const local = appointment('local:c1', '14:00');
    const seq = t.store.outbox.enqueue(t.accountId, change('c1', [{ base: null, expected: local }]));
    assert.equal(shown('local:c1')?.pending, true);
    t.store.outbox.settle(seq, { status: 'refused', failure }, 'now');
    assert.equal(shown('local:c1'), undefined);
  });

  it('deletes an account’s cached data and outbox with the account; the audit log stays', () => {
    t.store.outbox.enqueue(t.accountId, change('c1', [{ base: a1, expected: appointment('a1', '11:00') }]));
    t.store.patients.upsert(t.accountId, [{ id: 'pat-1', emrId: null, firstName: 'Anna', lastName: 'Ek', externalId: '191212121212' }], '2026-03-23');
    t.store.audit.write({ accountId: t.accountId, at: 'now', actor: 'desk', action: 'change.queued', changeId: 'c1' });
    assert.equal(t.store.accounts.remove('test:webdoc:L0_1'), true);
    assert.equal(t.store.outbox.byChangeId('c1'), null);
    assert.equal(t.store.days.serverAppointments(t.accountId, ['a1', 'a2']).size, 0);
    assert.equal(t.store.patients.get(t.accountId, 'pat-1'), null);
    assert.equal(t.store.days.dayView(t.accountId, '2026-03-23').length, 0);
    const reader = new DatabaseSync(path.join(t.dir, STORE_FILE_NAME), { readOnly: true });
    try {
      assert.deepEqual({ ...reader.prepare('SELECT account_id, action, change_id FROM audit_log').get() }, { account_id: null, action: 'change.queued', change_id: 'c1' });
    } finally {
      reader.close();
    }
  });
});
