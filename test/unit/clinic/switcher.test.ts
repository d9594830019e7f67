// Switching the clinic while the app runs: one schedule service at a time over the real
// store, calls made during a switch answered by the clinic switched to, the demo sandbox
// kept for switching back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { embeddedDemo, type EmbeddedDemo } from '../../../main/app/demo-sandbox.ts';
import type { ExternalLeyr } from '../../../main/clinic/backends.ts';
import { createClinicSwitcher, sameTarget, type ClinicSwitcher, type ClinicTarget } from '../../../main/clinic/switcher.ts';
import { EventBus } from '../../../main/events/bus.ts';
import { silentLogger } from '../../../main/log/logger.ts';
import { loadSeedFile } from '../../../main/sandbox/seed.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/server.ts';
import { createCredentialHolder } from '../../../main/secrets/credential-holder.ts';
import { openStore, type LocalStore } from '../../../main/store/store.ts';
import { booked, freeSlotFor } from '../../support/day-picks.ts';
import { sandboxControl } from '../../support/sandbox-control.ts';
import { clockFrom } from '../../support/clinic-clock.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const DAY = '2026-03-23';

describe('clinic switcher', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-mode-'));
  let store: LocalStore;
  let clinic: Sandbox;
  let demo: EmbeddedDemo;
  let controller: ClinicSwitcher;
  let external: ClinicTarget;
  const holder = createCredentialHolder({ store: { read: async () => null }, secrets: new Set() });

  before(async () => {
    store = openStore(dir);
    clinic = await startSandbox({ control: true, seed: await loadSeedFile(path.join(root, 'test', 'fixtures', 'day-clinic.json')), credentials: { clientId: 'c', clientSecret: 's' } });
    const leyr: ExternalLeyr = { baseUrl: clinic.apiBaseUrl, emr: clinic.emr, careUnitId: 'L0_1', credentials: { clientId: 'c', clientSecret: 's' } };
    external = { kind: 'external', leyr };
    demo = embeddedDemo({ log: silentLogger, demoDate: DAY });
    controller = await createClinicSwitcher(
      { store, bus: new EventBus(), log: silentLogger, holder, demo, schedule: { refreshIntervalMs: 0, prefetchDays: 0 } },
      { kind: 'demo', reason: null },
    );
  });
  after(async () => {
    await controller.close();
    await clinic.close();
    holder.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the demo clinic on an embedded sandbox', async () => {
    assert.equal(controller.current().target.kind, 'demo');
    assert.match(controller.current().clinicKey, /^demo:webdoc:/);
    assert.ok(demo.running()?.origin.startsWith('http://127.0.0.1:'));
    const day = await (await controller.schedule()).refreshDay(DAY);
    assert.ok(day.resources.some((r) => r.name === 'Dr. Karin Lindqvist'));
  });

  it('a call made while a switch runs is answered by the clinic switched to; the old service is stopped', async () => {
    const old = controller.current().schedule;
    const switching = controller.switchTo(external);
    const service = await controller.schedule();
    assert.equal(await switching, true);
    assert.notEqual(service, old);
    assert.match(controller.current().clinicKey, /^leyr:http:\/\/127\.0\.0\.1:\d+\/api:webdoc:L0_1$/);
    const day = await service.refreshDay(DAY);
    assert.deepEqual(day.resources.map((r) => r.name), ['Dr. Anna Ek', 'Dr. Bo Lind', 'Sjuksköterska Cilla Berg']);
    assert.throws(() => old.cancelAppointments({ ids: ['x'], reason: 'r' }), /shutting down/);
  });

  it('switching to the clinic in use changes nothing', async () => {
    const service = controller.current().schedule;
    assert.equal(await controller.switchTo(external), false);
    assert.equal(controller.current().schedule, service);
    assert.ok(sameTarget({ kind: 'demo', reason: null }, { kind: 'demo', reason: 'another reason' }));
  });

  it('switching back finds the same demo sandbox, and the reason is updated', async () => {
    const origin = demo.running()?.origin;
    assert.equal(await controller.switchTo({ kind: 'demo', reason: 'because' }), true);
    assert.equal(demo.running()?.origin, origin);
    assert.equal(await controller.switchTo({ kind: 'demo', reason: 'another' }), false);
    const target = controller.current().target;
    assert.equal(target.kind === 'demo' ? target.reason : null, 'another');
  });

  it('switches run one after the other, in the order asked', async () => {
    const results = await Promise.all([controller.switchTo(external), controller.switchTo({ kind: 'demo', reason: null }), controller.switchTo(external)]);
    assert.deepEqual(results, [true, true, true]);
    assert.equal(controller.current().target.kind, 'external');
    assert.equal(store.accounts.list().length, 2, 'one account per clinic in the store');
  });
});

describe('clinic switcher: a change in flight across a switch', () => {
  it('is sent once when the clinic is left and used again while Leyr has not answered it yet', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-mode-flight-'));
    const store = openStore(dir);
    const clinic = await startSandbox({ control: true, seed: await loadSeedFile(path.join(root, 'test', 'fixtures', 'day-clinic.json')), credentials: { clientId: 'c', clientSecret: 's' } });
    const control = sandboxControl(clinic.origin);
    const holder = createCredentialHolder({ store: { read: async () => null }, secrets: new Set() });
    const external: ClinicTarget = { kind: 'external', leyr: { baseUrl: clinic.apiBaseUrl, emr: clinic.emr, careUnitId: 'L0_1', credentials: { clientId: 'c', clientSecret: 's' } } };
    const controller = await createClinicSwitcher(
      { store, bus: new EventBus(), log: silentLogger, holder, demo: embeddedDemo({ log: silentLogger, demoDate: DAY }), schedule: { refreshIntervalMs: 0, prefetchDays: 0, retry: { baseMs: 20, maxMs: 200 }, careUnitNow: clockFrom(DAY) } },
      external,
    );
    try {
      const service = await controller.schedule();
      const day = await service.refreshDay(DAY);
      const appointment = booked(day)[0];
      assert.ok(appointment);
      const slot = freeSlotFor(day, appointment);
      assert.ok(slot);
      const patchesOf = async (): Promise<number> =>
        (await control.requests()).requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/appointments/${encodeURIComponent(appointment.id)}`)).length;

      // Leyr takes longer to answer the move than the switch waits for it (the check of the
      // day before it is sent answers at once).
      await control.setFaults({ latencyMs: 4_500, methods: ['PATCH'] });
      service.moveAppointment({ appointmentId: appointment.id, start: slot.start, end: slot.end });
      const sentAt = Date.now();
      while ((await patchesOf()) === 0) {
        assert.ok(Date.now() - sentAt < 3_000, 'the move was sent');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await control.clearFaults();

      assert.equal(await controller.switchTo({ kind: 'demo', reason: null }), true);
      assert.equal(await controller.switchTo(external), true);
      const again = await controller.schedule();
      await again.whenIdle();
      // Past the moment the first request is processed, whatever happened meanwhile.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + 5_000 - Date.now())));

      assert.equal(await patchesOf(), 1, 'the move reached Leyr exactly once');
      const remote = (await control.state()).appointments.find((a) => a.id === appointment.id);
      assert.ok(remote && Date.parse(remote.start) === Date.parse(slot.start), 'and it is there');
      assert.equal(again.listChanges().length, 0, 'nothing left pending or failed');
    } finally {
      await controller.close();
      await clinic.close();
      holder.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
