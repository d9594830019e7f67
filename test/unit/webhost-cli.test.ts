// The web host's flags, and both command lines (`npm run demo`, `npm run sandbox`) as a user
// meets them: --help, a port in use, a data folder that cannot be written.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseWebHostFlags, UsageError } from '../../main/webhost/cli-options.ts';
import { DEFAULT_WEB_PORT } from '../../main/webhost/server.ts';
import { runToEnd, type FinishedProcess } from '../support/processes.ts';

const WEB_HOST = 'main/app/webhost-main.ts';
const SANDBOX = 'main/sandbox/cli.ts';

describe('web host flags', () => {
  it('defaults to the documented port', () => {
    assert.equal(parseWebHostFlags([]).port, DEFAULT_WEB_PORT);
  });
  it('accepts --port, --seed and --date', () => {
    assert.deepEqual(parseWebHostFlags(['--port', '0', '--seed', 'x.json', '--date', '2026-03-23']), { port: 0, seed: 'x.json', date: '2026-03-23' });
  });
  for (const argv of [['--port', 'abc'], ['--port', '70000'], ['--date', '2026-02-30'], ['--date', '23/03/2026'], ['--bogus'], ['stray'], ['--seed']]) {
    it(`refuses ${argv.join(' ')} with a usage error`, () => {
      assert.throws(() => parseWebHostFlags(argv), UsageError);
    });
  }
});

describe('web host flags for an external Leyr', () => {
  it('accepts --leyr-url with --emr and --care-unit', () => {
    assert.deepEqual(parseWebHostFlags(['--port', '0', '--data', '/tmp/x', '--leyr-url', 'http://127.0.0.1:4790/api', '--emr', 'webdoc', '--care-unit', 'L0_1']), {
      port: 0,
      data: '/tmp/x',
      'leyr-url': 'http://127.0.0.1:4790/api',
      emr: 'webdoc',
      'care-unit': 'L0_1',
    });
  });
  for (const argv of [
    ['--leyr-url', 'http://127.0.0.1:4790/api'],
    ['--leyr-url', 'http://127.0.0.1:4790/api', '--emr', 'webdoc'],
    ['--emr', 'webdoc', '--care-unit', 'L0_1'],
    ['--leyr-url', 'ftp://example/api', '--emr', 'webdoc', '--care-unit', 'L0_1'],
    ['--leyr-url', 'not a url', '--emr', 'webdoc', '--care-unit', 'L0_1'],
    // The client secret travels in a header: plain http only to this computer, and nothing in the URL.
    ['--leyr-url', 'http://leyr.example/api', '--emr', 'webdoc', '--care-unit', 'L0_1'],
    ['--leyr-url', 'https://leyr.example/api?secret=x', '--emr', 'webdoc', '--care-unit', 'L0_1'],
    ['--leyr-url', 'http://127.0.0.1:4790/api', '--emr', 'WebDoc', '--care-unit', 'L0_1'],
    ['--leyr-url', 'http://127.0.0.1:4790/api', '--emr', 'webdoc', '--care-unit', 'L0_1', '--seed', 'x.json'],
  ]) {
    it(`refuses ${argv.join(' ')} with a usage error`, () => {
      assert.throws(() => parseWebHostFlags(argv), UsageError);
    });
  }
});

/** What a user should see when a command line stops: one line on stderr, no stack trace. */
function oneLine(run: FinishedProcess): string {
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
  return lines[0] ?? '';
}

describe('the command lines', () => {
  let taken: Server;
  let takenPort: number;
  const dirs: string[] = [];
  const temp = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-cli-'));
    dirs.push(dir);
    return dir;
  };

  before(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    takenPort = typeof address === 'object' && address !== null ? address.port : 0;
  });
  after(async () => {
    await new Promise((resolve) => taken.close(resolve));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('demo --help prints the usage and exits 0', async () => {
    const run = await runToEnd([WEB_HOST, '--help']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: npm run demo -- /);
    assert.match(run.stdout, /--data {7}folder for the local store/);
    assert.equal(run.stderr, '');
  });

  it('sandbox --help prints the usage and exits 0', async () => {
    const run = await runToEnd([SANDBOX, '--help']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: npm run sandbox -- /);
    assert.equal(run.stderr, '');
  });

  it('demo on a port in use says so in one line and exits non-zero', async () => {
    const run = await runToEnd([WEB_HOST, '--port', String(takenPort), '--data', temp()]);
    assert.notEqual(run.code, 0);
    assert.match(oneLine(run), new RegExp(`^frontdesk: port ${takenPort} on 127\\.0\\.0\\.1 is already in use`));
  });

  it('sandbox on a port in use says so in one line and exits non-zero', async () => {
    const run = await runToEnd([SANDBOX, '--port', String(takenPort)]);
    assert.notEqual(run.code, 0);
    assert.match(oneLine(run), new RegExp(`^sandbox: port ${takenPort} on 127\\.0\\.0\\.1 is already in use`));
  });

  it('demo with a --data folder that cannot be made stops at once with a clear error', async () => {
    const file = path.join(temp(), 'a-file');
    writeFileSync(file, '');
    const run = await runToEnd([WEB_HOST, '--port', '0', '--data', path.join(file, 'data')], { timeoutMs: 15_000 });
    assert.equal(run.code, 1, run.stderr);
    assert.match(oneLine(run), /^frontdesk: could not start: The data folder .*a-file\/data cannot be made: .*a-file is a file, not a folder\.$/);
  });

  it('demo with a --data folder where nothing can be made (under /proc) stops at once instead of hanging', { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
    const run = await runToEnd([WEB_HOST, '--port', '0', '--data', '/proc/frontdesk-test/data'], { timeoutMs: 15_000 });
    assert.equal(run.signal, null, 'it ended on its own');
    assert.equal(run.code, 1, run.stderr);
    assert.ok(run.ms < 10_000, `within seconds (${run.ms} ms)`);
    assert.match(oneLine(run), /^frontdesk: could not start: The data folder \/proc\/frontdesk-test\/data cannot be made \(E[A-Z]+ at \/proc\/frontdesk-test\)\.$/);
  });
});
