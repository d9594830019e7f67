// A stretch of free time in a column: shaded, focusable, and where a click or Enter books.
import { memo } from 'react';
import { freeKey } from '../model/grid-navigation.ts';
import { useHasFocus } from '../state/selection-store.ts';

interface Props {
  resourceId: string;
  startMs: number;
  endMs: number;
  top: number;
  height: number;
  label: string;
  pxPerMinute: number;
}

export const FreeBand = memo(function FreeBand({ resourceId, startMs, endMs, top, height, label, pxPerMinute }: Props) {
  const key = freeKey(resourceId, startMs);
  const focused = useHasFocus(key);
  return (
    <div
      role="gridcell"
      className="free"
      data-key={key}
      data-resource={resourceId}
      data-free-start={startMs}
      data-free-end={endMs}
      tabIndex={focused ? 0 : -1}
      aria-label={label}
      style={{ top: top * pxPerMinute, height: height * pxPerMinute }}
    />
  );
});
