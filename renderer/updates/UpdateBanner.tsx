// The updater in the window: a new version being downloaded (with its progress), then
// "Restart to update" once it is ready. The restart waits while changes are unsent or a dialog
// is open (main decides, updater/decisions.ts), and the banner says which. Nothing shows while
// there is nothing to say (up to date, checking, or no updater here: the web host).
import { useEffect, useId } from 'react';
import type { UpdateStatus } from '../../preload/contract/index.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useTranslate, type Translate } from '../i18n/translate.ts';
import { bannerKey, startUpdateStatus, useUpdates } from './update-store.ts';

function holdText(status: Extract<UpdateStatus, { state: 'ready' }>, t: Translate): string | null {
  if (status.hold === null) return null;
  return status.hold.reason === 'pending-changes' ? t('updates.heldPending', { count: status.hold.pendingChanges }) : t('updates.heldDialog');
}

export function UpdateBanner() {
  const t = useTranslate();
  const locale = useLocale((state) => state.locale);
  const status = useUpdates((state) => state.status);
  const laterFor = useUpdates((state) => state.laterFor);
  const restartFailed = useUpdates((state) => state.restartFailed);
  const restart = useUpdates((state) => state.restart);
  const later = useUpdates((state) => state.later);
  const reasonId = useId();
  useEffect(() => startUpdateStatus(), []);
  if (status === null || laterFor === bannerKey(status)) return null;
  const percent = (value: number): string => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);

  let body: React.ReactNode = null;
  switch (status.state) {
    case 'available':
      body = <span>{t('updates.available', { version: status.version })}</span>;
      break;
    case 'downloading':
      body = (
        <>
          <span>{t('updates.downloading', { version: status.version })}</span>
          <progress max={100} value={status.percent} aria-label={t('updates.progress', { version: status.version })} data-testid="update-progress" />
          <span className="update-percent">{percent(status.percent)}</span>
        </>
      );
      break;
    case 'ready': {
      const held = holdText(status, t);
      body = (
        <>
          <span>{t('updates.ready', { version: status.version })}</span>
          {held !== null && (
            <span id={reasonId} className="update-hold" data-testid="update-hold">
              {held}
            </span>
          )}
          {restartFailed && <span className="update-hold">{t('updates.restartFailed')}</span>}
          <button type="button" className="primary" onClick={() => void restart()} disabled={held !== null} aria-describedby={held !== null ? reasonId : undefined} data-testid="update-restart">
            {t('updates.restart')}
          </button>
          <button type="button" onClick={later}>
            {t('updates.later')}
          </button>
        </>
      );
      break;
    }
    case 'restarting':
      body = <span>{t('updates.restarting', { version: status.version })}</span>;
      break;
    case 'failed':
      // A check that could not reach the server is not the receptionist's concern.
      if (status.phase === 'check') return null;
      body = (
        <>
          <span>{t(status.phase === 'download' ? 'updates.downloadFailed' : 'updates.installFailed')}</span>
          <button type="button" onClick={later}>
            {t('updates.dismiss')}
          </button>
        </>
      );
      break;
    default:
      return null;
  }
  return (
    <div role="status" aria-live="polite" className="update-banner" data-testid="update-banner" data-state={status.state}>
      {body}
    </div>
  );
}
