// Sizes of the grid, shared by the components (CSS pixels) and the pointer math.
export const PX_PER_MINUTE = 2;
export const COLUMN_WIDTH = 172;
export const GUTTER_WIDTH = 64;
export const HEADER_HEIGHT = 44;
/** Room above the first hour so its label is not under the column headers. */
export const AXIS_PAD = 12;
/** Top of minute 0 inside the scrolled content. */
export const GRID_TOP = HEADER_HEIGHT + AXIS_PAD;
/** Pointer travel before a press becomes a drag or a lasso rather than a click. */
export const DRAG_THRESHOLD_PX = 4;
/** Distance from the scroll edge where a drag scrolls the grid. */
export const AUTO_SCROLL_EDGE_PX = 40;
/** Two plain clicks on one block this close together (ms) open its details. */
export const DOUBLE_CLICK_MS = 450;
