// Days are the care unit's calendar days: on the 23-hour spring day and the 25-hour autumn
// day, the day view holds exactly that day's appointments, fetched over [local midnight,
// next local midnight), and a move keeps wall-clock times right across the offset change.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EventBus } from '../../main/events/bus.ts';
import { createLeyrClient } from '../../main/leyr/client.ts';
import { silentLogger } from '../../main/log/logger.ts';
import type { SeedData } from '../../main/sandbox/seed.ts';
import { startSandbox, type Sandbox } from '../../main/sandbox/server.ts';
import { createScheduleService, type ScheduleService } from '../../main/schedule/service.ts';
import { openStore, type LocalStore } from '../../main/store/store.ts';
import { loadSeed, SMALL_CLINIC } from '../support/schedule-harness.ts';
import { clockFrom } from '../support/clinic-clock.ts';

const at = (id: string, start: string, end: string, resource = 'res-001') => ({
  id,
  care_unit_id: 'L0_1',
  resource_id: resource,
  patient_id: 'pat-000001',
  healthcare_service_id: 'svc-30',
  start,
  end,
  status: 'booked' as const,
  comment: '',
});

describe('schedule on daylight-saving days', () => {
  let sandbox: Sandbox;
  let store: LocalStore;
  let service: ScheduleService;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-dst-'));

  before(async () => {
    const small = await loadSeed(SMALL_CLINIC);
    const seed: SeedData = {
      ...small,
      resources: small.resources.slice(0, 2),
      // Open around the clock every day, so that the night of the clock change has slots.
      schedules: small.resources.slice(0, 2).map((r) => ({ resource_id: r.id, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00', breaks: [] })),
      appointments: [
        at('spring-before', '2026-03-29T01:00:00+01:00', '2026-03-29T01:30:00+01:00'),
        at('spring-after', '2026-03-29T03:00:00+02:00', '2026-03-29T03:30:00+02:00'),
        at('spring-late', '2026-03-29T23:30:00+02:00', '2026-03-30T00:00:00+02:00'),
        at('next-day', '2026-03-30T00:00:00+02:00', '2026-03-30T00:30:00+02:00'),
        at('day-before', '2026-03-28T23:30:00+01:00', '2026-03-29T00:00:00+01:00'),
        at('autumn-first', '2026-10-25T02:00:00+02:00', '2026-10-25T02:30:00+02:00'),
        at('autumn-second', '2026-10-25T02:00:00+01:00', '2026-10-25T02:30:00+01:00', 'res-002'),
        at('autumn-late', '2026-10-25T23:00:00+01:00', '2026-10-25T23:30:00+01:00'),
      ],
    };
    sandbox = await startSandbox({ seed });
    store = openStore(dir);
    service = createScheduleService({
      store,
      api: createLeyrClient({ baseUrl: sandbox.apiBaseUrl, emr: sandbox.emr, careUnitId: 'L0_1', credentials: () => sandbox.credentials, log: silentLogger }),
      bus: new EventBus(),
      log: silentLogger,
      account: { key: 'dst:webdoc:L0_1', emr: 'webdoc', careUnitId: 'L0_1' },
      refreshIntervalMs: 0,
      prefetchDays: 0,
      careUnitNow: clockFrom('2026-03-29'),
    });
  });

  after(async () => {
    await service.close();
    store.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the spring day’s appointments, 23 hours of them, and none of its neighbours', async () => {
    const day = await service.refreshDay('2026-03-29');
    assert.deepEqual(
      day.appointments.map((a) => a.id),
      ['spring-before', 'spring-after', 'spring-late'],
    );
    assert.ok(day.freeSlots.every((s) => Date.parse(s.start) >= Date.parse('2026-03-29T00:00:00+01:00') && Date.parse(s.end) <= Date.parse('2026-03-30T00:00:00+02:00')));
    // 00:00–02:00 and 03:00–24:00: 23 hours of half-hour starts every 15 minutes, per service fitting.
    const starts = new Set(day.freeSlots.filter((s) => s.resourceId === 'res-002' && s.serviceId === 'svc-30').map((s) => s.start));
    assert.equal(starts.size, 23 * 4 - 1);
    assert.deepEqual(
      (await service.refreshDay('2026-03-30')).appointments.map((a) => a.id),
      ['next-day'],
    );
  });

  it('holds both 02:00s of the autumn day, and its 25 hours of slots', async () => {
    const day = await service.refreshDay('2026-10-25');
    assert.deepEqual(
      day.appointments.map((a) => a.id),
      ['autumn-first', 'autumn-second', 'autumn-late'],
    );
    const starts = new Set(day.freeSlots.filter((s) => s.resourceId === 'res-002' && s.serviceId === 'svc-30').map((s) => s.start));
    assert.equal(starts.size, 25 * 4 - 1 - 3, 'less the three half-hour starts that overlap the second 02:00 appointment');
  });

  it('moves across the clock change to a wall-clock time that exists', async () => {
    const receipt = service.moveAppointment({ appointmentId: 'spring-before', start: '2026-03-29T03:30:00+02:00', end: '2026-03-29T04:00:00+02:00' });
    assert.equal(receipt.appointments[0]?.start, '2026-03-29T03:30:00+02:00');
    await service.whenIdle();
    const moved = service.snapshot('2026-03-29').appointments.find((a) => a.id === 'spring-before');
    assert.equal(moved?.pending, false);
    assert.equal(moved?.start, '2026-03-29T03:30:00+02:00');
    assert.ok(!service.listChanges().some((c) => c.status === 'refused'));
  });
});
