import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RetryBackoff } from '../../../main/schedule/change-queue/retry-backoff.ts';

describe('retry backoff', () => {
  it('doubles per consecutive failure up to the ceiling, jittered between half and all of the step', () => {
    const high = new RetryBackoff({ baseMs: 1_000, maxMs: 5_000 }, () => 1);
    assert.deepEqual([high.failed(), high.failed(), high.failed(), high.failed()], [1_000, 2_000, 4_000, 5_000]);
    const low = new RetryBackoff({ baseMs: 1_000, maxMs: 5_000 }, () => 0);
    assert.deepEqual([low.failed(), low.failed()], [500, 1_000]);
  });

  it('starts over after an answer; when Leyr is back, from the first step but still failing', () => {
    const backoff = new RetryBackoff({ baseMs: 100, maxMs: 10_000 }, () => 1);
    assert.equal(backoff.failing, false);
    backoff.failed();
    backoff.failed();
    backoff.failed();
    backoff.forgive();
    assert.equal(backoff.failing, true, 'still catches up first');
    assert.equal(backoff.failed(), 200);
    backoff.succeeded();
    assert.equal(backoff.failing, false);
    assert.equal(backoff.failed(), 100);
  });
});
