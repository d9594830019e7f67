// The ghost of a dragged block and its indicator. The ghost element is positioned by the
// pointer controller (a transform, no React); only the indicator's text renders, and only
// when the snapped target changes.
import type { Ref } from 'react';
import { useDrag } from '../state/drag-store.ts';

function DragIndicator() {
  const active = useDrag((state) => state.active);
  const target = useDrag((state) => state.target);
  if (active === null) return null;
  return (
    <>
      <span className="ghost-name">{active.patient}</span>
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

export function LassoRect({ ref }: { ref: Ref<HTMLDivElement> }) {
  return <div ref={ref} className="lasso" hidden aria-hidden="true" data-testid="lasso" />;
}
