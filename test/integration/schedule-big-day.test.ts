// The size of a big clinic (big-clinic.json: 80 resources, 1,400 appointments a day): a
// cached day opens from the store well within a frame budget, and its patients' names are
// fetched once, a few at a time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BIG_CLINIC, DAY, startHarness, type Harness } from '../support/schedule-harness.ts';

describe('a big clinic’s day', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ seedFile: BIG_CLINIC });
  });
  after(async () => {
    await h.close();
  });

  it('opens from the store in well under 50 ms once cached', async () => {
    const since = (await h.control.requests()).next;
    const fetched = await h.service.refreshDay(DAY);
    assert.equal(fetched.appointments.length, 1400);
    assert.equal(fetched.resources.length, 80);
    const patientGets = (await h.control.requests(since)).requests.filter((r) => /\/patients\/[^/?]+$/.test(r.path)).length;
    assert.equal(patientGets, new Set(fetched.appointments.map((a) => a.patientId)).size, 'each patient fetched once');
    assert.ok(fetched.appointments.every((a) => a.patientName !== null));

    const times: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      const started = performance.now();
      const snapshot = h.service.openDay(DAY);
      times.push(performance.now() - started);
      assert.equal(snapshot.appointments.length, 1400);
    }
    times.sort((a, b) => a - b);
    const median = times[7] ?? Infinity;
    assert.ok(median < 50, `median ${median.toFixed(1)} ms`);
  });
});
