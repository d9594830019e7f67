import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapBounded } from '../../../main/schedule/common/bounded.ts';

describe('mapBounded', () => {
  it('never runs more than the limit at once, keeps the order, and keeps failures as results', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapBounded(Array.from({ length: 25 }, (_, i) => i), 4, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, (n * 7) % 5));
      running -= 1;
      if (n === 13) throw new Error('thirteen');
      return n * 2;
    });
    assert.equal(peak, 4);
    assert.equal(results.length, 25);
    assert.deepEqual(results[3], { status: 'fulfilled', value: 6 });
    assert.equal(results[13]?.status, 'rejected');
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 24);
  });

  it('handles no items', async () => {
    assert.deepEqual(await mapBounded([], 3, async () => 1), []);
  });
});
