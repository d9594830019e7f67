// A change that did not go through takes the changes made on top of it down with it, and
// nothing else; an unreadable one too.
import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { settleFailed, settleUnreadable } from '../../../main/schedule/changes/settle-failed.ts';
import { STORE_FILE_NAME } from '../../../main/store/store.ts';
import { at, clinic, DAY, type Clinic } from './support/clinic.ts';

describe('settling a failed change', () => {
  let c: Clinic;
  beforeEach(() => {
    c = clinic();
  });
  afterEach(() => c.dispose());

  const failure = { reason: 'Slot taken', code: 'NO_TIMESLOTS_AVAILABLE', leyr: null };
  const status = (changeId: string) => c.t.store.outbox.byChangeId(changeId);

  it('refuses the changes made on top of it, down the line, and reverts what they showed', () => {
    const c1 = c.queue('c1', 'move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    c.queue('c2', 'move', { appointmentId: 'a1', start: at('15:00'), end: at('15:30') });
    c.queue('c3', 'move-to-resource', { ids: ['a2'], resourceId: 'res-002' });
    const settled = settleFailed(c.ctx, c1, { status: 'refused', failure });
    assert.deepEqual(settled.changeIds, ['c1', 'c2']);
    assert.deepEqual(settled.dates, [DAY]);
    assert.equal(status('c1')?.failure?.code, 'NO_TIMESLOTS_AVAILABLE');
    assert.equal(status('c2')?.status, 'refused');
    assert.equal(status('c2')?.failure?.code, 'DEPENDS_ON_FAILED');
    assert.match(status('c2')?.failure?.reason ?? '', /made on top of “Move a1 .*”, which did not go through/);
    assert.equal(status('c3')?.status, 'pending');
    assert.equal(c.t.store.days.dayView(c.t.accountId, DAY).find((row) => row.id === 'a1')?.pending, false);
    assert.deepEqual(
      c.t.store.audit.recent(c.t.accountId, 5).map((e) => [e.action, e.changeId, e.outcome]),
      [
        ['change.refused', 'c2', 'DEPENDS_ON_FAILED'],
        ['change.refused', 'c1', 'NO_TIMESLOTS_AVAILABLE'],
      ],
    );
  });

  it('an unreadable change, refused by the store, takes its dependents down too', () => {
    c.queue('c1', 'move', { appointmentId: 'a1', start: at('14:00'), end: at('14:30') });
    c.queue('c2', 'cancel', { ids: ['a1'], reason: 'x' });
    const raw = new DatabaseSync(path.join(c.t.dir, STORE_FILE_NAME));
    raw.exec("UPDATE outbox SET request = 'not json' WHERE change_id = 'c1'");
    raw.close();
    const c1 = status('c1');
    assert.ok(c1 !== null && c1.request === null);
    const settled = settleUnreadable(c.ctx, c1);
    assert.deepEqual(settled.changeIds, ['c1', 'c2']);
    assert.match(status('c2')?.failure?.reason ?? '', /which could not be read back/);
    assert.equal(c.t.store.audit.recent(c.t.accountId, 5).find((e) => e.changeId === 'c1')?.outcome, 'UNREADABLE');
  });
});
