// `npm test` after the build: every node:test file (unit, contract, integration) inside a
// private D-Bus session with an unlocked keyring, then Playwright in Debian's Chromium (in a
// keyring session of its own).
// Prints each skipped test with its reason and one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const tapFile = path.join(results, 'node-tests.tap');

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  skips: string[];
}

function runNodeTests(): Totals {
  const patterns = ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/integration/**/*.test.ts'];
  const run = spawnSync(
    path.join(root, 'scripts', 'with-keyring.sh'),
    [process.execPath, '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...patterns],
    { cwd: root, stdio: 'inherit' },
  );
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const count = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const skips = [...tap.matchAll(/^\s*ok \d+ - (.*) # SKIP ?(.*)$/gm)].map((m) => `${m[1]}: ${m[2] || 'skipped'}`);
  const totals = { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: Math.max(count('skipped'), skips.length), skips };
  if (run.status !== 0 && totals.failed === 0) totals.failed = 1; // the runner itself failed
  return totals;
}

interface PlaywrightSuite {
  specs?: { title: string; tests: { status: string; annotations?: { type: string; description?: string }[] }[] }[];
  suites?: PlaywrightSuite[];
}

function runPlaywright(): Totals {
  // Inside the private keyring too: the settings and leak specs store a real client secret.
  const run = spawnSync(path.join(root, 'scripts', 'with-keyring.sh'), [path.join(root, 'node_modules', '.bin', 'playwright'), 'test', '-c', 'test/e2e'], { cwd: root, stdio: 'inherit' });
  const report = path.join(results, 'e2e', 'results.json');
  const totals: Totals = { passed: 0, failed: 0, skipped: 0, skips: [] };
  if (!existsSync(report)) return { ...totals, failed: 1 };
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number }; suites: PlaywrightSuite[] };
  totals.passed = parsed.stats.expected + parsed.stats.flaky;
  totals.failed = parsed.stats.unexpected;
  totals.skipped = parsed.stats.skipped;
  const walk = (suite: PlaywrightSuite): void => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests)
        if (test.status === 'skipped') totals.skips.push(`${spec.title}: ${test.annotations?.find((a) => a.type === 'skip')?.description ?? 'skipped'}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of parsed.suites) walk(suite);
  if (run.status !== 0 && totals.failed === 0) totals.failed = 1;
  return totals;
}

const node = runNodeTests();
const browser = runPlaywright();
const all = [node, browser];
const sum = (key: 'passed' | 'failed' | 'skipped'): number => all.reduce((total, t) => total + t[key], 0);
const skips = all.flatMap((t) => t.skips);
if (skips.length > 0) {
  console.log('\nSkipped, with why:');
  for (const skip of skips) console.log(`  - ${skip}`);
}
console.log(`\nnode tests: ${node.passed} passed, ${node.failed} failed, ${node.skipped} skipped`);
console.log(`browser tests: ${browser.passed} passed, ${browser.failed} failed, ${browser.skipped} skipped`);
console.log(`tests: ${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
process.exit(sum('failed') > 0 ? 1 : 0);
