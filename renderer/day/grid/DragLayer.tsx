// The ghost of a dragged block and its indicator. The ghost element is positioned by the
// pointer controller (a transform, no React); only the indicator's text renders, and only
// when the snapped target changes.
import type { Ref } from 'react';
import { formatTimeRange } from '../../i18n/format.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { useDay } from '../state/day-store.ts';
import { useDrag } from '../state/drag-store.ts';

function DragIndicator() {
  const active = useDrag((state) => state.active);
  const target = useDrag((state) => state.target);
  const zone = useDay((state) => state.zone);
  const locale = useLocale((state) => state.locale);
  if (active === null) return null;
  return (
    <>
      <span className="ghost-name">{active.patient}</span>
      {/* Where the block would land, in the block itself: the eye is on the ghost. */}
      {target !== null && target.resourceId !== '' && <span className="ghost-time">{formatTimeRange(target.startMs, target.endMs, zone, locale)}</span>}
      <span className="ghost-target" role="status" aria-live="assertive" data-testid="drag-indicator" data-valid={target?.valid === true ? 'true' : 'false'}>
        {target?.text ?? ''}
      </span>
    </>
  );
}

export function DragGhost({ ref }: { ref: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} className="drag-ghost" hidden data-no-grid-gesture data-testid="drag-ghost">
      <DragIndicator />
    </div>
  );
}

/**
 * Covers the grid during a drag or lasso, so that the pointer is over one empty element:
 * nothing under it hovers or gets hit-tested, and the cursor is set here rather than on the
 * grid (which would restyle every block at the start and end of each gesture).
 */
export function GestureShield({ ref }: { ref: Ref<HTMLDivElement> }) {
  return <div ref={ref} className="gesture-shield" hidden aria-hidden="true" />;
}

export function LassoRect({ ref }: { ref: Ref<HTMLDivElement> }) {
  return <div ref={ref} className="lasso" hidden aria-hidden="true" data-testid="lasso" />;
}
