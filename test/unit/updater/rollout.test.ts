import { UUID } from 'builder-util-runtime';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { INSTALL_ID_FILE, isWithinRollout, loadInstallId, rolloutBucket } from '../../../main/updater/rollout.ts';

const uuid = fc.uuid();

describe('staged rollout decision', () => {
  it('puts an install in the same bucket electron-updater does', () => {
    fc.assert(
      fc.property(uuid, (id) => {
        const theirs = UUID.parse(id).readUInt32BE(12) / 0xffffffff;
        assert.equal(rolloutBucket(id), theirs);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with electron-updater’s rule strictly inside 0–100', () => {
    fc.assert(
      fc.property(uuid, fc.integer({ min: 1, max: 99 }), (id, percentage) => {
        const theirs = UUID.parse(id).readUInt32BE(12) / 0xffffffff < percentage / 100;
        assert.equal(isWithinRollout(percentage, id), theirs);
      }),
      { numRuns: 500 },
    );
  });

  it('only adds installs as the percentage rises', () => {
    fc.assert(
      fc.property(uuid, fc.float({ min: 0, max: 100, noNaN: true }), fc.float({ min: 0, max: 100, noNaN: true }), (id, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        if (isWithinRollout(low, id)) assert.equal(isWithinRollout(high, id), true);
      }),
    );
  });

  it('0 is no one, 100 and absent are everyone, even at the edges of the id space', () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff', randomUUID()]) {
      assert.equal(isWithinRollout(0, id), false, id);
      assert.equal(isWithinRollout(100, id), true, id);
      assert.equal(isWithinRollout(undefined, id), true, id);
    }
  });

  it('spreads random installs evenly: 30% reaches about 30% of desks', () => {
    const n = 20_000;
    let within = 0;
    for (let i = 0; i < n; i++) if (isWithinRollout(30, randomUUID())) within += 1;
    const share = within / n;
    assert.ok(share > 0.28 && share < 0.32, `share ${share}`);
  });

  it('refuses an id that is not a UUID', () => {
    assert.throws(() => rolloutBucket('not-an-id'));
  });
});

describe('install id', () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const temp = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-install-id-'));
    dirs.push(dir);
    return dir;
  };

  it('is made once, kept in electron-updater’s file in its format, and reused', () => {
    const userData = path.join(temp(), 'userData');
    const first = loadInstallId(userData);
    assert.equal(first.created, true);
    assert.equal(first.saveError, null);
    const onDisk = readFileSync(path.join(userData, INSTALL_ID_FILE), 'utf8');
    assert.equal(onDisk, first.id);
    assert.ok(UUID.check(onDisk), 'electron-updater accepts it and will not replace it');
    const second = loadInstallId(userData);
    assert.deepEqual(second, { id: first.id, created: false, saveError: null });
  });

  it('keeps an id electron-updater made before', () => {
    const userData = temp();
    const theirs = UUID.v5(randomUUID(), UUID.OID);
    writeFileSync(path.join(userData, INSTALL_ID_FILE), theirs);
    assert.equal(loadInstallId(userData).id, theirs);
  });

  it('replaces a damaged file', () => {
    const userData = temp();
    writeFileSync(path.join(userData, INSTALL_ID_FILE), 'garbage\n');
    const result = loadInstallId(userData);
    assert.equal(result.created, true);
    assert.equal(readFileSync(path.join(userData, INSTALL_ID_FILE), 'utf8'), result.id);
  });

  it('still answers an id when it cannot be saved, and says so', () => {
    // A file where the folder should be: not even root can create userData there.
    const blocker = path.join(temp(), 'not-a-folder');
    writeFileSync(blocker, 'x');
    const result = loadInstallId(path.join(blocker, 'userData'));
    assert.match(result.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(result.created, true);
    assert.match(result.saveError ?? '', /ENOTDIR|EEXIST/);
  });
});
