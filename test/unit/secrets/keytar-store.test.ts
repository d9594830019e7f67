// The keytar secret store against a real Secret Service. Run inside a private keyring:
//   scripts/with-keyring.sh node_modules/.bin/node --test --test-reporter=spec "test/unit/secrets/*.test.ts"
// Outside it, the real-keychain tests report skipped (never pass silently); the no-Secret-
// Service and locked-keyring cases start environments of their own and always run.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import {
  createKeytarSecretStore,
  loadKeytarModule,
  type KeytarApi,
  type SecretStore,
} from '../../../main/secrets/secret-store.ts';
import {
  classifyKeychainFailure,
  SecretStoreError,
  secretStoreErrorToAppError,
  type SecretStoreErrorCode,
} from '../../../main/secrets/secret-store-error.ts';
import { MAX_SECRET_BYTES } from '../../../main/secrets/secret-validation.ts';
import { captureLog } from '../../support/log-capture.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const childScript = path.join(import.meta.dirname, 'support', 'keychain-child.ts');
const inKeyring = process.env.FRONTDESK_IN_KEYRING === '1';
const NEEDS_KEYRING = 'needs a real Secret Service: run under scripts/with-keyring.sh (FRONTDESK_IN_KEYRING=1)';
/** A test that needs the keyring session: skipped, with the reason, outside it. */
const keyringIt = (name: string, run: () => Promise<void>): void => {
  it(name, { skip: !inKeyring && NEEDS_KEYRING }, run);
};
const onPath = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

const account = { emr: 'webdoc', clientId: 'client-0042' };
const secret = `Leyr-secret-${randomUUID()}`;

async function rejectsWith(promise: Promise<unknown>, code: SecretStoreErrorCode): Promise<SecretStoreError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SecretStoreError, `expected a SecretStoreError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected a '${code}' refusal`);
}

/** Every file under `folder` (recursively) whose bytes contain `needle`. */
async function filesContaining(folder: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    if (bytes.includes(needle)) hits.push(file);
  }
  return hits;
}

interface ChildOutcome {
  ok: boolean;
  value?: unknown;
  name?: string;
  code?: string;
  message?: string;
}
interface ChildReport {
  availability: { available: boolean; code?: string; reason?: string };
  saveUnlocked?: ChildOutcome;
  save: ChildOutcome;
  read: ChildOutcome;
  has: ChildOutcome;
  remove: ChildOutcome;
  log: string;
}

