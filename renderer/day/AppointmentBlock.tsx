// One appointment on the grid. Memoised with primitive props and a BlockView that keeps its
// identity while the appointment is unchanged, so a new snapshot, a selection change or a
// drag renders only the blocks that changed.
import { memo } from 'react';
import { blockKey } from './grid-navigation.ts';
import { PX_PER_MINUTE } from './grid-constants.ts';
import type { BlockView } from './day-model.ts';
import { useHasFocus, useIsSelected } from '../state/selection-store.ts';

interface Props {
  view: BlockView;
  top: number;
  height: number;
  lane: number;
  lanes: number;
}

export const AppointmentBlock = memo(function AppointmentBlock({ view, top, height, lane, lanes }: Props) {
  const key = blockKey(view.id);
  const selected = useIsSelected(view.id);
  const focused = useHasFocus(key);
  const classes = ['block', `status-${view.status}`];
  if (view.pending) classes.push('is-pending');
  if (view.failed !== null) classes.push('is-failed');
  if (selected) classes.push('is-selected');
  if (view.awaitingCancellation) classes.push('is-awaiting-cancel');
  const px = height * PX_PER_MINUTE;
  if (px < 26) classes.push('is-short');
  else if (px <= 32) classes.push('is-compact');
  return (
    <div
      role="gridcell"
      className={classes.join(' ')}
      data-appointment={view.id}
      data-key={key}
      data-status={view.status}
      data-pending={view.pending ? 'true' : undefined}
      data-failed={view.failed !== null ? 'true' : undefined}
      tabIndex={focused ? 0 : -1}
      aria-selected={selected}
      aria-label={view.label}
      title={view.title}
      style={{
        top: top * PX_PER_MINUTE,
        height: Math.max(px - 1, 10),
        left: `calc(${(lane / lanes) * 100}% + 2px)`,
        width: `calc(${100 / lanes}% - 4px)`,
      }}
    >
      <span className="block-name">{view.patient}</span>{' '}
      <span className="block-meta">
        {view.time} · {view.service}
      </span>
      {(view.hasComment || view.pending || view.failed !== null || view.awaitingCancellation) && (
        <span className="block-marks" aria-hidden="true">
          {view.hasComment && <span className="mark mark-comment" />}
          {view.pending && <span className="mark mark-pending" />}
          {view.failed !== null && <span className="mark mark-failed">!</span>}
          {view.awaitingCancellation && <span className="mark mark-code">#</span>}
        </span>
      )}
    </div>
  );
});
