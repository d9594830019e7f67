import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnPrefsKey, loadColumnPrefs, moveColumn, orderedResources, saveColumnPrefs, setHidden, visibleResources, type KeyValueStorage } from '../../../renderer/day/model/column-prefs.ts';
import { actionable, continuousRun, extendRange, type SelectableAppointment } from '../../../renderer/day/model/selection-rules.ts';

const run = (id: string, startMinute: number, extra: Partial<SelectableAppointment> = {}): SelectableAppointment => ({
  id,
  patientId: 'p1',
  resourceId: 'r1',
  serviceId: 's30',
  startMs: startMinute * 60_000,
  endMs: (startMinute + 30) * 60_000,
  status: 'booked',
  ...extra,
});

describe('selection rules', () => {
  it('offers a continuous reschedule for one patient back-to-back appointments, in time order', () => {
    assert.deepEqual(continuousRun([run('b', 30), run('a', 0), run('c', 60)]), { ids: ['a', 'b', 'c'], patientId: 'p1', resourceId: 'r1', serviceId: 's30', startMs: 0, endMs: 90 * 60_000 });
  });

  it('does not offer it for a gap, another patient, resource or service, a cancelled one, or a single one', () => {
    assert.equal(continuousRun([run('a', 0), run('b', 45)]), null);
    assert.equal(continuousRun([run('a', 0), run('b', 30, { patientId: 'p2' })]), null);
    assert.equal(continuousRun([run('a', 0), run('b', 30, { resourceId: 'r2' })]), null);
    assert.equal(continuousRun([run('a', 0), run('b', 30, { serviceId: 's15' })]), null);
    assert.equal(continuousRun([run('a', 0), run('b', 30, { status: 'cancelled' })]), null);
    assert.equal(continuousRun([run('a', 0)]), null);
  });

  it('keeps only what can still be changed', () => {
    const items = [run('a', 0), run('b', 30, { status: 'cancelled' }), run('c', 60, { status: 'completed' }), run('d', 90, { status: 'awaiting_confirmation' })];
    assert.deepEqual(actionable(items).map((i) => i.id), ['a', 'd']);
  });

  it('extends a range either way in reading order', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    assert.deepEqual(extendRange(order, 'b', 'd'), ['b', 'c', 'd']);
    assert.deepEqual(extendRange(order, 'd', 'b'), ['b', 'c', 'd']);
    assert.deepEqual(extendRange(order, 'zz', 'c'), ['c']);
  });
});

class MemoryStorage implements KeyValueStorage {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
}

describe('column preferences', () => {
  const resources = [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }];

  it('round-trips through storage, per care unit', () => {
    const storage = new MemoryStorage();
    const prefs = setHidden(moveColumn(resources, { order: [], hidden: [] }, 'r3', -1), 'r1', true);
    saveColumnPrefs(storage, 'L0_1', prefs);
    assert.deepEqual(loadColumnPrefs(storage, 'L0_1'), { order: ['r1', 'r3', 'r2'], hidden: ['r1'] });
    assert.deepEqual(loadColumnPrefs(storage, 'other'), { order: [], hidden: [] });
    assert.deepEqual(visibleResources(resources, prefs).map((r) => r.id), ['r3', 'r2']);
    assert.equal(setHidden(prefs, 'r1', false).hidden.length, 0);
  });

  it('treats unreadable stored values as the default instead of failing', () => {
    const storage = new MemoryStorage();
    for (const bad of ['{not json', '"text"', '{"order": 5}', '{"hidden": [1,2]}']) {
      storage.setItem(columnPrefsKey('L0_1'), bad);
      assert.deepEqual(loadColumnPrefs(storage, 'L0_1'), { order: [], hidden: [] }, bad);
    }
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    assert.deepEqual(loadColumnPrefs(throwing, 'L0_1'), { order: [], hidden: [] });
    assert.doesNotThrow(() => saveColumnPrefs(throwing, 'L0_1', { order: [], hidden: [] }));
  });

  it('drops resources that are gone and appends new ones in Leyr order', () => {
    assert.deepEqual(orderedResources(resources, { order: ['gone', 'r2', 'r2'], hidden: [] }).map((r) => r.id), ['r2', 'r1', 'r3']);
  });

  it('does not move past either end', () => {
    const prefs = { order: [], hidden: [] };
    assert.equal(moveColumn(resources, prefs, 'r1', -1), prefs);
    assert.equal(moveColumn(resources, prefs, 'r3', 1), prefs);
    assert.equal(moveColumn(resources, prefs, 'missing', 1), prefs);
  });
});
