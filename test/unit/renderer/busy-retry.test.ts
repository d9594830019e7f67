// A read answered BUSY is asked again after a pause, while it is still wanted; anything else
// (an answer, another error) ends it at once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, ok, type Result } from '../../../preload/contract/index.ts';
import { readWhenNotBusy } from '../../../renderer/common/busy-retry.ts';

const busy = fail('BUSY', 'busy');

function answers(...results: Result<string>[]): { read: () => Promise<Result<string>>; asked: () => number } {
  let asked = 0;
  return { read: async () => results[Math.min(asked++, results.length - 1)]!, asked: () => asked };
}

describe('readWhenNotBusy', () => {
  it('asks again while BUSY, and answers the first real answer', async () => {
    const { read, asked } = answers(busy, busy, ok('day'));
    assert.deepEqual(await readWhenNotBusy(read, () => true, [1, 1, 1]), ok('day'));
    assert.equal(asked(), 3);
  });

  it('gives up after its pauses, answering BUSY', async () => {
    const { read, asked } = answers(busy);
    assert.deepEqual(await readWhenNotBusy(read, () => true, [1, 1]), busy);
    assert.equal(asked(), 3);
  });

  it('does not ask again for what is no longer wanted, nor after another error', async () => {
    const stale = answers(busy, ok('day'));
    assert.deepEqual(await readWhenNotBusy(stale.read, () => false, [1]), busy);
    assert.equal(stale.asked(), 1);
    const refused = answers(fail('INVALID_ARGUMENT', 'bad'), ok('day'));
    assert.equal((await readWhenNotBusy(refused.read, () => true, [1])).ok, false);
    assert.equal(refused.asked(), 1);
  });
});
