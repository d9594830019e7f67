// A two-step cancel's answer read with its request (answer-reading.ts): paired by order and
// count, or, when ambiguous, settled from Leyr's state, never guessed; and the outbox keeping
// to the wait Leyr asked for, with the reason of a waiting change visible.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Appointment, LeyrWaitGate } from '../../../main/leyr/api.ts';
import { LeyrError } from '../../../main/leyr/errors.ts';
import { toDisposable } from '../../../main/lifecycle/disposable.ts';
import { changeView } from '../../../main/schedule/change-queue/change-view.ts';
import { createOutboxWorker, type OutboxWorker } from '../../../main/schedule/change-queue/outbox-worker.ts';
import { pairCancelAnswer, resolveCancelAnswer } from '../../../main/schedule/changes/answer-reading.ts';
import { buildSnapshot } from '../../../main/schedule/common/snapshot.ts';
import { at, clinic, DAY, type Clinic } from './support/clinic.ts';

const appointmentAt = (id: string, time: string, extra: Partial<Appointment> = {}): Appointment => ({
  id,
  status: 'booked',
  care_unit_id: 'L0_1',
  start: at(time),
  end: at(time === '09:00' ? '09:30' : time === '09:30' ? '10:00' : '11:30'),
  comment: null,
  patient_id: 'pat-1',
  resource_id: 'res-001',
  healthcare_service_id: 'svc-30',
  ...extra,
});
const recordFor = (appointment: Appointment, id: string): Appointment => ({ ...appointment, id, status: 'awaiting_confirmation' });

describe('reading a cancel’s answer with its request', () => {
  const a1 = appointmentAt('a1', '09:00');
  const a2 = appointmentAt('a2', '09:30');

  it('pairs by order and count: another id awaiting confirmation is the pending cancel of the id sent in its place', () => {
    assert.deepEqual(pairCancelAnswer(['a1'], [recordFor(a1, 'r1')]), { appointments: [], asked: new Map([['a1', 'r1']]), records: ['r1'], unresolved: [] });
    assert.deepEqual(pairCancelAnswer(['a1'], [{ ...a1, status: 'cancelled' }])?.appointments.map((a) => a.id), ['a1'], 'cancelled at once');
    const bulk = pairCancelAnswer(['a1', 'a2'], [recordFor(a1, 'r1'), recordFor(a2, 'r2')]);
    assert.deepEqual([...(bulk?.asked ?? [])], [
      ['a1', 'r1'],
      ['a2', 'r2'],
    ]);
  });

  it('finds anything else ambiguous: counts that differ, ids that overlap or repeat, a new id in another status', () => {
    assert.equal(pairCancelAnswer(['a1', 'a2'], [recordFor(a1, 'r1')]), null, 'counts differ');
    assert.equal(pairCancelAnswer(['a1', 'a2'], [{ ...a2, status: 'cancelled' }, recordFor(a1, 'r1')]), null, 'a sent id in another place');
    assert.equal(pairCancelAnswer(['a1', 'a2'], [recordFor(a1, 'r1'), recordFor(a1, 'r1')]), null, 'an id repeats');
    assert.equal(pairCancelAnswer(['a1'], [{ ...a1, id: 'r1', status: 'cancelled' }]), null, 'a new id not awaiting confirmation');
  });

  it('settles an ambiguous answer from Leyr’s state: cancelled as listed, waiting where exactly one new record is at its place, else unresolved', () => {
    const a3 = appointmentAt('a3', '11:00', { patient_id: 'pat-2' });
    const listed = new Map<string, Appointment>([
      ['a1', a1],
      ['a2', { ...a2, status: 'cancelled' }],
      ['a3', a3],
      ['r1', recordFor(a1, 'r1')],
    ]);
    // Leyr answered two new records for three ids; r9 is not listed awaiting anything.
    const reading = resolveCancelAnswer(['a1', 'a2', 'a3'], [recordFor(a1, 'r1'), recordFor(a3, 'r9')], listed);
    assert.deepEqual([...reading.asked], [['a1', 'r1']]);
    assert.deepEqual(
      reading.appointments.map((a) => [a.id, a.status]),
      [
        ['a1', 'booked'],
        ['a2', 'cancelled'],
        ['a3', 'booked'],
      ],
    );
    assert.deepEqual(reading.unresolved, ['a3']);
    assert.deepEqual(reading.records, ['r1', 'r9'], 'every new id is a record of the cancel');
    // Two appointments of the cancel at one place: which record is whose cannot be read.
    const twin = appointmentAt('a1b', '09:00');
    const twins = resolveCancelAnswer(['a1', 'a1b'], [recordFor(a1, 'r1')], new Map([['a1', a1], ['a1b', twin], ['r1', recordFor(a1, 'r1')]]));
    assert.deepEqual([twins.asked.size, twins.unresolved], [0, ['a1', 'a1b']]);
  });
});

