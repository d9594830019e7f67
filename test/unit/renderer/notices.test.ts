// The window's notices: the same words again replace the notice rather than stack up (a
// failure met on every retry would otherwise fill the corner); at most five are shown.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { useNotices } from '../../../renderer/common/notices.ts';

describe('notices', () => {
  beforeEach(() => useNotices.setState({ notices: [] }));

  it('shows a repeated error once, as the newest', () => {
    const { notify } = useNotices.getState();
    notify('error', 'Leyr could not be reached.');
    notify('error', 'Moved: Anna Berg');
    notify('error', 'Leyr could not be reached.');
    assert.deepEqual(useNotices.getState().notices.map((n) => n.text), ['Moved: Anna Berg', 'Leyr could not be reached.']);
  });

  it('keeps notices that carry an action apart, and the five newest', () => {
    const { notify } = useNotices.getState();
    const action = { label: 'Undo', tag: 'undo:1', run: () => undefined };
    notify('error', 'Moved', action);
    notify('error', 'Moved', action);
    for (let i = 0; i < 6; i += 1) notify('error', `failure ${i}`);
    const texts = useNotices.getState().notices.map((n) => n.text);
    assert.equal(texts.length, 5);
    assert.deepEqual(texts, ['failure 1', 'failure 2', 'failure 3', 'failure 4', 'failure 5']);
  });
});
