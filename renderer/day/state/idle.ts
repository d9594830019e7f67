// Work that can wait: run it in the browser's idle time, when a frame has room to spare, so
// that it never delays a frame the receptionist is looking at (a drag, a scroll, a switch).
import { useDrag } from './drag-store.ts';

export interface IdleTask {
  cancel(): void;
}

/**
 * Runs `task` once an idle period has at least `needMs` left and no drag is in progress;
 * until then it keeps waiting. Without requestIdleCallback (older engines), after a pause.
 */
export function whenIdle(task: () => void, needMs: number): IdleTask {
  let cancelled = false;
  let handle = 0;
  const attempt = (deadline: IdleDeadline): void => {
    if (cancelled) return;
    if (deadline.timeRemaining() < needMs || useDrag.getState().active !== null) {
      handle = requestIdleCallback(attempt);
      return;
    }
    task();
  };
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(task, 200);
    return { cancel: () => clearTimeout(timer) };
  }
  handle = requestIdleCallback(attempt);
  return {
    cancel() {
      cancelled = true;
      cancelIdleCallback(handle);
    },
  };
}
