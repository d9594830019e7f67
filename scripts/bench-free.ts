// `npm run bench:free`: "when is the first free time?" against the strict sandbox with 200 ms
// added to every Leyr request, through main's schedule service (the part that asks Leyr and
// keeps the answer; the panel only shows it). Per scenario, over several runs, each on a
// fresh service (an empty cache; the catalog in the store, as when the day view is open):
// - cold: the question asked first (Leyr asked window after window);
// - cached: the same question again at once (no Leyr request);
// and the Leyr requests each made. Scenarios:
// - 4 weeks: the half-hour visit with any doctor, 10 results (found in the first window);
// - sparse: the hour-long visit only Dr. Sara Gles gives, one free hour a week, 10 results:
//   the search needs three four-week windows (three requests one after another);
// - big clinic: any of 80 doctors over 4 weeks (a large answer; for reference).
// Medians with their spread (min–max); exits 1 past a budget: cold ≤ 2 s, cached ≤ 100 ms.
// BENCH_FREE_RUNS changes the runs (default 7).
import { DateTime } from 'luxon';
import type { CallParsedArg } from '../preload/contract/index.ts';
import { FREE_CLINIC, writeFreeTimeClinic } from '../test/support/free-time-clinic.ts';
import { BIG_CLINIC, startHarness, type Harness } from '../test/support/schedule-harness.ts';
import { median } from './bench-support.ts';

const LATENCY_MS = 200;
const RUNS = Math.min(Math.max(Number(process.env.BENCH_FREE_RUNS ?? 7), 1), 25);
const BUDGET = { coldMs: 2_000, cachedMs: 100 };
const ZONE = 'Europe/Stockholm';

interface Scenario {
  name: string;
  seedFile: string;
  question(h: Harness, today: string): CallParsedArg<'findFreeTimes'>;
  runs: number;
  budgeted: boolean;
}

const SCENARIOS: Scenario[] = [
  {
    name: '4 weeks, any doctor',
    seedFile: writeFreeTimeClinic(),
    question: (_h, today) => ({ serviceId: FREE_CLINIC.short, from: today, partOfDay: 'any', count: 10 }),
    runs: RUNS,
    budgeted: true,
  },
  {
    name: 'sparse: 1 free hour a week',
    seedFile: writeFreeTimeClinic(),
    question: (_h, today) => ({ serviceId: FREE_CLINIC.long, resourceIds: [FREE_CLINIC.sara], from: today, partOfDay: 'any', count: 10 }),
    runs: RUNS,
    budgeted: true,
  },
  {
    name: 'big clinic (80), any doctor',
    seedFile: BIG_CLINIC,
    question: (h, today) => ({ serviceId: h.store.days.services(h.accountId)[0]?.id ?? '', from: today, partOfDay: 'any', count: 10 }),
    runs: Math.min(RUNS, 3),
    budgeted: false,
  },
];

interface Figures {
  cold: number[];
  cached: number[];
  coldRequests: number[];
  cachedRequests: number[];
  windows: string;
}

const timeslotRequests = (h: Harness, since: number): number => h.sent.slice(since).filter((r) => r.path.includes('/timeslots')).length;

async function measure(scenario: Scenario): Promise<Figures> {
  const h = await startHarness({ seedFile: scenario.seedFile, timeoutMs: 30_000 });
  const figures: Figures = { cold: [], cached: [], coldRequests: [], cachedRequests: [], windows: '' };
  try {
    const today = DateTime.now().setZone(ZONE).toISODate() ?? '';
    // The day view is open: the catalog (names, the zone) is in the store.
    await h.service.refreshDay(today);
    await h.control.setFaults({ latencyMs: LATENCY_MS });
    for (let run = 0; run < scenario.runs; run += 1) {
      await h.restart();
      const question = scenario.question(h, today);
      let mark = h.sent.length;
      let started = performance.now();
      const cold = await h.service.findFreeTimes(question);
      figures.cold.push(performance.now() - started);
      figures.coldRequests.push(timeslotRequests(h, mark));
      if (cold.slots.length < question.count) throw new Error(`${scenario.name}: only ${cold.slots.length} found`);
      figures.windows = `${cold.searchedFrom} → ${cold.searchedUntil}`;
      mark = h.sent.length;
      started = performance.now();
      const cached = await h.service.findFreeTimes(question);
      figures.cached.push(performance.now() - started);
      figures.cachedRequests.push(timeslotRequests(h, mark));
      if (cached.source !== 'cache') throw new Error(`${scenario.name}: the repeat asked Leyr`);
    }
  } finally {
    await h.close();
  }
  return figures;
}

const spread = (values: number[]): string => `${Math.round(median(values))} ms (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`;

const failures: string[] = [];
console.log(`bench:free — strict sandbox, ${LATENCY_MS} ms added to every Leyr request; medians (min–max)`);
for (const scenario of SCENARIOS) {
  const f = await measure(scenario);
  console.log(
    `${scenario.name.padEnd(30)} runs ${String(scenario.runs).padStart(2)}  cold ${spread(f.cold).padEnd(22)} cached ${spread(f.cached).padEnd(18)} requests cold ${median(f.coldRequests)}, cached ${median(f.cachedRequests)}  searched ${f.windows}`,
  );
  if (!scenario.budgeted) continue;
  if (median(f.cold) > BUDGET.coldMs) failures.push(`${scenario.name}: cold ${Math.round(median(f.cold))} ms > ${BUDGET.coldMs} ms`);
  if (median(f.cached) > BUDGET.cachedMs) failures.push(`${scenario.name}: cached ${Math.round(median(f.cached))} ms > ${BUDGET.cachedMs} ms`);
}
if (failures.length > 0) {
  console.error(`over budget:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`within budget (cold ≤ ${BUDGET.coldMs} ms, cached ≤ ${BUDGET.cachedMs} ms)`);
