// `npm run bench:rebook`: the rebook proposal (proposeRebook) for 20 appointments of one
// resource on the big generated clinic (80 resources, 1,400 appointments a day), from a warm
// store: the day and the days after it fetched from the local Leyr sandbox into a real SQLite
// file first, so the proposal reads the store alone. Prints the median with its spread over
// the runs (and how many Leyr requests the runs made); exits 1 when the median is past the
// budget (200 ms) in either scenario. The morning: every free time of the day can be proposed.
// The full day: another desk has booked every free slot of the day but the sick resource's
// (through the sandbox's Leyr API, then the day is fetched again), the 20 appointments are all
// still ahead, so every proposal has to come from the later days the store holds.
// Usage: node scripts/bench-rebook.ts [--runs N] [--count N] [--days N] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EventBus } from '../main/events/bus.ts';
import { createLeyrClient } from '../main/leyr/client.ts';
import { silentLogger } from '../main/log/logger.ts';
import { loadSeedFile } from '../main/sandbox/seed.ts';
import { startSandbox } from '../main/sandbox/server.ts';
import { createScheduleService } from '../main/schedule/service.ts';
import { openStore } from '../main/store/store.ts';
import { fillDay } from '../test/support/fill-day.ts';
import { BIG_CLINIC } from '../test/support/fixtures.ts';
import { median, percentile } from './bench-support.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '25' }, count: { type: 'string', default: '20' }, days: { type: 'string', default: '15' }, json: { type: 'boolean', default: false } },
});
const RUNS = Number(values.runs);
const COUNT = Number(values.count);
/** Days held in the store from DAY on: the proposal's horizon is the day and 14 after it. */
const DAYS = Number(values.days);
const BUDGET_MS = 200;
const SEED = process.env.FRONTDESK_BENCH_SEED ?? BIG_CLINIC;
const DAY = '2026-03-23';
/** The care unit's clock (what has passed): each scenario sets it. The wall clock stays at the warm-up's, so the warmed days are fresh. */
let clock = Date.parse(`${DAY}T06:00:00+01:00`);
const wallClock = clock;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const seed = await loadSeedFile(SEED);
const sandbox = await startSandbox({ seed });
const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-bench-rebook-'));
const store = openStore(dir);
const careUnitId = sandbox.careUnitIds[0] ?? 'L0_1';
let requests = 0;
const counting: typeof fetch = (input, init) => {
  requests += 1;
  return fetch(input, init);
};
const api = createLeyrClient({ baseUrl: sandbox.apiBaseUrl, emr: sandbox.emr, careUnitId, credentials: () => sandbox.credentials, log: silentLogger, fetch: counting });
const service = createScheduleService({
  store,
  api,
  bus: new EventBus(),
  log: silentLogger,
  account: { key: `bench:${sandbox.emr}:${careUnitId}`, emr: sandbox.emr, careUnitId },
  refreshIntervalMs: 0,
  prefetchDays: 0,
  now: () => wallClock,
  careUnitNow: () => clock,
});

