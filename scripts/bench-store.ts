// Measures the local store and the outbox on big-clinic.json (80 resources, 1,400
// appointments a day), against the local Leyr sandbox over HTTP and a real SQLite file:
//   - open a cached day from the store (what openDay answers at once): median of N;
//   - outbox throughput: changes drained to Leyr per second (one PATCH each, each marked in
//     flight and settled in its own transaction, snapshot events built and serialised);
//   - for context: fetching and writing the whole day, and queueing a change.
// Usage: node scripts/bench-store.ts [--changes N] [--opens N] [--json]
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
import { BIG_CLINIC } from '../test/support/fixtures.ts';

const { values } = parseArgs({ options: { changes: { type: 'string', default: '500' }, opens: { type: 'string', default: '50' }, json: { type: 'boolean', default: false } } });
const CHANGES = Number(values.changes);
const OPENS = Number(values.opens);
const SEED = process.env.FRONTDESK_BENCH_SEED ?? BIG_CLINIC;
const DAY = '2026-03-23';

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

const seed = await loadSeedFile(SEED);
const sandbox = await startSandbox({ seed, control: true });
const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-bench-'));
const store = openStore(dir);
const bus = new EventBus();
let serialisedBytes = 0;
// As the web host does: every event is serialised for the wire.
bus.subscribe((event, payload) => {
  serialisedBytes += JSON.stringify({ kind: 'event', event, payload }).length;
});
const careUnitId = sandbox.careUnitIds[0] ?? 'L0_1';
const api = createLeyrClient({ baseUrl: sandbox.apiBaseUrl, emr: sandbox.emr, careUnitId, credentials: () => sandbox.credentials, log: silentLogger });
const service = createScheduleService({
  store,
  api,
  bus,
  log: silentLogger,
  account: { key: `bench:${sandbox.emr}:${careUnitId}`, emr: sandbox.emr, careUnitId },
  refreshIntervalMs: 0,
  prefetchDays: 0,
});

try {
  // Fetch and write the day (and its patients' names) once.
  let started = performance.now();
  await service.refreshDay(DAY);
  const fetchDayMs = performance.now() - started;
  const day = service.snapshot(DAY);

  // Open the cached day from the store.
  const openTimes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < OPENS; i += 1) {
    started = performance.now();
    const snapshot = service.snapshot(DAY);
    openTimes.push(performance.now() - started);
    bytes = JSON.stringify(snapshot).length;
  }
  const openWithJson: number[] = [];
  for (let i = 0; i < OPENS; i += 1) {
    started = performance.now();
    JSON.stringify(service.snapshot(DAY));
    openWithJson.push(performance.now() - started);
  }

  // Outbox throughput: queue N single cancels at once, then time the drain.
  const targets = day.appointments.filter((a) => a.status === 'booked').slice(0, CHANGES);
  started = performance.now();
  for (const appointment of targets) service.cancelAppointments({ ids: [appointment.id], reason: 'bench' });
  const queueMs = performance.now() - started;
  const drainStart = performance.now();
  await service.whenIdle();
  const drainMs = performance.now() - drainStart;
  const applied = service.listChanges().length === 0 ? targets.length : targets.length - service.listChanges().length;
  const remote = await (await fetch(`${sandbox.origin}/__sandbox/state`)).json() as { appointments: { id: string; status: string }[] };
  const cancelledAtLeyr = new Set(remote.appointments.filter((a) => a.status === 'cancelled').map((a) => a.id));
  const reached = targets.filter((a) => cancelledAtLeyr.has(a.id)).length;

  const result = {
    seed: path.basename(SEED),
    day: DAY,
    appointments: day.appointments.length,
    resources: day.resources.length,
    freeSlots: day.freeSlots.length,
    openCachedDayMs: { median: round(median(openTimes)), min: round(Math.min(...openTimes)), max: round(Math.max(...openTimes)), runs: OPENS },
    openCachedDayWithJsonMs: { median: round(median(openWithJson)), snapshotKiB: round(bytes / 1024, 1) },
    fetchAndWriteDayMs: round(fetchDayMs, 0),
    outbox: {
      changes: targets.length,
      applied,
      reachedLeyr: reached,
      queueMsPerChange: round(queueMs / targets.length, 3),
      drainSeconds: round(drainMs / 1000, 2),
      changesPerSecond: round(targets.length / (drainMs / 1000), 0),
      eventKiB: round(serialisedBytes / 1024, 0),
    },
  };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`store bench on ${result.seed}, ${DAY}: ${result.appointments} appointments, ${result.resources} resources, ${result.freeSlots} free slots`);
    console.log(`  open a cached day from the store: median ${result.openCachedDayMs.median} ms (min ${result.openCachedDayMs.min}, max ${result.openCachedDayMs.max}, ${OPENS} runs)`);
    console.log(`  … and serialise it: median ${result.openCachedDayWithJsonMs.median} ms (${result.openCachedDayWithJsonMs.snapshotKiB} KiB)`);
    console.log(`  fetch and write the day from the sandbox (with ${new Set(day.appointments.map((a) => a.patientId)).size} patient names): ${result.fetchAndWriteDayMs} ms`);
    console.log(`  outbox: ${result.outbox.changes} changes queued at ${result.outbox.queueMsPerChange} ms each, drained in ${result.outbox.drainSeconds} s = ${result.outbox.changesPerSecond} changes/s (${result.outbox.reachedLeyr} reached Leyr)`);
  }
} finally {
  await service.close();
  store.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
