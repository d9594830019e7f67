// Which keys ask for undo or redo: Ctrl/Cmd+Z, and Ctrl/Cmd+Shift+Z or Ctrl+Y (as Windows has
// it) for redo. Pure, for the tests; state/undo-keys.ts listens.

export function undoKeyOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return null;
}