let failed = false;
try {
  // Warm the store: the day and the days after it, as the app holds them once opened and fetched ahead.
  let started = performance.now();
  for (let i = 0; i < DAYS; i += 1) await service.refreshDay(addDays(DAY, i));
  const warmMs = performance.now() - started;

  // The busiest resource of the day: its first COUNT appointments that can move.
  const day = service.snapshot(DAY);
  const byResource = new Map<string, string[]>();
  for (const a of day.appointments) {
    if ((a.status !== 'booked' && a.status !== 'awaiting_confirmation') || a.resourceId === null) continue;
    byResource.set(a.resourceId, [...(byResource.get(a.resourceId) ?? []), a.id]);
  }
  const [resourceId, ids] = [...byResource].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  const chosen = ids.slice(0, COUNT);
  if (chosen.length < COUNT) throw new Error(`the busiest resource has only ${chosen.length} appointments`);

  // A second desk on the same sandbox, not counted: it books the day full.
  const otherDesk = createLeyrClient({ baseUrl: sandbox.apiBaseUrl, emr: sandbox.emr, careUnitId, credentials: () => sandbox.credentials, log: silentLogger });
  const fillDayFull = async (): Promise<string> => {
    const patientIds = seed.patients.slice(0, 50).map((p) => p.id);
    const fillers = await fillDay(otherDesk, { range: { start: `${DAY}T00:00:00+01:00`, end: `${DAY}T23:59:00+01:00` }, spare: resourceId, patientIds });
    await service.refreshDay(DAY);
    const left = service.snapshot(DAY).freeSlots.filter((slot) => slot.resourceId !== resourceId).length;
    if (left > 0) throw new Error(`the day is not full: ${left} free slots of other resources left in the store`);
    return `${fillers} fillers booked by another desk, no free slot of another resource left`;
  };

  // Two scenarios: the morning (every free time of the day can be proposed) and the full day
  // (the appointments are all ahead, nobody else has time that day: every proposal is on a
  // later day, read from the store).
  for (const scenario of [
    { name: 'morning', now: Date.parse(`${DAY}T06:00:00+01:00`), prepare: async (): Promise<string> => 'the day as seeded' },
    { name: 'full day', now: Date.parse(`${DAY}T07:00:00+01:00`), prepare: fillDayFull },
  ]) {
    const prepared = await scenario.prepare();
    clock = scenario.now;
    // Two runs not counted (JIT, SQLite's statement cache), then the measured ones.
    for (let i = 0; i < 2; i += 1) await service.proposeRebook({ appointmentIds: chosen });
    const before = requests;
    const times: number[] = [];
    let last;
    for (let i = 0; i < RUNS; i += 1) {
      started = performance.now();
      last = await service.proposeRebook({ appointmentIds: chosen });
      times.push(performance.now() - started);
    }
    const leyrRequests = requests - before;
    const reasons = { 'same-time': 0, 'same-day': 0, 'later-day': 0, none: 0 };
    for (const row of last?.rows ?? []) reasons[row.proposal?.reason ?? 'none'] += 1;
    const proposedDays = [...new Set((last?.rows ?? []).flatMap((row) => (row.proposal === null ? [] : [row.proposal.date])))].sort();
    const result = {
      scenario: scenario.name,
      clinic: path.basename(SEED),
      appointments: chosen.length,
      resource: resourceId,
      runs: RUNS,
      medianMs: round(median(times)),
      p10Ms: round(percentile(times, 10)),
      p90Ms: round(percentile(times, 90)),
      minMs: round(Math.min(...times)),
      maxMs: round(Math.max(...times)),
      leyrRequestsDuringRuns: leyrRequests,
      proposals: reasons,
      proposedDays,
      day: prepared,
      storeWarmedDays: DAYS,
      warmMs: Math.round(warmMs),
      budgetMs: BUDGET_MS,
    };
    const over = result.medianMs > BUDGET_MS;
    failed ||= over;
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`rebook proposal (${scenario.name}), ${chosen.length} appointments of ${resourceId} on ${result.clinic} (store warmed with ${DAYS} days in ${result.warmMs} ms; ${prepared})`);
      console.log(`  median ${result.medianMs} ms over ${RUNS} runs (p10 ${result.p10Ms}, p90 ${result.p90Ms}, min ${result.minMs}, max ${result.maxMs})`);
      console.log(`  proposals: ${reasons['same-time']} same time, ${reasons['same-day']} same day, ${reasons['later-day']} later day, ${reasons.none} none (on ${proposedDays.join(', ')}); Leyr requests during the runs: ${leyrRequests}`);
      console.log(`  ${over ? 'FAIL' : 'ok  '} median ≤ ${BUDGET_MS} ms`);
    }
  }
} finally {
  await service.close();
  store.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
