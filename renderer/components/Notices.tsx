// What just happened, said once: results and refusals appear here and are read out by
// screen readers (errors assertively). Errors stay until dismissed.
import { useTranslation } from 'react-i18next';
import { useUi } from '../state/ui-store.ts';

export function Notices() {
  const { t } = useTranslation();
  const notices = useUi((state) => state.notices);
  const dismiss = useUi((state) => state.dismissNotice);
  const errors = notices.filter((notice) => notice.level === 'error');
  const others = notices.filter((notice) => notice.level !== 'error');
  return (
    <div className="notices" data-testid="notices">
      <div role="status" aria-live="polite" className="notice-stack">
        {others.map((notice) => (
          <div key={notice.id} className={`notice notice-${notice.level}`}>
            <span>{notice.text}</span>
          </div>
        ))}
      </div>
      <div className="notice-stack">
        {errors.map((notice) => (
          <div key={notice.id} role="alert" className="notice notice-error" data-testid="notice-error">
            <span>{notice.text}</span>
            <button type="button" className="icon-button" onClick={() => dismiss(notice.id)} aria-label={t('dialog.close')}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
