// `npm run bench:burst`: one window asking far too much at once, through the real transport.
// Main (the web host with main's real services, as `npm run demo -- --leyr-url` runs it) is a
// child process, so its memory is its own; Leyr is the sandbox in a process of its own (as a
// real Leyr is elsewhere), on the big clinic of scripts/make-clinic.ts (80 resources, 1,400
// appointments a day). This process talks to main over the WebSocket bridge as the browser
// bridge does (test/support/processes.ts).
//
// Per round: 1,000 concurrent `openDay` calls on one socket (half of them the same date, half
// over a spread of 40 dates), while the same socket keeps asking what a window asks meanwhile
// (getConnectivity and listChanges every 25 ms, for at least 3 s so that the refreshes the
// burst starts count too, and one moveAppointment). Printed: the burst's outcome (answered,
// BUSY, time until the last answer), the other calls' latencies (median, p95, max) and main's
// peak RSS (VmHWM); first, as a reference, the same other calls around one openDay alone.
// Budgets: every other call answered within 200 ms, main at most 500 MB; exit 1 past either.
//
// "before" runs one round against a host with the call limiter off (the old behaviour), for
// comparison only (no budget); `--after-only` skips it. BENCH_RUNS rounds after (default 3).
//
// Internal: `--serve --leyr-url URL --emr CODE --care-unit ID [--no-limits]` is the child.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChangeReceipt, DaySnapshot, Result } from '../preload/contract/index.ts';
import { BIG_CLINIC } from '../test/support/fixtures.ts';
import { connectBridge, run, type BridgeClient } from '../test/support/processes.ts';
import { movableToOtherResource } from '../test/support/day-picks.ts';

const CLINIC_DATE = '2026-03-23';
const BURST = 1_000;
const SIDE_EVERY_MS = 25;
const BUDGET_SIDE_MS = 200;
const BUDGET_RSS_MB = 500;
const RUNS = Math.min(Math.max(Number(process.env.BENCH_RUNS ?? 3), 1), 10);

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
};
const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Main's peak resident memory so far, in MB (Linux: VmHWM of /proc/PID/status). */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? Number.NaN : Number(match[1]) / 1024;
}

interface RoundFigures {
  burstMs: number;
  answered: number;
  busy: number;
  failedOther: number;
  side: Map<string, number[]>;
}

async function timed<T>(call: () => Promise<Result<T>>): Promise<{ ms: number; result: Result<T> }> {
  const started = performance.now();
  const result = await call();
  return { ms: performance.now() - started, result };
}

/** Other calls go on at least this long: the background refreshes a burst starts count too. */
const WATCH_MS = 3_000;

async function round(client: BridgeClient, index: number, size = BURST): Promise<RoundFigures> {
  // A change to make during the burst: an appointment of the open day moved to another
  // resource at the same time (each round its own appointment).
  const day = await client.call<DaySnapshot>('openDay', { date: CLINIC_DATE });
  if (!day.ok) throw new Error(`openDay failed before the burst: ${day.error.message}`);
  const move = movableToOtherResource(day.value);
  if (move === undefined) throw new Error('no appointment of the big clinic can be moved');

  const side = new Map<string, number[]>([
    ['getConnectivity', []],
    ['listChanges', []],
    ['moveAppointment', []],
  ]);
  let failedOther = 0;
  const record = (name: string, answer: { ms: number; result: Result<unknown> }): void => {
    side.get(name)?.push(answer.ms);
    if (!answer.result.ok) failedOther += 1;
  };

  const started = performance.now();
  const burst = Array.from({ length: size }, (_, i) => client.call<DaySnapshot>('openDay', { date: i % 2 === 0 ? addDays(CLINIC_DATE, 1) : addDays(CLINIC_DATE, ((i * 7 + index) % 40) - 7) }));
  let burstDone = false;
  const answered = Promise.all(burst).then((results) => {
    burstDone = true;
    return { ms: performance.now() - started, results };
  });
  const others: Promise<void>[] = [];
  others.push(timed(() => client.call<ChangeReceipt>('moveAppointment', { appointmentId: move.appointment.id, resourceId: move.resourceId })).then((a) => record('moveAppointment', a)));
  // The window keeps asking while the burst is answered (and at least once).
  do {
    others.push(timed(() => client.call('getConnectivity')).then((a) => record('getConnectivity', a)));
    others.push(timed(() => client.call('listChanges')).then((a) => record('listChanges', a)));
    await new Promise((resolve) => setTimeout(resolve, SIDE_EVERY_MS));
  } while (!burstDone || performance.now() - started < WATCH_MS);
  const { ms, results } = await answered;
  await Promise.all(others);
  return {
    burstMs: ms,
    answered: results.filter((r) => r.ok).length,
    busy: results.filter((r) => !r.ok && r.error.code === 'BUSY').length,
    failedOther,
    side,
  };
}

