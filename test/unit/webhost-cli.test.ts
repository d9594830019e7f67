import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWebHostFlags, UsageError } from '../../main/webhost/cli-options.ts';
import { DEFAULT_WEB_PORT } from '../../main/webhost/server.ts';

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
