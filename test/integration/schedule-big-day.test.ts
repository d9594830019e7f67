// The size of a big clinic (big-clinic.json: 80 resources, 1,400 appointments a day): a
// cached day opens whole from the store without asking Leyr, and its patients' names are
// fetched once. How fast it opens is the bench's to say (scripts/bench-store.ts, npm run
// bench), not a timed test's: on a shared machine a test's clock says more about the load.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BIG_CLINIC, DAY, startHarness, type Harness } from '../support/schedule-harness.ts';

describe('a big clinic’s day', () => {
  let h: Harness;
  before(async () => {
    // A per-attempt timeout no answer reaches: on a loaded machine a name GET past the usual 2 s
    // is asked again (rightly), which "each patient fetched once" would misread.
    h = await startHarness({ seedFile: BIG_CLINIC, timeoutMs: 60_000 });
  });
  after(async () => {
    await h.close();
  });

  it('opens whole from the store once cached, without asking Leyr again', async () => {
    const since = (await h.control.requests()).next;
    const fetched = await h.service.refreshDay(DAY);
    assert.equal(fetched.appointments.length, 1400);
    assert.equal(fetched.resources.length, 80);
    const patientGets = (await h.control.requests(since)).requests.filter((r) => /\/patients\/[^/?]+$/.test(r.path)).length;
    assert.equal(patientGets, new Set(fetched.appointments.map((a) => a.patientId)).size, 'each patient fetched once');
    assert.ok(fetched.appointments.every((a) => a.patientName !== null));

    const before = (await h.control.requests()).next;
    for (let i = 0; i < 15; i += 1) {
      const snapshot = h.service.openDay(DAY);
      assert.equal(snapshot.appointments.length, 1400);
      assert.equal(snapshot.resources.length, 80);
      assert.ok(snapshot.appointments.every((a) => a.patientName !== null), 'names from the store');
    }
    const asked = (await h.control.requests(before)).requests.filter((r) => /\/patients\/[^/?]+$/.test(r.path));
    assert.deepEqual(asked, [], 'no patient asked again');
  });
});
