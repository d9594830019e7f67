// The app starts on a damaged store, the way a host starts it (createMainServices, the shared
// start path of the web host and the Electron shell): it runs, says what happened, holds the
// changes read back, sends one to Leyr when told to, and never sends a discarded one.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Result, SalvageView } from '../../preload/contract/index.ts';
import { Failure } from '../../main/errors/failure.ts';
import { silentLogger } from '../../main/log/logger.ts';
import { STORE_FILE_NAME } from '../../main/store/store.ts';
import { damagedDataDir, type DamagedDataDir } from '../support/damaged-data-dir.ts';
import { digest } from '../support/damaged-store.ts';
import { connectBridge, ensureBuilt, run } from '../support/processes.ts';
import { createTestServices, whenOutboxDrained, type TestServices } from '../support/main-services.ts';
import { sandboxControl } from '../support/sandbox-control.ts';

const SEED = path.resolve(import.meta.dirname, '..', 'fixtures', 'day-clinic.json');
const DATE = '2026-03-23';

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`call failed: ${result.error.code} ${result.error.message}`);
  return result.value;
};

describe('starting on a damaged store', () => {
  let damaged: DamagedDataDir;
  let services: TestServices;

  before(async () => {
    damaged = await damagedDataDir({ seedFile: SEED, date: DATE, cancel: ['apt-a1', 'apt-b1'] });
    services = await createTestServices({ mode: 'web', version: '0.0.0-test', log: silentLogger, dataDir: damaged.dataDir, seedFile: SEED, demoDate: DATE });
  });
  after(async () => {
    await services.close();
    rmSync(damaged.dataDir, { recursive: true, force: true });
  });

  it('runs: the day opens from Leyr again, and the window is told what happened', async () => {
    assert.equal(value(await services.handlers.getAppInfo(undefined)).name, 'Frontdesk');
    const day = value(await services.handlers.refreshDay({ date: DATE }));
    assert.ok(day.appointments.some((a) => a.id === 'apt-a1' && a.status === 'booked'), 'Leyr still has the appointment booked: nothing was sent');
    const view: SalvageView = value(await services.handlers.getSalvage(undefined));
    assert.equal(view.incident?.kind, 'damaged');
    assert.equal(view.incident.salvaged, 2);
    assert.match(view.incident.setAsideAs ?? '', /^frontdesk\.damaged-\d{8}T\d{6}Z\.sqlite$/);
    assert.ok(readdirSync(damaged.dataDir).includes(view.incident.setAsideAs ?? ''), 'the damaged file is kept beside the new one');
    assert.deepEqual(
      view.changes.map((c) => [c.changeId, c.kind, c.appointments[0]?.before?.status, c.appointments[0]?.after?.status, c.otherClinic]),
      damaged.changes.map((c) => [c.changeId, 'cancel', 'booked', 'cancelled', false]),
    );
    // Held: not waiting in the queue, not in the change list.
    assert.equal(value(await services.handlers.getConnectivity(undefined)).pendingCount, 0);
    assert.deepEqual(value(await services.handlers.listChanges(undefined)), []);
  });

  it('"Send" sends that change to Leyr; "Discard" never sends the other', async () => {
    const sandbox = sandboxControl(services.demoSandbox?.origin ?? '');
    const [first, second] = damaged.changes;
    assert.ok(first !== undefined && second !== undefined);
    const afterDiscard = value(await services.handlers.discardSalvagedChanges({ changeIds: [second.changeId] }));
    assert.deepEqual(afterDiscard.changes.map((c) => c.changeId), [first.changeId]);
    const afterSend = value(await services.handlers.sendSalvagedChanges({ changeIds: [first.changeId] }));
    assert.deepEqual(afterSend.changes, []);
    await whenOutboxDrained(services);
    const state = await sandbox.state();
    assert.equal(state.appointments.find((a) => a.id === first.appointmentId)?.status, 'cancelled');
    assert.equal(state.appointments.find((a) => a.id === second.appointmentId)?.status, 'booked');
    // A discarded change cannot be sent after all (the router says the Failure as NOT_FOUND).
    await assert.rejects(
      async () => services.handlers.sendSalvagedChanges({ changeIds: [second.changeId] }),
      (error: unknown) => error instanceof Failure && error.toAppError().code === 'NOT_FOUND',
    );
  });
});

describe('starting while another program holds the store', () => {
  it('waits a bounded time, runs on a temporary store, says so, and leaves the file untouched', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-locked-'));
    const options = { mode: 'web' as const, version: '0.0.0-test', log: silentLogger, dataDir, seedFile: SEED, demoDate: DATE };
    const first = await createTestServices(options);
    value(await first.handlers.refreshDay({ date: DATE }));
    await first.close();
    const file = path.join(dataDir, STORE_FILE_NAME);
    const before = digest(file);
    const holder = run(['test/support/hold-store-lock.ts', file]);
    try {
      await holder.waitFor(/locked/);
      const services = await createTestServices({ ...options, storeLockWaitMs: 300 });
      try {
        const view = value(await services.handlers.getSalvage(undefined));
        assert.equal(view.incident?.kind, 'locked');
        assert.equal(view.incident.temporary, true);
        assert.equal(view.incident.setAsideAs, null);
        // It runs: the day comes from Leyr into the temporary store.
        const day = value(await services.handlers.refreshDay({ date: DATE }));
        assert.ok(day.appointments.length > 0);
      } finally {
        await services.close();
      }
    } finally {
      await holder.stop();
    }
    assert.equal(digest(file), before, 'the held file is not touched');
    assert.deepEqual(readdirSync(dataDir).filter((name) => name.includes('.damaged-') || name.includes('.newer-')), [], 'nothing set aside');
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('the web host process on a damaged store', () => {
  it('starts (on main it exited 1) and answers the window with what happened', async () => {
    await ensureBuilt();
    const damaged = await damagedDataDir({ seedFile: SEED, date: DATE, cancel: ['apt-a2'] });
    const host = run(['main/app/webhost-main.ts', '--port', '0', '--data', damaged.dataDir, '--seed', SEED, '--date', DATE]);
    try {
      const [url] = await host.waitFor(/http:\/\/127\.0\.0\.1:\d+\/#token=\S+/);
      const client = await connectBridge(url);
      try {
        const view = value(await client.call<SalvageView>('getSalvage'));
        assert.equal(view.incident?.kind, 'damaged');
        assert.deepEqual(view.changes.map((c) => c.changeId), damaged.changes.map((c) => c.changeId));
        assert.ok(value(await client.call<{ appointments: unknown[] }>('refreshDay', { date: DATE })).appointments.length > 0);
      } finally {
        client.close();
      }
      assert.equal(host.child.exitCode, null, 'still running');
    } finally {
      await host.stop();
      rmSync(damaged.dataDir, { recursive: true, force: true });
    }
  });
});
