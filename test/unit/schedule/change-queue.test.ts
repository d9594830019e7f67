// The change queue: a change is answered at once and sent later; a failed one is retried
// (planned anew) or dismissed; an unreadable one is reported with what was made on top of it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ChangeView } from '../../../preload/contract/index.ts';
import { Refusal } from '../../../main/errors/failure.ts';
import { EventBus } from '../../../main/events/bus.ts';
import { createChangeQueue, type ChangeQueue } from '../../../main/schedule/change-queue/change-queue.ts';
import type { Settled } from '../../../main/schedule/changes/settlement.ts';
import { STORE_FILE_NAME } from '../../../main/store/store.ts';
import { at, clinic, DAY, type Clinic } from './support/clinic.ts';
import { refusal } from './support/fake-leyr.ts';
import { clockFrom } from '../../support/clinic-clock.ts';

describe('the change queue', () => {
  let c: Clinic;
  let changes: ChangeQueue;
  let statuses: ChangeView[];
  let touched: string[][];
  beforeEach(() => {
    c = clinic({ careUnitNow: clockFrom(DAY) });
    statuses = [];
    touched = [];
    const bus = new EventBus();
    bus.subscribe((event, payload) => {
      if (event === 'change.status') statuses.push(payload as ChangeView);
    });
    const announce = (settled: Settled): void => {
      changes.emitStatus(settled.changeIds);
      touched.push(settled.dates);
    };
    changes = createChangeQueue({ ctx: c.ctx, api: c.leyr.api, bus, retry: { baseMs: 5, maxMs: 20 }, checkReuseMs: 0, announce, touch: (dates) => touched.push([...dates]), catchUp: async () => {} });
  });
  afterEach(async () => {
    changes.dispose();
    await changes.whenStopped();
    c.dispose();
  });

  const rejects = (work: () => unknown, code: string): void => assert.throws(work, (error: unknown) => error instanceof Refusal && error.code === code);

  it('answers a change at once, pending, with the appointments as now shown; sends it later', async () => {
    changes.start();
    const receipt = changes.make('move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    assert.equal(receipt.status, 'pending');
    assert.deepEqual(receipt.appointments.map((a) => [a.id, a.start, a.pending, a.patientName]), [['a1', at('14:00'), true, 'Anna Ek']]);
    assert.deepEqual(statuses.map((s) => [s.changeId, s.kind, s.status]), [[receipt.changeId, 'move', 'pending']]);
    assert.deepEqual(touched, [[DAY]]);
    assert.deepEqual(changes.list().map((s) => s.status), ['pending']);
    await changes.whenIdle();
    assert.deepEqual(statuses.map((s) => s.status), ['pending', 'sent', 'applied']);
    assert.deepEqual(changes.list(), []);
  });

  it('retries a refused change planned anew, dismisses one, and turns down what is neither', async () => {
    c.leyr.failNext('cancelAppointment', refusal());
    changes.start();
    const refused = changes.make('cancel', { ids: ['a1'], reason: 'x' });
    await changes.whenIdle();
    rejects(() => changes.retry('nope'), 'NOT_FOUND');
    const again = changes.retry(refused.changeId);
    assert.notEqual(again.changeId, refused.changeId);
    await changes.whenIdle();
    assert.equal(c.t.store.outbox.byChangeId(again.changeId)?.status, 'applied');
    rejects(() => changes.retry(refused.changeId), 'REJECTED');
    rejects(() => changes.dismiss(again.changeId), 'REJECTED');

    c.leyr.failNext('cancelAppointment', refusal());
    const second = changes.make('cancel', { ids: ['a2'], reason: 'x' });
    await changes.whenIdle();
    assert.deepEqual(changes.list().map((s) => s.changeId), [second.changeId]);
    changes.dismiss(second.changeId);
    assert.deepEqual(changes.list(), []);
    assert.ok(c.t.store.audit.recent(c.t.accountId, 10).some((e) => e.action === 'change.dismissed' && e.changeId === second.changeId));
  });

  it('reports a change that cannot be read back: refused with what was made on top of it, and not retried', async () => {
    const first = changes.make('move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    const onTop = changes.make('cancel', { ids: ['a1'], reason: 'x' });
    const raw = new DatabaseSync(path.join(c.t.dir, STORE_FILE_NAME));
    raw.prepare("UPDATE outbox SET request = '[]' WHERE change_id = ?").run(first.changeId);
    raw.close();
    statuses.length = 0;
    changes.start();
    await changes.whenIdle();
    assert.deepEqual(
      changes.list().map((s) => [s.changeId, s.status, s.failure?.code]),
      [
        [first.changeId, 'refused', 'UNREADABLE'],
        [onTop.changeId, 'refused', 'DEPENDS_ON_FAILED'],
      ],
    );
    assert.ok(statuses.some((s) => s.changeId === onTop.changeId && s.status === 'refused'));
    assert.throws(() => changes.retry(first.changeId), /cannot be read back/);
  });

  it('turns changes down once disposed', () => {
    changes.dispose();
    rejects(() => changes.make('cancel', { ids: ['a1'], reason: 'x' }), 'REJECTED');
  });
});
