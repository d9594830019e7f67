// The part of the day that has passed, hatched grey over the columns (free time there is not
// offered: model/past.ts); a day that has ended is hatched whole. Drawn over the blocks but
// never in the way of the pointer.
import { GRID_TOP, GUTTER_WIDTH } from '../model/grid-constants.ts';
import { pastMinutes } from '../model/past.ts';
import type { TimeAxis } from '../model/time-axis.ts';

export function PastShade({ axis, width, nowMs, pxPerMinute }: { axis: TimeAxis; width: number; nowMs: number; pxPerMinute: number }) {
  const minutes = pastMinutes(axis, nowMs);
  if (minutes === null) return null;
  return <div className="past-shade" style={{ left: GUTTER_WIDTH, top: GRID_TOP, width, height: minutes * pxPerMinute }} data-testid="past-shade" data-whole={minutes >= axis.minutes ? 'true' : 'false'} aria-hidden="true" />;
}
