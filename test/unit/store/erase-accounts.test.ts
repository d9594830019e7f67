// Signing out erases an account's cached data from the SQLite file itself: not only the rows,
// but their bytes on disk, in the database file and in its write-ahead log.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openStore, type LocalStore } from '../../../main/store/store.ts';
import { appointment } from '../../support/store-fixtures.ts';

const SIGNED_OUT = 'leyr:https://api.leyr.io/api:webdoc:';
const MARKER = 'Kontoklinikpatient';

/** Everything on disk that belongs to the store: the file, its WAL and shared-memory index. */
function storeBytes(file: string): string {
  return ['', '-wal', '-shm', '-journal']
    .map((suffix) => `${file}${suffix}`)
    .filter((name) => existsSync(name))
    .map((name) => readFileSync(name).toString('latin1'))
    .join('\n');
}

function fill(store: LocalStore, key: string, marker: string): number {
  const { id } = store.accounts.ensure({ key, emr: key.split(':').at(-2) ?? 'webdoc', careUnitId: 'L0_1' }, '2026-03-23T08:00:00+01:00');
  store.accounts.setCareUnit(id, { name: `${marker} vårdcentral`, timeZone: 'Europe/Stockholm' });
  store.patients.upsert(id, [{ id: 'pat-1', emrId: 'wd-1', firstName: marker, lastName: `${marker}sson`, externalId: '191212121212' }], '2026-03-23');
  store.days.replaceCatalog(id, { resources: [{ id: 'res-a', name: `Dr. ${marker}` }], services: [{ id: 'svc', name: 'Besök', durationMinutes: 30 }] }, '2026-03-23T08:00:00+01:00');
  store.days.writeDay(id, '2026-03-23', {
    appointments: [appointment('a1', '09:00', { patientId: 'pat-1', comment: `${marker} kommentar` })],
    timeslots: [],
    fetchedAt: '2026-03-23T08:00:00+01:00',
    fetchSeq: 0,
  });
  store.outbox.enqueue(id, {
    changeId: `change-${key}`,
    request: { kind: 'cancel', ids: ['a1'], reason: `${marker} orsak` },
    summary: 'Cancel a1',
    actor: 'reception',
    createdAt: '2026-03-23T08:05:00+01:00',
    targets: [{ appointmentId: 'a1', base: appointment('a1', '09:00'), expected: appointment('a1', '09:00', { status: 'cancelled' }) }],
  });
  store.audit.write({ accountId: id, at: '2026-03-23T08:05:00+01:00', actor: 'reception', action: 'change.queued', changeId: `change-${key}`, detail: 'Cancel a1' });
  return id;
}

describe('erasing accounts from the local store', () => {
  let dir: string;
  let store: LocalStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-erase-'));
    store = openStore(dir);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deletes every account under the prefix with all its data, and its bytes are gone from the file and the WAL', () => {
    const first = fill(store, `${SIGNED_OUT}L0_1`, MARKER);
    fill(store, `${SIGNED_OUT}L0_2`, MARKER);
    const demo = fill(store, 'demo:webdoc:L0_1', 'Demopatient');
    assert.ok(storeBytes(store.file).includes(MARKER), 'sanity: the marker is on disk before, so the search can fail');

    assert.equal(store.eraseAccounts(SIGNED_OUT), 2);

    assert.deepEqual(store.accounts.list().map((a) => a.key), ['demo:webdoc:L0_1']);
    assert.equal(store.patients.get(first, 'pat-1'), null);
    assert.equal(store.outbox.byChangeId(`change-${SIGNED_OUT}L0_1`), null);
    assert.equal(store.outbox.activeCount(first), 0);
    assert.equal(storeBytes(store.file).includes(MARKER), false, 'no trace of the signed-out clinic in the .sqlite or -wal file');
    // The other account is untouched, its data still readable.
    assert.equal(store.patients.get(demo, 'pat-1')?.firstName, 'Demopatient');
    assert.equal(store.outbox.activeCount(demo), 1);
    assert.equal(store.days.dayView(demo, '2026-03-23').length, 1);
    // The audit trail (ids and plain words, no patient data) outlives the account, unlinked.
    const audit = store.audit.recent(demo, 10);
    assert.equal(audit.length, 1);
    const orphaned = store.transaction(() => store.audit.recent(first, 10));
    assert.equal(orphaned.length, 0, 'the erased account has no audit rows linked any more');
  });

  it('leaves no copy behind that an earlier write moved: patients fetched again, a day written anew, beside another account’s rows', () => {
    const id = fill(store, `${SIGNED_OUT}L0_1`, MARKER);
    const demo = fill(store, 'demo:webdoc:L0_1', 'Demopatient');
    // Rows of both accounts interleave on the same pages; the clinic's are rewritten (a name
    // fetched again without the personal number, a day fetched again), which moves them.
    for (let round = 0; round < 3; round += 1) {
      store.patients.upsert(
        id,
        Array.from({ length: 12 }, (_, n) => ({ id: `pat-${n}`, emrId: `wd-${n}`, firstName: `${MARKER}${round}`, lastName: `${MARKER}-${'x'.repeat(round * 7)}`, externalId: round === 0 ? '191212121212' : null })),
        `2026-03-2${round + 3}`,
      );
      store.patients.upsert(demo, Array.from({ length: 12 }, (_, n) => ({ id: `pat-${n}`, emrId: null, firstName: 'Demo', lastName: `Patient${round}`, externalId: null })), `2026-03-2${round + 3}`);
    }
    assert.ok(storeBytes(store.file).includes(MARKER));
    assert.equal(store.eraseAccounts(SIGNED_OUT), 1);
    assert.equal(storeBytes(store.file).includes(MARKER), false, 'no stale copy left in a page’s free space');
    assert.equal(store.patients.get(demo, 'pat-3')?.lastName, 'Patient2');
  });

  it('keeps its data after reopening the file: the erase was durable', () => {
    fill(store, `${SIGNED_OUT}L0_1`, MARKER);
    store.eraseAccounts(SIGNED_OUT);
    store.close();
    store = openStore(dir);
    assert.deepEqual(store.accounts.list(), []);
    assert.equal(storeBytes(store.file).includes(MARKER), false);
  });

  it('compares the prefix literally: `_` and `%` are not wildcards', () => {
    fill(store, 'leyr:https://x.example/api:anita_systems:L0_1', 'Anita');
    fill(store, 'leyr:https://x.example/api:anitaXsystems:L0_1', 'Other');
    assert.equal(store.eraseAccounts('leyr:https://x.example/api:anita_systems:'), 1);
    assert.equal(store.eraseAccounts('leyr:%'), 0);
    assert.deepEqual(store.accounts.list().map((a) => a.key), ['leyr:https://x.example/api:anitaXsystems:L0_1']);
  });

  it('refuses an empty prefix rather than deleting everything', () => {
    fill(store, 'demo:webdoc:L0_1', 'Demo');
    assert.throws(() => store.eraseAccounts(''), RangeError);
    assert.equal(store.accounts.list().length, 1);
  });

  it('answers 0 and changes nothing when no account matches', () => {
    fill(store, 'demo:webdoc:L0_1', 'Demo');
    assert.equal(store.eraseAccounts(SIGNED_OUT), 0);
    assert.equal(store.accounts.list().length, 1);
  });
});
