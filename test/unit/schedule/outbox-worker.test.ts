// The outbox worker against a Leyr in memory and a real store: in order, one at a time;
// a failure on the way is retried after a backoff (reconciled first), a refusal settles
// the change and what was made on top of it, an unreadable row does not stop it, and
// dispose ends the loop after the step in flight.
import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createOutboxWorker, type OutboxWorker } from '../../../main/schedule/change-queue/outbox-worker.ts';
import type { Settled } from '../../../main/schedule/changes/settlement.ts';
import type { OutboxEntry, OutboxRecord } from '../../../main/store/outbox/entry.ts';
import { STORE_FILE_NAME } from '../../../main/store/store.ts';
import { at, clinic, type Clinic } from './support/clinic.ts';
import { networkError, refusal } from './support/fake-leyr.ts';

describe('the outbox worker', () => {
  let c: Clinic;
  let worker: OutboxWorker;
  let announced: Settled[];
  let sent: OutboxEntry[];
  let caughtUp: OutboxRecord[][];
  beforeEach(() => {
    c = clinic();
    announced = [];
    sent = [];
    caughtUp = [];
    worker = createOutboxWorker({
      ctx: c.ctx,
      api: c.leyr.api,
      retry: { baseMs: 5, maxMs: 20 },
      checkReuseMs: 0,
      announce: (settled) => announced.push(settled),
      onSent: (entry) => sent.push(entry),
      catchUp: async (entries) => {
        caughtUp.push([...entries]);
      },
    });
  });
  afterEach(async () => {
    worker.dispose();
    await worker.stopped();
    c.dispose();
  });

  const status = (changeId: string) => c.t.store.outbox.byChangeId(changeId)?.status;
  const sends = () => c.leyr.calls.filter((call) => call.method !== 'listAppointments').map((call) => [call.method, call.args[0]]);

  it('sends the changes in order, each checked first, and says what settled', async () => {
    c.queue('c1', 'move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    c.queue('c2', 'cancel', { ids: ['a2'], reason: 'sjuk' });
    worker.start();
    await worker.idle();
    assert.deepEqual(sends(), [['updateAppointment', 'a1'], ['cancelAppointment', 'a2']]);
    assert.deepEqual([status('c1'), status('c2')], ['applied', 'applied']);
    assert.deepEqual(sent.map((e) => [e.changeId, e.status, e.attempts]), [['c1', 'sent', 1], ['c2', 'sent', 1]]);
    assert.deepEqual(announced.map((s) => s.changeIds), [['c1'], ['c2']]);
    assert.equal(c.leyr.appointments.get('a1')?.start, at('14:00'));
  });

  it('keeps a change whose answer was lost `sent`, catches up, finds it not made, and sends it again', async () => {
    c.leyr.failNext('updateAppointment', networkError());
    c.queue('c1', 'move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    worker.start();
    await worker.idle();
    assert.equal(status('c1'), 'applied');
    assert.equal(c.t.store.outbox.byChangeId('c1')?.attempts, 2);
    assert.deepEqual(caughtUp.map((entries) => entries.map((e) => [e.changeId, e.status])), [[['c1', 'sent']]]);
    assert.deepEqual(sends(), [['updateAppointment', 'a1'], ['updateAppointment', 'a1']]);
  });

  it('settles a refused change with the ones made on top of it, and goes on with the rest', async () => {
    c.leyr.failNext('updateAppointment', refusal());
    c.queue('c1', 'move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    c.queue('c2', 'cancel', { ids: ['a1'], reason: 'x' });
    c.queue('c3', 'cancel', { ids: ['a2'], reason: 'x' });
    worker.start();
    await worker.idle();
    assert.deepEqual([status('c1'), status('c2'), status('c3')], ['refused', 'refused', 'applied']);
    assert.equal(c.t.store.outbox.byChangeId('c1')?.failure?.code, 'NO_TIMESLOTS_AVAILABLE');
    assert.deepEqual(announced[0]?.changeIds, ['c1', 'c2']);
  });

  it('is not stopped by a change that cannot be read back', async () => {
    c.queue('c1', 'move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    c.queue('c2', 'cancel', { ids: ['a2'], reason: 'x' });
    const raw = new DatabaseSync(path.join(c.t.dir, STORE_FILE_NAME));
    raw.exec("UPDATE outbox SET kind = 'teleport' WHERE change_id = 'c1'");
    raw.close();
    worker.start();
    await worker.idle();
    assert.deepEqual([status('c1'), status('c2')], ['refused', 'applied']);
    assert.deepEqual(sends(), [['cancelAppointment', 'a2']]);
  });

  it('ends after the step in flight when disposed, and sends nothing more', async () => {
    c.queue('c1', 'move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    c.queue('c2', 'cancel', { ids: ['a2'], reason: 'x' });
    const release = c.leyr.hold('updateAppointment');
    worker.start();
    while (!c.leyr.calls.some((call) => call.method === 'updateAppointment')) await new Promise((resolve) => setTimeout(resolve, 2));
    const idle = worker.idle();
    worker.dispose();
    await idle;
    let stopped = false;
    const stopping = worker.stopped().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(stopped, false, 'the change in flight gets its answer');
    release();
    await stopping;
    assert.deepEqual([status('c1'), status('c2')], ['applied', 'pending']);
    assert.deepEqual(sends(), [['updateAppointment', 'a1']]);
  });
});
