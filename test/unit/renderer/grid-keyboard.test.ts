import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppointmentView, DaySnapshot } from '../../../preload/contract/index.ts';
import { buildDayModel } from '../../../renderer/day/model/day-model.ts';
import { handleGridKey, type KeyboardHost } from '../../../renderer/day/model/grid-keyboard.ts';
import { blockKey, findItem, freeKey, navigationModel, type GridItemKey } from '../../../renderer/day/model/grid-navigation.ts';
import type { Translate } from '../../../renderer/i18n/translate.ts';

const t: Translate = (key, options) => (options === undefined ? key : `${key}${JSON.stringify(options)}`);
const iso = (hhmm: string): string => `2026-03-23T${hhmm}:00+01:00`;
const ms = (hhmm: string): number => Date.parse(iso(hhmm));

function appointment(id: string, resourceId: string, start: string, end: string, status = 'booked'): AppointmentView {
  return { id, resourceId, patientId: 'p', serviceId: 's30', start: iso(start), end: iso(end), status, patientName: 'P', comment: null, pending: false, changeId: null, awaitingCancellation: false, failed: null };
}

// r1: a at 09:00, free 09:30–10:30; r2: busy 09:00 (b), free 10:00–11:00.
const slots = (resourceId: string, from: string, to: string): DaySnapshot['freeSlots'] => {
  const out: DaySnapshot['freeSlots'] = [];
  for (let start = ms(from); start + 30 * 60_000 <= ms(to); start += 15 * 60_000) out.push({ resourceId, serviceId: 's30', start: new Date(start).toISOString(), end: new Date(start + 30 * 60_000).toISOString() });
  return out;
};
const snapshot: DaySnapshot = {
  date: '2026-03-23',
  careUnit: { id: 'L0_1', name: null, timeZone: 'Europe/Stockholm' },
  resources: [
    { id: 'r1', name: 'One' },
    { id: 'r2', name: 'Two' },
  ],
  services: [{ id: 's30', name: 'Visit', durationMinutes: 30 }],
  freeSlots: [...slots('r1', '09:30', '10:30'), ...slots('r2', '10:00', '11:00')],
  appointments: [appointment('a', 'r1', '09:00', '09:30'), appointment('b', 'r2', '09:00', '09:30'), appointment('done', 'r2', '11:00', '11:30', 'completed')],
  fetchedAt: null,
  stale: false,
  pendingCount: 0,
  unreadable: 0,
  changedElsewhere: [],
};
const model = buildDayModel(snapshot, { showCancelled: false, prefs: { order: [], hidden: [] }, locale: 'en-GB', t });

function host(focus: GridItemKey, selected: string[] = [], clock: { now?: number; allowed?: boolean; confirm?: boolean } = {}) {
  const log: string[] = [];
  const selection = new Set(selected);
  let focusKey: GridItemKey | null = focus;
  const navigation = navigationModel(model.layout, model.columnIds);
  const api: KeyboardHost = {
    model: () => model,
    navigation: () => navigation,
    t,
    focusKey: () => focusKey,
    focus: (item) => {
      focusKey = item.key;
      log.push(`focus ${item.key}`);
    },
    selected: () => selection,
    toggle: (id) => (selection.has(id) ? selection.delete(id) : selection.add(id)),
    addToSelection: (id) => selection.add(id),
    clearSelection: () => selection.clear(),
    move: (id, target) => log.push(`move ${id} ${target.resourceId} ${new Date(target.startMs).toISOString()}`),
    refuse: (text) => log.push(`refuse ${text}`),
    now: () => clock.now ?? 0,
    pastAllowed: () => clock.allowed ?? false,
    confirm: (question) => {
      log.push(`confirm ${question}`);
      return clock.confirm ?? true;
    },
    cancel: (ids) => log.push(`cancel ${ids.join(',')}`),
    details: (id) => log.push(`details ${id}`),
    book: (resourceId, startMs) => log.push(`book ${resourceId} ${new Date(startMs).toISOString()}`),
  };
  const press = (key: string, mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>> = {}): boolean =>
    handleGridKey(api, { key, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });
  return { press, log, selection, focusKey: () => focusKey, navigation };
}

