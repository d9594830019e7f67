// One resource's column: its name (sticky), its free time and its appointments.
import { memo } from 'react';
import type { BlockViews } from '../model/day-model.ts';
import { AXIS_PAD, GRID_TOP, GUTTER_WIDTH, HEADER_HEIGHT } from '../model/grid-constants.ts';
import type { ColumnLayout } from '../model/layout.ts';
import { useOtherDeskMarks } from '../state/other-desk-marks.ts';
import { AppointmentBlock } from './AppointmentBlock.tsx';
import { FreeBand } from './FreeBand.tsx';

interface Props {
  resourceId: string;
  name: string;
  /** "12 appointments", for the count beside the name. */
  countLabel: string;
  /** Said in the column when it has neither appointments nor free time. */
  emptyLabel: string;
  index: number;
  column: ColumnLayout;
  blocks: BlockViews;
  freeLabel: (resourceId: string, startMs: number, endMs: number) => string;
  height: number;
  /** "Rebook Dr. Lindqvist's day…": the header's action (also R on the keyboard in the column). */
  rebookLabel: string;
  /** Absent on a composed grid (the week): main's rebook proposal speaks of real days, not its columns. */
  onRebook: ((resourceId: string) => void) | null;
  /** The grid's scale (grid-scale.ts). */
  pxPerMinute: number;
  columnWidth: number;
}

export const ResourceColumn = memo(function ResourceColumn({ resourceId, name, countLabel, emptyLabel, index, column, blocks, freeLabel, height, rebookLabel, onRebook, pxPerMinute, columnWidth }: Props) {
  // One subscription per column, not per block: marks are rare, blocks are many.
  const marks = useOtherDeskMarks((state) => state.marks);
  return (
    <div role="row" className="col" data-resource-column={resourceId} aria-rowindex={index + 1} style={{ left: GUTTER_WIDTH + index * columnWidth, width: columnWidth, height: HEADER_HEIGHT + height }}>
      <div role="rowheader" className="col-head" title={`${name} · ${countLabel}`}>
        <span className="col-name">{name}</span>
        <span className="col-count" aria-hidden="true">
          {column.blocks.length}
        </span>
        {/* For the mouse: R in the column does the same from the keyboard (the toolbar's shortcuts
            say so), so the button stays out of the tab order and of the header's name (its glyph is CSS). */}
        {onRebook !== null && (
          <button type="button" className="icon-button col-action" tabIndex={-1} aria-hidden="true" onClick={() => onRebook(resourceId)} title={rebookLabel} data-testid="rebook-column" data-no-grid-gesture />
        )}
      </div>
      <div className="col-body" style={{ top: GRID_TOP, height: height - AXIS_PAD }}>
        {column.blocks.length === 0 && column.free.length === 0 && <p className="col-empty">{emptyLabel}</p>}
        {column.free.map((band) => (
          <FreeBand key={band.startMs} resourceId={resourceId} startMs={band.startMs} endMs={band.endMs} top={band.top} height={band.height} label={freeLabel(resourceId, band.startMs, band.endMs)} pxPerMinute={pxPerMinute} />
        ))}
        {column.blocks.map((block) => {
          const view = blocks.get(block.id);
          return view === undefined ? null : (
            <AppointmentBlock key={block.id} view={view} changedAt={marks.get(block.id) ?? null} top={block.top} height={block.height} lane={block.lane} lanes={block.lanes} pxPerMinute={pxPerMinute} columnWidth={columnWidth} />
          );
        })}
      </div>
    </div>
  );
});
