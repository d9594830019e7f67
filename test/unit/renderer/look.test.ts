// The look's pure parts: the grid's scale from density and zoom, the scroll that keeps the
// time under the anchor, the colour per service, the zoom keys, and the Columns dialog's
// filter and top/bottom moves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZOOM_STEPS } from '../../../preload/contract/look.ts';
import { nextZoom, zoomKey } from '../../../renderer/common/look.ts';
import { columnMatcher } from '../../../renderer/day/model/column-filter.ts';
import { moveColumnTo, orderedResources } from '../../../renderer/day/model/column-prefs.ts';
import { gridScale, keptScrollTop } from '../../../renderer/day/model/grid-scale.ts';
import { assignServiceColours, PALETTE_SIZE } from '../../../renderer/day/model/service-colours.ts';

describe('grid scale', () => {
  it('comfortable at zoom 1 is the grid as it always was; compact is shorter and narrower; zoom scales the minute only', () => {
    assert.deepEqual(gridScale('comfortable', 1), { pxPerMinute: 2, columnWidth: 172 });
    assert.deepEqual(gridScale('compact', 1), { pxPerMinute: 1.5, columnWidth: 136 });
    assert.deepEqual(gridScale('comfortable', 1.5), { pxPerMinute: 3, columnWidth: 172 });
    assert.deepEqual(gridScale('compact', 0.5), { pxPerMinute: 0.75, columnWidth: 136 });
  });

  it('a zoom keeps the minute under the anchor where it was on screen', () => {
    const top = 56;
    // 10:00 is minute 120 of an axis from 08:00: at 2 px/min it is drawn at 56 + 240 = 296.
    const before = { scrollTop: 100, pxPerMinute: 2 };
    const anchorY = 296 - 100;
    const scrollTop = keptScrollTop(before, 3, top, anchorY);
    assert.equal(top + 120 * 3 - scrollTop, anchorY);
    // Never above the top of the content.
    assert.equal(keptScrollTop({ scrollTop: 0, pxPerMinute: 3 }, 1.5, top, 400), 0);
  });
});

describe('service colours', () => {
  const ids = ['svc-15', 'svc-30', 'svc-45', 'svc-60', 'svc-lab', 'svc-vacc', 'svc-talk'];

  it('by service id: the same colours whatever order the services come in', () => {
    const once = assignServiceColours(ids);
    const reversed = assignServiceColours([...ids].reverse());
    assert.deepEqual([...reversed.entries()].sort(), [...once.entries()].sort());
  });

  it('no two services share a colour while there are no more than the palette has', () => {
    const colours = assignServiceColours(ids);
    assert.equal(new Set(colours.values()).size, ids.length);
    for (const colour of colours.values()) assert.ok(colour >= 0 && colour < PALETTE_SIZE);
    const many = assignServiceColours(Array.from({ length: PALETTE_SIZE }, (_, index) => `service-${index}`));
    assert.equal(new Set(many.values()).size, PALETTE_SIZE);
  });

  it('more services than colours: every one still gets a colour of the palette', () => {
    const colours = assignServiceColours(Array.from({ length: 20 }, (_, index) => `s${index}`));
    assert.equal(colours.size, 20);
    for (const colour of colours.values()) assert.ok(Number.isInteger(colour) && colour >= 0 && colour < PALETTE_SIZE);
  });
});

describe('zoom keys and steps', () => {
  const key = (key: string, extra: Partial<KeyboardEvent> = {}) => ({ key, code: '', ctrlKey: true, metaKey: false, altKey: false, ...extra });

  it('Ctrl or Cmd with + = − _ 0 and the keypad; nothing without the modifier or with Alt', () => {
    assert.equal(zoomKey(key('+')), 'in');
    assert.equal(zoomKey(key('=')), 'in');
    assert.equal(zoomKey(key('-')), 'out');
    assert.equal(zoomKey(key('_')), 'out');
    assert.equal(zoomKey(key('0')), 'reset');
    assert.equal(zoomKey(key('+', { ctrlKey: false, metaKey: true })), 'in');
    assert.equal(zoomKey(key('Unidentified', { code: 'NumpadSubtract' })), 'out');
    assert.equal(zoomKey(key('+', { ctrlKey: false })), null);
    assert.equal(zoomKey(key('0', { altKey: true })), null);
    assert.equal(zoomKey(key('f')), null);
  });

  it('steps through the fixed list and stops at its ends; an unknown zoom steps from 1', () => {
    assert.equal(nextZoom(1, 1), 1.25);
    assert.equal(nextZoom(1, -1), 0.75);
    assert.equal(nextZoom(ZOOM_STEPS[0], -1), null);
    assert.equal(nextZoom(ZOOM_STEPS[ZOOM_STEPS.length - 1]!, 1), null);
    assert.equal(nextZoom(1.1, 1), 1.25);
  });
});

describe('Columns dialog: filter and top/bottom', () => {
  it('matches any part of the name, without case or accents, every word somewhere', () => {
    const names = ['Dr. Anna Ek', 'Sjuksköterska Cilla Berg', 'Dr. Bjørn Søder', 'Kurator Åsa Lind'];
    const shown = (typed: string) => names.filter(columnMatcher(typed));
    assert.deepEqual(shown(''), names);
    assert.deepEqual(shown('  '), names);
    assert.deepEqual(shown('CIL'), ['Sjuksköterska Cilla Berg']);
    assert.deepEqual(shown('bjorn soder'), ['Dr. Bjørn Søder']);
    assert.deepEqual(shown('asa'), ['Kurator Åsa Lind']);
    assert.deepEqual(shown('berg cil'), ['Sjuksköterska Cilla Berg']);
    assert.deepEqual(shown('dr. ek'), ['Dr. Anna Ek']);
    assert.deepEqual(shown('zz'), []);
  });

  it('moves a column to the top or the bottom of the whole order, new resources after', () => {
    const resources = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
    const prefs = { order: ['b', 'a'], hidden: ['d'] };
    const top = moveColumnTo(resources, prefs, 'c', 'top');
    assert.deepEqual(orderedResources(resources, top).map((r) => r.id), ['c', 'b', 'a', 'd']);
    assert.deepEqual(top.hidden, ['d']);
    const bottom = moveColumnTo(resources, top, 'c', 'bottom');
    assert.deepEqual(orderedResources(resources, bottom).map((r) => r.id), ['b', 'a', 'd', 'c']);
    assert.equal(moveColumnTo(resources, prefs, 'gone', 'top'), prefs);
  });
});
