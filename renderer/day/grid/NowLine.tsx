// Today's line: where "now" is on the axis, moved every half minute. The line crosses the
// columns; its time sits in the gutter (which stays put when the columns scroll), so it never
// covers the first column's appointments.
import { formatTime } from '../../i18n/format.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { GRID_TOP } from '../model/grid-constants.ts';
import { nowMinute, type TimeAxis } from '../model/time-axis.ts';
import { useCareUnitNow } from '../state/past-clock.ts';

// On the care unit's clock, as the shading of the past is.
const useNowMs = (): number => useCareUnitNow();

export function NowLine({ axis, width, pxPerMinute }: { axis: TimeAxis; width: number; pxPerMinute: number }) {
  const minute = nowMinute(axis, useNowMs());
  if (minute === null) return null;
  return <div className="now-line" style={{ top: GRID_TOP + minute * pxPerMinute, width }} data-testid="now-line" aria-hidden="true" />;
}

/** The time of today's line, in the gutter. */
export function NowLabel({ axis, pxPerMinute }: { axis: TimeAxis; pxPerMinute: number }) {
  const t = useTranslate();
  const locale = useLocale((state) => state.locale);
  const now = useNowMs();
  const minute = nowMinute(axis, now);
  if (minute === null) return null;
  return (
    <div className="now-label" style={{ top: GRID_TOP + minute * pxPerMinute }} title={t('grid.now', { time: formatTime(now, axis.zone, locale) })}>
      {formatTime(now, axis.zone, locale)}
    </div>
  );
}
