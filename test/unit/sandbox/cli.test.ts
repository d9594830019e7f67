import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseSandboxFlags, UsageError } from '../../../main/sandbox/cli.ts';
import { SMALL_CLINIC } from '../../support/fixtures.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const cli = path.join(root, 'main', 'sandbox', 'cli.ts');
const smallClinic = SMALL_CLINIC;

describe('sandbox flags', () => {
  it('reads every flag', () => {
    assert.deepEqual(parseSandboxFlags(['--port', '4010', '--seed', 'x.json', '--emr', 'anitasystems', '--client-id', 'a', '--client-secret', 'b']), {
      port: 4010,
      seed: 'x.json',
      emr: 'anitasystems',
      'client-id': 'a',
      'client-secret': 'b',
    });
    assert.deepEqual(parseSandboxFlags(['--date', '2026-03-25']), { port: 0, date: '2026-03-25' });
    assert.deepEqual(parseSandboxFlags(['--strict']), { port: 0, strict: true });
    assert.deepEqual(parseSandboxFlags(['--lenient']), { port: 0, lenient: true });
    assert.deepEqual(parseSandboxFlags(['--no-control']), { port: 0, 'no-control': true });
    assert.deepEqual(parseSandboxFlags(['--control-token', 'a-token-of-16-chars']), { port: 0, 'control-token': 'a-token-of-16-chars' });
  });

  for (const [argv, message] of [
    [['--port', 'eighty'], /--port/],
    [['--port', '70000'], /--port/],
    [['--date', '2026-02-30'], /--date is not a real date/],
    [['--date', '25/3'], /--date must be YYYY-MM-DD/],
    [['--emr', 'WebDoc'], /--emr/],
    [['--client-id', 'a'], /--client-id and --client-secret come together/],
    [['--seed', 'x.json', '--date', '2026-03-25'], /--date applies to the demo clinic only/],
    [['--strict', '--lenient'], /--strict and --lenient exclude each other/],
    [['--control-token', 'short'], /--control-token must have at least 16 characters/],
    [['--control-token', 'a-token-of-16-chars', '--no-control'], /--control-token and --no-control exclude each other/],
    [['--strict=yes'], /strict/],
    [['--verbose'], /verbose/],
    [['extra'], /extra/],
  ] as const) {
    it(`refuses ${argv.join(' ')}`, () => {
      assert.throws(() => parseSandboxFlags([...argv]), (error: unknown) => error instanceof UsageError && message.test(error.message));
    });
  }
});

function run(args: string[]): { done: Promise<{ code: number | null; stdout: string; stderr: string }>; stdout: () => string; kill: () => void } {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FRONTDESK_LOG_LEVEL: 'silent' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timeout);
      resolve({ code, stdout, stderr });
    });
  });
  return { done, stdout: () => stdout, kill: () => child.kill('SIGINT') };
}

describe('npm run sandbox', () => {
  it('serves a seed file, prints the base URL and credentials, and stops on Ctrl-C', async () => {
    const child = run(['--port', '0', '--seed', smallClinic, '--strict']);
    try {
      const started = Date.now();
      while (!/base URL\s+(\S+)/.test(child.stdout()) && Date.now() - started < 15_000) await new Promise((resolve) => setTimeout(resolve, 50));
      const baseUrl = /base URL\s+(\S+)/.exec(child.stdout())?.[1];
      assert.ok(baseUrl, `printed a base URL: ${child.stdout()}`);
      assert.match(child.stdout(), /client id\s+frontdesk-demo\n\s+client secret\s+frontdesk-demo-secret/);
      const response = await fetch(`${baseUrl}/emrs/webdoc/care-units/L0_1/resources`, { headers: { 'x-leyr-client-id': 'frontdesk-demo', 'x-leyr-client-secret': 'frontdesk-demo-secret' } });
      assert.equal(response.status, 200);
      const resources = (await response.json()) as object[];
      assert.equal(resources.length, 8);
      assert.deepEqual(Object.keys(resources[0] ?? {}), ['id', 'name'], 'strict: documented fields only');
      assert.match(child.stdout(), /EHR\s+webdoc \(strict\)/);
    } finally {
      child.kill();
    }
    assert.equal((await child.done).code, 0);
  });

  it('exits 2 with a clear message for a bad flag', async () => {
    const { code, stderr } = await run(['--port', 'eighty']).done;
    assert.equal(code, 2);
    assert.match(stderr, /^sandbox: --port .*\nUsage: npm run sandbox/);
  });

  it('exits 2 naming a missing seed file', async () => {
    const { code, stderr } = await run(['--seed', '/nonexistent/clinic.json']).done;
    assert.equal(code, 2);
    assert.match(stderr, /Seed file not found: \/nonexistent\/clinic\.json/);
  });
});
