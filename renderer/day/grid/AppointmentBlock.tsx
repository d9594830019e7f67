// One appointment on the grid. Memoised with primitive props and a BlockView that keeps its
// identity while the appointment is unchanged, so a new snapshot, a selection change or a
// drag renders only the blocks that changed.
//
// A day switch mounts a few hundred of these at once, so each is kept small: three elements
// (name, one line of time and service), pixel positions rather than calc() (the column width
// is fixed), and one store subscription for both selection and keyboard focus.
import { memo } from 'react';
import type { BlockView } from '../model/day-model.ts';
import { blockKey } from '../model/grid-navigation.ts';
import { useOtherDeskMarks } from '../state/other-desk-marks.ts';
import { SELECTED, FOCUSED, useItemFlags } from '../state/selection-store.ts';

interface Props {
  view: BlockView;
  /** When main noticed another desk's change to it, while its mark shows (other-desk-marks.ts); else null. */
  changedAt: number | null;
  top: number;
  height: number;
  lane: number;
  lanes: number;
  /** The grid's scale (grid-scale.ts). */
  pxPerMinute: number;
  columnWidth: number;
}

/** Gap between a block and its column's edges, and between lanes. */
const INSET_PX = 2;

export const AppointmentBlock = memo(function AppointmentBlock({ view, changedAt, top, height, lane, lanes, pxPerMinute, columnWidth }: Props) {
  const key = blockKey(view.id);
  const flags = useItemFlags(view.id, key);
  const selected = (flags & SELECTED) !== 0;
  let className = `block status-${view.status}`;
  // The service's colour: drawn only while the grid has colours on (look.css), so a switch draws no block anew.
  if (view.colour !== null) className += ` svc-${view.colour}`;
  if (view.pending) className += ' is-pending';
  if (view.nameComing) className += ' is-name-coming';
  if (view.failed !== null) className += ' is-failed';
  if (selected) className += ' is-selected';
  if (view.awaitingCancellation) className += ' is-awaiting-cancel';
  if (changedAt !== null) className += ' is-changed-elsewhere';
  const px = height * pxPerMinute;
  if (px < 26) className += ' is-short';
  else if (px <= 32) className += ' is-compact';
  const laneWidth = columnWidth / lanes;
  const marked = view.hasComment || view.pending || view.failed !== null || view.awaitingCancellation;
  return (
    <div
      role="gridcell"
      className={className}
      data-appointment={view.id}
      data-key={key}
      data-status={view.status}
      data-pending={view.pending ? 'true' : undefined}
      data-name-coming={view.nameComing ? 'true' : undefined}
      data-failed={view.failed !== null ? 'true' : undefined}
      tabIndex={(flags & FOCUSED) !== 0 ? 0 : -1}
      aria-selected={selected}
      aria-label={view.label}
      title={view.title}
      data-changed-elsewhere={changedAt !== null ? 'true' : undefined}
      style={{
        top: top * pxPerMinute,
        height: Math.max(px - 1, 10),
        left: lane * laneWidth + INSET_PX,
        width: laneWidth - 2 * INSET_PX,
        // The highlight fades from when main noticed, wherever the block is drawn anew (scrolled back into view).
        ...(changedAt !== null && { animationDelay: `${Math.min(0, changedAt - Date.now())}ms` }),
      }}
    >
      {/* The space keeps the visible text (name, then time) matching the label for assistive tech. */}
      <span className="block-name">{view.patient}</span>{' '}
      <span className="block-meta">{view.meta}</span>
      {changedAt !== null && <span className="visually-hidden">{` ${useOtherDeskMarks.getState().words}`}</span>}
      {marked && (
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
