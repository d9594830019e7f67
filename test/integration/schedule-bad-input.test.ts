// Bad input to every schedule call, through the real router and the real composition
// (embedded sandbox, SQLite file): a typed error each time, and the store unchanged.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import type { ChangeReceipt, DaySnapshot, ErrorCode, PatientSearchResult } from '../../preload/contract/index.ts';
import { createTestServices as createMainServices, type TestServices as MainServices } from '../support/main-services.ts';
import { createRouter, type Router } from '../../main/ipc/router.ts';
import { silentLogger } from '../../main/log/logger.ts';
import { STORE_FILE_NAME } from '../../main/store/store.ts';
import { booked } from '../support/day-picks.ts';
import { DAY, SMALL_CLINIC } from '../support/schedule-harness.ts';

const TABLES = ['accounts', 'resources', 'services', 'days', 'timeslots', 'appointments', 'appointment_overlay', 'cancellation_records', 'patients', 'outbox', 'outbox_targets', 'audit_log'];

describe('bad input to the schedule calls', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-bad-input-'));
  let services: MainServices;
  let router: Router;
  let reader: DatabaseSync;
  let day: DaySnapshot;
  const sender = { url: 'app://frontdesk/index.html', isMainFrame: true };

  /** Everything in the store, as one string. */
  const digest = (): string => JSON.stringify(TABLES.map((table) => reader.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()));
  const call = (name: string, arg: unknown) => router.dispatch(name, arg, sender);

  before(async () => {
    services = await createMainServices({
      mode: 'web',
      version: '0.0.0-test',
      log: silentLogger,
      dataDir: dir,
      seedFile: SMALL_CLINIC,
      schedule: { refreshIntervalMs: 0, prefetchDays: 0, retry: { baseMs: 20, maxMs: 200 } },
    });
    router = createRouter({ handlers: services.handlers, isTrustedUrl: (url) => url.startsWith('app://frontdesk/'), log: silentLogger });
    await call('openDay', { date: DAY });
    const refreshed = await call('refreshDay', { date: DAY });
    assert.ok(refreshed.ok);
    day = refreshed.value as DaySnapshot;
    // One cancelled appointment and one known patient, for the cases that need them.
    const cancelled = await call('cancelAppointments', { ids: [booked(day)[5]?.id], reason: 'setup' });
    assert.ok(cancelled.ok);
    await services.schedule?.whenIdle();
    await call('searchPatients', { query: 'Anna' });
    // Let the background fetch of the day's free slots after the cancel settle first.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    reader = new DatabaseSync(path.join(dir, STORE_FILE_NAME), { readOnly: true });
  });

  after(async () => {
    reader.close();
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases = (): [string, unknown, ErrorCode][] => {
    const [a, b] = booked(day);
    const cancelledId = day.appointments.find((x) => x.status === 'cancelled')?.id ?? '';
    const otherPatient = booked(day).find((x) => a && x.patientId !== a.patientId);
    const long = 'x'.repeat(201);
    const ids501 = Array.from({ length: 501 }, (_, i) => `id-${i}`);
    assert.ok(a && b && otherPatient);
    return [
      ['openDay', undefined, 'INVALID_ARGUMENT'],
      ['openDay', {}, 'INVALID_ARGUMENT'],
      ['openDay', { date: '2026-02-30' }, 'INVALID_ARGUMENT'],
      ['openDay', { date: '23/03/2026' }, 'INVALID_ARGUMENT'],
      ['openDay', { date: 20260323 }, 'INVALID_ARGUMENT'],
      ['openDay', { date: DAY, extra: true }, 'INVALID_ARGUMENT'],
      ['refreshDay', { date: '2026-13-01' }, 'INVALID_ARGUMENT'],
      ['windowActivity', { now: true }, 'INVALID_ARGUMENT'],
      ['windowActivity', undefined, 'INVALID_ARGUMENT'],
      ['moveAppointment', {}, 'INVALID_ARGUMENT'],
      ['moveAppointment', { appointmentId: '' }, 'INVALID_ARGUMENT'],
      ['moveAppointment', { appointmentId: a.id }, 'INVALID_ARGUMENT'],
      ['moveAppointment', { appointmentId: a.id, start: a.start }, 'INVALID_ARGUMENT'],
      ['moveAppointment', { appointmentId: a.id, start: '2026-03-23T10:00:00', end: '2026-03-23T10:30:00' }, 'INVALID_ARGUMENT'],
      ['moveAppointment', { appointmentId: a.id, start: '2026-03-23T10:30:00+01:00', end: '2026-03-23T10:00:00+01:00' }, 'INVALID_ARGUMENT'],
      ['moveAppointment', { appointmentId: a.id, start: '2026-02-30T10:00:00+01:00', end: '2026-02-30T10:30:00+01:00' }, 'INVALID_ARGUMENT'],
      ['moveAppointment', { appointmentId: a.id, resourceId: 'res\u0000-1' }, 'INVALID_ARGUMENT'],
      ['moveAppointment', { appointmentId: ` ${a.id}`, resourceId: 'res-002' }, 'INVALID_ARGUMENT'],
      ['moveAppointment', { appointmentId: long, resourceId: 'res-002' }, 'INVALID_ARGUMENT'],
      ['moveAppointment', { appointmentId: 'apt-nope', resourceId: 'res-002' }, 'NOT_FOUND'],
      ['moveAppointment', { appointmentId: a.id, resourceId: 'res-nope' }, 'NOT_FOUND'],
      ['moveAppointment', { appointmentId: a.id, start: a.start, end: a.end }, 'REJECTED'],
      ['moveAppointment', { appointmentId: cancelledId, resourceId: 'res-002' }, 'REJECTED'],
      ['moveAppointment', { appointmentId: 'local:not-yet', resourceId: 'res-002' }, 'NOT_FOUND'],
      ['cancelAppointments', { ids: [], reason: 'x' }, 'INVALID_ARGUMENT'],
      ['cancelAppointments', { ids: [a.id, a.id], reason: 'x' }, 'INVALID_ARGUMENT'],
      ['cancelAppointments', { ids: ids501, reason: 'x' }, 'INVALID_ARGUMENT'],
      ['cancelAppointments', { ids: [a.id], reason: '' }, 'INVALID_ARGUMENT'],
      ['cancelAppointments', { ids: [a.id], reason: '   ' }, 'INVALID_ARGUMENT'],
      ['cancelAppointments', { ids: [a.id], reason: 'r'.repeat(501) }, 'INVALID_ARGUMENT'],
      ['cancelAppointments', { ids: [a.id] }, 'INVALID_ARGUMENT'],
      ['cancelAppointments', { ids: [a.id, 'apt-nope'], reason: 'x' }, 'NOT_FOUND'],
      ['cancelAppointments', { ids: [cancelledId], reason: 'x' }, 'REJECTED'],
      ['moveAppointmentsToResource', { ids: [a.id] }, 'INVALID_ARGUMENT'],
      ['moveAppointmentsToResource', { ids: 'apt-1', resourceId: 'res-002' }, 'INVALID_ARGUMENT'],
      ['moveAppointmentsToResource', { ids: [a.id], resourceId: 'res-nope' }, 'NOT_FOUND'],
      ['moveAppointmentsToResource', { ids: [a.id], resourceId: a.resourceId }, 'REJECTED'],
      ['rescheduleContinuous', { ids: [a.id], start: a.end, end: a.start }, 'INVALID_ARGUMENT'],
      ['rescheduleContinuous', { ids: [a.id, otherPatient.id], start: a.start, end: a.end }, 'REJECTED'],
      ['rescheduleContinuous', { ids: [a.id], start: a.start, end: new Date(Date.parse(a.start) + 7 * 60_000).toISOString() }, 'INVALID_ARGUMENT'],
      ['searchPatients', { query: '' }, 'INVALID_ARGUMENT'],
      ['searchPatients', { query: 'q'.repeat(101) }, 'INVALID_ARGUMENT'],
      ['searchPatients', { query: '19121212-1213' }, 'INVALID_ARGUMENT'],
      ['searchPatients', { query: '1912' }, 'INVALID_ARGUMENT'],
      ['searchPatients', 'Anna', 'INVALID_ARGUMENT'],
      ['createPatient', { firstName: 'A', lastName: 'B' }, 'INVALID_ARGUMENT'],
      ['createPatient', { firstName: '', lastName: 'B', personalNumber: '191212121212' }, 'INVALID_ARGUMENT'],
      ['createPatient', { firstName: 'A', lastName: 'B', personalNumber: '191212121213' }, 'INVALID_ARGUMENT'],
      ['createPatient', { firstName: 'A', lastName: 'B', personalNumber: '19121312-1212' }, 'INVALID_ARGUMENT'],
      ['createPatient', { firstName: 'A', lastName: 'B', personalNumber: '191212121212', email: 'not-an-email' }, 'INVALID_ARGUMENT'],
      ['createPatient', { firstName: 'A', lastName: 'B', personalNumber: '191212121212', admin: true }, 'INVALID_ARGUMENT'],
      ['bookAppointment', { patientId: 'pat-nope', resourceId: 'res-001', serviceId: 'svc-30', start: a.start, end: a.end }, 'NOT_FOUND'],
      ['bookAppointment', { patientId: a.patientId, resourceId: 'res-nope', start: a.start, end: a.end }, 'NOT_FOUND'],
      ['bookAppointment', { patientId: a.patientId, resourceId: 'res-001', serviceId: 'svc-nope', start: a.start, end: a.end }, 'NOT_FOUND'],
      ['bookAppointment', { patientId: a.patientId, resourceId: 'res-001', serviceId: 'svc-30', start: '2026-03-23T09:00:00+01:00', end: '2026-03-23T09:20:00+01:00' }, 'INVALID_ARGUMENT'],
      ['bookAppointment', { patientId: a.patientId, resourceId: 'res-001', start: '2026-03-23T09:00:00+01:00' }, 'INVALID_ARGUMENT'],
      ['bookAppointment', { patientId: a.patientId, resourceId: 'res-001', start: a.start, end: a.end, comment: 'c'.repeat(501) }, 'INVALID_ARGUMENT'],
      ['confirmAppointment', { appointmentId: a.id, code: '12' }, 'INVALID_ARGUMENT'],
      ['confirmAppointment', { appointmentId: a.id, code: '12 34 56' }, 'INVALID_ARGUMENT'],
      ['confirmAppointment', { appointmentId: a.id, code: '123456' }, 'REJECTED'],
      ['confirmAppointment', { appointmentId: 'apt-nope', code: '123456' }, 'NOT_FOUND'],
      ['listChanges', { all: true }, 'INVALID_ARGUMENT'],
      ['retryChange', { changeId: 'nope' }, 'NOT_FOUND'],
      ['retryChange', {}, 'INVALID_ARGUMENT'],
      ['dismissChange', { changeId: 'nope' }, 'NOT_FOUND'],
      ['getConnectivity', 1, 'INVALID_ARGUMENT'],
    ];
  };

  it('answers every bad call with a typed error and leaves the store as it was', async () => {
    const before = digest();
    for (const [name, arg, code] of cases()) {
      const result = await call(name, arg);
      assert.equal(result.ok, false, `${name}(${JSON.stringify(arg)?.slice(0, 80)}) must fail`);
      if (!result.ok) {
        assert.equal(result.error.code, code, `${name}(${JSON.stringify(arg)?.slice(0, 80)}): ${result.error.message}`);
        assert.ok(result.error.message.length > 0);
        if (code === 'INVALID_ARGUMENT') assert.ok((result.error.issues ?? []).length > 0, `${name} names the failing part`);
      }
      assert.equal(digest(), before, `${name}(${JSON.stringify(arg)?.slice(0, 80)}) left the store unchanged`);
    }
  });

  it('refuses to retry or dismiss a change that is not refused', async () => {
    const [a] = booked(day);
    assert.ok(a);
    const queued = await call('cancelAppointments', { ids: [a.id], reason: 'test' });
    assert.ok(queued.ok);
    const { changeId } = queued.value as ChangeReceipt;
    await services.schedule?.whenIdle();
    const snapshot = digest();
    for (const name of ['retryChange', 'dismissChange']) {
      const result = await call(name, { changeId });
      assert.equal(!result.ok && result.error.code, 'REJECTED');
    }
    assert.equal(digest(), snapshot);
  });

  it('a personal number search that Leyr does not know answers no patients, not an error', async () => {
    const result = await call('searchPatients', { query: '191212121212' });
    assert.ok(result.ok);
    assert.deepEqual((result.value as PatientSearchResult).patients, []);
  });
});
