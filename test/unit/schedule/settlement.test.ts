// Settling an applied change on a real store: Leyr's answer becomes the server copy, and a
// later change made on top of the optimistic guess is rebased on what Leyr really did, so
// that the check before it is sent (base-check.ts) sees no false conflict.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { silentLogger } from '../../../main/log/logger.ts';
import { settleApplied, type SettlementContext } from '../../../main/schedule/changes/settlement.ts';
import type { ChangeRequest } from '../../../main/store/outbox/change-requests.ts';
import type { OutboxEntry, OutboxTarget } from '../../../main/store/outbox/entry.ts';
import type { AppointmentRecord } from '../../../main/store/records.ts';
import { appointment, tempStore, type TempStore } from '../../support/store-fixtures.ts';
import { wire } from './support/fake-leyr.ts';


describe('settling an applied change', () => {
  let t: TempStore;
  let seq = 0;
  const a1 = appointment('a1', '09:00');
  const a2 = appointment('a2', '09:30');
  const context = (): SettlementContext => ({
    store: t.store,
    accountId: t.accountId,
    actor: 'desk-1',
    log: silentLogger,
    zone: () => 'Europe/Stockholm',
    nowIso: () => new Date().toISOString(),
    nextSyncSeq: () => (seq += 1),
  });
  const queue = (changeId: string, request: ChangeRequest, targets: OutboxTarget[]): OutboxEntry => {
    t.store.outbox.enqueue(t.accountId, { changeId, request, summary: changeId, actor: 'desk-1', createdAt: new Date().toISOString(), targets });
    const entry = t.store.outbox.byChangeId(changeId);
    assert.ok(entry);
    if (entry.request === null) throw new Error(`${changeId} could not be read back`);
    return entry;
  };
  const baseOf = (changeId: string, appointmentId: string): AppointmentRecord | null | undefined =>
    t.store.outbox.byChangeId(changeId)?.targets.find((target) => target.appointmentId === appointmentId)?.base;

  beforeEach(() => {
    t = tempStore();
    t.store.days.writeDay(t.accountId, '2026-03-23', { appointments: [a1, a2], timeslots: [], fetchedAt: new Date().toISOString(), fetchSeq: 0 });
  });
  afterEach(() => t.dispose());

  it('rebases the next change of an appointment on Leyr’s answer when Leyr placed it otherwise than guessed', () => {
    // A reschedule guessed a1 → 10:00 and a2 → 10:30; Leyr put them the other way round.
    const guess1 = appointment('a1', '10:00');
    const guess2 = appointment('a2', '10:30');
    const reschedule = queue('c1', { kind: 'reschedule', ids: ['a1', 'a2'], start: guess1.start, end: guess2.end }, [
      { appointmentId: 'a1', base: a1, expected: guess1 },
      { appointmentId: 'a2', base: a2, expected: guess2 },
    ]);
    // Made on top of the guess: a cancel of a1, then a move of a1; a cancel of a2.
    queue('c2', { kind: 'cancel', ids: ['a1'], reason: 'x' }, [{ appointmentId: 'a1', base: guess1, expected: { ...guess1, status: 'cancelled' } }]);
    const moved = appointment('a1', '14:00');
    queue('c3', { kind: 'move', appointmentId: 'a1', start: moved.start, end: moved.end }, [{ appointmentId: 'a1', base: { ...guess1, status: 'cancelled' }, expected: moved }]);
    queue('c4', { kind: 'cancel', ids: ['a2'], reason: 'x' }, [{ appointmentId: 'a2', base: guess2, expected: { ...guess2, status: 'cancelled' } }]);

    const actual1 = appointment('a1', '10:30');
    const actual2 = appointment('a2', '10:00');
    const settled = settleApplied(context(), reschedule, [wire(actual1), wire(actual2)], 'answer');

    assert.deepEqual(settled.written?.map((r) => [r.id, r.start]), [
      ['a1', actual1.start],
      ['a2', actual2.start],
    ]);
    assert.equal(t.store.days.serverAppointments(t.accountId, ['a1']).get('a1')?.start, actual1.start);
    assert.deepEqual(baseOf('c2', 'a1'), actual1, 'the next change of a1 is based on where Leyr put it');
    assert.deepEqual(baseOf('c4', 'a2'), actual2);
    assert.deepEqual(baseOf('c3', 'a1'), { ...guess1, status: 'cancelled' }, 'a change further down is based on the one before it, not touched');
  });

  it('leaves the next change alone when Leyr did as guessed, or when it was not made on top of the guess', () => {
    const guess = appointment('a1', '10:00');
    const move = queue('c1', { kind: 'move', appointmentId: 'a1', start: guess.start, end: guess.end }, [{ appointmentId: 'a1', base: a1, expected: guess }]);
    queue('c2', { kind: 'cancel', ids: ['a1'], reason: 'x' }, [{ appointmentId: 'a1', base: guess, expected: { ...guess, status: 'cancelled' } }]);
    // Same instants in another notation, and a comment Leyr added: no rebase.
    settleApplied(context(), move, [{ ...wire(guess), start: '2026-03-23T09:00:00Z', end: '2026-03-23T09:30:00Z', comment: 'flyttad' }], 'answer');
    assert.deepEqual(baseOf('c2', 'a1'), guess);

    const other = appointment('a2', '11:00');
    const move2 = queue('c3', { kind: 'move', appointmentId: 'a2', start: other.start, end: other.end }, [{ appointmentId: 'a2', base: a2, expected: other }]);
    const unrelated = appointment('a2', '12:00');
    queue('c4', { kind: 'cancel', ids: ['a2'], reason: 'x' }, [{ appointmentId: 'a2', base: unrelated, expected: { ...unrelated, status: 'cancelled' } }]);
    settleApplied(context(), move2, [wire(appointment('a2', '11:30'))], 'answer');
    assert.deepEqual(baseOf('c4', 'a2'), unrelated, 'not made on top of the settled change: left as it was');
  });
});
