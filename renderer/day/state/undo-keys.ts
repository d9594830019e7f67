// Ctrl/Cmd+Z undoes the window's last step, Ctrl/Cmd+Shift+Z (and Ctrl+Y, as Windows has it)
// redoes. Never while typing: a text field, or anything in an open dialog, keeps its own
// undo (the browser's, of what was typed).
import { useEffect } from 'react';
import { undoKeyOf } from '../model/undo-key.ts';
import { redoLast, undoLast } from './undo-actions.ts';
import { useUi } from './ui-store.ts';

/** Typing, or inside a dialog: Ctrl/Cmd+Z belongs to the field there. */
export function fieldOwnsUndo(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable) return true;
  return target.closest('dialog, [role="dialog"], [role="alertdialog"]') !== null;
}

/**
 * The desktop app's Edit › Undo / Redo (whose keys the menu takes before the page on macOS):
 * the field being typed in undoes its text, else the window's last step, as the keys do.
 */
export function undoFromMenu(which: 'undo' | 'redo'): void {
  if (fieldOwnsUndo(document.activeElement)) {
    // The browser's own undo of what was typed (execCommand is the one way a page asks for it).
    document.execCommand(which);
    return;
  }
  if (useUi.getState().dialog !== null) return;
  void (which === 'undo' ? undoLast() : redoLast());
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
