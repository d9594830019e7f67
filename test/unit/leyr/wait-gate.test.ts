// The wait gate on its own, on a clock the test moves: Retry-After read in both forms, the
// ladder, answers that were already on their way, and who may pass when.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRetryAfter, RETRY_AFTER_CAP_MS, WAIT_LADDER_MS, WaitGate } from '../../../main/leyr/wait-gate.ts';

const NOW = Date.parse('2026-03-23T07:00:00Z');

describe('parseRetryAfter', () => {
  for (const [header, expected] of [
    ['5', 5_000],
    [' 0 ', 0],
    ['1.5', 1_500],
    ['Mon, 23 Mar 2026 07:00:05 GMT', 5_000],
    ['Mon, 23 Mar 2026 06:59:00 GMT', 0],
    ['86400', RETRY_AFTER_CAP_MS],
    ['Tue, 24 Mar 2026 07:00:00 GMT', RETRY_AFTER_CAP_MS],
    [null, null],
    ['', null],
    ['-3', null],
    ['soon', null],
    ['2026', RETRY_AFTER_CAP_MS],
    ['12:00', null],
  ] as const) {
    it(`reads ${JSON.stringify(header)} as ${String(expected)}`, () => {
      assert.equal(parseRetryAfter(header, NOW), expected);
    });
  }

  it('caps at 5 minutes', () => {
    assert.equal(RETRY_AFTER_CAP_MS, 300_000);
  });
});

describe('WaitGate', () => {
  const reason = { status: 503, code: 'SERVICE_UNAVAILABLE' };
  const clock = () => {
    let now = NOW;
    return { now: () => now, move: (ms: number) => (now += ms) };
  };
  const held = (until: number): Error => Object.assign(new Error('held'), { until });
  const noSleep = async (): Promise<void> => {};

  it('follows Leyr’s ladder 1 s, 5 s, 15 s, 30 s, 1 min, then stays at 1 min', () => {
    assert.deepEqual(WAIT_LADDER_MS, [1_000, 5_000, 15_000, 30_000, 60_000]);
    const time = clock();
    const gate = new WaitGate({ now: time.now });
    const waits: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const wait = gate.askedToWait(null, reason, time.now());
      waits.push(wait.retryAfterMs);
      time.move(wait.retryAfterMs);
    }
    assert.deepEqual(waits, [1_000, 5_000, 15_000, 30_000, 60_000, 60_000, 60_000]);
  });

  it('answers to requests already on their way when a wait was announced neither climb the ladder nor open the gate', () => {
    const time = clock();
    const gate = new WaitGate({ now: time.now });
    const sentBefore = time.now();
    time.move(10);
    const first = gate.askedToWait(null, reason, sentBefore);
    // Three more answers to requests sent before it: the same trouble, the same step.
    for (let i = 0; i < 3; i += 1) assert.equal(gate.askedToWait(null, reason, sentBefore).waitUntil, first.waitUntil);
    gate.answered(sentBefore);
    assert.equal(gate.waitUntil(), first.waitUntil, 'an old success does not open the gate');
    time.move(1_000);
    assert.equal(gate.askedToWait(null, reason, time.now()).retryAfterMs, 5_000, 'the next step');
  });

  it('a Retry-After sets the wait without climbing; a shorter one never shortens a wait', () => {
    const time = clock();
    const gate = new WaitGate({ now: time.now });
    assert.equal(gate.askedToWait(10_000, reason, time.now()).retryAfterMs, 10_000);
    assert.equal(gate.askedToWait(2_000, reason, time.now()).retryAfterMs, 10_000);
    assert.equal(gate.waitUntil(), NOW + 10_000);
    time.move(10_000);
    assert.equal(gate.waitUntil(), null, 'open once the time has passed');
    assert.equal(gate.askedToWait(null, reason, time.now()).retryAfterMs, 1_000, 'the ladder starts at its first step');
  });

  it('tells its listeners of a longer wait and of Leyr answering again, not of repeats', () => {
    const time = clock();
    const gate = new WaitGate({ now: time.now });
    const seen: (number | null)[] = [];
    gate.onChange((until) => seen.push(until));
    gate.onChange(() => {
      throw new Error('a listener that fails');
    });
    gate.askedToWait(5_000, reason, time.now());
    gate.askedToWait(1_000, reason, time.now());
    gate.askedToWait(6_000, reason, time.now());
    time.move(6_000);
    gate.answered(time.now());
    gate.answered(time.now());
    assert.deepEqual(seen, [NOW + 5_000, NOW + 6_000, null]);
  });

  it('holds a caller that may not wait that long, and lets one that may through once the time has come', async () => {
    const time = clock();
    const gate = new WaitGate({ now: time.now });
    gate.askedToWait(3_000, reason, time.now());
    await assert.rejects(gate.pass(Number.NEGATIVE_INFINITY, held, noSleep), (error: Error & { until?: number }) => error.until === NOW + 3_000);
    await assert.rejects(gate.pass(NOW + 2_999, held, noSleep));
    const slept: number[] = [];
    const release = await gate.pass(NOW + 3_000, held, async (ms) => {
      slept.push(ms);
      time.move(ms);
    });
    assert.deepEqual(slept, [3_000]);
    release();
  });

  it('after a wait, lets one request through and the others after its answer', async () => {
    const time = clock();
    const gate = new WaitGate({ now: time.now });
    gate.askedToWait(0, reason, time.now());
    const order: string[] = [];
    const releaseProbe = await gate.pass(NOW, held, noSleep);
    const others = ['b', 'c'].map(async (name) => {
      const release = await gate.pass(NOW, held, noSleep);
      order.push(name);
      release();
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [], 'the others wait for the probe');
    gate.answered(time.now());
    releaseProbe();
    await Promise.all(others);
    assert.deepEqual(order, ['b', 'c']);
  });

  it('a probe that is asked to wait again closes the gate for those behind it', async () => {
    const time = clock();
    const gate = new WaitGate({ now: time.now });
    gate.askedToWait(0, reason, time.now());
    const releaseProbe = await gate.pass(NOW, held, noSleep);
    const behind = gate.pass(NOW + 1_000, held, noSleep);
    gate.askedToWait(5_000, reason, time.now());
    releaseProbe();
    await assert.rejects(behind, (error: Error & { until?: number }) => error.until === NOW + 5_000);
  });
});