interface VariantFigures {
  label: string;
  rounds: RoundFigures[];
  rssMb: number;
  /** One openDay alone, the same other calls around it: what main's own day work costs them. */
  reference: RoundFigures | null;
}

async function variant(label: string, limits: boolean, rounds: number): Promise<VariantFigures> {
  const leyr = run(['main/sandbox/cli.ts', '--port', '0', '--seed', BIG_CLINIC, '--no-control']);
  const [, apiUrl] = await leyr.waitFor(/base URL\s+(\S+)/, 60_000);
  const [, emr] = await leyr.waitFor(/EHR\s+(\S+)/);
  const [, careUnit] = await leyr.waitFor(/care units\s+([^,\s]+)/);
  const child = run(['scripts/bench-burst.ts', '--serve', '--leyr-url', apiUrl ?? '', '--emr', emr ?? '', '--care-unit', careUnit ?? '', ...(limits ? [] : ['--no-limits'])], { FRONTDESK_LOG_LEVEL: 'error' });
  try {
    const [, url] = await child.waitFor(/HOST (\S+)/, 120_000);
    const pid = child.child.pid ?? 0;
    const client = await connectBridge(url ?? '');
    // Warm: the clinic's week in main's store, as after a morning's use.
    for (let i = 0; i < 5; i += 1) {
      const day = await client.call('refreshDay', { date: addDays(CLINIC_DATE, i) });
      if (!day.ok) throw new Error(`refreshDay failed while warming up: ${day.error.message}`);
    }
    let reference: RoundFigures | null = null;
    if (limits) {
      reference = await round(client, 0, 1);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    const figures: RoundFigures[] = [];
    for (let i = 0; i < rounds; i += 1) {
      figures.push(await round(client, i));
      process.stdout.write(`  ${label} round ${i + 1}/${rounds} done\n`);
      // Let the background refreshes the burst started settle between rounds.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    client.close();
    return { label, rounds: figures, rssMb: peakRssMb(pid), reference };
  } finally {
    await child.stop();
    await leyr.stop();
  }
}

function sideLine(name: string, values: number[]): string {
  return `  ${name.padEnd(20)}  n=${String(values.length).padStart(4)}  median ${String(round1(percentile(values, 50))).padStart(7)} ms  p95 ${String(round1(percentile(values, 95))).padStart(7)} ms  max ${String(round1(Math.max(...values))).padStart(7)} ms`;
}

function report(figures: VariantFigures): { sideMax: number; rssMb: number } {
  if (figures.reference !== null) {
    console.log(`\nreference: one openDay alone (a day of the big clinic, refreshed from Leyr behind it), other calls for ${WATCH_MS / 1000} s`);
    for (const name of ['getConnectivity', 'listChanges', 'moveAppointment']) console.log(sideLine(name, figures.reference.side.get(name) ?? []));
  }
  const all = (name: string): number[] => figures.rounds.flatMap((r) => r.side.get(name) ?? []);
  const burstMs = figures.rounds.map((r) => r.burstMs);
  console.log(`\n${figures.label}: ${BURST} concurrent openDay × ${figures.rounds.length} rounds`);
  console.log(
    `  burst answered in     median ${round1(percentile(burstMs, 50))} ms (spread ${round1(Math.min(...burstMs))}–${round1(Math.max(...burstMs))}); ` +
      `per round ${figures.rounds.map((r) => `${r.answered} ok / ${r.busy} BUSY`).join(', ')}`,
  );
  let sideMax = 0;
  for (const name of ['getConnectivity', 'listChanges', 'moveAppointment']) {
    const values = all(name);
    sideMax = Math.max(sideMax, ...values);
    console.log(sideLine(name, values));
  }
  const failed = figures.rounds.reduce((sum, r) => sum + r.failedOther, 0);
  if (failed > 0) console.log(`  other calls that failed: ${failed}`);
  console.log(`  main peak RSS         ${Math.round(figures.rssMb)} MB`);
  return { sideMax, rssMb: figures.rssMb };
}

async function main(): Promise<void> {
  const afterOnly = process.argv.includes('--after-only');
  console.log(`bench:burst on ${path.basename(BIG_CLINIC)} (80 resources, 1,400 appointments a day)`);
  const before = afterOnly ? null : await variant('before (no call limiter)', false, 1);
  const after = await variant('after (call limiter)', true, RUNS);
  if (before !== null) report(before);
  const { sideMax, rssMb } = report(after);
  const failedOther = after.rounds.reduce((sum, r) => sum + r.failedOther, 0);
  console.log('\nbudgets (after):');
  const checks = [
    { label: `every other call answered ≤ ${BUDGET_SIDE_MS} ms`, value: `${round1(sideMax)} ms`, pass: sideMax <= BUDGET_SIDE_MS },
    { label: `main peak RSS ≤ ${BUDGET_RSS_MB} MB`, value: `${Math.round(rssMb)} MB`, pass: rssMb <= BUDGET_RSS_MB },
    { label: 'other calls answered ok (none BUSY or failed)', value: String(failedOther), pass: failedOther === 0 },
  ];
  for (const check of checks) console.log(`  ${check.pass ? 'ok  ' : 'FAIL'} ${check.label}: ${check.value}`);
  process.exitCode = checks.every((check) => check.pass) ? 0 : 1;
}

if (process.argv.includes('--serve')) {
  // The child: main's services and the web host as the web host builds them, on the Leyr of
  // --leyr-url (the sandbox, in a process of its own as Leyr is elsewhere for a real clinic).
  const { mkdtempSync } = await import('node:fs');
  const os = await import('node:os');
  const { silentLogger } = await import('../main/log/logger.ts');
  const { startWebHost } = await import('../main/webhost/server.ts');
  const { createTestServices } = await import('../test/support/main-services.ts');
  const { DEMO_CREDENTIALS } = await import('../main/sandbox/server.ts');
  const flag = (name: string): string => process.argv[process.argv.indexOf(name) + 1] ?? '';
  const root = path.resolve(import.meta.dirname, '..');
  const services = await createTestServices({
    mode: 'web',
    version: '0.0.0-bench',
    log: silentLogger,
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'frontdesk-burst-')),
    leyr: { baseUrl: flag('--leyr-url'), emr: flag('--emr'), careUnitId: flag('--care-unit'), credentials: { ...DEMO_CREDENTIALS } },
  });
  const host = await startWebHost({
    services,
    rendererDir: path.join(root, 'dist', 'renderer'),
    bridgeScriptPath: path.join(root, 'dist', 'web', 'web-bridge.js'),
    port: 0,
    log: silentLogger,
    ...(process.argv.includes('--no-limits') && { callLimits: false as const }),
  });
  console.log(`HOST ${host.url}`);
  const stop = (): void => void host.close().then(() => services.close()).finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await main();
}