describe('grid keyboard', () => {
  it('Alt+Down into time that has passed is refused with the reason, and nothing moves', () => {
    // Now is 09:20 on the care unit's clock: 09:15 has passed.
    const h = host(blockKey('a'), [], { now: ms('09:20') });
    h.press('ArrowDown', { altKey: true });
    assert.deepEqual(h.log, [`refuse drag.snappedBack{"reason":"fixes.past{\\"time\\":\\"09:15\\"}"}`]);
  });

  it('where the clinic allows changes in the past, Alt+Down asks first and moves only when confirmed', () => {
    const declined = host(blockKey('a'), [], { now: ms('09:20'), allowed: true, confirm: false });
    declined.press('ArrowDown', { altKey: true });
    assert.deepEqual(declined.log, ['confirm fixes.confirmMove']);
    const confirmed = host(blockKey('a'), [], { now: ms('09:20'), allowed: true, confirm: true });
    confirmed.press('ArrowDown', { altKey: true });
    assert.deepEqual(confirmed.log, ['confirm fixes.confirmMove', `move a r1 ${new Date(ms('09:15')).toISOString()}`]);
  });

  it('Alt+Down moves the focused appointment one slot later when a slot is free', () => {
    const h = host(blockKey('a'));
    assert.equal(h.press('ArrowDown', { altKey: true }), true);
    assert.deepEqual(h.log, [`move a r1 ${new Date(ms('09:15')).toISOString()}`]);
  });

  it('Alt+Right refuses a busy resource with the reason, Alt+Up with no free time before', () => {
    const h = host(blockKey('a'));
    h.press('ArrowRight', { altKey: true });
    h.press('ArrowUp', { altKey: true });
    assert.equal(h.log.length, 2);
    assert.match(h.log[0]!, /^refuse drag\.snappedBack.*no_free_slot/);
    assert.match(h.log[1]!, /^refuse drag\.snappedBack.*08:45/);
  });

  it('refuses to move a completed appointment', () => {
    const h = host(blockKey('done'));
    h.press('ArrowUp', { altKey: true });
    assert.match(h.log[0]!, /^refuse drag\.notMovable.*completed/i);
  });

  it('Space toggles, Shift+Down extends, Esc clears', () => {
    const h = host(blockKey('b'));
    h.press(' ');
    assert.deepEqual([...h.selection], ['b']);
    h.press(' ');
    assert.deepEqual([...h.selection], []);
    const k = host(blockKey('a'));
    k.press('ArrowRight');
    assert.equal(k.focusKey(), blockKey('b'));
    k.press('ArrowDown', { shiftKey: true });
    // Below b in r2 is free time, which is not selectable: nothing is added.
    assert.equal(k.focusKey(), freeKey('r2', ms('10:00')));
    assert.deepEqual([...k.selection], []);
    k.press('Escape');
    assert.equal(k.press('Escape'), false, 'nothing to clear: not handled');
  });

  it('Delete cancels the selection (or the focused one); Enter opens details or books free time', () => {
    const withSelection = host(blockKey('a'), ['a', 'b']);
    withSelection.press('Delete');
    assert.deepEqual(withSelection.log, ['cancel a,b']);
    const focused = host(blockKey('a'));
    focused.press('Delete');
    focused.press('Enter');
    assert.deepEqual(focused.log, ['cancel a', 'details a']);
    const free = host(freeKey('r1', ms('09:30')));
    assert.ok(findItem(free.navigation, freeKey('r1', ms('09:30'))));
    free.press('Enter');
    assert.deepEqual(free.log, [`book r1 ${new Date(ms('09:30')).toISOString()}`]);
  });

  it('leaves keys that are not its own to the page', () => {
    const h = host(blockKey('a'));
    assert.equal(h.press('x'), false);
    assert.equal(h.press('ArrowDown', { ctrlKey: true }), false);
  });
});
