// Finding a patient's appointments (issue 13) against the sandbox over HTTP: the window of
// 30 days back and 90 ahead is listed in parts the sandbox takes (at most 92 days each) and
// joined without doubles; a resource Leyr leaves out is filled from the store's copy or by
// listing per resource; offline, the store answers, marked, with unsent changes laid over.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, before, after, describe, it } from 'node:test';
import { MAX_PLACEMENT_LISTINGS, placePatientAppointments } from '../../main/schedule/find/placement.ts';
import { DAY, startHarness, type Harness, type SentRequest } from '../support/schedule-harness.ts';

const BASE_SEED = path.resolve(import.meta.dirname, '..', 'fixtures', 'day-clinic.json');
const NOW = Date.parse(`${DAY}T11:00:00Z`);
const PATIENT = 'pat-002';

/** The day clinic with pat-002 seen 26 days ago, in 84 days, and once too far ahead; `doctors` more resources (a big clinic's catalog). */
function seedWithHistory(dir: string, doctors = 0): string {
  const seed = JSON.parse(readFileSync(BASE_SEED, 'utf8')) as { appointments: Record<string, unknown>[]; resources: Record<string, unknown>[] };
  for (let i = 1; i <= doctors; i += 1) seed.resources.push({ id: `res-x${i}`, name: `Dr. Extra ${i}`, care_unit_id: 'L0_1', healthcare_service_ids: ['svc-30'] });
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
  const file = path.join(dir, `find-clinic-${doctors}.json`);
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

  it('places resource-less appointments by listing only their days per resource, the patient’s doctors first, within a bound', async () => {
    h = await startHarness({ seedFile: seedWithHistory(dir, 40), service: { now: () => NOW } });
    await h.openFresh(); // the store knows apt-a1 (res-a) and apt-c4 (res-c)
    await h.control.setFaults({ omitFields: ['resource_id'] });
    const mark = h.sent.length;
    const found = await h.service.findPatientAppointments({ patientId: PATIENT });
    assert.deepEqual(Object.fromEntries(found.appointments.map((a) => [a.id, a.resourceId])), { 'apt-past': 'res-b', 'apt-a1': 'res-a', 'apt-c4': 'res-c', 'apt-summer': 'res-c' });
    const perResource = listings(h.sent.slice(mark)).filter((u) => u.searchParams.has('resource_id'));
    // Two unplaced appointments (25 February, 15 June): two runs of one day; res-a, res-c, then
    // the catalog's res-b place both in the first round. Listing both parts per resource of the
    // 43 was 86 requests.
    assert.ok(perResource.length <= 8, `${perResource.length} per-resource listings`);
    for (const u of perResource) {
      const hours = (Date.parse(u.searchParams.get('end') ?? '') - Date.parse(u.searchParams.get('start') ?? '')) / 3_600_000;
      assert.ok(hours <= 25, `a per-resource listing spans ${hours} hours, not just the day of an unplaced appointment`);
    }
    assert.ok(perResource.every((u) => u.searchParams.get('patient_id') === PATIENT));
  });

  it('stops at the bound when no listing places an appointment: it keeps no resource, not a guess', async () => {
    h = await startHarness({ seedFile: seedWithHistory(dir, 40), service: { now: () => NOW } });
    const listed = await h.otherDesk.listAppointments({ start: '2026-06-15T00:00:00+02:00', end: '2026-06-16T00:00:00+02:00', patient_id: PATIENT });
    const summer = listed.find((a) => a.id === 'apt-summer');
    assert.ok(summer);
    // Only doctors who hold none of the patient's appointments: no listing places it.
    const strangers = Array.from({ length: 40 }, (_, i) => `res-x${i + 1}`);
    // The other desk's client (a real one, over HTTP), counting what it is asked.
    const api = h.otherDesk;
    const asked: string[] = [];
    const counting = Object.create(api) as typeof api;
    counting.listAppointments = (query) => {
      asked.push(query.resource_id ?? '');
      return api.listAppointments(query);
    };
    const placed = await placePatientAppointments(counting, [{ ...summer, resource_id: null }], strangers, { patientId: PATIENT, zone: 'Europe/Stockholm' });
    assert.equal(placed.find((a) => a.id === 'apt-summer')?.resource_id, null);
    assert.equal(asked.length, MAX_PLACEMENT_LISTINGS, 'it looked as far as the bound, and no further');
    assert.deepEqual(asked, strangers.slice(0, MAX_PLACEMENT_LISTINGS), 'one listing per resource (one run of days), in the catalog’s order');
  });

  it('leaves a fetched day’s server copy to the day feed: the next refresh still marks what another desk changed', async () => {
    h = await startHarness({ seedFile, service: { now: () => NOW } });
    await h.openFresh(); // today fetched: apt-a1 booked
    await h.otherDesk.cancelAppointment('apt-a1', 'Ringde in');
    const found = await h.service.findPatientAppointments({ patientId: PATIENT });
    assert.equal(found.appointments.find((a) => a.id === 'apt-a1')?.status, 'cancelled', 'the find shows Leyr’s answer');
    assert.equal(h.store.days.serverAppointments(h.accountId, ['apt-a1']).get('apt-a1')?.status, 'booked', 'the day feed’s copy is left for its refresh');
    const fresh = await h.service.refreshDay(DAY);
    assert.equal(fresh.appointments.find((a) => a.id === 'apt-a1')?.status, 'cancelled');
    assert.ok(
      fresh.changedElsewhere.some((m) => m.appointmentId === 'apt-a1'),
      'the refresh saw the change and marked it',
    );
    // A day nobody fetched is the find's to add.
    assert.equal(h.store.days.serverAppointments(h.accountId, ['apt-summer']).get('apt-summer')?.status, 'booked');
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
