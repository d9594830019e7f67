// A modal dialog on the native <dialog> element: the browser traps focus, makes the rest of
// the page inert and closes on Esc; we label it and give focus back when it closes.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslate } from '../i18n/translate.ts';

interface Props {
  title: string;
  subtitle?: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
  testId?: string;
}

export function Dialog({ title, subtitle, onClose, children, footer, className, testId }: Props) {
  const t = useTranslate();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const subtitleId = useId();
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first focusable element, which is the close button; start where
    // the receptionist types instead: the first field, else the main action.
    const start = dialog.querySelector<HTMLElement>('.dialog-body input, .dialog-body textarea, .dialog-body select') ?? dialog.querySelector<HTMLElement>('button.primary');
    start?.focus();
    const onCancel = (event: Event): void => {
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog ref={ref} className={`dialog ${className ?? ''}`} aria-labelledby={titleId} aria-describedby={subtitle === undefined ? undefined : subtitleId} data-testid={testId}>
      <header className="dialog-header">
        <div>
          <h2 id={titleId}>{title}</h2>
          {subtitle !== undefined && (
            <p id={subtitleId} className="dialog-subtitle">
              {subtitle}
            </p>
          )}
        </div>
        <button type="button" className="icon-button dialog-close" onClick={onClose} aria-label={t('dialog.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {footer !== undefined && <footer className="dialog-footer">{footer}</footer>}
    </dialog>
  );
}
