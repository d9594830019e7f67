// Snapshots of the open days go out coalesced; connectivity goes out when the number of
// pending changes moves; a push that fails is logged, and dispose cancels what is due.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { ConnectivityStatus, DaySnapshot } from '../../../preload/contract/index.ts';
import { EventBus } from '../../../main/events/bus.ts';
import { createDayPush, type DayPush } from '../../../main/schedule/day-feed/day-push.ts';
import { OpenDays } from '../../../main/schedule/day-feed/open-days.ts';
import { captureLog } from '../../support/log-capture.ts';

describe('day push', () => {
  let pushed: { event: string; date?: string; pending?: number }[];
  let pending: number;
  let failing: boolean;
  let push: DayPush;
  const openDays = new OpenDays(3);
  const capture = captureLog();
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    pushed = [];
    pending = 0;
    failing = false;
    const bus = new EventBus();
    bus.subscribe((event, payload) => {
      if (event === 'day.snapshot') pushed.push({ event, date: (payload as DaySnapshot).date });
      if (event === 'connectivity') pushed.push({ event, pending: (payload as ConnectivityStatus).pendingCount });
    });
    const snapshot = (date: string): DaySnapshot => {
      if (failing) throw new Error('damaged row');
      return { date } as DaySnapshot;
    };
    const connectivity = (): ConnectivityStatus => ({ state: 'online', since: 'then', lastSuccessAt: null, pendingCount: pending, waitUntil: null });
    push = createDayPush({ bus, log: capture.log, openDays, snapshot, pendingCount: () => pending, connectivity, debounceMs: 30 });
    openDays.remember('2026-03-24');
    openDays.remember('2026-03-23');
  });
  afterEach(() => {
    push.dispose();
    mock.timers.reset();
  });

  it('coalesces touches into one snapshot per open day; days not open are not pushed', () => {
    push.touch(['2026-03-23']);
    push.touch(['2026-03-23', '2026-04-01']);
    assert.deepEqual(pushed, []);
    mock.timers.tick(30);
    assert.deepEqual(pushed, [
      { event: 'day.snapshot', date: '2026-03-23' },
      { event: 'day.snapshot', date: '2026-03-24' },
      { event: 'connectivity', pending: 0 },
    ]);
  });

  it('says connectivity again only when the pending count moved, or when told', () => {
    push.touch([]);
    mock.timers.tick(30);
    pushed.length = 0;
    push.touch([]);
    mock.timers.tick(500);
    assert.deepEqual(pushed.filter((p) => p.event === 'connectivity'), []);
    pending = 2;
    push.touch([]);
    mock.timers.tick(500);
    assert.deepEqual(pushed.filter((p) => p.event === 'connectivity'), [{ event: 'connectivity', pending: 2 }]);
    push.connectivityChanged();
    assert.equal(pushed.filter((p) => p.event === 'connectivity').length, 2);
  });

  it('logs a push that fails instead of throwing from the timer, and pushes nothing once disposed', () => {
    failing = true;
    push.touch(['2026-03-23']);
    mock.timers.tick(30);
    assert.ok(capture.lines().some((line) => line.msg === 'day snapshot could not be pushed'));
    failing = false;
    push.touch(['2026-03-23']);
    push.dispose();
    mock.timers.tick(1_000);
    assert.deepEqual(pushed, []);
  });
});

describe('open days', () => {
  it('keeps the few newest, newest first', () => {
    const days = new OpenDays(2);
    days.remember('a');
    days.remember('b');
    days.remember('a');
    days.remember('c');
    assert.deepEqual(days.all(), ['c', 'a']);
    assert.equal(days.newest(), 'c');
    assert.ok(!days.has('b'));
  });
});

describe('the event bus', () => {
  it('ends a subscription by calling it or by disposing it', () => {
    const bus = new EventBus();
    const heard: string[] = [];
    const first = bus.subscribe((event) => heard.push(`first ${event}`));
    const second = bus.subscribe((event) => heard.push(`second ${event}`));
    bus.emit('connectivity', { state: 'online', since: 'now', lastSuccessAt: null, pendingCount: 0, waitUntil: null });
    first();
    second.dispose();
    bus.emit('connectivity', { state: 'online', since: 'now', lastSuccessAt: null, pendingCount: 0, waitUntil: null });
    assert.deepEqual(heard, ['first connectivity', 'second connectivity']);
  });
});
