// The toolbar's way into "the first free time", and its key: F alone, when the receptionist
// is not typing and no dialog is open (Ctrl+F belongs to the patient search).
import { useEffect } from 'react';
import { useTranslate } from '../i18n/translate.ts';
import { useUi } from './state/ui-store.ts';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);
}

function useFreeTimeKey(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'f' && event.key !== 'F') return;
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || useUi.getState().dialog !== null) return;
      event.preventDefault();
      useUi.getState().openDialog({ kind: 'free-time' });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function FreeTimeButton() {
  const t = useTranslate();
  const openDialog = useUi((state) => state.openDialog);
  useFreeTimeKey();
  return (
    <button type="button" onClick={() => openDialog({ kind: 'free-time' })} aria-haspopup="dialog" aria-keyshortcuts="F" title={`${t('freeTime.open')} (F)`} data-testid="free-time-button">
      {t('freeTime.open')}
    </button>
  );
}
