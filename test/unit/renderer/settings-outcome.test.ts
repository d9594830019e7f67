// The settings screen's plain words for a connection test, and its strings in both languages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppError } from '../../../preload/contract/index.ts';
import type { Translate } from '../../../renderer/i18n/translate.ts';
import { failureText, successText } from '../../../renderer/settings/outcome.ts';
import { settingsEn, settingsSv } from '../../../renderer/settings/settings-messages.ts';

/** Looks keys up in the English strings, with i18next's `_one`/`_other` plurals and {{…}} filled in. */
const english: Translate = (key, options = {}) => {
  const path = key.replace(/^settings\./, '').split('.');
  let node: unknown = settingsEn;
  for (const [index, part] of path.entries()) {
    const record = node as Record<string, unknown>;
    const last = index === path.length - 1;
    node = last && typeof options.count === 'number' && record[part] === undefined ? record[`${part}_${options.count === 1 ? 'one' : 'other'}`] : record[part];
  }
  if (typeof node !== 'string') throw new Error(`no string for ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? ''));
};

const leyr = (fields: Partial<NonNullable<AppError['leyr']>>): NonNullable<AppError['leyr']> => ({ code: null, status: null, errorCodes: [], instance: null, detail: null, ...fields });

describe('connection outcome in plain words', () => {
  it('names the care units Leyr listed', () => {
    assert.equal(successText({ message: '', checkedAt: '', careUnits: [{ id: 'L0_1', name: 'A' }] }, english).text, 'Connection works: Leyr accepted the credentials. One care unit is available.');
    assert.equal(successText({ message: '', checkedAt: '', careUnits: [{ id: 'a', name: null }, { id: 'b', name: null }] }, english).text, 'Connection works: Leyr accepted the credentials. 2 care units are available.');
    assert.match(successText({ message: '', checkedAt: '', careUnits: [] }, english).text, /reach no care unit/);
  });

  it('wrong credentials: the 401, and that nothing was saved, with Leyr’s reference apart', () => {
    const outcome = failureText({ code: 'LEYR_ERROR', message: 'Leyr did not accept … Reference for Leyr support: abc. Nothing was saved.', leyr: leyr({ code: 'UNAUTHORIZED', status: 401, instance: 'abc' }) }, english, true);
    assert.deepEqual(outcome, { kind: 'error', text: 'Leyr did not accept the credentials: wrong client id or secret (401). Nothing was saved.', reference: 'abc' });
  });

  it('no network', () => {
    assert.equal(failureText({ code: 'NETWORK', message: 'x', leyr: leyr({ status: null }) }, english).text, 'Leyr could not be reached: no network connection, or the connection was dropped.');
  });

  it('the EHR’s own error, with its detail and Leyr’s instance to quote to support', () => {
    const outcome = failureText({ code: 'LEYR_ERROR', message: 'x', leyr: leyr({ code: 'EMR_ERROR', status: 503, detail: 'Webdoc timed out.', instance: '3f0c…' }) }, english);
    assert.deepEqual(outcome, { kind: 'error', text: 'The EHR (or Leyr) failed: Webdoc timed out.', reference: '3f0c…' });
  });

  it('anything else: main’s sentence, without the reference it carries (shown apart)', () => {
    const outcome = failureText(
      { code: 'LEYR_ERROR', message: 'Leyr had a problem answering; try again shortly. Reference for Leyr support: 9d2e-11. Nothing was saved.', leyr: leyr({ code: 'BAD_REQUEST', status: 500, instance: '9d2e-11' }) },
      english,
      true,
    );
    assert.deepEqual(outcome, { kind: 'error', text: 'Leyr had a problem answering; try again shortly. Nothing was saved.', reference: '9d2e-11' });
    assert.equal(failureText({ code: 'KEYCHAIN', message: 'The keychain is locked.' }, english).text, 'The keychain is locked.');
  });
});

describe('settings strings', () => {
  const keys = (node: object, prefix = ''): string[] =>
    Object.entries(node).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`)));

  it('Swedish has every English key, and no string is empty', () => {
    assert.deepEqual(keys(settingsSv).sort(), keys(settingsEn).sort());
    for (const key of keys(settingsSv)) {
      const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], settingsSv);
      assert.ok(typeof value === 'string' && value.trim() !== '', key);
    }
  });

  it('keeps each {{placeholder}} of the English string in the Swedish one', () => {
    for (const key of keys(settingsEn)) {
      const get = (root: object) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root) as string;
      const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(placeholders(get(settingsSv)), placeholders(get(settingsEn)), key);
    }
  });
});
