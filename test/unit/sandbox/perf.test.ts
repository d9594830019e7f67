// The big clinic (80 resources, 1,400 appointments a day) answers a day quickly over HTTP.
// Figures go to the test report as diagnostics; the bounds are loose enough for a busy CI box.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadSeedFile } from '../../../main/sandbox/seed.ts';
import { openSandbox, type SandboxHttp } from '../../support/sandbox-http.ts';
import { BIG_CLINIC } from '../../support/fixtures.ts';

const ROUNDS = 20;
const day = { start: '2026-03-25T00:00:00+01:00', end: '2026-03-26T00:00:00+01:00' };

async function medianMs(run: () => Promise<number>): Promise<{ median: number; max: number; count: number }> {
  const times: number[] = [];
  let count = 0;
  await run(); // warm-up: first-use memos and JIT
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    count = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: ((times[ROUNDS / 2 - 1] ?? 0) + (times[ROUNDS / 2] ?? 0)) / 2, max: times.at(-1) ?? 0, count };
}

describe('big clinic performance', () => {
  let sandbox: SandboxHttp;
  let startMs = 0;
  before(async () => {
    const loading = performance.now();
    sandbox = await openSandbox({ seed: await loadSeedFile(BIG_CLINIC), strict: true });
    startMs = performance.now() - loading;
  });
  after(() => sandbox.close());

  it('lists a day of 1,400 appointments in a few milliseconds', async (t) => {
    const figures = await medianMs(async () => {
      const answer = await sandbox.unit<unknown[]>('GET', '/appointments', { query: day });
      assert.equal(answer.status, 200);
      return answer.body.length;
    });
    t.diagnostic(`seed load + start: ${startMs.toFixed(0)} ms`);
    t.diagnostic(`GET a day's appointments (${figures.count}): median ${figures.median.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms over ${ROUNDS}`);
    assert.equal(figures.count, 1400);
    assert.ok(figures.median < 150, `median ${figures.median} ms`);
  });

  it("computes a day's free timeslots of 80 resources quickly", async (t) => {
    const figures = await medianMs(async () => {
      const answer = await sandbox.unit<unknown[]>('GET', '/timeslots', { query: day });
      assert.equal(answer.status, 200);
      return answer.body.length;
    });
    t.diagnostic(`GET a day's timeslots (${figures.count}): median ${figures.median.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms over ${ROUNDS}`);
    assert.ok(figures.count > 0);
    assert.ok(figures.median < 300, `median ${figures.median} ms`);
  });

  it('books into a full day quickly', async (t) => {
    const slots = await sandbox.unit<{ start: string; end: string; resource_id: string; healthcare_service_id: string }[]>('GET', '/timeslots', {
      query: { ...day, healthcare_service_id: 'svc-15' },
    });
    const slot = slots.body[0];
    assert.ok(slot);
    const started = performance.now();
    const booked = await sandbox.unit<{ id: string }[]>('POST', '/appointments', { body: { ...slot, patient_id: 'pat-000001' } });
    t.diagnostic(`POST an appointment: ${(performance.now() - started).toFixed(1)} ms`);
    assert.equal(booked.status, 201);
  });
});
