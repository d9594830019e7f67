// The toolbar's way into printing, and its key: Ctrl/Cmd+P opens the print dialog instead of
// the browser's own print of the screen (which would print the grid, not the list).
import { useEffect } from 'react';
import { useTranslate } from '../i18n/translate.ts';
import { useUi } from '../day/state/ui-store.ts';

export function PrintButton() {
  const t = useTranslate();
  const openDialog = useUi((state) => state.openDialog);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'p') return;
      event.preventDefault();
      if (useUi.getState().dialog === null) useUi.getState().openDialog({ kind: 'print' });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <button type="button" onClick={() => openDialog({ kind: 'print' })} aria-haspopup="dialog" aria-keyshortcuts="Control+P Meta+P" title={`${t('commentPrint.open')} (Ctrl+P)`} data-testid="print-button">
      {t('commentPrint.open')}
    </button>
  );
}
