// npm run soak: several desks on one Leyr, for a set time, making random moves, cancels and
// bookings on one day while Leyr is slow and fails now and then; then the books are checked.
//
// Each desk is main's schedule service as the app runs it (its own SQLite store, the real
// client, the default refresh cadence of a window in use) against one strict sandbox over
// HTTP on 127.0.0.1. A desk acts on what its screen shows: the day's latest snapshot, and
// every change carries what it showed (`seen`). To make collisions common, the desks work on
// the same few columns.
//
// The ground truth is the ledger (soak-ledger.ts): each write with Leyr's state of the
// appointments just before and after it. A write is an overwrite when what it landed on is
// not what its desk based the change on; it is silent when neither that desk nor the desk
// whose change it replaced was told (a conflict on that appointment). Printed: changes,
// real collisions, conflicts reported, silent overwrites (must be 0), lost changes (0),
// duplicated or orphaned bookings (0), and whether every desk's view equals Leyr at the end.
// Exit 1 past any of those.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { holdsSlot } from '../preload/contract/appointment-status.ts';
import type { AppointmentView, DaySnapshot, FreeSlot } from '../preload/contract/index.ts';
import { Failure } from '../main/errors/failure.ts';
import { EventBus } from '../main/events/bus.ts';
import { createLeyrClient } from '../main/leyr/client.ts';
import { silentLogger } from '../main/log/logger.ts';
import { loadSeedFile } from '../main/sandbox/seed.ts';
import { clockFrom } from '../test/support/clinic-clock.ts';
import { startSandbox } from '../main/sandbox/server.ts';
import { dayRange } from '../main/schedule/common/day-time.ts';
import { createScheduleService, type ScheduleService } from '../main/schedule/service.ts';
import type { OutboxTarget } from '../main/store/outbox/entry.ts';
import { openStore, type LocalStore } from '../main/store/store.ts';
import { SMALL_CLINIC } from '../test/support/fixtures.ts';
import { sandboxControl } from '../test/support/sandbox-control.ts';
import { Ledger, placeOf, samePlace, type Place } from './soak-ledger.ts';

