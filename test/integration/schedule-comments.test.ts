// A comment edited after booking, against the sandbox over HTTP: another desk's newer comment
// is never written over (the check before sending compares the comment for a comment-only
// change; change-queue/base-check.ts).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { booked } from '../support/day-picks.ts';
import { sandboxAppointments, startHarness, type Harness } from '../support/schedule-harness.ts';

let h: Harness;

describe('a comment edit against another desk’s', () => {
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('does not write over a comment another desk edited after the screen was drawn', async () => {
    const day = await h.openFresh();
    const a = booked(day)[4];
    assert.ok(a);
    // Background refresh is off (the harness): the local copy still has the old comment.
    await h.otherDesk.updateAppointment(a.id, { comment: 'Deras' });
    const from = (await h.control.requests()).next;
    const receipt = h.service.editComment({ appointmentId: a.id, comment: 'Min', seen: [{ id: a.id, start: a.start, end: a.end, resourceId: a.resourceId, status: a.status }] });
    const done = await h.finalStatus(receipt.changeId);
    assert.equal(done.status, 'conflict');
    const sent = (await h.control.requests(from)).requests.filter((r) => r.method === 'PATCH');
    assert.deepEqual(sent, [], 'nothing sent over theirs');
    assert.equal((await sandboxAppointments(h.control)).get(a.id)?.comment, 'Deras');
  });
});
