// Today's line: where "now" is on the axis, moved once a minute.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../i18n/format.ts';
import { nowMinute, type TimeAxis } from './time-axis.ts';
import { GRID_TOP, PX_PER_MINUTE } from './grid-constants.ts';

export function NowLine({ axis, width, locale }: { axis: TimeAxis; width: number; locale: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const minute = nowMinute(axis, now);
  if (minute === null) return null;
  const label = t('grid.now', { time: formatTime(now, axis.zone, locale) });
  return (
    <div className="now-line" style={{ top: GRID_TOP + minute * PX_PER_MINUTE, width }} data-testid="now-line" aria-hidden="true">
      <span className="now-label">{label}</span>
    </div>
  );
}
