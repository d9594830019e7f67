// `npm run bench:cold`: a day opened on an empty store against a Leyr as slow as the real
// one (the strict sandbox with 200 ms, then 500 ms, added to every request), in Chromium
// through the web host, for the big clinic (80 resources, 1,400 appointments a day) and the
// small one. Per run it measures, from the moment the page is asked for:
// - appointments drawn: the first block on screen;
// - drawn columns named: every block the grid draws shows its patient's name;
// - every name of the day: no appointment of the day waits for a name (the header leaves
//   "Loading names…");
// - the Leyr requests made (the sandbox's request log), patient look-ups apart, until the
//   app falls quiet (the days fetched ahead and their names included);
// and then a second start the next morning (main restarted on the same store, its clock a
// day on) opening the next day: whether the names are on screen with the appointments, and
// how many blocking name requests were made (look-ups of that day's patients): must be 0.
//
// Medians with their spread over the runs; exits 1 past a budget (big clinic at 200 ms).
// BENCH_COLD_RUNS changes the runs of the big clinic at 200 ms (default 3; others run once).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/e2e/chromium.ts';
import { startTestHost, type HostFixture, type HostOptions } from '../test/e2e/fixtures.ts';
import { BIG_CLINIC, SMALL_CLINIC } from '../test/support/fixtures.ts';
import type { SandboxControl } from '../test/support/sandbox-control.ts';
import { median, VIEWPORT } from './bench-support.ts';

const root = path.resolve(import.meta.dirname, '..');
/** The Monday the fixtures start on, and the next morning's day. */
const DAY = '2026-03-23';
const NEXT_DAY = '2026-03-24';
const DAY_MS = 24 * 3_600_000;
/** The app has fallen quiet once Leyr has had no request from it for this long. */
const QUIET_MS = 1_500;
const BIG_RUNS = Math.min(Math.max(Number(process.env.BENCH_COLD_RUNS ?? 3), 1), 9);

interface Scenario {
  clinic: 'big' | 'small';
  file: string;
  latencyMs: number;
  runs: number;
  /** Budgets apply to this scenario. */
  budgeted: boolean;
}

const ALL_SCENARIOS: Scenario[] = [
  { clinic: 'big', file: BIG_CLINIC, latencyMs: 200, runs: BIG_RUNS, budgeted: true },
  { clinic: 'big', file: BIG_CLINIC, latencyMs: 500, runs: 1, budgeted: false },
  { clinic: 'small', file: SMALL_CLINIC, latencyMs: 200, runs: 1, budgeted: false },
  { clinic: 'small', file: SMALL_CLINIC, latencyMs: 500, runs: 1, budgeted: false },
];
/** BENCH_COLD_ONLY=big-200,small-500 runs those alone (when tuning). */
const ONLY = process.env.BENCH_COLD_ONLY?.split(',').map((s) => s.trim());
const SCENARIOS = ALL_SCENARIOS.filter((s) => ONLY === undefined || ONLY.includes(`${s.clinic}-${s.latencyMs}`));

const BUDGET = { drawnMs: 1_500, columnsNamedMs: 3_000, allNamedMs: 15_000 };

interface Run {
  /** The page loaded and the app mounted (for reference). */
  mountedMs: number;
  drawnMs: number;
  columnsNamedMs: number;
  allNamedMs: number;
  /** Until the app fell quiet. */
  requests: number;
  patientRequests: number;
  /** The next morning. */
  nextDrawnMs: number;
  /** Blocks without their name when the appointments were first drawn. */
  nextComingAtDraw: number;
  nextRequests: number;
  nextBlockingNameRequests: number;
}

// In the page, from its first script: when the first block is drawn, when every drawn block
// has its name, when no name of the day is coming (the header's loading mark gone), and how
// many blocks waited for their name when the first was drawn. Date.now(), counted from the
// page's navigation start.
const PAGE_WATCH = `
window.__cold = { origin: performance.timeOrigin, mounted: null, drawn: null, columnsNamed: null, allNamed: null, comingAtDraw: null };
(() => {
  const check = () => {
    const c = window.__cold;
    if (c.mounted === null && document.querySelector('[data-testid="connectivity"]') !== null) c.mounted = Date.now();
    const blocks = document.querySelectorAll('[data-appointment]').length;
    if (blocks === 0) return;
    const now = Date.now();
    const coming = document.querySelectorAll('[data-appointment][data-name-coming]').length;
    if (c.drawn === null) { c.drawn = now; c.comingAtDraw = coming; }
    if (c.columnsNamed === null && coming === 0) c.columnsNamed = now;
    const header = document.querySelector('[data-testid="connectivity"]');
    if (c.allNamed === null && coming === 0 && header !== null && !header.hasAttribute('data-loading')) c.allNamed = now;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-name-coming', 'data-loading'] });
})();
`;

