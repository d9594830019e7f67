import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_INTERVAL_HOURS, loadUpdaterSettings, POLICY_FILE } from '../../../main/updater/settings.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function withPolicy(content: string | null): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-update-settings-'));
  dirs.push(dir);
  if (content !== null) writeFileSync(path.join(dir, POLICY_FILE), content);
  return dir;
}
const load = (userData: string, env: NodeJS.ProcessEnv = {}, currentVersion = '1.2.0') => loadUpdaterSettings({ userData, env, currentVersion });

describe('updater settings', () => {
  it('defaults to stable, on, every few hours, differential, the built-in feed', () => {
    const { settings, problems } = load(withPolicy(null));
    assert.deepEqual(settings, { enabled: true, channel: 'stable', feedUrl: null, checkIntervalHours: DEFAULT_INTERVAL_HOURS, differential: true });
    assert.deepEqual(problems, []);
  });

  it('keeps a beta build on the beta channel by default', () => {
    assert.equal(load(withPolicy(null), {}, '1.3.0-beta.2').settings.channel, 'beta');
  });

  it('takes the clinic’s policy file', () => {
    const dir = withPolicy(JSON.stringify({ enabled: false, channel: 'beta', feedUrl: 'https://updates.example.se/frontdesk/', checkIntervalHours: 12, differential: false }));
    const { settings, problems, sources } = load(dir);
    assert.deepEqual(settings, { enabled: false, channel: 'beta', feedUrl: 'https://updates.example.se/frontdesk/', checkIntervalHours: 12, differential: false });
    assert.deepEqual(problems, []);
    assert.equal(sources.channel, 'policy');
  });

  it('lets the environment win over the policy file', () => {
    const dir = withPolicy(JSON.stringify({ channel: 'beta', enabled: false }));
    const { settings, sources } = load(dir, { FRONTDESK_UPDATE_CHANNEL: 'stable', FRONTDESK_UPDATES: 'on', FRONTDESK_UPDATE_DIFFERENTIAL: 'off', FRONTDESK_UPDATE_INTERVAL_HOURS: '6' });
    assert.equal(settings.channel, 'stable');
    assert.equal(settings.enabled, true);
    assert.equal(settings.differential, false);
    assert.equal(settings.checkIntervalHours, 6);
    assert.equal(sources.channel, 'env');
  });

  for (const [label, content, expect] of [
    ['not JSON', '{ channel: beta', /not valid JSON/],
    ['an unknown channel', JSON.stringify({ channel: 'nightly' }), /channel/],
    ['a misspelt field', JSON.stringify({ chanel: 'beta' }), /chanel/],
    ['a plain-http remote feed', JSON.stringify({ feedUrl: 'http://updates.example.se/' }), /https/],
    ['a feed with credentials', JSON.stringify({ feedUrl: 'https://user:pw@updates.example.se/' }), /credentials/],
    ['a feed that is no URL', JSON.stringify({ feedUrl: 'updates dot example' }), /http\(s\) URL/],
    ['a feed of another protocol', JSON.stringify({ feedUrl: 'ftp://updates.example.se/' }), /http\(s\) URL/],
    ['an interval of ten minutes', JSON.stringify({ checkIntervalHours: 0.1 }), /1 to 24 hours/],
  ] as const) {
    it(`ignores a policy file with ${label}, says why, and keeps the defaults`, () => {
      const { settings, problems } = load(withPolicy(content));
      assert.equal(settings.enabled, true);
      assert.equal(settings.channel, 'stable');
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', expect);
    });
  }

  it('ignores a bad environment value alone, keeping the rest', () => {
    const { settings, problems } = load(withPolicy(null), { FRONTDESK_UPDATE_CHANNEL: 'latest', FRONTDESK_UPDATE_URL: 'http://127.0.0.1:8080/feed/', FRONTDESK_UPDATES: 'maybe' });
    assert.equal(settings.channel, 'stable');
    assert.equal(settings.feedUrl, 'http://127.0.0.1:8080/feed/', 'plain http to this computer is fine (a local test server)');
    assert.equal(settings.enabled, true);
    assert.equal(problems.length, 2);
    assert.ok(problems.some((p) => p.startsWith('FRONTDESK_UPDATE_CHANNEL=')));
    assert.ok(problems.some((p) => p.startsWith('FRONTDESK_UPDATES=')));
  });

  it('ignores a feed in the environment that is no URL at all, and still starts', () => {
    const { settings, problems } = load(withPolicy(null), { FRONTDESK_UPDATE_URL: 'not a url' });
    assert.equal(settings.feedUrl, null);
    assert.equal(settings.enabled, true);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /^FRONTDESK_UPDATE_URL=.*http\(s\) URL/);
  });
});
