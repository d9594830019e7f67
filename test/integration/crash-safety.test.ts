// Crash safety with real processes: the web host runs against a sandbox process; changes
// are queued while the sandbox is offline; the host is killed with SIGKILL while one
// change is on the wire (Leyr applies it, the host never hears back); the host starts again
// on the same data folder; the sandbox comes back. Every queued change reaches Leyr exactly
// once: the one in flight is recognised as made (by reading Leyr's state), the others are
// sent once each.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChangeReceipt, ChangeView, DaySnapshot, PatientSearchResult, Result } from '../../preload/contract/index.ts';
import { booked, contiguousFree, freeSlotFor, sameInstant } from '../support/day-picks.ts';
import type { ConnectivityStatus } from '../../preload/contract/index.ts';
import { connectBridge, ensureBuilt, freePort, run, type BridgeClient, type RunningProcess } from '../support/processes.ts';
import { sandboxControl, type SandboxControl } from '../support/sandbox-control.ts';
import { DAY, SMALL_CLINIC } from '../support/schedule-harness.ts';

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`call failed: ${result.error.code} ${result.error.message}`);
  return result.value;
};

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('crash safety and outages, with real processes', () => {
  let sandbox: RunningProcess;
  let control: SandboxControl;
  let apiUrl: string;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-crash-'));
  const hosts: RunningProcess[] = [];
  const clients: BridgeClient[] = [];

  const startHost = async (): Promise<BridgeClient> => {
    const host = run(['main/app/webhost-main.ts', '--port', '0', '--data', dataDir, '--leyr-url', apiUrl, '--emr', 'webdoc', '--care-unit', 'L0_1']);
    hosts.push(host);
    const [url] = await host.waitFor(/http:\/\/127\.0\.0\.1:\d+\/#token=\S+/);
    const client = await connectBridge(url);
    clients.push(client);
    // The seeded day lies in the past of the real clock this process runs on: the clinic allows
    // changes there, as the past is not what these tests are about.
    value(await client.call('updatePreferences', { allowPastChanges: true }));
    return client;
  };

  before(async () => {
    await ensureBuilt();
    sandbox = run(['main/sandbox/cli.ts', '--port', '0', '--seed', SMALL_CLINIC]);
    const [, url] = await sandbox.waitFor(/base URL\s+(http:\/\/127\.0\.0\.1:\d+\/api)/);
    apiUrl = url ?? '';
    control = sandboxControl(new URL(apiUrl).origin);
  });

  after(async () => {
    for (const client of clients) client.close();
    for (const host of hosts) await host.stop();
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every change queued before a SIGKILL exactly once', async () => {
    let desk = await startHost();
    value(await desk.call<DaySnapshot>('openDay', { date: DAY }));
    const day = value(await desk.call<DaySnapshot>('refreshDay', { date: DAY }));
    const [a, b, c, d] = booked(day);
    assert.ok(a && b && c && d);
    const slotA = freeSlotFor(day, a);
    const free = contiguousFree(day, 'svc-30', 30, 1);
    const { patients } = value(await desk.call<PatientSearchResult>('searchPatients', { query: 'Sara' }));
    assert.ok(slotA && free && patients[0]);
    const patient = patients[0];

    // Offline: four changes queue, each answered at once.
    await control.setFaults({ offline: true });
    const since = (await control.requests()).next;
    const receipts = [
      value(await desk.call<ChangeReceipt>('moveAppointment', { appointmentId: a.id, start: slotA.start, end: slotA.end })),
      value(await desk.call<ChangeReceipt>('cancelAppointments', { ids: [b.id], reason: 'Krasch-test' })),
      value(await desk.call<ChangeReceipt>('bookAppointment', { patientId: patient.id, resourceId: free.resourceId, serviceId: 'svc-30', start: free.start, end: free.end })),
      value(await desk.call<ChangeReceipt>('cancelAppointments', { ids: [c.id, d.id], reason: 'Krasch-test, flera' })),
    ];
    assert.ok(receipts.every((r) => r.status === 'pending'));
    // Tried and not through: its check could not read Leyr, so it waits, still unsent.
    await until(async () => value(await desk.call<ChangeView[]>('listChanges')).some((ch) => ch.failure !== null && ch.status === 'pending'), 'the first change was tried');

    // Leyr comes back, slowly: the first change goes out and the host dies while it is on
    // the wire. Leyr applies it; nobody hears the answer.
    await control.setFaults({ latencyMs: 1_500 });
    await until(async () => (await control.requests(since)).requests.some((r) => r.method !== 'GET'), 'the first change reached Leyr', 40_000);
    await (hosts[0] as RunningProcess).stop('SIGKILL');
    assert.equal((hosts[0] as RunningProcess).child.signalCode, 'SIGKILL');
    await control.setFaults({ offline: true });

    // The host starts again on the same folder, while Leyr is still away: nothing is lost.
    desk = await startHost();
    const queued = value(await desk.call<ChangeView[]>('listChanges'));
    assert.deepEqual(
      queued.map((ch) => ch.changeId),
      receipts.map((r) => r.changeId),
      'all four changes survived the kill, in order',
    );
    const cached = value(await desk.call<DaySnapshot>('openDay', { date: DAY }));
    assert.equal(cached.pendingCount, 4);
    assert.ok(cached.appointments.find((x) => x.id === b.id)?.pending, 'still shown as pending');
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the in-flight request is applied meanwhile

    await control.clearFaults();
    value(await desk.call('windowActivity', { active: true }));
    await until(async () => value(await desk.call<ChangeView[]>('listChanges')).length === 0, 'the outbox drained', 40_000);

    // Exactly once: one request per change ever reached Leyr (offline ones never arrive).
    const mutating = (await control.requests(since)).requests.filter((r) => r.method !== 'GET');
    assert.deepEqual(
      mutating.map((r) => `${r.method} ${r.path.replace(/^.*\/appointments/, '/appointments')}`),
      ['PATCH /appointments/' + a.id, 'PATCH /appointments/' + b.id, 'POST /appointments', 'PATCH /appointments'],
    );
    const state = await control.state();
    const byId = new Map(state.appointments.map((x) => [x.id, x]));
    assert.ok(sameInstant(byId.get(a.id)?.start ?? '', slotA.start));
    assert.equal(byId.get(b.id)?.status, 'cancelled');
    assert.equal(byId.get(c.id)?.status, 'cancelled');
    assert.equal(byId.get(d.id)?.status, 'cancelled');
    assert.equal(state.appointments.filter((x) => x.patient_id === patient.id && sameInstant(x.start, free.start)).length, 1, 'booked once');

    const final = value(await desk.call<DaySnapshot>('refreshDay', { date: DAY }));
    assert.equal(final.pendingCount, 0);
    assert.ok(final.appointments.some((x) => x.patientId === patient.id && sameInstant(x.start, free.start) && !x.pending));
  });

  it('survives the sandbox process stopping and starting again under it, with changes made in between', async () => {
    const port = await freePort();
    const folder = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-restart-'));
    const startSandbox = async (): Promise<RunningProcess> => {
      const child = run(['main/sandbox/cli.ts', '--port', String(port), '--seed', SMALL_CLINIC]);
      await child.waitFor(/base URL/);
      return child;
    };
    let leyr = await startSandbox();
    const host = run(['main/app/webhost-main.ts', '--port', '0', '--data', folder, '--leyr-url', `http://127.0.0.1:${port}/api`, '--emr', 'webdoc', '--care-unit', 'L0_1']);
    try {
      const [url] = await host.waitFor(/http:\/\/127\.0\.0\.1:\d+\/#token=\S+/);
      const desk = await connectBridge(url);
      clients.push(desk);
      // The seeded day lies in the past of the real clock: the clinic allows changes there.
      value(await desk.call('updatePreferences', { allowPastChanges: true }));
      value(await desk.call('openDay', { date: DAY }));
      const day = value(await desk.call<DaySnapshot>('refreshDay', { date: DAY }));
      const [x, y] = booked(day);
      const slotY = y === undefined ? undefined : freeSlotFor(day, y);
      assert.ok(x && y && slotY);

      await leyr.stop();
      const cancel = value(await desk.call<ChangeReceipt>('cancelAppointments', { ids: [x.id], reason: 'Sandlådan borta' }));
      const move = value(await desk.call<ChangeReceipt>('moveAppointment', { appointmentId: y.id, start: slotY.start, end: slotY.end }));
      await until(async () => value(await desk.call<ConnectivityStatus>('getConnectivity')).state === 'offline', 'offline noticed');
      const cached = value(await desk.call<DaySnapshot>('openDay', { date: DAY }));
      assert.equal(cached.pendingCount, 2);
      assert.equal(cached.appointments.length, day.appointments.length, 'the day still shows from the store');

      leyr = await startSandbox();
      value(await desk.call('windowActivity', { active: true }));
      await until(async () => value(await desk.call<ChangeView[]>('listChanges')).length === 0, 'the queued changes went through', 40_000);
      assert.ok(desk.events.some((e) => e.event === 'change.status' && (e.payload as ChangeView).changeId === cancel.changeId && (e.payload as ChangeView).status === 'applied'));
      assert.ok(desk.events.some((e) => e.event === 'change.status' && (e.payload as ChangeView).changeId === move.changeId && (e.payload as ChangeView).status === 'applied'));
      const state = new Map((await sandboxControl(`http://127.0.0.1:${port}`).state()).appointments.map((a) => [a.id, a]));
      assert.equal(state.get(x.id)?.status, 'cancelled');
      assert.ok(sameInstant(state.get(y.id)?.start ?? '', slotY.start));
      assert.equal(host.child.exitCode, null, 'the host kept running');
    } finally {
      await host.stop();
      await leyr.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