interface ColdMarks {
  /** Navigation start (epoch ms): what the times are counted from. */
  origin: number;
  /** The app's header is on screen (the page loaded; for reference). */
  mounted: number | null;
  drawn: number | null;
  columnsNamed: number | null;
  allNamed: number | null;
  comingAtDraw: number | null;
}

declare global {
  interface Window {
    __cold: ColdMarks;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until Leyr has had no request for QUIET_MS (at most `maxMs`); answers the log's next sequence number. */
async function quiet(sandbox: SandboxControl, since: number, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  let seen = (await sandbox.requests(since)).next;
  let stillSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(250);
    const next = (await sandbox.requests(seen)).next;
    if (next !== seen) {
      seen = next;
      stillSince = Date.now();
    } else if (Date.now() - stillSince >= QUIET_MS) return;
  }
  throw new Error(`the app did not fall quiet within ${maxMs} ms`);
}

const PATIENT_GET = /\/patients\/([^/?]+)$/;

async function requestsSince(sandbox: SandboxControl, since: number): Promise<{ all: number; patientIds: string[] }> {
  const { requests } = await sandbox.requests(since);
  const patientIds = requests.filter((r) => r.method === 'GET' && PATIENT_GET.test(r.path)).map((r) => decodeURIComponent(PATIENT_GET.exec(r.path)?.[1] ?? ''));
  return { all: requests.length, patientIds };
}

/** Opens `date` in a fresh page; resolves with the page's marks once every name of the day is in (or the timeout). */
async function openCold(browser: Browser, fixture: HostFixture, date: string, waitFor: 'allNamed' | 'drawn', timeoutMs: number): Promise<{ marks: ColdMarks; start: number; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
  await context.addInitScript(PAGE_WATCH);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  await page.goto(`${fixture.host.origin}/?date=${date}#token=${fixture.host.token}`);
  await page.waitForFunction((mark) => window.__cold[mark] !== null, waitFor, { timeout: timeoutMs, polling: 100 });
  const marks = await page.evaluate(() => window.__cold);
  return { marks, start: marks.origin, close: () => context.close() };
}

async function coldRun(browser: Browser, scenario: Scenario): Promise<Run> {
  const hostOptions: HostOptions = { seedFile: scenario.file, demoDate: DAY, schedule: { refreshIntervalMs: 10 * 60_000 } };
  let fixture = await startTestHost(hostOptions);
  try {
    const sandbox = fixture.sandbox;
    if (sandbox === null) throw new Error('the bench needs the embedded sandbox');
    if (!(await sandbox.profile()).strict) throw new Error('the sandbox must play Leyr strictly');
    await sandbox.setFaults({ latencyMs: scenario.latencyMs });
    const mark = (await sandbox.requests(0)).next;
    const first = await openCold(browser, fixture, DAY, 'allNamed', 180_000);
    const at = (value: number | null): number => (value === null ? Number.NaN : value - first.start);
    // The days fetched ahead and their names: until the app falls quiet.
    await quiet(sandbox, mark, 240_000);
    const made = await requestsSince(sandbox, mark);
    await first.close();

    // The next morning: main restarted on the same store, its clock a day on.
    await fixture.close({ keepData: true });
    fixture = await startTestHost({ ...hostOptions, dataDir: fixture.dataDir, schedule: { ...hostOptions.schedule, now: () => Date.now() + DAY_MS } });
    const again = fixture.sandbox;
    if (again === null) throw new Error('the bench needs the embedded sandbox');
    await again.setFaults({ latencyMs: scenario.latencyMs });
    const nextMark = (await again.requests(0)).next;
    const next = await openCold(browser, fixture, NEXT_DAY, 'drawn', 60_000);
    await quiet(again, nextMark, 240_000);
    const nextMade = await requestsSince(again, nextMark);
    const { appointments } = await again.state();
    const dayPatients = new Set(appointments.filter((a) => a.start.startsWith(NEXT_DAY) && a.patient_id !== null).map((a) => a.patient_id));
    await next.close();
    return {
      mountedMs: at(first.marks.mounted),
      drawnMs: at(first.marks.drawn),
      columnsNamedMs: at(first.marks.columnsNamed),
      allNamedMs: at(first.marks.allNamed),
      requests: made.all,
      patientRequests: made.patientIds.length,
      nextDrawnMs: next.marks.drawn === null ? Number.NaN : next.marks.drawn - next.start,
      nextComingAtDraw: next.marks.comingAtDraw ?? Number.NaN,
      nextRequests: nextMade.all,
      nextBlockingNameRequests: nextMade.patientIds.filter((id) => dayPatients.has(id)).length,
    };
  } finally {
    await fixture.close();
  }
}

const spread = (values: number[], digits = 0): string => {
  const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');
  const med = fmt(median(values));
  return values.length === 1 ? med : `${med} [${fmt(Math.min(...values))}–${fmt(Math.max(...values))}]`;
};

function report(results: { scenario: Scenario; runs: Run[] }[]): boolean {
  const rows: string[][] = [];
  rows.push(['clinic', 'latency', 'runs', 'page loaded (ref.)', 'appointments drawn', 'drawn columns named', 'every name of the day', 'Leyr requests (names)', 'next morning: drawn', 'names missing at draw', 'requests (background)', 'blocking name requests']);
  for (const { scenario, runs } of results) {
    const pick = (key: keyof Run): number[] => runs.map((r) => r[key]);
    rows.push([
      scenario.clinic,
      `${scenario.latencyMs} ms`,
      String(runs.length),
      `${spread(pick('mountedMs'))} ms`,
      `${spread(pick('drawnMs'))} ms`,
      `${spread(pick('columnsNamedMs'))} ms`,
      `${spread(pick('allNamedMs'))} ms`,
      `${spread(pick('requests'))} (${spread(pick('patientRequests'))})`,
      `${spread(pick('nextDrawnMs'))} ms`,
      String(Math.max(...pick('nextComingAtDraw'))),
      spread(pick('nextRequests')),
      String(Math.max(...pick('nextBlockingNameRequests'))),
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]): string => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));

  let passed = true;
  console.log('\nBudgets (big clinic, 200 ms; medians):');
  for (const { scenario, runs } of results) {
    if (!scenario.budgeted) continue;
    const check = (label: string, value: number, limit: number, unit: string): void => {
      const ok = Number.isFinite(value) && value <= limit;
      passed &&= ok;
      console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label.padEnd(52)} ${Number.isFinite(value) ? value.toFixed(0) : '–'} ${unit}  budget ≤ ${limit} ${unit}`);
    };
    check('appointments drawn', median(runs.map((r) => r.drawnMs)), BUDGET.drawnMs, 'ms');
    check('names of the drawn columns', median(runs.map((r) => r.columnsNamedMs)), BUDGET.columnsNamedMs, 'ms');
    check('every name of the day', median(runs.map((r) => r.allNamedMs)), BUDGET.allNamedMs, 'ms');
    check('next morning: blocks without a name when drawn (every run)', Math.max(...runs.map((r) => r.nextComingAtDraw)), 0, '');
    check('next morning: blocking name requests (every run)', Math.max(...runs.map((r) => r.nextBlockingNameRequests)), 0, '');
  }
  return passed;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'dist', 'renderer', 'app.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench:cold does).');
  console.log(`Frontdesk cold-start bench · ${os.cpus().length} CPUs · an empty store, the strict sandbox with latency added to every request`);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const results: { scenario: Scenario; runs: Run[] }[] = [];
  const started = Date.now();
  try {
    for (const scenario of SCENARIOS) {
      const runs: Run[] = [];
      for (let run = 0; run < scenario.runs; run += 1) {
        const result = await coldRun(browser, scenario);
        console.log(
          `  ${scenario.clinic} ${scenario.latencyMs} ms run ${run + 1}: app mounted ${result.mountedMs.toFixed(0)} ms, drawn ${result.drawnMs.toFixed(0)} ms, drawn columns named ${result.columnsNamedMs.toFixed(0)} ms, every name ${result.allNamedMs.toFixed(0)} ms, ${result.requests} requests (${result.patientRequests} names); next morning ${result.nextComingAtDraw} unnamed at draw, ${result.nextBlockingNameRequests} blocking name requests`,
        );
        runs.push(result);
      }
      results.push({ scenario, runs });
    }
  } finally {
    await browser.close();
  }
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s in all)\n`);
  const passed = report(results);
  console.log(passed ? '\nAll budgets met.' : '\nSome budgets were exceeded.');
  process.exitCode = passed ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`bench:cold failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 2;
});
