// The header's word on which clinic is in use: the demo badge ("Demo clinic – no real
// patients") in demo mode, with the reason when an account is set up but cannot be used
// (keychain unavailable, secret missing); the clinic's name otherwise. And, when another
// clinic's changes wait to be sent, that they do.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store.ts';
import { useSettings } from './settings-store.ts';

export function ModeBadge() {
  const mode = useSettings((state) => state.view?.mode ?? null);
  return (
    <>
      <ClinicInUse />
      {mode?.waiting.map((waiting) => <WaitingChanges key={`${waiting.demo}-${waiting.clinic}`} clinic={waiting.clinic} demo={waiting.demo} count={waiting.count} />)}
    </>
  );
}

/** Changes of a clinic not in use wait in the store: they go out when it is used again. */
function WaitingChanges({ clinic, demo, count }: { clinic: string; demo: boolean; count: number }) {
  const { t } = useTranslation();
  const name = demo ? t('settings.clinic.demoClinic') : clinic;
  return (
    <span className="mode-waiting" title={t('settings.clinic.waiting', { count, clinic: name })} data-testid="mode-waiting">
      {t('settings.mode.waiting', { count, clinic: name })}
    </span>
  );
}

function ClinicInUse() {
  const { t } = useTranslation();
  const mode = useSettings((state) => state.view?.mode ?? null);
  // Until main has told the settings, getAppInfo's flag says whether the demo runs.
  const infoDemo = useAppStore((state) => state.info?.demo ?? null);
  const showDemo = mode !== null ? mode.mode === 'demo' : infoDemo === true;
  if (showDemo) {
    return (
      <>
        <span className="demo-badge" role="note" data-testid="demo-badge">
          {t('app.demoBadge')}
        </span>
        {mode?.reason != null && (
          <span className="mode-reason" title={mode.reason} data-testid="mode-reason">
            <span className="visually-hidden">{t('settings.mode.reasonLabel')}: </span>
            {mode.reason}
          </span>
        )}
      </>
    );
  }
  if (mode === null || mode.mode !== 'account') return null;
  return (
    <span className="clinic-name" data-testid="clinic-name">
      {mode.careUnitName ?? mode.careUnitId}
    </span>
  );
}
