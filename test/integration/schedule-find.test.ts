// Finding a patient's appointments (issue 13) against the sandbox over HTTP: the window of
// 30 days back and 90 ahead is listed in parts the sandbox takes (at most 92 days each) and
// joined without doubles; a resource Leyr leaves out is filled from the store's copy or by
// listing per resource; offline, the store answers, marked, with unsent changes laid over.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, before, after, describe, it } from 'node:test';
import { DAY, startHarness, type Harness, type SentRequest } from '../support/schedule-harness.ts';

const BASE_SEED = path.resolve(import.meta.dirname, '..', 'fixtures', 'day-clinic.json');
const NOW = Date.parse(`${DAY}T11:00:00Z`);
const PATIENT = 'pat-002';

/** The day clinic with pat-002 seen 26 days ago, in 84 days, and once too far ahead. */
function seedWithHistory(dir: string): string {
  const seed = JSON.parse(readFileSync(BASE_SEED, 'utf8')) as { appointments: Record<string, unknown>[] };
  const extra = (id: string, resource: string, start: string, end: string, status = 'booked'): Record<string, unknown> => ({
    id,
    care_unit_id: 'L0_1',
    resource_id: resource,
    patient_id: PATIENT,
    healthcare_service_id: 'svc-30',
    start,
    end,
    status,
    comment: null,
  });
  seed.appointments.push(
    extra('apt-past', 'res-b', '2026-02-25T09:00:00+01:00', '2026-02-25T09:30:00+01:00', 'completed'),
    extra('apt-summer', 'res-c', '2026-06-15T10:00:00+02:00', '2026-06-15T10:30:00+02:00'),
    extra('apt-too-far', 'res-a', '2026-07-01T10:00:00+02:00', '2026-07-01T10:30:00+02:00'),
  );
  const file = path.join(dir, 'find-clinic.json');
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

const listings = (sent: readonly SentRequest[]): URL[] =>
  sent.filter((r) => r.method === 'GET' && /\/appointments\?/.test(r.path)).map((r) => new URL(r.path, 'http://x'));

describe('finding a patient’s appointments', () => {
  let dir: string;
  let seedFile: string;
  let h: Harness | undefined;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-find-'));
    seedFile = seedWithHistory(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('lists 30 days back and 90 ahead in parts of at most 92 days, each appointment once, with names not ids', async () => {
    h = await startHarness({ seedFile, service: { now: () => NOW } });
    await h.openFresh(); // the catalog: resource and service names
    const mark = h.sent.length;
    const found = await h.service.findPatientAppointments({ patientId: PATIENT });
    assert.equal(found.source, 'leyr');
    assert.equal(found.from, '2026-02-21');
    assert.equal(found.to, '2026-06-21');
    assert.deepEqual(
      found.appointments.map((a) => a.id),
      ['apt-past', 'apt-a1', 'apt-c4', 'apt-summer'],
      'the patient’s appointments in the window, by start; none outside it, none twice',
    );
    const parts = listings(h.sent.slice(mark)).filter((u) => u.searchParams.get('patient_id') === PATIENT);
    assert.ok(parts.length >= 2, `the window was split (${parts.length} listings)`);
    for (const part of parts) {
      const days = (Date.parse(part.searchParams.get('end') ?? '') - Date.parse(part.searchParams.get('start') ?? '')) / 86_400_000;
      assert.ok(days <= 92, `a listing spans ${days} days`);
    }
    // The parts cover the window without a gap.
    const spans = parts.map((u) => [Date.parse(u.searchParams.get('start') ?? ''), Date.parse(u.searchParams.get('end') ?? '')] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i += 1) assert.equal(spans[i]![0], spans[i - 1]![1], 'parts meet');
    const summer = found.appointments.find((a) => a.id === 'apt-summer');
    assert.equal(summer?.resourceName, 'Sjuksköterska Cilla Berg');
    assert.equal(summer?.serviceName, 'Mottagningsbesök');
    assert.ok(found.appointments.every((a) => a.resourceName !== null && a.serviceName !== null), 'every row has its resource’s and service’s names');
    assert.equal(found.appointments.find((a) => a.id === 'apt-past')?.status, 'completed');
    // Written to the store: the summer appointment's day was never opened, yet the store has it.
    assert.equal(h.store.days.serverAppointments(h.accountId, ['apt-summer']).get('apt-summer')?.resourceId, 'res-c');
  });

  it('fills a resource Leyr leaves out: from the store’s copy where it knows the appointment, else by listing per resource', async () => {
    h = await startHarness({ seedFile, service: { now: () => NOW } });
    await h.openFresh(); // the store knows today's appointments (apt-a1, apt-c4) and their resources
    await h.control.setFaults({ omitFields: ['resource_id'] });
    const mark = h.sent.length;
    const found = await h.service.findPatientAppointments({ patientId: PATIENT });
    const resources = Object.fromEntries(found.appointments.map((a) => [a.id, a.resourceId]));
    assert.deepEqual(resources, { 'apt-past': 'res-b', 'apt-a1': 'res-a', 'apt-c4': 'res-c', 'apt-summer': 'res-c' });
    const perResource = listings(h.sent.slice(mark)).filter((u) => u.searchParams.has('resource_id'));
    assert.ok(perResource.length > 0, 'appointments the store did not know were placed by listing per resource');
    assert.ok(perResource.every((u) => u.searchParams.get('patient_id') === PATIENT), 'the per-resource listings keep the patient filter');
    assert.ok(found.appointments.every((a) => a.resourceName !== null));
  });

  it('offline: answers what the store has, marked, with a change not yet sent laid over it', async () => {
    h = await startHarness({ seedFile, service: { now: () => NOW } });
    await h.openFresh();
    await h.service.findPatientAppointments({ patientId: PATIENT }); // stored
    await h.control.setFaults({ offline: true });
    const today = await h.service.refreshDay(DAY).catch(() => h!.service.snapshot(DAY));
    const a1 = today.appointments.find((a) => a.id === 'apt-a1');
    assert.ok(a1);
    h.service.cancelAppointments({ ids: ['apt-a1'], reason: 'Patienten ringde', seen: [{ id: a1.id, start: a1.start, end: a1.end, resourceId: a1.resourceId, status: a1.status }] });
    const found = await h.service.findPatientAppointments({ patientId: PATIENT });
    assert.equal(found.source, 'store');
    assert.deepEqual(found.appointments.map((a) => a.id), ['apt-past', 'apt-a1', 'apt-c4', 'apt-summer']);
    const cancelled = found.appointments.find((a) => a.id === 'apt-a1');
    assert.equal(cancelled?.status, 'cancelled');
    assert.equal(cancelled?.pending, true);
    assert.equal(found.appointments.find((a) => a.id === 'apt-summer')?.resourceName, 'Sjuksköterska Cilla Berg');
    // Leyr saw nothing of it.
    const state = await h.control.state();
    assert.equal(state.appointments.find((a) => a.id === 'apt-a1')?.status, 'booked');
  });

  it('refuses an argument that is no id, before anything is asked', async () => {
    const { calls } = await import('../../preload/contract/calls.ts');
    assert.equal(calls.findPatientAppointments.arg.safeParse({ patientId: '' }).success, false);
    assert.equal(calls.findPatientAppointments.arg.safeParse({ patientId: 'pat-1', extra: 1 }).success, false);
    assert.equal(calls.findPatientAppointments.arg.safeParse({ patientId: 'pat-1' }).success, true);
  });
});
