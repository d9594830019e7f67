// Pixel geometry of the grid and its inverse: which resource and instant a pointer is over,
// snapped to the slot grid, and which blocks a lasso rectangle touches. Pure numbers, so the
// drag and the lasso never read the DOM per frame.
import type { DayLayout, PlacedBlock } from './layout.ts';
import { instantAt, type TimeAxis } from './time-axis.ts';

export interface GridGeometry {
  /** Visible resources, left to right. */
  columns: readonly string[];
  columnWidth: number;
  /** Left edge of the first column inside the scrolled content (the time gutter's width). */
  left: number;
  /** Top of minute 0 inside the scrolled content (below the column headers). */
  top: number;
  pxPerMinute: number;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The column index under x, clamped to the grid (a drag past the edge stays on the edge). */
export function columnAt(geometry: GridGeometry, x: number): number {
  const index = Math.floor((x - geometry.left) / geometry.columnWidth);
  return Math.min(Math.max(index, 0), geometry.columns.length - 1);
}

interface PointerTarget {
  resourceId: string;
  /** Snapped start, minutes from the axis start. */
  minute: number;
  startMs: number;
}

/**
 * The target of a dragged block: the pointer's column, and the block's new top (the pointer
 * minus where the block was grabbed) snapped to the slot grid and kept on the axis.
 */
export function dragTarget(
  geometry: GridGeometry,
  axis: TimeAxis,
  pointer: { x: number; y: number },
  grab: { minutes: number; durationMinutes: number },
  gridMinutes: number,
): PointerTarget | null {
  if (geometry.columns.length === 0) return null;
  const resourceId = geometry.columns[columnAt(geometry, pointer.x)]!;
  const raw = (pointer.y - geometry.top) / geometry.pxPerMinute - grab.minutes;
  const latest = Math.max(0, axis.minutes - grab.durationMinutes);
  const snapped = Math.min(Math.max(Math.round(raw / gridMinutes) * gridMinutes, 0), Math.floor(latest / gridMinutes) * gridMinutes);
  return { resourceId, minute: snapped, startMs: instantAt(axis, snapped) };
}

/** A block's rectangle in content pixels, lanes side by side within its column. */
function blockRect(geometry: GridGeometry, block: PlacedBlock, columnIndex: number): Rect {
  const laneWidth = geometry.columnWidth / Math.max(1, block.lanes);
  return {
    x: geometry.left + columnIndex * geometry.columnWidth + block.lane * laneWidth,
    y: geometry.top + block.top * geometry.pxPerMinute,
    width: laneWidth,
    height: block.height * geometry.pxPerMinute,
  };
}

export function normaliseRect(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

const intersects = (a: Rect, b: Rect): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Ids of the blocks a lasso touches, in column then time order. */
export function blocksInRect(geometry: GridGeometry, layout: DayLayout, rect: Rect): string[] {
  const ids: string[] = [];
  if (geometry.columns.length === 0 || rect.width <= 0 || rect.height <= 0) return ids;
  const first = columnAt(geometry, rect.x);
  const last = columnAt(geometry, rect.x + rect.width);
  const fromMinute = (rect.y - geometry.top) / geometry.pxPerMinute;
  const toMinute = (rect.y + rect.height - geometry.top) / geometry.pxPerMinute;
  for (let index = first; index <= last; index += 1) {
    const column = layout.columns.get(geometry.columns[index]!);
    if (column === undefined) continue;
    for (const block of column.blocks) {
      if (block.top >= toMinute) break;
      if (block.top + block.height <= fromMinute) continue;
      if (intersects(rect, blockRect(geometry, block, index))) ids.push(block.id);
    }
  }
  return ids;
}
