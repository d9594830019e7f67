// The look (service colours, density, zoom) in settings.json: absent until first changed,
// changed by patches that keep the other fields, kept across a restart, and a bad value in
// the file reset to the default without losing the rest.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_LOOK } from '../../../preload/contract/look.ts';
import { updatePreferencesArg } from '../../../preload/contract/settings.ts';
import { freshDirs } from '../../support/temp-dirs.ts';
import { openSettingsStore, SettingsError, SETTINGS_FILE_NAME } from '../../../main/settings/settings-store.ts';

const freshDir = await freshDirs('frontdesk-look-test-');

describe('the look in settings', () => {
  it('is absent until changed; a patch fills the rest from the defaults, a later one keeps it, and a restart reads it back', async () => {
    const dir = await freshDir();
    const store = await openSettingsStore({ dataDir: dir });
    assert.equal(store.get().look, undefined);
    assert.deepEqual((await store.update({ look: { zoom: 1.5 } })).look, { ...DEFAULT_LOOK, zoom: 1.5 });
    assert.deepEqual((await store.update({ look: { density: 'compact' } })).look, { serviceColours: true, density: 'compact', zoom: 1.5 });
    assert.deepEqual((await store.update({ look: { serviceColours: false } })).look, { serviceColours: false, density: 'compact', zoom: 1.5 });
    const onDisk = JSON.parse(await readFile(path.join(dir, SETTINGS_FILE_NAME), 'utf8')) as { look: unknown; language: string };
    assert.deepEqual(onDisk.look, { serviceColours: false, density: 'compact', zoom: 1.5 });
    const again = await openSettingsStore({ dataDir: dir });
    assert.deepEqual(again.get().look, { serviceColours: false, density: 'compact', zoom: 1.5 });
    assert.equal(again.loadProblem, null);
  });

  it('refuses a zoom off the steps, an unknown density or field, and an empty patch; nothing changes', async () => {
    const store = await openSettingsStore({ dataDir: await freshDir() });
    for (const look of [{ zoom: 1.1 }, { zoom: 40 }, { density: 'tiny' }, { colours: true }, {}]) {
      await assert.rejects(store.update({ look } as never), (error: unknown) => error instanceof SettingsError && error.code === 'invalid-change');
    }
    assert.equal(store.get().look, undefined);
  });

  it('a bad look in the file goes back to the default, the other settings are kept', async () => {
    const dir = await freshDir();
    await writeFile(
      path.join(dir, SETTINGS_FILE_NAME),
      JSON.stringify({ version: 1, account: null, language: 'sv', maskPersonalNumbers: false, preferDemo: false, allowPastChanges: false, look: { serviceColours: true, density: 'comfortable', zoom: 9 } }),
    );
    const store = await openSettingsStore({ dataDir: dir });
    assert.equal(store.get().look, undefined);
    assert.equal(store.get().language, 'sv');
    assert.equal(store.loadProblem?.code, 'invalid');
    assert.ok(store.loadProblem?.issues.some((issue) => issue.path.startsWith('look')));
  });

  it('the preferences call takes a look patch, and only a real one', () => {
    assert.equal(updatePreferencesArg.safeParse({ look: { zoom: 2 } }).success, true);
    assert.equal(updatePreferencesArg.safeParse({ look: { density: 'compact', serviceColours: false } }).success, true);
    assert.equal(updatePreferencesArg.safeParse({ look: {} }).success, false);
    assert.equal(updatePreferencesArg.safeParse({ look: { zoom: 0.6 } }).success, false);
    assert.equal(updatePreferencesArg.safeParse({ look: { zoom: 1, extra: 1 } }).success, false);
  });
});
