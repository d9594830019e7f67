import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { tempStore, type TempStore } from '../../support/store-fixtures.ts';

describe('patient store', () => {
  let t: TempStore;
  beforeEach(() => {
    t = tempStore();
    t.store.patients.upsert(
      t.accountId,
      [
        { id: 'p1', emrId: 'e1', firstName: 'Åsa', lastName: 'Öberg', externalId: '194412049803' },
        { id: 'p2', emrId: 'e2', firstName: 'Anna', lastName: 'Andersson-Ek', externalId: '191212121212' },
        { id: 'p3', emrId: 'e3', firstName: 'Erik', lastName: 'Ström', externalId: null },
      ],
      '2026-03-23',
    );
  });
  afterEach(() => t.dispose());

  it('asks for the patients not fetched on this day only', () => {
    assert.deepEqual(t.store.patients.needingFetch(t.accountId, ['p1', 'p2', 'p9'], '2026-03-23'), ['p9']);
    assert.deepEqual(t.store.patients.needingFetch(t.accountId, ['p1', 'p9'], '2026-03-24'), ['p1', 'p9']);
    t.store.patients.markUnknown(t.accountId, ['p9'], '2026-03-24');
    assert.deepEqual(t.store.patients.needingFetch(t.accountId, ['p1', 'p9'], '2026-03-24'), ['p1']);
    assert.equal(t.store.patients.get(t.accountId, 'p9'), null, 'an unknown patient is not a patient');
  });

  it('searches names by word prefixes, with Swedish letters and double names', () => {
    const ids = (query: string[]) => t.store.patients.searchByName(t.accountId, query, 10).map((p) => p.id);
    assert.deepEqual(ids(['åsa']), ['p1']);
    assert.deepEqual(ids(['ÖBERG']), ['p1']);
    assert.deepEqual(ids(['anna', 'ek']), ['p2']);
    assert.deepEqual(ids(['str']), ['p3']);
    assert.deepEqual(ids(['anna', 'öberg']), []);
  });

  it('finds a patient by personal number and keeps a known number when Leyr omits it', () => {
    assert.deepEqual(
      t.store.patients.byExternalId(t.accountId, '191212121212').map((p) => p.id),
      ['p2'],
    );
    t.store.patients.upsert(t.accountId, [{ id: 'p2', emrId: 'e2', firstName: 'Anna', lastName: 'Ek', externalId: null }], '2026-03-24');
    assert.equal(t.store.patients.get(t.accountId, 'p2')?.externalId, '191212121212');
    assert.equal(t.store.patients.get(t.accountId, 'p2')?.lastName, 'Ek');
  });
});
