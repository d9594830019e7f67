import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { useDrag } from '../../../renderer/day/state/drag-store.ts';
import { whenIdle } from '../../../renderer/day/state/idle.ts';

// The browser's idle callbacks, driven by hand: each call hands the pending callbacks an
// idle period with the given time left.
type Callback = (deadline: IdleDeadline) => void;
let queue: { id: number; callback: Callback }[] = [];
let nextId = 1;
const globals = globalThis as unknown as { requestIdleCallback?: (cb: Callback) => number; cancelIdleCallback?: (id: number) => void };

function installIdle(): void {
  queue = [];
  globals.requestIdleCallback = (callback) => {
    const id = nextId++;
    queue.push({ id, callback });
    return id;
  };
  globals.cancelIdleCallback = (id) => {
    queue = queue.filter((entry) => entry.id !== id);
  };
}

function idlePeriod(remainingMs: number): void {
  const due = queue;
  queue = [];
  for (const { callback } of due) callback({ didTimeout: false, timeRemaining: () => remainingMs });
}

describe('work that waits for idle time', () => {
  afterEach(() => {
    delete globals.requestIdleCallback;
    delete globals.cancelIdleCallback;
    useDrag.getState().end();
  });

  it('runs only in an idle period with room enough, and keeps waiting until then', () => {
    installIdle();
    let runs = 0;
    whenIdle(() => (runs += 1), 10);
    idlePeriod(3);
    idlePeriod(9.9);
    assert.equal(runs, 0);
    idlePeriod(12);
    assert.equal(runs, 1);
    idlePeriod(50);
    assert.equal(runs, 1, 'once');
  });

  it('never runs during a drag, even with time to spare', () => {
    installIdle();
    let runs = 0;
    whenIdle(() => (runs += 1), 5);
    useDrag.getState().start({ id: 'a', patient: 'Tolvan', durationMinutes: 30 });
    idlePeriod(50);
    assert.equal(runs, 0);
    useDrag.getState().end();
    idlePeriod(50);
    assert.equal(runs, 1);
  });

  it('does nothing once cancelled, whether or not it was waiting for room', () => {
    installIdle();
    let runs = 0;
    const task = whenIdle(() => (runs += 1), 10);
    idlePeriod(2);
    task.cancel();
    idlePeriod(50);
    assert.equal(runs, 0);
    assert.equal(queue.length, 0);
  });
});
