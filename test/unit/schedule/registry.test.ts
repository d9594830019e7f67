// Every kind of change is registered once: planned, replayed, sent and reconciled by a
// lookup of its kind.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ChangeKind } from '../../../preload/contract/index.ts';
import { changeKind, confirmedCancellationOf, planChange, readChangeAnswer, reconcileChange, replanChange, sendChange } from '../../../main/schedule/changes/registry.ts';
import { changeRequestSchemas, CHANGE_KINDS } from '../../../main/store/outbox/change-requests.ts';
import type { ChangeArg } from '../../../main/schedule/changes/change-kind.ts';
import { appointment } from '../../support/store-fixtures.ts';
import { at, clinic, type Clinic } from './support/clinic.ts';

/** One call of each kind, on the fixture clinic, and the Leyr call that carries it. */
const CASES: { [K in ChangeKind]: { arg: ChangeArg<K>; sentWith: string } } = {
  move: { arg: { appointmentId: 'a1', start: at('14:00'), end: at('14:30') }, sentWith: 'updateAppointment' },
  cancel: { arg: { ids: ['a1', 'a2'], reason: 'Läkaren sjuk' }, sentWith: 'cancelAppointments' },
  'move-to-resource': { arg: { ids: ['a1'], resourceId: 'res-002' }, sentWith: 'updateAppointment' },
  reschedule: { arg: { ids: ['a1', 'a2'], start: at('14:00'), end: at('15:00') }, sentWith: 'bulkUpdateAppointments' },
  book: { arg: { patientId: 'pat-1', resourceId: 'res-001', serviceId: 'svc-30', start: at('15:00'), end: at('15:30'), comment: 'Första besöket' }, sentWith: 'createAppointment' },
  confirm: { arg: { appointmentId: 'a4', code: '123456' }, sentWith: 'confirmAppointment' },
  comment: { arg: { appointmentId: 'a2', comment: 'Tolk: arabiska' }, sentWith: 'updateAppointment' },
};

describe('the registry of change kinds', () => {
  let c: Clinic;
  beforeEach(() => {
    c = clinic({ records: [appointment('a1', '09:00'), appointment('a2', '09:30'), appointment('a4', '13:00', { status: 'awaiting_confirmation' })] });
  });
  afterEach(() => c.dispose());

  const each = (check: <K extends ChangeKind>(kind: K) => void): void => {
    for (const kind of CHANGE_KINDS) check(kind);
  };

  it('holds every kind of the contract once, with the schema the outbox reads it back with', () => {
    each((kind) => {
      assert.equal(changeKind(kind).kind, kind);
      assert.equal(changeKind(kind).schema, changeRequestSchemas[kind]);
    });
  });

  it('replays a stored request into the same change, planned anew', () => {
    each((kind) => {
      const planned = planChange(kind, c.planContext('c1'), CASES[kind].arg);
      assert.equal(planned.request.kind, kind);
      assert.deepEqual(replanChange(planned.request, c.planContext('c1')), planned, kind);
    });
  });

  it('sends each kind in its one Leyr request', async () => {
    for (const kind of CHANGE_KINDS) {
      const local = clinic({ records: [appointment('a1', '09:00'), appointment('a2', '09:30'), appointment('a4', '13:00', { status: 'awaiting_confirmation' })] });
      try {
        const { request } = planChange(kind, local.planContext('c1'), CASES[kind].arg);
        const answer = await sendChange(local.leyr.api, request);
        assert.deepEqual(local.leyr.calls.map((call) => call.method), [CASES[kind].sentWith], kind);
        assert.ok(answer.length > 0, kind);
      } finally {
        local.dispose();
      }
    }
  });

  it('reconciles by listing the days the change touches, one patient’s only where the kind says so', async () => {
    const book = planChange('book', c.planContext('c1'), CASES.book.arg);
    assert.deepEqual(await reconcileChange(c.leyr.api, book.request, book.targets, 'Europe/Stockholm'), { outcome: 'not-applied' });
    const move = planChange('move', c.planContext('c2'), CASES.move.arg);
    await reconcileChange(c.leyr.api, move.request, move.targets, 'Europe/Stockholm');
    const filters = c.leyr.calls.map((call) => (call.args[0] as { patient_id?: string }).patient_id);
    assert.deepEqual(filters, ['pat-1', undefined]);
  });

  it('knows which kinds confirm a two-step cancel', () => {
    assert.equal(confirmedCancellationOf({ kind: 'cancel', ids: ['a1'], reason: 'x' }), null);
    assert.equal(confirmedCancellationOf({ kind: 'confirm', appointmentId: 'rec-1', shownId: 'a1', purpose: 'cancellation', code: '1' }), 'a1');
    assert.equal(confirmedCancellationOf({ kind: 'confirm', appointmentId: 'a4', shownId: 'a4', purpose: 'booking', code: '1' }), null);
  });

  it('reads a two-step cancel’s answer with its request, and Leyr’s state only when the answer is ambiguous', async () => {
    const cancel = planChange('cancel', c.planContext('c1'), CASES.cancel.arg);
    const a1 = c.leyr.appointments.get('a1');
    const a2 = c.leyr.appointments.get('a2');
    assert.ok(a1 && a2);
    const record = { ...a1, id: 'rec-1', status: 'awaiting_confirmation', comment: 'Läkaren sjuk' };
    // In order and count: a1 waits for its code (rec-1), a2 was cancelled at once. No read.
    const paired = await readChangeAnswer(c.leyr.api, cancel.request, cancel.targets, [record, { ...a2, status: 'cancelled' }], 'Europe/Stockholm');
    assert.deepEqual([...paired.asked], [['a1', 'rec-1']]);
    assert.deepEqual(paired.records, ['rec-1']);
    assert.deepEqual(paired.appointments.map((a) => [a.id, a.status]), [['a2', 'cancelled']]);
    assert.equal(c.leyr.calls.length, 0);
    // Counts differ: Leyr's state settles it (rec-1 is listed at a1's place, a2 is still booked with no record of its own).
    c.leyr.appointments.set('rec-1', record);
    const settled = await readChangeAnswer(c.leyr.api, cancel.request, cancel.targets, [record], 'Europe/Stockholm');
    assert.deepEqual(c.leyr.calls.map((call) => call.method), ['listAppointments']);
    assert.deepEqual([...settled.asked], [['a1', 'rec-1']]);
    assert.deepEqual(settled.unresolved, ['a2']);
    // A confirmed cancel answered with the closed record: no appointment of the day.
    const confirmed = await readChangeAnswer(c.leyr.api, { kind: 'confirm', appointmentId: 'rec-1', shownId: 'a1', purpose: 'cancellation', code: '1' }, [], [{ ...record, status: 'cancelled' }], 'Europe/Stockholm');
    assert.deepEqual(confirmed, { appointments: [], asked: new Map(), records: ['rec-1'], unresolved: [] });
  });
});
