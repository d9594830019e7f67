// A stored change request is read back with its kind's schema, once; what does not fit is
// named, not guessed at.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHANGE_KINDS, isChangeKind, readChangeRequest } from '../../../main/store/outbox/change-requests.ts';

describe('stored change requests', () => {
  it('knows exactly the contract’s kinds of change', () => {
    assert.deepEqual([...CHANGE_KINDS].sort(), ['book', 'cancel', 'comment', 'confirm', 'move', 'move-to-resource', 'reschedule']);
    assert.ok(isChangeKind('move'));
    assert.ok(!isChangeKind('toString'), 'not an inherited property');
  });

  it('reads a request back typed by its kind', () => {
    const read = readChangeRequest('cancel', JSON.stringify({ kind: 'cancel', ids: ['a1'], reason: 'sjuk' }));
    assert.deepEqual(read, { ok: true, request: { kind: 'cancel', ids: ['a1'], reason: 'sjuk' } });
  });

  it('names what cannot be read: an unknown kind, damaged JSON, a shape that does not fit, a kind that disagrees', () => {
    const problem = (kind: string, json: string): string => {
      const read = readChangeRequest(kind, json);
      assert.equal(read.ok, false);
      return read.ok ? '' : read.problem;
    };
    assert.match(problem('teleport', '{}'), /unknown kind "teleport"/);
    assert.match(problem('move', '{'), /not JSON/);
    assert.match(problem('move', JSON.stringify({ kind: 'move' })), /does not fit its kind \(move\)/);
    assert.match(problem('move', JSON.stringify({ kind: 'cancel', ids: ['a1'], reason: 'x' })), /does not fit its kind/);
  });
});
