// Patient names against the sandbox over HTTP: the order they are asked for (the drawn
// columns first, then the rest of the day, then the days fetched ahead), how they are kept
// across days (shown at once the next morning, no request for a name already known;
// refreshed in the background once old), and the pace when Leyr pushes back.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { DaySnapshot } from '../../preload/contract/index.ts';
import { BIG_CLINIC, DAY, loadSeed, SMALL_CLINIC, startHarness, type Harness, type SentRequest } from '../support/schedule-harness.ts';

const PATIENT_GET = /\/patients\/([^/?]+)$/;
const patientGets = (sent: readonly SentRequest[]): SentRequest[] => sent.filter((r) => r.method === 'GET' && PATIENT_GET.test(r.path));
const patientOf = (r: SentRequest): string => decodeURIComponent(PATIENT_GET.exec(r.path)?.[1] ?? '');
const allNamed = (s: DaySnapshot): boolean => s.appointments.length > 0 && s.appointments.every((a) => a.patientId === null || a.nameComing !== true);

describe('patient names', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('asks for the drawn columns’ names first, then the rest of the day, then the days ahead', async () => {
    // A name request that outlives the client's per-attempt timeout is asked again (rightly),
    // which would read as "asked twice, out of order": on a busy machine (two shared cores,
    // a thousand names) an answer can wait seconds for this process, so the order is checked
    // with a timeout no answer reaches.
    h = await startHarness({ seedFile: BIG_CLINIC, timeoutMs: 60_000, service: { prefetchDays: 1 } });
    // Leyr as slow as a real one, so that many names are on their way at once.
    await h.control.setFaults({ latencyMs: 40, routes: ['patient'] });
    const resources = (await loadSeed(BIG_CLINIC)).resources.map((r) => r.id);
    assert.ok(resources.length >= 60, 'the big clinic');
    // The window draws columns 40–47 (scrolled to the middle).
    const drawn = new Set(resources.slice(40, 48));
    h.service.showingResources(DAY, [...drawn]);
    const mark = h.sent.length;
    h.service.openDay(DAY);
    const named = await h.events.waitFor('day.snapshot', (s) => s.date === DAY && allNamed(s), 60_000);
    const onDay = named.appointments.filter((a) => a.patientId !== null);
    const drawnPatients = new Set(onDay.filter((a) => a.resourceId !== null && drawn.has(a.resourceId)).map((a) => a.patientId as string));
    const dayPatients = new Set(onDay.map((a) => a.patientId as string));
    const gets = patientGets(h.sent.slice(mark)).map(patientOf);
    const firstGets = gets.slice(0, drawnPatients.size);
    assert.deepEqual(new Set(firstGets), drawnPatients, 'the drawn columns’ patients were asked for before any other');
    const dayGets = gets.slice(0, dayPatients.size);
    assert.deepEqual(new Set(dayGets), dayPatients, 'then the rest of the day, before any patient of the day ahead');
    assert.equal(new Set(gets).size, gets.length, 'no patient asked for twice');
    // The day's names came in as they were answered, not all at the end: snapshots in between show some.
    const partial = h.events.of('day.snapshot').filter((s) => s.date === DAY && s.appointments.some((a) => a.nameComing === true) && s.appointments.some((a) => a.patientName !== null));
    assert.ok(partial.length >= 2, `names arrived in batches (${partial.length} partial snapshots)`);
    // The drawn columns were named in a snapshot while the rest of the day was still coming.
    assert.ok(
      partial.some((s) => s.appointments.every((a) => a.resourceId === null || !drawn.has(a.resourceId) || a.nameComing !== true)),
      'a snapshot showed the drawn columns named while other names were coming',
    );
  });

  it('keeps names across days: the next morning they show at once and none is asked for; a week on they are refreshed in the background', async () => {
    let now = Date.parse('2026-03-23T06:30:00Z');
    h = await startHarness({ seedFile: SMALL_CLINIC, service: { now: () => now, prefetchDays: 1 } });
    h.service.openDay(DAY);
    await h.events.waitFor('day.snapshot', (s) => s.date === DAY && allNamed(s), 20_000);
    await h.service.refreshDay('2026-03-24');
    const firstDay = patientGets(h.sent).length;
    assert.ok(firstDay > 0);

    // The next morning, the app started again on the same store.
    now += 24 * 3_600_000;
    await h.restart();
    const mark = h.sent.length;
    const opened = h.service.openDay('2026-03-24');
    assert.ok(opened.appointments.length > 0);
    assert.ok(
      opened.appointments.every((a) => a.patientId === null || (a.patientName !== null && a.nameComing !== true)),
      'every name shows with the appointments, from the store',
    );
    await h.service.refreshDay('2026-03-24');
    await h.service.refreshDay(DAY);
    assert.deepEqual(patientGets(h.sent.slice(mark)), [], 'no name already known was asked for');

    // Eight days on, the names are old: shown at once all the same, and refreshed in the background.
    now += 8 * 24 * 3_600_000;
    await h.restart();
    const later = h.sent.length;
    const shown = h.service.openDay(DAY);
    assert.ok(shown.appointments.every((a) => a.patientId === null || a.patientName !== null), 'old names still show at once');
    const deadline = Date.now() + 20_000;
    while (patientGets(h.sent.slice(later)).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(patientGets(h.sent.slice(later)).length > 0, 'old names were refreshed');
    const patients = [...new Set(shown.appointments.map((a) => a.patientId).filter((id): id is string => id !== null))];
    const oldNames = (): string[] => h!.store.patients.namesToFetch(h!.accountId, patients, '2026-04-01', '2026-03-25').old;
    while (oldNames().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(oldNames(), [], 'every old name was refreshed');
    assert.equal(new Set(patientGets(h.sent.slice(later)).map(patientOf)).size, patientGets(h.sent.slice(later)).length, 'each once');
  });

  it('holds every name while Leyr asks to wait, and fetches them all once the wait is over', async () => {
    h = await startHarness({ seedFile: SMALL_CLINIC });
    await h.control.setFaults({ errorRate: 1, limit: 1, routes: ['patient'], errors: [{ code: 'GATEWAY', status: 429, retryAfterSeconds: 1 }] });
    h.service.openDay(DAY);
    const named = await h.events.waitFor('day.snapshot', (s) => s.date === DAY && allNamed(s), 20_000);
    assert.ok(named.appointments.every((a) => a.patientId === null || a.patientName !== null), 'every name came');
    const gets = patientGets(h.sent);
    const refused = gets.find((r) => r.status === 429);
    assert.ok(refused?.answeredAt !== null && refused !== undefined);
    const sentDuring = gets.filter((r) => r.at > (refused.answeredAt ?? 0) && r.at < (refused.answeredAt ?? 0) + 950);
    assert.deepEqual(sentDuring, [], 'no name asked for during the wait Leyr asked for');
  });

  it('says unknown only for a patient Leyr answered it has not, and keeps an EHR failure as still coming', async () => {
    h = await startHarness({ seedFile: SMALL_CLINIC });
    await h.control.setFaults({ errorRate: 1, routes: ['patient'], errors: [{ code: 'EMR_ERROR' }] });
    h.service.openDay(DAY);
    // Every attempt met the EHR's failure: the names are still to come, never "unknown".
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && patientGets(h.sent).length < 3) await new Promise((resolve) => setTimeout(resolve, 50));
    await h.service.refreshDay(DAY).catch(() => undefined);
    const failing = h.service.snapshot(DAY);
    assert.ok(failing.appointments.length > 0);
    assert.ok(failing.appointments.every((a) => a.patientId === null || (a.patientName === null && a.nameComing === true)), 'coming, not unknown');
    await h.control.clearFaults();
    const refreshed = await h.service.refreshDay(DAY);
    assert.ok(refreshed.appointments.every((a) => a.patientId === null || (a.patientName !== null && a.nameComing !== true)), 'named once the EHR answers');
  });
});
