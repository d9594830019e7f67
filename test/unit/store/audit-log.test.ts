import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { tempStore, type TempStore } from '../../support/store-fixtures.ts';

describe('audit log', () => {
  let t: TempStore;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.dispose());

  it('records who did what, newest first, with Leyr’s instance', () => {
    t.store.audit.write({ accountId: t.accountId, at: '2026-03-23T08:00:00.000Z', actor: 'desk-1', action: 'change.queued', changeId: 'c1', detail: 'Move a1' });
    t.store.audit.write({ accountId: t.accountId, at: '2026-03-23T08:00:01.000Z', actor: 'desk-1', action: 'change.refused', changeId: 'c1', outcome: 'NO_TIMESLOTS_AVAILABLE', leyrCode: 'BAD_REQUEST', leyrInstance: 'd3e84cc1' });
    const [last, first] = t.store.audit.recent(t.accountId, 10);
    assert.equal(last?.action, 'change.refused');
    assert.equal(last?.leyrInstance, 'd3e84cc1');
    assert.equal(first?.actor, 'desk-1');
    assert.equal(first?.detail, 'Move a1');
  });

  it('never stores a personal number, whatever a caller passes', () => {
    t.store.audit.write({ accountId: t.accountId, at: 'now', actor: 'desk', action: 'patient.searched', detail: 'by number 19121212-1212 and se_personal_number:191212121212', outcome: '121212-1212' });
    const text = JSON.stringify(t.store.audit.recent(t.accountId, 1));
    assert.ok(!/\d{6}-?\d{4}/.test(text), text);
    assert.match(text, /\[personal-number\]/);
  });
});
