// Every kind of change is registered once: planned, replayed, sent and reconciled by a
// lookup of its kind.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ChangeKind } from '../../../preload/contract/index.ts';
import { cancellationEffects, changeKind, planChange, reconcileChange, replanChange, sendChange } from '../../../main/schedule/changes/registry.ts';
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

  it('knows which kinds ask for or confirm a two-step cancel', () => {
    assert.deepEqual(cancellationEffects({ kind: 'cancel', ids: ['a1'], reason: 'x' }), { asks: true, confirmedFor: null });
    assert.deepEqual(cancellationEffects({ kind: 'confirm', appointmentId: 'rec-1', shownId: 'a1', purpose: 'cancellation', code: '1' }), { asks: false, confirmedFor: 'a1' });
    assert.deepEqual(cancellationEffects({ kind: 'confirm', appointmentId: 'a4', shownId: 'a4', purpose: 'booking', code: '1' }), { asks: false, confirmedFor: null });
  });
});
