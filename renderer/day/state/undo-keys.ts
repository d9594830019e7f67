// Ctrl/Cmd+Z undoes the window's last step, Ctrl/Cmd+Shift+Z (and Ctrl+Y, as Windows has it)
// redoes. Never while typing: a text field, or anything in an open dialog, keeps its own
// undo (the browser's, of what was typed).
import { useEffect } from 'react';
import { undoKeyOf } from '../model/undo-key.ts';
import { redoLast, undoLast } from './undo-actions.ts';
import { useUi } from './ui-store.ts';

/** Typing, or inside a dialog: Ctrl/Cmd+Z belongs to the field there. */
function fieldOwnsUndo(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable) return true;
  return target.closest('dialog, [role="dialog"], [role="alertdialog"]') !== null;
}

export function useUndoKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const wanted = undoKeyOf(event);
      if (wanted === null || event.defaultPrevented || event.repeat) return;
      if (fieldOwnsUndo(event.target) || useUi.getState().dialog !== null) return;
      event.preventDefault();
      void (wanted === 'undo' ? undoLast() : redoLast());
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