async function runChild(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ChildReport> {
  const { stdout } = await promisify(execFile)(command, args, { env, cwd, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 });
  const line = stdout.split('\n').find((text) => text.startsWith('{'));
  assert.ok(line, `the child printed its report: ${stdout}`);
  return JSON.parse(line) as ChildReport;
}

// ---------------------------------------------------------------------------------------

describe('keychain failures become typed, plain errors', () => {
  const cases: [string, string, SecretStoreErrorCode][] = [
    ['gnome-keyring, locked collection', 'Cannot create an item in a locked collection', 'locked'],
    ['macOS, locked without UI', 'User interaction is not allowed.', 'locked'],
    ['unlock prompt dismissed', 'Prompt dismissed', 'locked'],
    ['no D-Bus and no display', 'Cannot autolaunch D-Bus without X11 $DISPLAY', 'unavailable'],
    ['bus socket missing', 'Could not connect: No such file or directory', 'unavailable'],
    ['no default keyring', 'Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'unavailable'],
    ['no Secret Service', 'The name org.freedesktop.secrets was not provided by any .service files', 'unavailable'],
    ['macOS, no keychain', 'A default keychain could not be found.', 'unavailable'],
    ['Windows, service account', 'A specified logon session does not exist. It may already have been terminated.', 'unavailable'],
    ['Windows, value refused', 'The stub received bad data.', 'rejected'],
    ['anything else', 'Something odd happened', 'unavailable'],
  ];
  for (const [label, raw, code] of cases) {
    it(`${label} → ${code}`, () => {
      const failure = classifyKeychainFailure(new Error(raw), { platform: 'linux' });
      assert.equal(failure.code, code);
      assert.equal(failure.keychainMessage, raw, 'the keychain text is kept for the log');
      assert.ok(!failure.message.includes(raw), 'the user reads plain words, not the raw keychain text');
      assert.ok(failure.message.length > 20);
    });
  }

  it('scrubs the secret out of the keychain text it keeps', () => {
    const failure = classifyKeychainFailure(new Error(`failed to store ${secret} for you`), { secret, platform: 'win32' });
    assert.equal(failure.keychainMessage, 'failed to store [secret] for you');
    assert.ok(!JSON.stringify({ ...failure, message: failure.message }).includes(secret));
  });

  it('names the keychain the user knows on each system', () => {
    assert.match(classifyKeychainFailure(new Error('locked'), { platform: 'darwin' }).message, /^The macOS Keychain is locked/);
    assert.match(classifyKeychainFailure(new Error('locked'), { platform: 'win32' }).message, /Windows Credential Manager/);
    assert.match(classifyKeychainFailure(new Error('Could not connect'), { platform: 'linux' }).message, /no Secret Service running/);
  });

  it('maps to the contract: refusals are REJECTED, the rest KEYCHAIN', () => {
    assert.deepEqual(secretStoreErrorToAppError(new SecretStoreError('rejected', 'r')), { code: 'REJECTED', message: 'r' });
    for (const code of ['unavailable', 'locked', 'missing'] as const) {
      assert.equal(secretStoreErrorToAppError(new SecretStoreError(code, 'm')).code, 'KEYCHAIN');
    }
  });
});

describe('when keytar cannot be loaded', () => {
  it('reports the keychain unavailable in plain words and refuses every call, without a file fallback', async () => {
    const capture = captureLog();
    let loads = 0;
    const store = createKeytarSecretStore({
      log: capture.log,
      loadKeytar: async () => {
        loads += 1;
        throw new Error("Cannot find module '../build/Release/keytar.node'");
      },
    });
    const availability = await store.availability();
    assert.equal(availability.available, false);
    assert.ok(!availability.available && availability.code === 'unavailable');
    assert.match(!availability.available ? availability.reason : '', /Keychain support could not be loaded.*demo mode.*never stores the secret in a file/);
    await rejectsWith(store.save(account, secret), 'unavailable');
    await rejectsWith(store.read(account), 'unavailable');
    await rejectsWith(store.has(account), 'unavailable');
    await rejectsWith(store.remove(account), 'unavailable');
    assert.equal(loads, 1, 'a failed load is remembered, not retried per call');
    assert.ok(!capture.text().includes(secret));
  });

  it('the real loader finds keytar in this checkout', async () => {
    const api: KeytarApi = await loadKeytarModule();
    assert.equal(typeof api.getPassword, 'function');
  });
});

describe('with no Secret Service on the session bus', { skip: process.platform !== 'linux' && 'Linux only' }, () => {
  it('says so plainly, refuses to store, and writes nothing anywhere', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'frontdesk-nokeychain-'));
    try {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: home,
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        XDG_RUNTIME_DIR: path.join(home, 'run'),
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home, 'no-such-bus')}`,
        FRONTDESK_TEST_SECRET: secret,
      };
      const report = await runChild(process.execPath, [childScript, 'no-service'], env, home);
      assert.equal(report.availability.available, false);
      assert.equal(report.availability.code, 'unavailable');
      assert.match(report.availability.reason ?? '', /No keychain is available: this computer has no Secret Service running/);
      assert.match(report.availability.reason ?? '', /demo mode and never stores the secret in a file/);
      for (const call of [report.save, report.read, report.has, report.remove]) {
        assert.equal(call.ok, false);
        assert.equal(call.name, 'SecretStoreError');
        assert.equal(call.code, 'unavailable');
        assert.equal(call.message, report.availability.reason);
      }
      assert.ok(!JSON.stringify(report).includes(secret), 'the secret is in no message and no log line');
      assert.deepEqual(await readdir(home, { recursive: true }), [], 'no file was written: no plaintext fallback');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});

describe('a keyring locked under the store', {
  skip: !(process.platform === 'linux' && onPath('dbus-run-session') && onPath('gnome-keyring-daemon') && onPath('gdbus')) &&
    'needs dbus-run-session, gnome-keyring-daemon and gdbus',
}, () => {
  it('reports "locked" for every call instead of pretending the secret is gone', async () => {
    // A session of its own: locking the shared test keyring would break the other tests.
    const env: NodeJS.ProcessEnv = { ...process.env, FRONTDESK_TEST_SECRET: secret, FRONTDESK_TEST_SERVICE: `Frontdesk test ${randomUUID()}` };
    delete env.FRONTDESK_IN_KEYRING;
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const report = await runChild(path.join(repoRoot, 'scripts', 'with-keyring.sh'), [process.execPath, childScript, 'locked'], env, repoRoot);
    assert.deepEqual(report.saveUnlocked, { ok: true }, 'stored while unlocked');
    assert.equal(report.availability.available, false);
    assert.equal(report.availability.code, 'locked');
    assert.match(report.availability.reason ?? '', /is locked\. Unlock it/);
    for (const [name, call] of Object.entries({ save: report.save, read: report.read, has: report.has, remove: report.remove })) {
      assert.equal(call.ok, false, `${name} must not succeed on a locked keyring`);
      assert.equal(call.code, 'locked', `${name}: ${call.message ?? ''}`);
    }
    assert.ok(!JSON.stringify(report).includes(secret), 'the secret is in no message and no log line');
  });
});

// ---------------------------------------------------------------------------------------

describe('keytar over a real Secret Service', () => {
  const serviceName = `Frontdesk (Leyr) test ${randomUUID()}`;
  const capture = captureLog();
  let store: SecretStore;
  let keytar: KeytarApi;

  before(async () => {
    if (!inKeyring) return;
    store = createKeytarSecretStore({ serviceName, log: capture.log });
    keytar = await loadKeytarModule();
    // The keyring daemon may still be unlocking the login collection when the tests start.
    let availability = await store.availability();
    for (let attempt = 0; !availability.available && attempt < 25; attempt += 1) {
      await sleep(200);
      availability = await store.availability();
    }
    assert.deepEqual(
      availability,
      { available: true },
      'the keyring session is not usable: scripts/with-keyring.sh sometimes leaves a second, locked gnome-keyring daemon on the bus; run again',
    );
  });

  after(async () => {
    if (!inKeyring) return;
    for (const emr of ['webdoc', 'takecare']) await keytar.deletePassword(serviceName, `${emr}:${account.clientId}`).catch(() => false);
    assert.ok(!capture.text().includes(secret), 'the secret never reached the log');
  });

  const entries = async (): Promise<string[]> => {
    const found = await (keytar as KeytarApi & { findCredentials(service: string): Promise<{ account: string }[]> }).findCredentials(serviceName);
    return found.map((credential) => credential.account).sort();
  };

  keyringIt('is available, and its availability probe leaves nothing behind', async () => {
    assert.deepEqual(await store.availability(), { available: true });
    assert.deepEqual(await entries(), []);
  });

  keyringIt('stores, reads, replaces and removes a secret under "emr:clientId"', async () => {
    assert.equal(await store.has(account), false);
    assert.equal(await store.read(account), null);
    await store.save(account, secret);
    assert.equal(await store.read(account), secret);
    assert.equal(await store.has(account), true);
    assert.deepEqual(await entries(), ['webdoc:client-0042'], 'one entry, named by EHR and client id');
    assert.equal(await keytar.getPassword(serviceName, 'webdoc:client-0042'), secret, 'under the app service name');

    await store.save(account, `${secret}-v2`);
    assert.equal(await store.read(account), `${secret}-v2`, 'replaced');
    assert.deepEqual(await entries(), ['webdoc:client-0042'], 'replaced in place, not added');

    assert.equal(await store.remove(account), true);
    assert.equal(await store.read(account), null);
    assert.equal(await store.has(account), false);
    assert.equal(await store.remove(account), false, 'removing again finds nothing');
    assert.deepEqual(await entries(), []);
  });

  keyringIt('keeps accounts apart: same client id, another EHR', async () => {
    const other = { emr: 'takecare', clientId: account.clientId };
    await store.save(account, `${secret}-webdoc`);
    await store.save(other, `${secret}-takecare`);
    assert.equal(await store.read(account), `${secret}-webdoc`);
    assert.equal(await store.read(other), `${secret}-takecare`);
    await store.remove(account);
    assert.equal(await store.read(other), `${secret}-takecare`, 'removing one leaves the other');
    await store.remove(other);
  });

  for (const [label, value] of [
    ['exactly 2,560 ASCII bytes', 'a'.repeat(MAX_SECRET_BYTES)],
    ['exactly 2,560 bytes of two-byte letters', 'å'.repeat(MAX_SECRET_BYTES / 2)],
    ['exactly 2,560 bytes of four-byte emoji', '😀'.repeat(MAX_SECRET_BYTES / 4)],
    ['inner and outer spaces and symbols', ' p@ss "wörd" / \\ ; : '],
  ] as const) {
    keyringIt(`accepts and returns intact: ${label}`, async () => {
      await store.save(account, value);
      assert.equal(await store.read(account), value);
      await store.remove(account);
    });
  }

  const refusals: [string, unknown, RegExp][] = [
    ['an empty secret', '', /is empty/],
    ['a whitespace-only secret', '   ', /is empty/],
    ['2,561 ASCII bytes', 'a'.repeat(MAX_SECRET_BYTES + 1), /too long.*2,561 bytes.*2,560 bytes/],
    ['2,561 bytes in 1,281 characters (multi-byte)', `${'å'.repeat(1280)}a`, /too long.*2,561 bytes/],
    ['a trailing line break (a careless paste)', `${secret}\n`, /line break, tab or other control character/],
    ['a NUL inside', `${secret}\u0000tail`, /control character/],
    ['a tab', `${secret}\tx`, /control character/],
    ['DEL', `${secret}\u007f`, /control character/],
    ['a C1 control (NEL)', `${secret}\u0085`, /control character/],
    ['a Unicode line separator', `${secret}\u2028`, /line break/],
    ['a non-string', 12345, /must be text/],
  ];
  for (const [label, value, reason] of refusals) {
    keyringIt(`refuses ${label} with a plain message that does not repeat it, and stores nothing`, async () => {
      const error = await rejectsWith(store.save(account, value as string), 'rejected');
      assert.match(error.message, reason);
      assert.equal(error.keychainMessage, null, 'refused before the keychain was asked');
      if (typeof value === 'string' && value.trim() !== '') {
        assert.ok(!error.message.includes(value), 'message never contains the value');
        assert.ok(!error.message.includes(secret));
        assert.ok(!error.message.includes('aaaa') && !error.message.includes('ååå'));
      }
      assert.deepEqual(await entries(), []);
    });
  }

  keyringIt('a refused replacement leaves the stored secret untouched', async () => {
    await store.save(account, secret);
    await rejectsWith(store.save(account, ''), 'rejected');
    await rejectsWith(store.save(account, 'x'.repeat(MAX_SECRET_BYTES + 1)), 'rejected');
    assert.equal(await store.read(account), secret);
    await store.remove(account);
  });

  for (const [label, bad] of [
    ['an uppercase EHR code', { emr: 'WebDoc', clientId: 'c' }],
    ['an EHR code with a colon', { emr: 'web:doc', clientId: 'c' }],
    ['an empty client id', { emr: 'webdoc', clientId: '' }],
    ['a client id with a line break', { emr: 'webdoc', clientId: 'c\nd' }],
    ['no account at all', null],
  ] as const) {
    keyringIt(`refuses ${label} for every call`, async () => {
      await rejectsWith(store.save(bad as never, secret), 'rejected');
      await rejectsWith(store.read(bad as never), 'rejected');
      await rejectsWith(store.has(bad as never), 'rejected');
      await rejectsWith(store.remove(bad as never), 'rejected');
      assert.deepEqual(await entries(), []);
    });
  }

  keyringIt('keeps the secret out of the log and out of every file in plaintext', async () => {
    capture.log.info('marker before');
    await store.save(account, secret);
    await store.read(account);
    await store.remove(account);
    await rejectsWith(store.save(account, `${secret}\n`), 'rejected');
    assert.ok(capture.text().includes('client secret stored in the keychain'), 'the store did log its work');
    assert.ok(!capture.text().includes(secret));
    const dataHome = process.env.XDG_DATA_HOME;
    assert.ok(dataHome, 'the keyring session sets XDG_DATA_HOME');
    await store.save(account, secret);
    const keyringFiles = (await readdir(dataHome, { recursive: true })).filter((name) => name.endsWith('.keyring'));
    assert.ok(keyringFiles.length > 0, 'the keyring is on disk, so the search below means something');
    assert.deepEqual(await filesContaining(dataHome, secret), [], 'the keyring file holds it encrypted, never in plaintext');
    await store.remove(account);
  });
});
