// The adaptive limit of concurrent name reads on its own, on a clock the test moves: it
// doubles per round trip while Leyr answers fast, halves once per push-back, grows by one
// per round trip after, and stops growing when answers slow down.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdaptiveLimit } from '../../../main/leyr/adaptive-limit.ts';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let at = start;
  return { now: () => at, advance: (ms) => (at += ms) };
}

/** One round trip: `limit.current` requests sent now, all answered `latencyMs` later. */
function roundTrip(limit: AdaptiveLimit, c: ReturnType<typeof clock>, latencyMs: number): void {
  const sentAt = c.now();
  const count = limit.current;
  c.advance(latencyMs);
  for (let i = 0; i < count; i += 1) limit.answered(sentAt);
}

describe('AdaptiveLimit', () => {
  it('starts where told, within its bounds', () => {
    assert.equal(new AdaptiveLimit({ initial: 6, max: 32 }).current, 6);
    assert.equal(new AdaptiveLimit({ initial: 60, max: 32 }).current, 32);
    assert.equal(new AdaptiveLimit({ initial: 0, max: 32 }).current, 1);
    assert.equal(new AdaptiveLimit({ initial: 4, min: 2, max: 1 }).current, 2);
  });

  it('doubles every round trip while Leyr answers fast, up to the ceiling', () => {
    const c = clock();
    const limit = new AdaptiveLimit({ initial: 4, max: 40, now: c.now });
    roundTrip(limit, c, 200);
    assert.equal(limit.current, 8);
    roundTrip(limit, c, 200);
    assert.equal(limit.current, 16);
    roundTrip(limit, c, 210);
    assert.equal(limit.current, 32);
    roundTrip(limit, c, 200);
    assert.equal(limit.current, 40);
  });

  it('halves once per push-back: answers already on their way do not halve it again', () => {
    const c = clock();
    const limit = new AdaptiveLimit({ initial: 32, max: 64, now: c.now });
    const sentAt = c.now();
    c.advance(200);
    // 32 requests were on their way; all meet the same 429.
    for (let i = 0; i < 32; i += 1) limit.overloaded(sentAt);
    assert.equal(limit.current, 16);
    // A request sent after the halving that is refused too halves it again.
    const later = c.now();
    c.advance(200);
    limit.overloaded(later);
    assert.equal(limit.current, 8);
    // Late good answers to requests sent before the halving do not grow it either.
    for (let i = 0; i < 8; i += 1) limit.answered(sentAt);
    assert.equal(limit.current, 8);
  });

  it('after a push-back grows by one per round trip, not by doubling', () => {
    const c = clock();
    const limit = new AdaptiveLimit({ initial: 20, max: 64, now: c.now });
    const sentAt = c.now();
    c.advance(100);
    limit.overloaded(sentAt);
    assert.equal(limit.current, 10);
    roundTrip(limit, c, 100);
    assert.equal(limit.current, 11);
    roundTrip(limit, c, 100);
    assert.equal(limit.current, 12);
  });

  it('never goes below its floor', () => {
    const c = clock();
    const limit = new AdaptiveLimit({ initial: 3, min: 2, max: 10, now: c.now });
    for (let i = 0; i < 5; i += 1) {
      const sentAt = c.now();
      c.advance(50);
      limit.overloaded(sentAt);
    }
    assert.equal(limit.current, 2);
  });

  it('stops growing while answers come much slower than the fastest seen', () => {
    const c = clock();
    const limit = new AdaptiveLimit({ initial: 4, max: 64, now: c.now });
    roundTrip(limit, c, 100);
    assert.equal(limit.current, 8);
    // A busy moment: 3× as long but only 250 ms more is no reason to stop.
    roundTrip(limit, c, 350);
    assert.equal(limit.current, 16);
    // Leyr starts queueing: answers take 8× as long.
    roundTrip(limit, c, 800);
    roundTrip(limit, c, 800);
    assert.equal(limit.current, 16, 'held while slow');
    roundTrip(limit, c, 120);
    assert.equal(limit.current, 32, 'grows again once fast');
  });
});
