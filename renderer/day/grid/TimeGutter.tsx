// The time axis at the left: wall-clock hours in the care unit's zone, 24-hour. On DST days
// the repeated hour shows twice (marked, with its offset) and the skipped hour is marked
// where the clock jumps.
import { memo } from 'react';
import { useTranslate } from '../../i18n/translate.ts';
import { AXIS_PAD, GRID_TOP } from '../model/grid-constants.ts';
import type { TimeAxis } from '../model/time-axis.ts';
import { NowLabel } from './NowLine.tsx';

export const TimeGutter = memo(function TimeGutter({ axis, pxPerMinute }: { axis: TimeAxis; pxPerMinute: number }) {
  const t = useTranslate();
  const ambiguous = new Set(axis.ticks.filter((tick) => tick.repeated).map((tick) => tick.label));
  return (
    <div className="gutter" aria-hidden="true" style={{ height: GRID_TOP + axis.minutes * pxPerMinute + AXIS_PAD }}>
      <div className="gutter-corner">{t('grid.time')}</div>
      {axis.ticks
        .filter((tick) => tick.hour)
        .map((tick) => (
          <div
            key={tick.ms}
            className={`tick${tick.repeated ? ' is-repeated' : ''}${tick.afterGap ? ' is-after-gap' : ''}`}
            style={{ top: GRID_TOP + tick.minute * pxPerMinute }}
            data-tick={tick.label}
            data-offset={tick.offset}
          >
            <span className="tick-label">{tick.label}</span>
            {ambiguous.has(tick.label) && <span className="tick-offset">{tick.repeated ? `${t('grid.repeatedMark')} ${tick.offset}` : tick.offset}</span>}
            {tick.nextDay && tick.label === '00:00' && <span className="tick-offset">{t('grid.nextDay')}</span>}
          </div>
        ))}
      <NowLabel axis={axis} pxPerMinute={pxPerMinute} />
    </div>
  );
});

/** Horizontal lines across the columns at every hour and half hour, and DST markers. */
export const HourLines = memo(function HourLines({ axis, width, pxPerMinute }: { axis: TimeAxis; width: number; pxPerMinute: number }) {
  const t = useTranslate();
  return (
    <div className="hour-lines" aria-hidden="true" style={{ width }}>
      {axis.ticks.map((tick) => (
        <div key={tick.ms} className={tick.hour ? 'line line-hour' : 'line line-half'} style={{ top: GRID_TOP + tick.minute * pxPerMinute }} />
      ))}
      {axis.offsetChanges.map((change) => (
        <div key={change.ms} className={`dst-marker dst-${change.direction}`} style={{ top: GRID_TOP + change.minute * pxPerMinute }} data-testid={`dst-${change.direction}`}>
          <span>{t(change.direction === 'forward' ? 'grid.skippedHour' : 'grid.repeatedHour', { from: change.fromLabel, to: change.toLabel })}</span>
        </div>
      ))}
    </div>
  );
});
