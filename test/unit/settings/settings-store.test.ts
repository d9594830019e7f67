import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { settingsSchema, DEFAULT_SETTINGS, leyrBaseUrl, LEYR_DEFAULT_BASE_URL } from '../../../preload/contract/settings-schema.ts';
import { freshDirs } from '../../support/temp-dirs.ts';
import { openSettingsStore, SettingsError, settingsErrorToAppError, SETTINGS_FILE_NAME } from '../../../main/settings/settings-store.ts';
import { captureLog } from '../../support/log-capture.ts';

const freshDir = await freshDirs('frontdesk-settings-test-');
const settingsFile = (dir: string): string => path.join(dir, SETTINGS_FILE_NAME);
const backupsIn = async (dir: string): Promise<string[]> =>
  (await readdir(dir)).filter((name) => name.startsWith(`${SETTINGS_FILE_NAME}.bad-`));

const account = { emr: 'webdoc', clientId: 'client-0042', careUnitId: 'L0_1' };

async function rejectsWith(promise: Promise<unknown>, code: SettingsError['code']): Promise<SettingsError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SettingsError, `expected a SettingsError, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail('expected the change to be refused');
}

describe('settings store: defaults and round trip', () => {
  it('starts with safe defaults (demo mode, masked numbers) when there is no file, and writes nothing', async () => {
    const dir = await freshDir();
    const store = await openSettingsStore({ dataDir: dir });
    assert.deepEqual(store.get(), { version: 1, account: null, language: 'system', maskPersonalNumbers: true, preferDemo: false, allowPastChanges: false });
    assert.deepEqual(store.get(), DEFAULT_SETTINGS);
    assert.equal(store.loadProblem, null);
    assert.deepEqual(await readdir(dir), [], 'opening alone creates no file');
  });

  it('creates the data folder when it does not exist yet', async () => {
    const dir = path.join(await freshDir(), 'nested', 'userData');
    const store = await openSettingsStore({ dataDir: dir });
    await store.update({ language: 'sv' });
    assert.equal(JSON.parse(await readFile(settingsFile(dir), 'utf8')).language, 'sv');
  });

  it('persists a change and a fresh store reads the same settings back', async () => {
    const dir = await freshDir();
    const store = await openSettingsStore({ dataDir: dir });
    const saved = await store.update({ account: { ...account, baseUrl: 'https://staging.leyr.example/api' }, language: 'en', maskPersonalNumbers: false });
    assert.deepEqual(saved, {
      version: 1,
      account: { ...account, baseUrl: 'https://staging.leyr.example/api' },
      language: 'en',
      maskPersonalNumbers: false,
      preferDemo: false,
      allowPastChanges: false,
    });
    const reopened = await openSettingsStore({ dataDir: dir });
    assert.equal(reopened.loadProblem, null);
    assert.deepEqual(reopened.get(), saved);
    const onDisk: unknown = JSON.parse(await readFile(settingsFile(dir), 'utf8'));
    assert.deepEqual(settingsSchema.parse(onDisk), saved);
    assert.equal((onDisk as { version: number }).version, 1, 'the file carries its schema version');
  });

  it('changes only the fields a change names', async () => {
    const store = await openSettingsStore({ dataDir: await freshDir() });
    await store.update({ account, language: 'sv' });
    const after = await store.update({ maskPersonalNumbers: false });
    assert.deepEqual(after, { version: 1, account, language: 'sv', maskPersonalNumbers: false, preferDemo: false, allowPastChanges: false });
    assert.deepEqual((await store.update({ account: null })).account, null, 'account null is demo mode');
  });

  it('hands out copies: mutating what get() returned changes nothing', async () => {
    const store = await openSettingsStore({ dataDir: await freshDir() });
    await store.update({ account });
    const copy = store.get();
    copy.language = 'en';
    if (copy.account) copy.account.clientId = 'tampered';
    assert.equal(store.get().language, 'system');
    assert.equal(store.get().account?.clientId, 'client-0042');
  });

  it('resolves the Leyr address: the default, or an override', () => {
    assert.equal(leyrBaseUrl({ ...account }), LEYR_DEFAULT_BASE_URL);
    assert.equal(LEYR_DEFAULT_BASE_URL, 'https://api.leyr.io/api');
    assert.equal(leyrBaseUrl({ ...account, baseUrl: 'http://127.0.0.1:4010/api' }), 'http://127.0.0.1:4010/api');
  });

  it('tells subscribers about each saved change until they unsubscribe', async () => {
    const store = await openSettingsStore({ dataDir: await freshDir() });
    const seen: string[] = [];
    const unsubscribe = store.subscribe((settings) => seen.push(settings.language));
    await store.update({ language: 'sv' });
    await rejectsWith(store.update({ language: 'de' as 'sv' }), 'invalid-change');
    unsubscribe();
    await store.update({ language: 'en' });
    assert.deepEqual(seen, ['sv']);
  });

  it('applies concurrent function changes one after the other, none lost', async () => {
    const dir = await freshDir();
    const store = await openSettingsStore({ dataDir: dir });
    await store.update({ account: { ...account, careUnitId: null } });
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        store.update((current) => ({
          account: current.account && { ...current.account, careUnitId: `${current.account.careUnitId ?? ''}${index}` },
        })),
      ),
    );
    assert.equal(store.get().account?.careUnitId, '0123456789');
    const reopened = await openSettingsStore({ dataDir: dir });
    assert.equal(reopened.get().account?.careUnitId, '0123456789');
  });
});

describe('settings store: refused changes', () => {
  const refusals: [string, unknown, string][] = [
    ['an unknown language', { language: 'de' }, 'language'],
    ['a non-boolean masking flag', { maskPersonalNumbers: 'yes' }, 'maskPersonalNumbers'],
    ['an EHR code that is not lowercase', { account: { ...account, emr: 'WebDoc' } }, 'account.emr'],
    ['an empty client id', { account: { ...account, clientId: '' } }, 'account.clientId'],
    ['a client id with a line break', { account: { ...account, clientId: 'abc\ndef' } }, 'account.clientId'],
    ['an empty care unit id', { account: { ...account, careUnitId: '' } }, 'account.careUnitId'],
    ['plain http to another computer', { account: { ...account, baseUrl: 'http://api.leyr.io/api' } }, 'account.baseUrl'],
    ['an address with a query', { account: { ...account, baseUrl: 'https://api.leyr.io/api?x=1' } }, 'account.baseUrl'],
    ['a non-http address', { account: { ...account, baseUrl: 'file:///etc/passwd' } }, 'account.baseUrl'],
    ['a secret inside the account', { account: { ...account, clientSecret: 's3cret-value' } }, 'account'],
    ['a secret beside the account', { clientSecret: 's3cret-value' }, ''],
    ['the version', { version: 2 }, ''],
    ['not an object', 'language=sv', ''],
  ];
  for (const [label, patch, issuePath] of refusals) {
    it(`refuses ${label} with a typed error and changes nothing`, async () => {
      const dir = await freshDir();
      const store = await openSettingsStore({ dataDir: dir });
      await store.update({ account, language: 'sv' });
      const before = await readFile(settingsFile(dir), 'utf8');
      const error = await rejectsWith(store.update(patch as never), 'invalid-change');
      assert.ok(error.issues.some((issue) => issue.path === issuePath), `issue at "${issuePath}" in ${JSON.stringify(error.issues)}`);
      assert.ok(!error.message.includes('s3cret-value'), 'the refusal does not repeat the value');
      assert.equal(await readFile(settingsFile(dir), 'utf8'), before, 'file unchanged');
      assert.deepEqual(store.get(), { version: 1, account, language: 'sv', maskPersonalNumbers: true, preferDemo: false, allowPastChanges: false });
      const appError = settingsErrorToAppError(error);
      assert.equal(appError.code, 'INVALID_ARGUMENT');
      assert.ok((appError.issues ?? []).length > 0);
    });
  }

  it('accepts plain http only to this computer (the local sandbox)', async () => {
    const store = await openSettingsStore({ dataDir: await freshDir() });
    for (const baseUrl of ['http://127.0.0.1:4010/api', 'http://localhost:4010/api', 'http://[::1]:4010/api', 'https://api.leyr.io/api']) {
      assert.equal((await store.update({ account: { ...account, baseUrl } })).account?.baseUrl, baseUrl);
    }
  });
});

describe('settings store: damaged and hand-edited files', () => {
  const damaged: [string, string][] = [
    ['an empty file', ''],
    ['truncated JSON', '{"version":1,"account":{"emr":"webdoc",'],
    ['not JSON at all', 'language = sv\n'],
    ['binary junk', '\u0000\u0001\u0002\u00ff'],
    ['a JSON array', '[1,2,3]'],
    ['JSON null', 'null'],
    ['a JSON number', '42'],
  ];
  for (const [label, content] of damaged) {
    it(`${label}: defaults, a typed problem, the bad file kept as a backup, no crash`, async () => {
      const dir = await freshDir();
      await writeFile(settingsFile(dir), content);
      const capture = captureLog();
      const store = await openSettingsStore({ dataDir: dir, log: capture.log });
      assert.deepEqual(store.get(), DEFAULT_SETTINGS);
      assert.equal(store.loadProblem?.code, 'corrupt');
      assert.match(store.loadProblem?.message ?? '', /damaged.*default settings/);
      const backup = store.loadProblem?.backupPath;
      assert.ok(backup, 'a backup path is reported');
      assert.equal(await readFile(backup, 'utf8'), content, 'the backup holds the bad file byte for byte');
      assert.ok(store.loadProblem?.message.includes(backup), 'the message says where the backup is');
      assert.deepEqual(settingsSchema.parse(JSON.parse(await readFile(settingsFile(dir), 'utf8'))), DEFAULT_SETTINGS, 'a clean file replaces it');
      assert.ok(capture.lines().some((line) => line.msg === 'settings file was not valid; using safe values'));
      const reopened = await openSettingsStore({ dataDir: dir });
      assert.equal(reopened.loadProblem, null, 'the next start is clean');
    });
  }

  it('wrong types: each bad field falls back to its default, the good ones are kept', async () => {
    const dir = await freshDir();
    const original = JSON.stringify({ version: 1, account, language: 'de', maskPersonalNumbers: 'yes' });
    await writeFile(settingsFile(dir), original);
    const store = await openSettingsStore({ dataDir: dir });
    assert.equal(store.loadProblem?.code, 'invalid');
    assert.deepEqual(store.loadProblem?.issues.map((issue) => issue.path).sort(), ['language', 'maskPersonalNumbers']);
    assert.match(store.loadProblem?.message ?? '', /reset to their defaults \(language, maskPersonalNumbers\)/);
    assert.deepEqual(store.get(), { version: 1, account, language: 'system', maskPersonalNumbers: true, preferDemo: false, allowPastChanges: false });
    assert.equal(await readFile(store.loadProblem?.backupPath ?? '', 'utf8'), original);
  });

  it('an invalid account goes back to demo mode rather than half an account', async () => {
    const dir = await freshDir();
    await writeFile(
      settingsFile(dir),
      JSON.stringify({ version: 1, account: { emr: 'Web Doc', clientId: 7, careUnitId: null }, language: 'sv', maskPersonalNumbers: false }),
    );
    const store = await openSettingsStore({ dataDir: dir });
    assert.equal(store.loadProblem?.code, 'invalid');
    assert.deepEqual(store.loadProblem?.issues.map((issue) => issue.path).sort(), ['account.clientId', 'account.emr']);
    assert.deepEqual(store.get(), { version: 1, account: null, language: 'sv', maskPersonalNumbers: false, preferDemo: false, allowPastChanges: false });
  });

  it('a file from before preferDemo existed is read without a problem; a bad preferDemo is reset', async () => {
    const older = await freshDir();
    await writeFile(settingsFile(older), JSON.stringify({ version: 1, account, language: 'sv', maskPersonalNumbers: false }));
    const store = await openSettingsStore({ dataDir: older });
    assert.equal(store.loadProblem, null);
    assert.equal(store.get().preferDemo, false);
    assert.equal((await store.update({ preferDemo: true })).preferDemo, true);
    assert.equal((await openSettingsStore({ dataDir: older })).get().preferDemo, true, 'the choice is kept across restarts');

    const bad = await freshDir();
    await writeFile(settingsFile(bad), JSON.stringify({ version: 1, account, language: 'sv', maskPersonalNumbers: false, preferDemo: 'yes' }));
    const repaired = await openSettingsStore({ dataDir: bad });
    assert.equal(repaired.loadProblem?.code, 'invalid');
    assert.deepEqual(repaired.loadProblem?.issues.map((issue) => issue.path), ['preferDemo']);
    assert.deepEqual(repaired.get(), { version: 1, account, language: 'sv', maskPersonalNumbers: false, preferDemo: false, allowPastChanges: false });
  });

  it('a file from before allowPastChanges existed refuses past changes; the choice is kept across restarts', async () => {
    const older = await freshDir();
    await writeFile(settingsFile(older), JSON.stringify({ version: 1, account, language: 'sv', maskPersonalNumbers: false, preferDemo: false }));
    const store = await openSettingsStore({ dataDir: older });
    assert.equal(store.loadProblem, null);
    assert.equal(store.get().allowPastChanges, false);
    assert.equal((await store.update({ allowPastChanges: true })).allowPastChanges, true);
    assert.equal((await openSettingsStore({ dataDir: older })).get().allowPastChanges, true);
  });

  it('a file without a version number is reported and repaired', async () => {
    const dir = await freshDir();
    await writeFile(settingsFile(dir), JSON.stringify({ account: null, language: 'en', maskPersonalNumbers: true }));
    const store = await openSettingsStore({ dataDir: dir });
    assert.equal(store.loadProblem?.code, 'invalid');
    assert.deepEqual(store.loadProblem?.issues.map((issue) => issue.path), ['version']);
    assert.equal(store.get().language, 'en');
    assert.equal(JSON.parse(await readFile(settingsFile(dir), 'utf8')).version, 1);
  });

  it('a file from a newer version keeps what this version understands and says so', async () => {
    const dir = await freshDir();
    await writeFile(settingsFile(dir), JSON.stringify({ version: 7, account, language: 'sv', maskPersonalNumbers: false, theme: 'dark' }));
    const store = await openSettingsStore({ dataDir: dir });
    assert.equal(store.loadProblem?.code, 'newer-version');
    assert.match(store.loadProblem?.message ?? '', /newer version of Frontdesk/);
    assert.deepEqual(store.get(), { version: 1, account, language: 'sv', maskPersonalNumbers: false, preferDemo: false, allowPastChanges: false });
    assert.match(await readFile(store.loadProblem?.backupPath ?? '', 'utf8'), /"version":7/);
  });

  it('a settings file that cannot be read: defaults, a plain problem, and saving fails with a typed error', async () => {
    const dir = await freshDir();
    await mkdir(settingsFile(dir)); // a folder where the file should be
    const store = await openSettingsStore({ dataDir: dir });
    assert.equal(store.loadProblem?.code, 'unreadable');
    assert.match(store.loadProblem?.message ?? '', /could not be read \(EISDIR\)/);
    assert.equal(store.loadProblem?.backupPath, null);
    assert.deepEqual(store.get(), DEFAULT_SETTINGS);
    const error = await rejectsWith(store.update({ language: 'sv' }), 'write-failed');
    assert.match(error.message, /could not be saved.*Nothing was changed/);
    assert.equal(settingsErrorToAppError(error).code, 'INTERNAL');
    assert.equal(store.get().language, 'system', 'memory still matches the disk');
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), [], 'the failed temp file was removed');
  });

  it('keeps at most five backups of bad files', async () => {
    const dir = await freshDir();
    for (let round = 0; round < 7; round += 1) {
      await writeFile(settingsFile(dir), `broken ${round}`);
      await openSettingsStore({ dataDir: dir });
      await sleep(2); // distinct timestamps in the backup names
    }
    const backups = await backupsIn(dir);
    assert.equal(backups.length, 5);
    const kept = await Promise.all(backups.sort().map((name) => readFile(path.join(dir, name), 'utf8')));
    assert.deepEqual(kept, ['broken 2', 'broken 3', 'broken 4', 'broken 5', 'broken 6'], 'the newest are kept');
  });
});

describe('settings store: atomic writes', () => {
  it('a reader never sees a torn file, and a writer killed mid-write leaves a valid file', async () => {
    const dir = await freshDir();
    const writer = spawn(process.execPath, [path.join(import.meta.dirname, 'support', 'settings-writer.ts'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    writer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let running = true;
    const exited = new Promise<void>((resolve) =>
      writer.once('exit', () => {
        running = false;
        resolve();
      }),
    );
    try {
      await new Promise<void>((resolve, reject) => {
        writer.stdout.once('data', () => resolve());
        writer.once('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
      });
      const versions = new Set<string>();
      let reads = 0;
      const deadline = Date.now() + 700;
      while (Date.now() < deadline) {
        assert.ok(running, `the writer stopped on its own: ${stderr}`);
        let text: string;
        try {
          text = await readFile(settingsFile(dir), 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT' && versions.size === 0) continue; // before the first write
          throw error;
        }
        reads += 1;
        const parsed = settingsSchema.safeParse(JSON.parse(text)); // throws on a torn file
        assert.ok(parsed.success, `read ${reads} was not a whole settings file`);
        versions.add(parsed.data.account?.careUnitId?.slice(0, 20) ?? '');
      }
      assert.ok(reads > 20, `enough reads to mean something (${reads})`);
      assert.ok(versions.size > 3, `the writer was really rewriting the file meanwhile (${versions.size} versions seen)`);
    } finally {
      writer.kill('SIGKILL');
      await exited;
    }
    const reopened = await openSettingsStore({ dataDir: dir });
    assert.equal(reopened.loadProblem, null, 'the killed writer left a valid file');
    assert.equal(reopened.get().account?.emr, 'webdoc');
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), [], 'no temp file is left after opening');
  });

  it('removes temp files an interrupted write left behind, and ignores their content', async () => {
    const dir = await freshDir();
    const store = await openSettingsStore({ dataDir: dir });
    await store.update({ language: 'sv' });
    const stale = path.join(dir, `${SETTINGS_FILE_NAME}.99999-deadbeef.tmp`);
    await writeFile(stale, '{"version":1,"language":"en"'); // half of a write
    const reopened = await openSettingsStore({ dataDir: dir });
    assert.equal(reopened.get().language, 'sv');
    assert.deepEqual(await readdir(dir), [SETTINGS_FILE_NAME]);
  });
});

describe('settings store: the secret is never in the file', () => {
  const secret = 'Sup3r-Secret-Value-that-must-stay-in-the-keychain';

  it('holds only the declared, non-secret fields, and refuses a secret-bearing change', async () => {
    const dir = await freshDir();
    const store = await openSettingsStore({ dataDir: dir });
    await store.update({ account: { ...account, baseUrl: 'https://api.leyr.io/api' }, language: 'sv' });
    await rejectsWith(store.update({ account: { ...account, clientSecret: secret } } as never), 'invalid-change');
    await rejectsWith(store.update({ secret } as never), 'invalid-change');
    const text = await readFile(settingsFile(dir), 'utf8');
    assert.ok(!text.includes(secret));
    const onDisk = JSON.parse(text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(onDisk).sort(), ['account', 'allowPastChanges', 'language', 'maskPersonalNumbers', 'preferDemo', 'version']);
    assert.deepEqual(Object.keys(onDisk.account as object).sort(), ['baseUrl', 'careUnitId', 'clientId', 'emr']);
    for (const name of await readdir(dir)) assert.ok(!(await readFile(path.join(dir, name), 'utf8')).includes(secret), name);
  });

  it('drops a secret someone typed into the file by hand on the next save', async () => {
    const dir = await freshDir();
    await writeFile(settingsFile(dir), JSON.stringify({ version: 1, account, language: 'sv', maskPersonalNumbers: true, clientSecret: secret }));
    const capture = captureLog();
    const store = await openSettingsStore({ dataDir: dir, log: capture.log });
    assert.equal(store.loadProblem, null, 'an unknown field alone does not reset anything');
    assert.ok(!JSON.stringify(store.get()).includes(secret));
    assert.ok(capture.lines().some((line) => JSON.stringify(line.fields) === '["clientSecret"]'), 'the field name, not its value, is logged');
    assert.ok(!capture.text().includes(secret));
    await store.update({ language: 'en' });
    assert.ok(!(await readFile(settingsFile(dir), 'utf8')).includes(secret));
  });
});
