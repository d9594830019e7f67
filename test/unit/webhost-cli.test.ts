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