describe('the outbox with two-step cancels and waits', () => {
  let c: Clinic;
  let worker: OutboxWorker | null;
  let gateUntil: number | null;
  const gate: LeyrWaitGate = { waitUntil: () => (gateUntil !== null && gateUntil > Date.now() ? gateUntil : null), onChange: () => toDisposable(() => {}) };
  beforeEach(() => {
    c = clinic();
    worker = null;
    gateUntil = null;
  });
  afterEach(async () => {
    worker?.dispose();
    await worker?.stopped();
    c.dispose();
  });
  const start = (withGate = false): OutboxWorker => {
    const api = withGate ? { ...c.leyr.api, gate } : c.leyr.api;
    worker = createOutboxWorker({ ctx: c.ctx, api, retry: { baseMs: 5, maxMs: 20 }, checkReuseMs: 0, announce: () => {}, onSent: () => {}, catchUp: async () => {} });
    worker.start();
    return worker;
  };
  const status = (changeId: string) => c.t.store.outbox.byChangeId(changeId)?.status;

  it('stores the pairs it can tell from Leyr’s state, hides every record, and reports the appointments it cannot pair', async () => {
    const a1 = c.leyr.appointments.get('a1');
    const a2 = c.leyr.appointments.get('a2');
    assert.ok(a1 && a2);
    // A Leyr that answers one record for two ids (ambiguous) and lists it at a1's place.
    c.leyr.api.cancelAppointments = async () => {
      c.leyr.appointments.set('r1', recordFor(a1, 'r1'));
      return [recordFor(a1, 'r1')];
    };
    c.queue('c1', 'cancel', { ids: ['a1', 'a2'], reason: 'sjuk' });
    await start().idle();
    assert.equal(status('c1'), 'refused');
    const failure = c.t.store.outbox.byChangeId('c1')?.failure;
    assert.equal(failure?.code, 'ANSWER_NOT_PAIRED');
    assert.match(failure?.reason ?? '', /appointment a2/);
    assert.deepEqual([...c.t.store.days.cancellationRequests(c.t.accountId)], [['a1', 'r1']], 'the pair Leyr’s state tells');
    const shown = buildSnapshot(c.t.store, c.t.accountId, DAY, { staleAfterMs: 60_000, now: Date.now() }).appointments;
    assert.deepEqual(
      shown.filter((a) => a.id === 'a1' || a.id === 'a2').map((a) => [a.id, a.status, a.awaitingCancellation]),
      [
        ['a1', 'booked', true],
        ['a2', 'booked', false],
      ],
      'as Leyr holds them: never guessed cancelled, never guessed waiting',
    );
    assert.ok(!shown.some((a) => a.id === 'r1'));
  });

  it('sends nothing while Leyr asks to wait (the client’s gate), kicked or not, and sends it once the time is over', async () => {
    const until = Date.now() + 300;
    gateUntil = until;
    const sentAt: number[] = [];
    const update = c.leyr.api.updateAppointment;
    c.leyr.api.updateAppointment = (id, change) => {
      sentAt.push(Date.now());
      return update(id, change);
    };
    c.queue('c1', 'move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    const w = start(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    w.kick(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(c.leyr.calls, [], 'nothing asked of Leyr, not even the check before sending');
    await w.idle();
    assert.equal(status('c1'), 'applied');
    assert.equal(sentAt.length, 1);
    assert.ok((sentAt[0] ?? 0) >= until, `sent ${(sentAt[0] ?? 0) - until} ms after the wait`);
  });

  it('schedules the next attempt of a change refused with a wait at Leyr’s time, and shows why it waits', async () => {
    const waitUntil = Date.now() + 5_000;
    c.leyr.failNext('updateAppointment', new LeyrError({ kind: 'http', status: 429, message: 'Too Many Requests', retryAfterMs: 5_000, waitUntil }));
    c.queue('c1', 'move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    start();
    while (c.t.store.outbox.byChangeId('c1')?.failure === null) await new Promise((resolve) => setTimeout(resolve, 5));
    const entry = c.t.store.outbox.byChangeId('c1');
    assert.ok(entry);
    assert.equal(entry.status, 'pending', 'a 429 never reached the EHR');
    assert.ok(entry.nextAttemptAt >= waitUntil - 1, `next attempt ${entry.nextAttemptAt - Date.now()} ms from now, not before Leyr's ${waitUntil - Date.now()} ms`);
    const view = changeView(entry);
    assert.equal(view?.status, 'pending');
    assert.ok(view?.failure?.reason, 'the reason is shown while it waits');
    assert.equal(view?.failure?.leyr?.status, 429);
    assert.equal(c.leyr.calls.filter((call) => call.method === 'updateAppointment').length, 1);
  });
});
