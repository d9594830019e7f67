// Measures what the store's check and salvage cost at start, on a store as full as the app
// keeps it: the big clinic's size (1,400 appointments a day) for 14 days (what housekeeping
// keeps) and an outbox of 500 unsent changes, in a real SQLite file.
//   - start on a sound store: the read-only look (user_version, PRAGMA quick_check) and the
//     open, i.e. what every start now pays: median of N, min and max;
//   - start on a damaged store (random bytes in appointment pages): set aside, salvage the
//     outbox row by row, start the new store with the changes held.
// Fails (exit 1) past the budgets. Usage: node scripts/bench-store-check.ts [--runs N] [--json]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AppointmentRecord } from '../main/store/records.ts';
import { openStoreSafely } from '../main/store/salvage/open-safely.ts';
import { openStore, STORE_FILE_NAME } from '../main/store/store.ts';
import { pagesOf, scribble } from '../test/support/damaged-store.ts';
import { appointment } from '../test/support/store-fixtures.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const DAYS = 14;
const PER_DAY = 1_400;
const CHANGES = 500;
/** Budgets for the median, in ms: a start must stay well under a second or two on an old laptop. */
const BUDGET = { soundStartMs: 500, damagedStartMs: 2_000 };

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (n: number): number => Math.round(n * 10) / 10;
const spread = (xs: number[]) => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)), runs: xs.length });

const root = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-bench-check-'));
try {
  const template = path.join(root, 'template');
  const store = openStore(template);
  const { id: accountId } = store.accounts.ensure({ key: 'bench:webdoc:L0_1', emr: 'webdoc', careUnitId: 'L0_1' }, new Date().toISOString());
  for (let n = 0; n < CHANGES; n += 1) {
    const base = appointment(`apt-${n}`, '09:00');
    store.outbox.enqueue(accountId, {
      changeId: `change-${n}`,
      request: { kind: 'cancel', ids: [base.id], reason: 'bench' },
      summary: `Cancel of apt-${n}`,
      actor: 'bench',
      createdAt: new Date().toISOString(),
      targets: [{ appointmentId: base.id, base, expected: { ...base, status: 'cancelled' } }],
    });
  }
  for (let day = 0; day < DAYS; day += 1) {
    const date = `2026-03-${String(9 + day).padStart(2, '0')}`;
    const records: AppointmentRecord[] = [];
    for (let i = 0; i < PER_DAY; i += 1) records.push(appointment(`d${day}-a${i}`, `${8 + (i % 9)}:${i % 2 === 0 ? '00' : '30'}`, { date, resourceId: `res-${i % 80}`, comment: i % 5 === 0 ? 'Uppföljning' : null }));
    store.days.upsertServer(accountId, records, day + 1);
  }
  store.close();
  const templateFile = path.join(template, STORE_FILE_NAME);
  const { pageSize, pages } = pagesOf(templateFile, ['appointments']);
  const leaves = pages.filter((p) => p.pagetype === 'leaf').map((p) => p.pageno);
  const fileMiB = round(((Math.max(...pages.map((p) => p.pageno)) + 1) * pageSize) / 1024 / 1024);

  const fresh = (name: string, damage: boolean): string => {
    const dir = path.join(root, name);
    rmSync(dir, { recursive: true, force: true });
    const made = mkdtempSync(`${dir}-`);
    copyFileSync(templateFile, path.join(made, STORE_FILE_NAME));
    if (damage) scribble(path.join(made, STORE_FILE_NAME), leaves.filter((_, i) => i % 50 === 7), pageSize);
    return made;
  };

  const sound: number[] = [];
  const damaged: number[] = [];
  let salvaged = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const soundDir = fresh(`sound-${run}`, false);
    let started = performance.now();
    const a = openStoreSafely(soundDir);
    sound.push(performance.now() - started);
    if (a.incident !== null) throw new Error('the sound store was taken for damaged');
    a.store.close();

    const damagedDir = fresh(`damaged-${run}`, true);
    started = performance.now();
    const b = openStoreSafely(damagedDir);
    damaged.push(performance.now() - started);
    if (b.incident?.kind !== 'damaged') throw new Error('the damage was not found');
    salvaged = b.incident.salvaged;
    b.store.close();
    rmSync(soundDir, { recursive: true, force: true });
    rmSync(damagedDir, { recursive: true, force: true });
  }

  const result = { store: { days: DAYS, appointmentsPerDay: PER_DAY, outbox: CHANGES, fileMiB }, soundStartMs: spread(sound), damagedStartMs: { ...spread(damaged), salvaged }, budget: BUDGET };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`store check bench: ${DAYS} days × ${PER_DAY} appointments, ${CHANGES} unsent changes, ${fileMiB} MiB`);
    console.log(`  start on a sound store (look + quick_check + open): median ${result.soundStartMs.median} ms (min ${result.soundStartMs.min}, max ${result.soundStartMs.max}, ${RUNS} runs; budget ${BUDGET.soundStartMs})`);
    console.log(`  start on a damaged store (set aside + salvage + new store): median ${result.damagedStartMs.median} ms (min ${result.damagedStartMs.min}, max ${result.damagedStartMs.max}; ${salvaged}/${CHANGES} salvaged; budget ${BUDGET.damagedStartMs})`);
  }
  const over = [result.soundStartMs.median > BUDGET.soundStartMs && 'sound start', result.damagedStartMs.median > BUDGET.damagedStartMs && 'damaged start'].filter(Boolean);
  if (over.length > 0) {
    console.error(`over budget: ${over.join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
