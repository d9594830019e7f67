// Failures around the schedule service that must come out as the right error, never as
// something else: a store row that cannot be read while snapshots are pushed from a timer,
// and Leyr refusing a patient lookup for a reason other than "no such patient".
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { EventBus } from '../../main/events/bus.ts';
import { createLeyrClient } from '../../main/leyr/client.ts';
import { LeyrError } from '../../main/leyr/errors.ts';
import { startSandbox } from '../../main/sandbox/server.ts';
import { createScheduleService } from '../../main/schedule/service.ts';
import { StoreError } from '../../main/store/database.ts';
import { openStore, STORE_FILE_NAME } from '../../main/store/store.ts';
import { booked } from '../support/day-picks.ts';
import { captureLog } from '../support/log-capture.ts';
import { DAY, loadSeed, SMALL_CLINIC, startHarness } from '../support/schedule-harness.ts';

describe('schedule service failures', () => {
  it('a damaged row met while pushing a snapshot from a timer is logged, not thrown out of main', async () => {
    const capture = captureLog();
    const h = await startHarness({ log: capture.log });
    try {
      h.service.openDay(DAY);
      const day = await h.service.refreshDay(DAY);
      const [a] = booked(day).filter((x, _, all) => all.some((y) => y.id !== x.id && y.resourceId === x.resourceId && y.serviceId === x.serviceId));
      const taken = booked(day).find((y) => a !== undefined && y.id !== a.id && y.resourceId === a.resourceId && y.serviceId === a.serviceId);
      assert.ok(a && taken);
      const receipt = h.service.moveAppointment({ appointmentId: a.id, start: taken.start, end: taken.end });
      await h.events.waitFor('change.status', (c) => c.changeId === receipt.changeId && c.status === 'refused');

      // The refused change's reason, damaged on disk (a crash, a disk error, a hand edit).
      const raw = new DatabaseSync(path.join(h.dir, STORE_FILE_NAME));
      raw.prepare("UPDATE outbox SET failure = '{' WHERE change_id = ?").run(receipt.changeId);
      raw.close();

      // The call answers the store's error; the snapshot the refresh pushes from a timer meets it too.
      await assert.rejects(h.service.refreshDay(DAY), StoreError);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(capture.lines().some((line) => line.msg === 'day snapshot could not be pushed'));
    } finally {
      await h.close();
    }
  });

  it('a patient lookup Leyr refuses for another reason than an unknown patient is an error, not "nobody found"', async () => {
    const sandbox = await startSandbox({ seed: await loadSeed(SMALL_CLINIC), credentials: { clientId: 'c', clientSecret: 's' } });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-search-'));
    const store = openStore(dir);
    const careUnitId = sandbox.careUnitIds[0] ?? 'L0_1';
    const serviceWith = (clientSecret: string) =>
      createScheduleService({
        store,
        api: createLeyrClient({ baseUrl: sandbox.apiBaseUrl, emr: sandbox.emr, careUnitId, credentials: () => ({ clientId: 'c', clientSecret }), retry: { attempts: 1, baseDelayMs: 0 } }),
        bus: new EventBus(),
        log: captureLog().log,
        account: { key: `search:${clientSecret}`, emr: sandbox.emr, careUnitId },
        refreshIntervalMs: 0,
        prefetchDays: 0,
      });
    const refused = serviceWith('wrong');
    const accepted = serviceWith('s');
    try {
      await assert.rejects(refused.searchPatients({ query: '19121212-1212' }), (error: unknown) => error instanceof LeyrError && error.status === 401);
      // An unknown (but valid) personal number is still simply nobody.
      assert.deepEqual(await accepted.searchPatients({ query: '20000101-0016' }), { patients: [], source: 'leyr' });
    } finally {
      await refused.close();
      await accepted.close();
      store.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