const { values: flags } = parseArgs({
  options: {
    desks: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '120' },
    latency: { type: 'string', default: '200' },
    'error-rate': { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log('npm run soak -- [--desks 3] [--seconds 120] [--latency 200] [--error-rate 0.05] [--seed 1]');
  process.exit(0);
}
const DESKS = Math.max(2, Math.min(6, Number(flags.desks)));
const SECONDS = Math.max(5, Number(flags.seconds));
const LATENCY_MS = Math.max(0, Number(flags.latency));
const ERROR_RATE = Math.max(0, Math.min(0.5, Number(flags['error-rate'])));
/** A Monday of the generated clinics. */
const DAY = '2026-03-23';
const ZONE = 'Europe/Stockholm';
/** The columns every desk works on: few, so that desks meet. */
const HOT_COLUMNS = 3;

// A small seeded generator (mulberry32): the same --seed makes the same choices.
let seedState = Number(flags.seed) >>> 0 || 1;
const random = (): number => {
  seedState = (seedState + 0x6d2b79f5) >>> 0;
  let t = seedState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Desk {
  name: string;
  dir: string;
  store: LocalStore;
  accountId: number;
  service: ScheduleService;
  screen: DaySnapshot;
  receipts: { changeId: string; kind: string }[];
  refusedAtOnce: number;
  otherErrors: Map<string, number>;
}

const seenOf = (a: AppointmentView) => ({ id: a.id, start: a.start, end: a.end, resourceId: a.resourceId, status: a.status });

async function main(): Promise<void> {
  const seed = await loadSeedFile(SMALL_CLINIC);
  const sandbox = await startSandbox({ seed, strict: true, control: true });
  const control = sandboxControl(sandbox.origin);
  const ledger = new Ledger(control);
  const careUnitId = sandbox.careUnitIds[0] ?? 'L0_1';
  const account = { key: `soak:${sandbox.emr}:${careUnitId}`, emr: sandbox.emr, careUnitId };
  const initial = await control.state();
  const patients = initial.patients.slice(0, 30);

  const desks: Desk[] = [];
  for (let i = 0; i < DESKS; i += 1) {
    const name = `desk-${String.fromCharCode(65 + i)}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), `frontdesk-soak-${name}-`));
    const store = openStore(dir);
    const bus = new EventBus();
    const api = createLeyrClient({ fetch: ledger.fetchFor(name), baseUrl: sandbox.apiBaseUrl, emr: sandbox.emr, careUnitId, credentials: () => sandbox.credentials, log: silentLogger });
    const service = createScheduleService({ store, api, bus, log: silentLogger, account, actor: name, prefetchDays: 0, careUnitNow: clockFrom(DAY) });
    const desk: Desk = { name, dir, store, accountId: store.accounts.ensure(account, new Date().toISOString()).id, service, screen: service.openDay(DAY), receipts: [], refusedAtOnce: 0, otherErrors: new Map() };
    bus.subscribe((event, payload) => {
      if (event === 'day.snapshot' && (payload as DaySnapshot).date === DAY) desk.screen = payload as DaySnapshot;
    });
    desk.screen = await service.refreshDay(DAY);
    // The patients a desk books come from a search, as at the screen.
    for (const patient of patients) {
      const name = `${patient.first_name ?? ''} ${patient.last_name ?? ''}`.trim();
      if (name !== '') await service.searchPatients({ query: name });
    }
    desks.push(desk);
  }
  const hot = new Set(desks[0]?.screen.resources.slice(0, HOT_COLUMNS).map((r) => r.id));

  await control.setFaults({
    latencyMs: LATENCY_MS,
    jitterMs: Math.round(LATENCY_MS / 2),
    errorRate: ERROR_RATE,
    errors: [{ code: 'EMR_ERROR' }, { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 }, { code: 'GATEWAY', retryAfterSeconds: 1 }, { code: 'UNKNOWN_ERROR' }],
  });
  console.log(`soak: ${DESKS} desks, ${SECONDS} s, Leyr ${LATENCY_MS} ms (±${Math.round(LATENCY_MS / 2)}), ${Math.round(ERROR_RATE * 100)}% errors, seed ${flags.seed}`);

  const deadline = Date.now() + SECONDS * 1000;
  const act = (desk: Desk): void => {
    const screen = desk.screen;
    const changeable = screen.appointments.filter((a) => a.resourceId !== null && hot.has(a.resourceId) && holdsSlot(a.status) && !a.pending && !a.id.startsWith('local'));
    const roll = random();
    try {
      if (roll < 0.5) {
        const a = pick(changeable);
        if (a === undefined) return;
        const length = Date.parse(a.end) - Date.parse(a.start);
        const slot = pick(screen.freeSlots.filter((s) => s.resourceId === a.resourceId && Date.parse(s.end) - Date.parse(s.start) === length && s.start !== a.start));
        if (slot === undefined) return;
        desk.receipts.push({ ...desk.service.moveAppointment({ appointmentId: a.id, start: slot.start, end: slot.end, seen: [seenOf(a)] }), kind: 'move' });
      } else if (roll < 0.7) {
        const a = pick(changeable);
        if (a === undefined) return;
        desk.receipts.push({ ...desk.service.cancelAppointments({ ids: [a.id], reason: 'Soak', seen: [seenOf(a)] }), kind: 'cancel' });
      } else {
        const slot: FreeSlot | undefined = pick(screen.freeSlots.filter((s) => hot.has(s.resourceId)));
        const patientId = pick(patients.map((p) => p.id).filter((id) => desk.store.patients.get(desk.accountId, id) !== null));
        if (slot === undefined || patientId === undefined) return;
        desk.receipts.push({
          ...desk.service.bookAppointment({ patientId, resourceId: slot.resourceId, start: slot.start, end: slot.end, ...(slot.serviceId !== null && { serviceId: slot.serviceId }) }),
          kind: 'book',
        });
      }
    } catch (error) {
      const code = error instanceof Failure ? error.toAppError().code : 'THROWN';
      if (code === 'CONFLICT') desk.refusedAtOnce += 1;
      else desk.otherErrors.set(code, (desk.otherErrors.get(code) ?? 0) + 1);
    }
  };
  await Promise.all(
    desks.map(async (desk) => {
      while (Date.now() < deadline) {
        await sleep(300 + random() * 900);
        act(desk);
      }
    }),
  );

  // Over: Leyr recovers, every desk sends what waits and looks again (twice, as refreshes do).
  await control.clearFaults();
  const drain = async (): Promise<void> => {
    await Promise.all(desks.map((d) => Promise.race([d.service.whenIdle(), sleep(90_000)])));
  };
  await drain();
  for (let round = 0; round < 2; round += 1) {
    for (const desk of desks) await desk.service.refreshDay(DAY).catch(() => undefined);
    await sleep(500);
  }
  await drain();
  for (const desk of desks) desk.screen = await desk.service.refreshDay(DAY);

  const report = await judge(desks, ledger, control);
  for (const desk of desks) {
    await desk.service.close();
    desk.store.close();
    rmSync(desk.dir, { recursive: true, force: true });
  }
  await sandbox.close();
  printReport(report);
  process.exitCode = report.pass ? 0 : 1;
}

interface Entry {
  desk: string;
  changeId: string;
  kind: string;
  status: string;
  code: string | null;
  createdAt: number;
  targets: OutboxTarget[];
}

interface Report {
  changes: number;
  refusedAtOnce: number;
  otherErrors: Map<string, number>;
  byStatus: Map<string, number>;
  byCode: Map<string, number>;
  writes: number;
  collisions: number;
  reported: number;
  overwrites: number;
  silent: { desk: string; id: string; at: number }[];
  lost: string[];
  duplicated: number;
  views: { desk: string; equal: boolean; differences: number; pending: number }[];
  pass: boolean;
}

const recordPlace = (r: { start: string; end: string; resourceId: string | null; status: string }): Place => ({ start: Date.parse(r.start), end: Date.parse(r.end), resourceId: r.resourceId, status: r.status });
const count = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1);

async function judge(desks: readonly Desk[], ledger: Ledger, control: ReturnType<typeof sandboxControl>): Promise<Report> {
  const entries: Entry[] = [];
  for (const desk of desks) {
    const { accountId } = desk;
    for (const e of desk.store.outbox.appliedSince(accountId, '1970-01-01T00:00:00Z')) {
      entries.push({ desk: desk.name, changeId: e.changeId, kind: e.request.kind, status: e.status, code: null, createdAt: Date.parse(e.createdAt), targets: e.targets });
    }
    for (const view of desk.service.listChanges()) {
      const stored = desk.store.outbox.byChangeId(view.changeId);
      entries.push({ desk: desk.name, changeId: view.changeId, kind: view.kind, status: view.status, code: view.failure?.code ?? null, createdAt: Date.parse(view.createdAt), targets: stored?.targets ?? [] });
    }
  }
  const byChange = new Map(entries.map((e) => [e.changeId, e]));
  const byStatus = new Map<string, number>();
  const byCode = new Map<string, number>();
  for (const e of entries) {
    count(byStatus, e.status);
    if (e.code !== null) count(byCode, e.code);
  }
  const lost = desks.flatMap((d) => d.receipts.filter((r) => {
    const e = byChange.get(r.changeId);
    return e === undefined || e.status === 'pending' || e.status === 'sent';
  }).map((r) => `${d.name}:${r.changeId}`));

  // Overwrites, from the ledger: what each write landed on, against what its change was based on.
  const conflictOn = (desk: string, id: string): boolean => entries.some((e) => e.desk === desk && e.status === 'conflict' && e.targets.some((t) => t.appointmentId === id));
  let overwrites = 0;
  const silent: Report['silent'] = [];
  const lastWriter = new Map<string, string>();
  for (const write of ledger.writes) {
    for (const c of write.changed) {
      const previous = lastWriter.get(c.id);
      if (c.before !== null && c.after !== null) {
        const made = entries
          .filter((e) => e.desk === write.desk && e.createdAt <= write.at && e.targets.some((t) => t.appointmentId === c.id && t.expected !== null && samePlace(recordPlace(t.expected), c.after)))
          .sort((a, b) => b.createdAt - a.createdAt)[0];
        const base = made?.targets.find((t) => t.appointmentId === c.id)?.base ?? null;
        if (made !== undefined && base !== null && !samePlace(recordPlace(base), c.before) && previous !== undefined && previous !== write.desk) {
          overwrites += 1;
          if (!conflictOn(write.desk, c.id) && !conflictOn(previous, c.id)) silent.push({ desk: write.desk, id: c.id, at: write.at });
        }
      }
      lastWriter.set(c.id, write.desk);
    }
  }

  // Bookings: every appointment a desk's requests created is one of its applied bookings.
  let duplicated = 0;
  for (const desk of desks) {
    const created = ledger.writes.filter((w) => w.desk === desk.name).flatMap((w) => w.changed.filter((c) => c.before === null && c.after !== null)).length;
    const booked = entries.filter((e) => e.desk === desk.name && e.kind === 'book' && e.status === 'applied').length;
    duplicated += Math.max(0, created - booked);
  }

  // Every desk's view of the day equals Leyr's.
  const { appointments } = await control.state();
  const range = dayRange(DAY, ZONE);
  const leyr = new Map(
    appointments
      .filter((a) => a.cancellation_of === undefined && holdsSlot(a.status) && Date.parse(a.start) >= range.startMs && Date.parse(a.start) < range.endMs)
      .map((a) => [a.id, placeOf(a)]),
  );
  const views = desks.map((desk) => {
    const shown = new Map(desk.screen.appointments.filter((a) => holdsSlot(a.status)).map((a) => [a.id, recordPlace(a)]));
    let differences = 0;
    for (const id of new Set([...leyr.keys(), ...shown.keys()])) if (!samePlace(leyr.get(id) ?? null, shown.get(id) ?? null)) differences += 1;
    return { desk: desk.name, equal: differences === 0 && desk.screen.pendingCount === 0, differences, pending: desk.screen.pendingCount };
  });

  const heldBack = (byCode.get('CHANGED_ELSEWHERE') ?? 0) + desks.reduce((n, d) => n + d.refusedAtOnce, 0);
  const reported = heldBack + (byCode.get('CHANGED_AFTER_YOURS') ?? 0);
  const otherErrors = new Map<string, number>();
  for (const d of desks) for (const [code, n] of d.otherErrors) otherErrors.set(code, (otherErrors.get(code) ?? 0) + n);
  return {
    changes: desks.reduce((n, d) => n + d.receipts.length, 0),
    refusedAtOnce: desks.reduce((n, d) => n + d.refusedAtOnce, 0),
    otherErrors,
    byStatus,
    byCode,
    writes: ledger.writes.length,
    collisions: heldBack + overwrites,
    reported,
    overwrites,
    silent,
    lost,
    duplicated,
    views,
    pass: silent.length === 0 && lost.length === 0 && duplicated === 0 && views.every((v) => v.equal),
  };
}

function printReport(r: Report): void {
  const line = (label: string, value: string, budget = ''): void => console.log(`  ${label.padEnd(44)} ${value.padStart(8)}  ${budget}`);
  const list = (map: Map<string, number>): string => [...map].map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  console.log('\nsoak results');
  line('changes made (queued)', String(r.changes));
  line('refused at once: screen out of date (CONFLICT)', String(r.refusedAtOnce));
  line('other refusals at the screen', String([...r.otherErrors.values()].reduce((a, b) => a + b, 0)), list(r.otherErrors));
  line('writes that reached Leyr', String(r.writes));
  line('outcomes', '', list(r.byStatus));
  line('conflict and refusal codes', '', list(r.byCode));
  line('real collisions', String(r.collisions), 'held back before sending, or overwrites at Leyr');
  line('  of which overwrites at Leyr', String(r.overwrites), 'the window between check and send');
  line('conflicts reported', String(r.reported));
  line('silent overwrites', String(r.silent.length), 'budget 0');
  line('lost changes', String(r.lost.length), 'budget 0');
  line('duplicated or orphaned bookings', String(r.duplicated), 'budget 0');
  for (const v of r.views) line(`${v.desk}: view equals Leyr`, v.equal ? 'yes' : 'NO', v.equal ? '' : `${v.differences} differ, ${v.pending} pending`);
  for (const s of r.silent) console.log(`  silent: ${s.desk} wrote ${s.id} at ${new Date(s.at).toISOString()}`);
  for (const id of r.lost) console.log(`  lost: ${id}`);
  console.log(r.pass ? '\nsoak: PASS' : '\nsoak: FAIL');
}

await main();
