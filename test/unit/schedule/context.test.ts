// What one account's schedule parts share: the account in the store, the zone it learns
// from Leyr, today in that zone, and the sequence that orders writes from Leyr's answers.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createScheduleContext } from '../../../main/schedule/common/context.ts';
import { InFlight } from '../../../main/schedule/common/in-flight.ts';
import { silentLogger } from '../../../main/log/logger.ts';
import { appointment, tempStore, type TempStore } from '../../support/store-fixtures.ts';

describe('the schedule context', () => {
  let t: TempStore;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.dispose());

  it('is the store’s account, with its zone, today in that zone, and the next sync sequence after the store’s', () => {
    t.store.days.upsertServer(t.accountId, [appointment('a1', '09:00')], 41);
    const ctx = createScheduleContext({ store: t.store, log: silentLogger, account: { key: 'test:webdoc:L0_1', emr: 'webdoc', careUnitId: 'L0_1' }, now: () => Date.parse('2026-03-23T23:30:00Z') });
    assert.equal(ctx.accountId, t.accountId);
    assert.equal(ctx.zone(), 'Europe/Stockholm');
    assert.equal(ctx.today(), '2026-03-24', 'already tomorrow in Stockholm');
    assert.equal(ctx.currentSyncSeq(), 41);
    assert.equal(ctx.nextSyncSeq(), 42);
    assert.equal(ctx.currentSyncSeq(), 42);
    ctx.setCareUnit('America/New_York', 'Clinic NY');
    assert.equal(ctx.today(), '2026-03-23');
    assert.deepEqual(t.store.accounts.get(t.accountId), { ...t.store.accounts.get(t.accountId), careUnitName: 'Clinic NY', timeZone: 'America/New_York' });
    assert.ok(ctx.actor.length > 0, 'the OS user by default');
  });
});

describe('the care unit’s zone', () => {
  it('is the app’s zone (from options, Stockholm by default) until Leyr’s care unit is fetched, which names none', () => {
    const t = tempStore();
    try {
      const account = { key: 'test:webdoc:L0_1', emr: 'webdoc', careUnitId: 'L0_1' };
      assert.equal(createScheduleContext({ store: t.store, log: silentLogger, account }).zone(), 'Europe/Stockholm');
      const oslo = createScheduleContext({ store: t.store, log: silentLogger, account, timeZone: 'Europe/Oslo' });
      assert.deepEqual([oslo.zone(), oslo.defaultZone, oslo.emr], ['Europe/Oslo', 'Europe/Oslo', 'webdoc']);
      assert.equal(createScheduleContext({ store: t.store, log: silentLogger, account, timeZone: 'Mars/Olympus' }).zone(), 'Europe/Stockholm', 'a zone that is none is not taken');
    } finally {
      t.dispose();
    }
  });
});

describe('work in flight', () => {
  it('waits for what runs now, at most as long as asked, whatever its outcome', async () => {
    const inFlight = new InFlight();
    let finish: () => void = () => {};
    inFlight.track(new Promise<void>((resolve) => (finish = resolve)));
    inFlight.track(Promise.reject(new Error('failed on its own')));
    const started = performance.now();
    await inFlight.settled(30);
    assert.ok(performance.now() - started >= 25, 'gave up after the time asked');
    finish();
    await inFlight.settled(10_000);
  });
});
