import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { blocksInRect, columnAt, dragTarget, normaliseRect, type GridGeometry } from '../../../renderer/day/model/grid-geometry.ts';
import { blockKey, firstItem, freeKey, navigate, navigationModel, nearestTo, findItem } from '../../../renderer/day/model/grid-navigation.ts';
import { layoutDay, type LayoutAppointment } from '../../../renderer/day/model/layout.ts';
import { buildTimeAxis } from '../../../renderer/day/model/time-axis.ts';

const zone = 'Europe/Stockholm';
const at = (hhmm: string): number => DateTime.fromISO(`2026-03-23T${hhmm}:00+01:00`, { setZone: true }).toMillis();
const appt = (id: string, resourceId: string, start: string, end: string): LayoutAppointment => ({ id, resourceId, startMs: at(start), endMs: at(end), cancelled: false });

const axis = buildTimeAxis({ date: '2026-03-23', zone, intervals: [{ startMs: at('08:00'), endMs: at('17:00') }] });
const layout = layoutDay({
  axis,
  resourceIds: ['r1', 'r2', 'r3'],
  appointments: [appt('a', 'r1', '08:00', '08:30'), appt('b', 'r1', '08:15', '08:45'), appt('c', 'r1', '10:00', '10:15'), appt('d', 'r3', '09:00', '09:30')],
  freeSlots: [{ resourceId: 'r1', startMs: at('09:00'), endMs: at('09:30') }],
  showCancelled: false,
});
const geometry: GridGeometry = { columns: ['r1', 'r2', 'r3'], columnWidth: 100, left: 60, top: 40, pxPerMinute: 2 };

describe('grid geometry', () => {
  it('finds the column under the pointer and clamps past the edges', () => {
    assert.equal(columnAt(geometry, 60), 0);
    assert.equal(columnAt(geometry, 259), 1);
    assert.equal(columnAt(geometry, 10), 0);
    assert.equal(columnAt(geometry, 9999), 2);
  });

  it('snaps a dragged block to the slot grid, keeping where it was grabbed', () => {
    // Grabbed 10 minutes below its top; pointer at minute 70 => top at 60 => 09:00.
    const target = dragTarget(geometry, axis, { x: 170, y: 40 + 70 * 2 }, { minutes: 10, durationMinutes: 30 }, 15);
    assert.deepEqual(target, { resourceId: 'r2', minute: 60, startMs: at('09:00') });
    // 67 minutes rounds to 60 (nearest quarter), 68 to 75.
    assert.equal(dragTarget(geometry, axis, { x: 170, y: 40 + 77 * 2 }, { minutes: 10, durationMinutes: 30 }, 15)!.minute, 60);
    assert.equal(dragTarget(geometry, axis, { x: 170, y: 40 + 78 * 2 }, { minutes: 10, durationMinutes: 30 }, 15)!.minute, 75);
  });

  it('keeps a dragged block on the axis', () => {
    assert.equal(dragTarget(geometry, axis, { x: 170, y: -500 }, { minutes: 0, durationMinutes: 30 }, 15)!.minute, 0);
    assert.equal(dragTarget(geometry, axis, { x: 170, y: 99_999 }, { minutes: 0, durationMinutes: 30 }, 15)!.startMs, at('16:30'));
    assert.equal(dragTarget({ ...geometry, columns: [] }, axis, { x: 0, y: 0 }, { minutes: 0, durationMinutes: 30 }, 15), null);
  });

  it('selects exactly the blocks a lasso touches, lanes included', () => {
    // Column r1, right half only (lane 1 = b), 08:00–08:20.
    const rect = normaliseRect({ x: 60 + 75, y: 40 + 20 * 2 }, { x: 60 + 90, y: 40 });
    assert.deepEqual(blocksInRect(geometry, layout, rect), ['b']);
    // Everything from r1 to r3 between 08:00 and 09:15.
    assert.deepEqual(blocksInRect(geometry, layout, normaliseRect({ x: 61, y: 41 }, { x: 359, y: 40 + 75 * 2 })), ['a', 'b', 'd']);
    assert.deepEqual(blocksInRect(geometry, layout, { x: 61, y: 41, width: 0, height: 10 }), []);
  });
});

describe('grid keyboard navigation', () => {
  const model = navigationModel(layout, ['r1', 'r2', 'r3']);

  it('after an item went, lands on what starts where it was, not on what ends there', () => {
    // c (10:00–10:15) went; an item starting at 10:15 would win over c's neighbour ending at 10:00.
    const at1015 = navigationModel(
      layoutDay({ axis, resourceIds: ['r1'], appointments: [appt('x', 'r1', '10:00', '10:15'), appt('y', 'r1', '10:15', '10:30')], freeSlots: [], showCancelled: false }),
      ['r1'],
    );
    const y = at1015.items('r1').find((item) => item.id === 'y')!;
    assert.equal(nearestTo(at1015, { resourceId: 'r1', top: y.top })!.key, blockKey('y'));
  });

  it('starts on the first item of the first column', () => {
    assert.equal(firstItem(model)!.key, blockKey('a'));
    assert.equal(firstItem(navigationModel(layout, ['r2'])), null);
  });

  it('walks a column in time order, blocks and free stretches alike', () => {
    const a = findItem(model, blockKey('a'))!;
    const b = navigate(model, a, 'ArrowDown')!;
    assert.equal(b.key, blockKey('b'));
    const free = navigate(model, b, 'ArrowDown')!;
    assert.equal(free.key, freeKey('r1', at('09:00')));
    assert.equal(free.kind, 'free');
    assert.equal(navigate(model, free, 'ArrowDown')!.key, blockKey('c'));
    assert.equal(navigate(model, findItem(model, blockKey('c'))!, 'ArrowDown'), null);
    assert.equal(navigate(model, a, 'ArrowUp'), null);
    assert.equal(navigate(model, b, 'End')!.key, blockKey('c'));
    assert.equal(navigate(model, free, 'Home')!.key, blockKey('a'));
  });

  it('goes sideways to the nearest item in time, skipping empty columns', () => {
    const c = findItem(model, blockKey('c'))!;
    assert.equal(navigate(model, c, 'ArrowRight')!.key, blockKey('d'));
    const d = findItem(model, blockKey('d'))!;
    assert.equal(navigate(model, d, 'ArrowLeft')!.key, freeKey('r1', at('09:00')));
    assert.equal(navigate(model, d, 'ArrowRight'), null);
    assert.equal(navigate(model, c, 'ArrowLeft'), null);
  });
});
