// The day feed's timing: a day answers from the store at once and is fetched shortly after
// (with the next working days); the open day is refreshed periodically, on focus (not too
// often), when Leyr is back, and once after a burst of settled changes. Dispose stops all.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { DaySnapshot } from '../../../preload/contract/index.ts';
import { createDayFeed, type DayFeed } from '../../../main/schedule/day-feed/day-feed.ts';
import { OpenDays } from '../../../main/schedule/day-feed/open-days.ts';
import { appointment } from '../../support/store-fixtures.ts';
import { clinic, DAY, type Clinic } from './support/clinic.ts';

describe('the day feed', () => {
  let c: Clinic;
  let feed: DayFeed;
  let fetched: string[];
  let clock: number;
  let fetchedAt: string | null;
  // Microtasks, and the turns of the event loop a refresh yields between its pieces (setImmediate, not mocked).
  const flush = async (): Promise<void> => {
    for (let i = 0; i < 10; i += 1) {
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
    clock = Date.parse('2026-03-23T08:00:00Z');
    c = clinic({ now: () => clock });
    fetched = [];
    fetchedAt = 'earlier';
    feed = createDayFeed({
      ctx: c.ctx,
      refresher: { refresh: async (date) => void fetched.push(date) },
      openDays: new OpenDays(3),
      snapshot: (date) => ({ date, fetchedAt }) as DaySnapshot,
      touch: () => {},
      fetchNames: async () => false,
      refreshIntervalMs: 10_000,
      backgroundRefreshMs: 60_000,
      prefetchDays: 2,
      focusThrottleMs: 2_000,
    });
  });
  afterEach(() => {
    feed.dispose();
    mock.timers.reset();
    c.dispose();
  });

  it('answers from the store at once, then marks the day opened and fetches it with the next working days', async () => {
    const friday = '2026-03-27';
    assert.equal(feed.open(friday).date, friday);
    assert.deepEqual(fetched, []);
    mock.timers.tick(0);
    assert.ok(c.t.store.days.day(c.t.accountId, friday)?.openedAt !== null);
    assert.deepEqual(fetched, [], 'a stored day waits for the window to draw it');
    mock.timers.tick(250);
    await flush();
    assert.deepEqual(fetched, [friday, '2026-03-30', '2026-03-31']);
  });

  it('paging through days fetches only the day still shown when its turn comes, and its neighbours', async () => {
    feed.open('2026-03-23');
    feed.open('2026-03-24');
    feed.open('2026-03-25');
    mock.timers.tick(250);
    await flush();
    assert.deepEqual(fetched, ['2026-03-25', '2026-03-26', '2026-03-27']);
  });

  it('fetches a day never fetched at once', async () => {
    fetchedAt = null;
    feed.open(DAY);
    mock.timers.tick(0);
    await flush();
    assert.equal(fetched[0], DAY);
  });

  it('refreshes the open day periodically and on focus, not more often than the throttle', async () => {
    await feed.refresh(DAY);
    fetched.length = 0;
    assert.equal(feed.focused(), false, 'just fetched');
    clock += 2_000;
    assert.equal(feed.focused(), true);
    await flush();
    clock += 10_000;
    mock.timers.tick(10_000);
    await flush();
    feed.reconnected();
    await flush();
    assert.deepEqual(fetched, [DAY, DAY, DAY]);
  });

  it('refreshes every interval while the window is in use, and about once a minute while it is not', async () => {
    await feed.refresh(DAY);
    fetched.length = 0;
    const minute = async (): Promise<number> => {
      const before = fetched.length;
      for (let s = 0; s < 6; s += 1) {
        clock += 10_000;
        mock.timers.tick(10_000);
        await flush();
      }
      return fetched.length - before;
    };
    assert.equal(await minute(), 6, 'in use: every 10 s');
    feed.setActive(false);
    assert.equal(await minute(), 1, 'in the background: once a minute');
    assert.equal(await minute(), 1);
    feed.setActive(true);
    assert.equal(await minute(), 6, 'in use again');
  });

  it('fetches the free slots of open days once a burst of settled changes is over', async () => {
    await feed.refresh(DAY);
    fetched.length = 0;
    feed.settledOn([DAY, '2026-04-01']);
    mock.timers.tick(600);
    feed.settledOn([DAY]);
    mock.timers.tick(600);
    assert.deepEqual(fetched, []);
    mock.timers.tick(400);
    await flush();
    assert.deepEqual(fetched, [DAY]);
  });

  it('catches up on the days of waiting changes, a few, in order', async () => {
    const on = (date: string) => ({ ...appointment('x', '09:00'), date });
    const targets = ['2026-03-24', '2026-03-23', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-30'].map((date) => ({ appointmentId: 'x', base: on(date), expected: on(date) }));
    await feed.catchUp([{ targets }]);
    assert.deepEqual(fetched, ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27']);
  });

  it('starts nothing more once disposed', async () => {
    feed.open(DAY);
    feed.settledOn([DAY]);
    feed.dispose();
    mock.timers.tick(60_000);
    await flush();
    assert.deepEqual(fetched, []);
  });
});
