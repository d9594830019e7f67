// The grid's scale on this desk: how many pixels a minute and a column take, from the density
// and the zoom of the time axis. The one place these come from: the grid draws with them and
// the drag, the lasso, the keyboard's scrolling and "now" measure with them, so every gesture
// lands where it is drawn at every zoom.
import type { Density } from '../../../preload/contract/index.ts';

export interface GridScale {
  pxPerMinute: number;
  columnWidth: number;
}

/** Height of a minute and width of a column at zoom 1. Comfortable is the grid as it always was. */
const BASE: Readonly<Record<Density, GridScale>> = {
  comfortable: { pxPerMinute: 2, columnWidth: 172 },
  compact: { pxPerMinute: 1.5, columnWidth: 136 },
};

export function gridScale(density: Density, zoom: number): GridScale {
  const base = BASE[density];
  return { pxPerMinute: base.pxPerMinute * zoom, columnWidth: base.columnWidth };
}

/**
 * Where to scroll after the scale changed, so that the time under the anchor (the focused item
 * when it is on screen, else the middle of the view) stays where it was on screen.
 * `anchorY` is the anchor's offset from the top of the scrolled view, in pixels.
 */
export function keptScrollTop(before: { scrollTop: number; pxPerMinute: number }, pxPerMinute: number, top: number, anchorY: number): number {
  const minute = (before.scrollTop + anchorY - top) / before.pxPerMinute;
  return Math.max(0, top + minute * pxPerMinute - anchorY);
}
