import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { appointment, tempStore, type TempStore } from '../../support/store-fixtures.ts';

const DAY = '2026-03-23';
const slot = (resourceId: string, time: string) => ({ resourceId, serviceId: 'svc-30', start: `${DAY}T${time}:00+01:00`, end: `${DAY}T${time.slice(0, 2)}:30:00+01:00` });

describe('day cache', () => {
  let t: TempStore;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.dispose());

  it('replaces a day’s appointments and free slots with a fresh fetch, leaving other days alone', () => {
    const other = { ...appointment('b1', '09:00'), date: '2026-03-24', start: '2026-03-24T09:00:00+01:00', end: '2026-03-24T09:30:00+01:00' };
    t.store.days.writeDay(t.accountId, '2026-03-24', { appointments: [other], timeslots: [], fetchedAt: 'f0', fetchSeq: 0 });
    t.store.days.writeDay(t.accountId, DAY, { appointments: [appointment('a1', '09:00'), appointment('a2', '10:00')], timeslots: [slot('res-001', '11:00')], fetchedAt: 'f1', fetchSeq: 0 });
    t.store.days.writeDay(t.accountId, DAY, { appointments: [appointment('a1', '09:30')], timeslots: [slot('res-002', '13:00')], fetchedAt: 'f2', fetchSeq: 0 });
    assert.deepEqual(
      t.store.days.dayView(t.accountId, DAY).map((a) => [a.id, a.start]),
      [['a1', '2026-03-23T09:30:00+01:00']],
      'a2 is gone from Leyr, a1 moved',
    );
    assert.deepEqual(t.store.days.timeslots(t.accountId, DAY), [slot('res-002', '13:00')]);
    assert.equal(t.store.days.day(t.accountId, DAY)?.fetchedAt, 'f2');
    assert.equal(t.store.days.dayView(t.accountId, '2026-03-24').length, 1);
  });

  it('keeps what Leyr answered after a fetch began over that fetch’s older picture', () => {
    t.store.days.writeDay(t.accountId, DAY, { appointments: [appointment('a1', '09:00')], timeslots: [], fetchedAt: 'f1', fetchSeq: 0 });
    // A change is answered (seq 5) while a fetch that started at seq 4 is on its way.
    t.store.days.upsertServer(t.accountId, [appointment('a1', '14:00'), appointment('a9', '15:00')], 5);
    t.store.days.writeDay(t.accountId, DAY, { appointments: [appointment('a1', '09:00')], timeslots: [], fetchedAt: 'f2', fetchSeq: 4 });
    const view = t.store.days.dayView(t.accountId, DAY);
    assert.deepEqual(
      view.map((a) => [a.id, a.start]),
      [
        ['a1', '2026-03-23T14:00:00+01:00'],
        ['a9', '2026-03-23T15:00:00+01:00'],
      ],
    );
    // A fetch that started after the answer wins.
    t.store.days.writeDay(t.accountId, DAY, { appointments: [appointment('a1', '16:00')], timeslots: [], fetchedAt: 'f3', fetchSeq: 5 });
    assert.deepEqual(
      t.store.days.dayView(t.accountId, DAY).map((a) => [a.id, a.start]),
      [['a1', '2026-03-23T16:00:00+01:00']],
    );
  });

  it('joins patient names, sorts by start, and lays pending changes over the server copy', () => {
    t.store.days.writeDay(t.accountId, DAY, {
      appointments: [appointment('a2', '10:00', { patientId: 'pat-2' }), appointment('a1', '09:00'), appointment('a3', '11:00', { patientId: 'pat-unknown' })],
      timeslots: [],
      fetchedAt: 'f1',
      fetchSeq: 0,
    });
    t.store.patients.upsert(t.accountId, [{ id: 'pat-1', emrId: null, firstName: 'Åsa', lastName: 'Öberg', externalId: null }, { id: 'pat-2', emrId: null, firstName: 'Per', lastName: 'Ek', externalId: null }], DAY);
    // a1 moves to the next day (pending): it leaves this day's view.
    const moved = { ...appointment('a1', '09:00'), date: '2026-03-24', start: '2026-03-24T09:00:00+01:00', end: '2026-03-24T09:30:00+01:00' };
    t.store.outbox.enqueue(t.accountId, { changeId: 'c1', request: { kind: 'move', appointmentId: 'a1', start: moved.start, end: moved.end }, summary: 's', actor: 'x', createdAt: 'now', targets: [{ appointmentId: 'a1', base: appointment('a1', '09:00'), expected: moved }] });
    const view = t.store.days.dayView(t.accountId, DAY);
    assert.deepEqual(
      view.map((a) => [a.id, a.patientFirstName, a.patientLastName, a.pending]),
      [
        ['a2', 'Per', 'Ek', false],
        ['a3', null, null, false],
      ],
    );
    const next = t.store.days.dayView(t.accountId, '2026-03-24');
    assert.deepEqual(
      next.map((a) => [a.id, a.patientFirstName, a.pending, a.changeId]),
      [['a1', 'Åsa', true, 'c1']],
    );
    const local = t.store.days.localAppointments(t.accountId, ['a1', 'a2', 'nope']);
    assert.deepEqual(
      [...local.entries()].map(([id, l]) => [id, l.pending, l.record.date]).sort(),
      [
        ['a1', true, '2026-03-24'],
        ['a2', false, DAY],
      ],
    );
  });

  it('records and clears two-step cancels waiting for a code', () => {
    t.store.days.setCancellationRequest(t.accountId, 'a1', 'rec-1', 'now');
    t.store.days.setCancellationRequest(t.accountId, 'a2', 'rec-2', 'now');
    assert.deepEqual([...t.store.days.cancellationRequests(t.accountId)], [
      ['a1', 'rec-1'],
      ['a2', 'rec-2'],
    ]);
    t.store.days.clearCancellationRequest(t.accountId, 'a1');
    assert.deepEqual([...t.store.days.cancellationRequests(t.accountId)], [['a2', 'rec-2']]);
  });

  it('keeps every two-step cancel record known (waiting or closed), never as an appointment of the day', () => {
    // A listing met the record before the cancel's answer was read: it was stored as an appointment.
    t.store.days.writeDay(t.accountId, DAY, { appointments: [appointment('a1', '09:00'), appointment('rec-1', '09:00', { status: 'awaiting_confirmation' })], timeslots: [], fetchedAt: 'f', fetchSeq: 0 });
    t.store.days.setCancellationRequest(t.accountId, 'a1', 'rec-1', '2026-03-23T08:00:00Z');
    assert.deepEqual(t.store.days.dayView(t.accountId, DAY).map((r) => r.id), ['a1'], 'the record is no appointment');
    // Asked again (withdrawn elsewhere, say): a new record; the old one stays known.
    t.store.days.setCancellationRequest(t.accountId, 'a1', 'rec-2', '2026-03-23T08:05:00Z');
    assert.deepEqual(t.store.days.waitingCancellations(t.accountId), [{ appointmentId: 'a1', recordId: 'rec-2', requestedAt: '2026-03-23T08:05:00Z' }]);
    t.store.days.clearCancellationRequest(t.accountId, 'a1', '2026-03-23T08:10:00Z');
    t.store.days.rememberCancellationRecords(t.accountId, ['rec-x'], '2026-03-23T08:11:00Z');
    assert.deepEqual([...t.store.days.cancellationRequests(t.accountId)], []);
    assert.deepEqual([...t.store.days.cancellationRecordIds(t.accountId)].sort(), ['rec-1', 'rec-2', 'rec-x']);
  });

  it('keeps the count of the items of a day’s last fetch that could not be read', () => {
    t.store.days.writeDay(t.accountId, DAY, { appointments: [], timeslots: [], fetchedAt: 'f1', fetchSeq: 0, unreadable: 2 });
    assert.equal(t.store.days.day(t.accountId, DAY)?.unreadable, 2);
    t.store.days.writeDay(t.accountId, DAY, { appointments: [], timeslots: [], fetchedAt: 'f2', fetchSeq: 0 });
    assert.equal(t.store.days.day(t.accountId, DAY)?.unreadable, 0);
  });

  it('forgets past days and the patients only they named, but not what a pending change shows', () => {
    const old = (id: string, patientId: string) => ({ ...appointment(id, '09:00', { patientId }), date: '2026-03-02', start: '2026-03-02T09:00:00+01:00', end: '2026-03-02T09:30:00+01:00' });
    t.store.days.writeDay(t.accountId, '2026-03-02', { appointments: [old('o1', 'pat-old'), old('o2', 'pat-both'), old('o3', 'pat-pending')], timeslots: [slot('res-001', '11:00')], fetchedAt: 'f0', fetchSeq: 0 });
    t.store.days.writeDay(t.accountId, DAY, { appointments: [appointment('a1', '09:00', { patientId: 'pat-both' })], timeslots: [], fetchedAt: 'f1', fetchSeq: 0 });
    t.store.patients.upsert(
      t.accountId,
      ['pat-old', 'pat-both', 'pat-pending'].map((id) => ({ id, emrId: null, firstName: 'X', lastName: 'Y', externalId: null })),
      '2026-03-02',
    );
    t.store.outbox.enqueue(t.accountId, { changeId: 'c1', request: { kind: 'cancel', ids: ['o3'], reason: 'x' }, summary: 's', actor: 'x', createdAt: 'now', targets: [{ appointmentId: 'o3', base: old('o3', 'pat-pending'), expected: { ...old('o3', 'pat-pending'), status: 'cancelled' } }] });
    assert.deepEqual(t.store.days.forgetBefore(t.accountId, '2026-03-10'), { appointments: 2, patients: 1 });
    assert.equal(t.store.days.day(t.accountId, '2026-03-02'), null);
    assert.deepEqual(t.store.days.timeslots(t.accountId, '2026-03-02'), []);
    assert.deepEqual(
      t.store.days.dayView(t.accountId, '2026-03-02').map((a) => a.id),
      ['o3'],
      'the pending cancel still shows',
    );
    assert.equal(t.store.patients.get(t.accountId, 'pat-old'), null);
    assert.ok(t.store.patients.get(t.accountId, 'pat-both'));
    assert.ok(t.store.patients.get(t.accountId, 'pat-pending'));
    assert.equal(t.store.days.dayView(t.accountId, DAY).length, 1);
  });
});
