// Planning changes against a real store: what is sent, what is shown meanwhile, and what
// is turned down before it reaches Leyr.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { planBook } from '../../../main/schedule/changes/kinds/book.ts';
import { planCancel } from '../../../main/schedule/changes/kinds/cancel.ts';
import { planConfirm } from '../../../main/schedule/changes/kinds/confirm.ts';
import { planMoveToResource } from '../../../main/schedule/changes/kinds/move-to-resource.ts';
import { planMove } from '../../../main/schedule/changes/kinds/move.ts';
import { planReschedule } from '../../../main/schedule/changes/kinds/reschedule.ts';
import type { PlanContext } from '../../../main/schedule/changes/planning.ts';
import { Refusal } from '../../../main/errors/failure.ts';
import { buildSnapshot } from '../../../main/schedule/common/snapshot.ts';
import { appointment, tempStore, type TempStore } from '../../support/store-fixtures.ts';

const DAY = '2026-03-23';

describe('planning changes', () => {
  let t: TempStore;
  let ctx: PlanContext;
  beforeEach(() => {
    t = tempStore();
    t.store.days.replaceCatalog(
      t.accountId,
      {
        resources: [
          { id: 'res-001', name: 'Dr. Åsa' },
          { id: 'res-002', name: 'Dr. Per' },
        ],
        services: [
          { id: 'svc-15', name: 'Kort', durationMinutes: 15 },
          { id: 'svc-30', name: 'Lång', durationMinutes: 30 },
        ],
      },
      new Date().toISOString(),
    );
    t.store.days.writeDay(t.accountId, DAY, {
      appointments: [
        appointment('a1', '09:00'),
        appointment('a2', '09:30'),
        appointment('a3', '11:00', { patientId: 'pat-2' }),
        appointment('a4', '12:00', { status: 'cancelled' }),
        appointment('a5', '13:00', { status: 'awaiting_confirmation' }),
      ],
      timeslots: [
        { resourceId: 'res-001', serviceId: 'svc-30', start: `${DAY}T14:00:00+01:00`, end: `${DAY}T14:30:00+01:00` },
        { resourceId: 'res-001', serviceId: 'svc-30', start: `${DAY}T15:00:00+01:00`, end: `${DAY}T15:30:00+01:00` },
      ],
      fetchedAt: new Date().toISOString(),
      fetchSeq: 0,
    });
    t.store.patients.upsert(t.accountId, [{ id: 'pat-1', emrId: null, firstName: 'Anna', lastName: 'Ek', externalId: null }], DAY);
    ctx = {
      changeId: 'c1',
      zone: 'Europe/Stockholm',
      careUnitId: 'L0_1',
      local: (ids) => t.store.days.localAppointments(t.accountId, ids),
      resource: (id) => t.store.days.resource(t.accountId, id),
      service: (id) => t.store.days.service(t.accountId, id),
      patientKnown: (id) => t.store.patients.get(t.accountId, id) !== null,
      cancellationRequests: () => t.store.days.cancellationRequests(t.accountId),
    };
  });
  afterEach(() => t.dispose());

  const rejects = (work: () => unknown, code: string, message?: RegExp): void =>
    assert.throws(work, (error: unknown) => error instanceof Refusal && error.code === code && (message === undefined || message.test(error.message)));

  it('moves by time, by resource or both; sends only what changes', () => {
    const byTime = planMove(ctx, { appointmentId: 'a1', start: `${DAY}T14:00:00+01:00`, end: `${DAY}T14:30:00+01:00` });
    assert.deepEqual(byTime.request, { kind: 'move', appointmentId: 'a1', start: `${DAY}T14:00:00+01:00`, end: `${DAY}T14:30:00+01:00` });
    assert.equal(byTime.targets[0]?.expected?.resourceId, 'res-001');
    assert.match(byTime.summary, /Move a1 to 2026-03-23 14:00, Dr\. Åsa/);
    const byResource = planMove(ctx, { appointmentId: 'a1', resourceId: 'res-002' });
    assert.deepEqual(byResource.request, { kind: 'move', appointmentId: 'a1', resourceId: 'res-002' });
    assert.equal(byResource.targets[0]?.expected?.start, appointment('a1', '09:00').start);
    const nextDay = planMove(ctx, { appointmentId: 'a1', start: '2026-03-23T23:30:00Z', end: '2026-03-24T00:00:00Z' });
    assert.equal(nextDay.targets[0]?.expected?.date, '2026-03-24', 'the local date of the new start');
  });

  it('turns down what the local copy already rules out', () => {
    rejects(() => planMove(ctx, { appointmentId: 'nope', resourceId: 'res-002' }), 'NOT_FOUND');
    rejects(() => planMove(ctx, { appointmentId: 'a1', resourceId: 'res-404' }), 'NOT_FOUND');
    rejects(() => planMove(ctx, { appointmentId: 'a1', resourceId: 'res-001' }), 'REJECTED', /already there/);
    rejects(() => planMove(ctx, { appointmentId: 'a4', resourceId: 'res-002' }), 'REJECTED', /cancelled/);
    rejects(() => planCancel(ctx, { ids: ['a1', 'a4'], reason: 'x' }), 'REJECTED');
    rejects(() => planMoveToResource(ctx, { ids: ['a1'], resourceId: 'res-001' }), 'REJECTED', /Already with/);
    rejects(() => planBook(ctx, { patientId: 'pat-9', resourceId: 'res-001', start: `${DAY}T14:00:00+01:00`, end: `${DAY}T14:30:00+01:00` }), 'NOT_FOUND', /Search for the patient/);
    rejects(() => planBook(ctx, { patientId: 'pat-1', resourceId: 'res-001', serviceId: 'svc-15', start: `${DAY}T14:00:00+01:00`, end: `${DAY}T14:30:00+01:00` }), 'INVALID_ARGUMENT', /15 minutes/);
    rejects(() => planConfirm(ctx, { appointmentId: 'a1', code: '123456' }), 'REJECTED', /does not wait for a code/);
  });

  it('cancels many as one change with every appointment as a target', () => {
    const plan = planCancel(ctx, { ids: ['a1', 'a2', 'a3'], reason: 'Läkaren sjuk' });
    assert.deepEqual(plan.request, { kind: 'cancel', ids: ['a1', 'a2', 'a3'], reason: 'Läkaren sjuk' });
    assert.deepEqual(
      plan.targets.map((x) => [x.appointmentId, x.base?.status, x.expected?.status]),
      [
        ['a1', 'booked', 'cancelled'],
        ['a2', 'booked', 'cancelled'],
        ['a3', 'booked', 'cancelled'],
      ],
    );
  });

  it('reschedules continuously: reuses in order, creates the missing ones, cancels the extra ones', () => {
    const longer = planReschedule(ctx, { ids: ['a2', 'a1'], start: `${DAY}T14:00:00+01:00`, end: `${DAY}T15:30:00+01:00` });
    assert.deepEqual(longer.request, { kind: 'reschedule', ids: ['a1', 'a2'], start: `${DAY}T14:00:00+01:00`, end: `${DAY}T15:30:00+01:00` });
    assert.deepEqual(
      longer.targets.map((x) => [x.appointmentId, x.expected?.start, x.expected?.status, x.base === null]),
      [
        ['a1', `${DAY}T14:00:00+01:00`, 'booked', false],
        ['a2', `${DAY}T14:30:00+01:00`, 'booked', false],
        ['local:c1:2', `${DAY}T15:00:00+01:00`, 'booked', true],
      ],
    );
    const shorter = planReschedule(ctx, { ids: ['a1', 'a2'], start: `${DAY}T16:00:00+01:00`, end: `${DAY}T16:30:00+01:00` });
    assert.deepEqual(
      shorter.targets.map((x) => [x.appointmentId, x.expected?.status]),
      [
        ['a1', 'booked'],
        ['a2', 'cancelled'],
      ],
    );
    rejects(() => planReschedule(ctx, { ids: ['a1', 'a3'], start: `${DAY}T14:00:00+01:00`, end: `${DAY}T15:00:00+01:00` }), 'REJECTED', /one patient/);
    rejects(() => planReschedule(ctx, { ids: ['a1'], start: `${DAY}T14:00:00+01:00`, end: `${DAY}T14:45:00+01:00` }), 'INVALID_ARGUMENT', /30-minute/);
  });

  it('books with a local id until Leyr names it, and confirms either a booking or a two-step cancel', () => {
    const booking = planBook(ctx, { patientId: 'pat-1', resourceId: 'res-001', serviceId: 'svc-30', start: `${DAY}T14:00:00+01:00`, end: `${DAY}T14:30:00+01:00`, comment: '' });
    assert.equal(booking.targets[0]?.appointmentId, 'local:c1');
    assert.equal(booking.targets[0]?.base, null);
    assert.ok(!('comment' in booking.request), 'an empty comment is not sent');
    const confirmBooking = planConfirm(ctx, { appointmentId: 'a5', code: '123456' });
    assert.deepEqual(confirmBooking.request, { kind: 'confirm', appointmentId: 'a5', shownId: 'a5', purpose: 'booking', code: '123456' });
    t.store.days.setCancellationRequest(t.accountId, 'a1', 'rec-9', 'now');
    for (const asked of ['a1', 'rec-9']) {
      const confirmCancel = planConfirm(ctx, { appointmentId: asked, code: '654321' });
      assert.deepEqual(confirmCancel.request, { kind: 'confirm', appointmentId: 'rec-9', shownId: 'a1', purpose: 'cancellation', code: '654321' });
      assert.equal(confirmCancel.targets[0]?.expected?.status, 'cancelled');
    }
    rejects(() => planCancel(ctx, { ids: ['a1'], reason: 'again' }), 'REJECTED', /waits for the patient's code/);
  });

  it('shows a pending change in the snapshot and hides the free slot it fills', () => {
    const plan = planMove(ctx, { appointmentId: 'a1', start: `${DAY}T14:00:00+01:00`, end: `${DAY}T14:30:00+01:00` });
    t.store.outbox.enqueue(t.accountId, { changeId: 'c1', request: plan.request, summary: plan.summary, actor: 'x', createdAt: 'now', targets: plan.targets });
    const snapshot = buildSnapshot(t.store, t.accountId, DAY, { staleAfterMs: 60_000, now: Date.now() });
    const a1 = snapshot.appointments.find((a) => a.id === 'a1');
    assert.equal(a1?.pending, true);
    assert.equal(a1?.changeId, 'c1');
    assert.equal(a1?.patientName, 'Anna Ek');
    assert.deepEqual(
      snapshot.freeSlots.map((s) => s.start),
      [`${DAY}T15:00:00+01:00`],
    );
    assert.equal(snapshot.pendingCount, 1);
    assert.equal(snapshot.stale, false);
    assert.equal(buildSnapshot(t.store, t.accountId, DAY, { staleAfterMs: 60_000, now: Date.now() + 120_000 }).stale, true, 'old');
  });
});
