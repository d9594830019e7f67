// "About Frontdesk": the version to quote to support, where Leyr stands (the line's state,
// the clinic, Leyr's last answer) and the updater's word, with a check on request. Opened from
// the desktop app's Help (or app) menu and from the version in the header.
import type { UpdateStatus } from '../../preload/contract/index.ts';
import { useConnectivity } from '../common/connectivity.ts';
import { Dialog } from '../common/Dialog.tsx';
import { useLocale } from '../i18n/i18n.ts';
import { useTranslate, type Translate } from '../i18n/translate.ts';
import { useSettings } from '../settings/settings-store.ts';
import { useUpdates } from '../updates/update-store.ts';
import { useAppStore } from './app-store.ts';

function updateWords(status: UpdateStatus | null, t: Translate): string {
  switch (status?.state) {
    case undefined:
    case 'unavailable':
      return t('about.noUpdater');
    case 'idle':
      // "Up to date" only once a check has said so.
      return status.lastCheckedAt === null ? t('about.notChecked') : t('about.upToDate');
    case 'checking':
      return t('about.checking');
    case 'available':
      return t('updates.available', { version: status.version });
    case 'downloading':
      return `${t('updates.downloading', { version: status.version })} ${status.percent} %`;
    case 'ready':
      return t('updates.ready', { version: status.version });
    case 'restarting':
      return t('updates.restarting', { version: status.version });
    case 'failed':
      return t(status.phase === 'install' ? 'updates.installFailed' : status.phase === 'download' ? 'updates.downloadFailed' : 'about.checkFailed');
  }
}

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslate();
  const locale = useLocale((state) => state.locale);
  const info = useAppStore((state) => state.info);
  const connectivity = useConnectivity((state) => state.status);
  const mode = useSettings((state) => state.view?.mode ?? null);
  const status = useUpdates((state) => state.status);
  const check = useUpdates((state) => state.check);
  const restart = useUpdates((state) => state.restart);
  const when = (iso: string | null): string => (iso === null ? t('about.never') : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)));
  const canCheck = status?.state === 'idle' || status?.state === 'failed';
  return (
    <Dialog
      title={t('about.title')}
      onClose={onClose}
      testId="about-dialog"
      footer={
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('about.close')}
        </button>
      }
    >
      <dl className="about-facts">
        <dt>{t('about.version')}</dt>
        <dd data-testid="about-version">{info?.version ?? '…'}</dd>
        <dt>{t('about.leyr')}</dt>
        <dd data-testid="about-leyr">{t(`connectivity.${connectivity?.state ?? 'unknown'}`)}</dd>
        <dt>{t('about.clinic')}</dt>
        <dd>{mode === null ? '…' : mode.mode === 'demo' ? t('about.demo') : (mode.careUnitName ?? mode.careUnitId)}</dd>
        <dt>{t('about.lastAnswer')}</dt>
        <dd>{when(connectivity?.lastSuccessAt ?? null)}</dd>
        <dt>{t('about.updates')}</dt>
        <dd data-testid="about-updates">
          {updateWords(status, t)}
          {status?.lastCheckedAt != null && status.state === 'idle' && ` · ${t('about.lastChecked', { time: when(status.lastCheckedAt) })}`}
          {/* Also after "Later" hid the banner. About is a dialog, so main holds the restart
              while it is open: it closes first, then asks. */}
          {status?.state === 'ready' && (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onClose();
                  setTimeout(() => void restart(), 0);
                }}
              >
                {t('updates.restart')}
              </button>
            </>
          )}
          {canCheck && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => void check()}>
                {t('about.check')}
              </button>
            </>
          )}
        </dd>
        {info !== null && (
          <>
            <dt>{t('about.runtime')}</dt>
            <dd>{`${info.platform} · Node ${info.runtime.node}${info.runtime.electron === null ? '' : ` · Electron ${info.runtime.electron}`}`}</dd>
          </>
        )}
      </dl>
    </Dialog>
  );
}
