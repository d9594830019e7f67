// What just happened, said once: results and refusals appear here and are read out by
// screen readers (errors assertively). Errors stay until dismissed.
import { useTranslate } from '../i18n/translate.ts';
import { useNotices, type NoticeAction } from './notices.ts';

/** The notice's one action (Undo): done once, then the notice goes. */
function NoticeButton({ notice, action, dismiss }: { notice: { id: number }; action: NoticeAction; dismiss(id: number): void }) {
  return (
    <button
      type="button"
      className="link-button notice-action"
      onClick={() => {
        dismiss(notice.id);
        action.run();
      }}
    >
      {action.label}
    </button>
  );
}

export function Notices() {
  const t = useTranslate();
  const notices = useNotices((state) => state.notices);
  const dismiss = useNotices((state) => state.dismissNotice);
  const errors = notices.filter((notice) => notice.level === 'error');
  const others = notices.filter((notice) => notice.level !== 'error');
  return (
    <div className="notices" data-testid="notices">
      <div role="status" aria-live="polite" className="notice-stack">
        {others.map((notice) => (
          <div key={notice.id} className={`notice notice-${notice.level}`} data-testid="notice">
            <span>{notice.text}</span>
            {notice.action !== undefined && <NoticeButton notice={notice} action={notice.action} dismiss={dismiss} />}
          </div>
        ))}
      </div>
      <div className="notice-stack">
        {errors.map((notice) => (
          <div key={notice.id} role="alert" className="notice notice-error" data-testid="notice-error">
            <span>{notice.text}</span>
            {notice.action !== undefined && <NoticeButton notice={notice} action={notice.action} dismiss={dismiss} />}
            <button type="button" className="icon-button" onClick={() => dismiss(notice.id)} aria-label={t('dialog.close')}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
