// The header's word on which clinic is in use: the demo badge ("Demo clinic – no real
// patients") in demo mode, with the reason when an account is set up but cannot be used
// (keychain unavailable, secret missing); the clinic's name otherwise. And, when another
// clinic's changes wait to be sent, that they do.
import { useTranslate } from '../i18n/translate.ts';
import { useSettings } from './settings-store.ts';

/** `demo`: getAppInfo's word on whether the demo runs (null until main has answered). */
export function ModeBadge({ demo }: { demo: boolean | null }) {
  const mode = useSettings((state) => state.view?.mode ?? null);
  return (
    <>
      <ClinicInUse infoDemo={demo} />
      {mode?.waiting.map((waiting) => <WaitingChanges key={`${waiting.demo}-${waiting.clinic}`} clinic={waiting.clinic} demo={waiting.demo} count={waiting.count} />)}
    </>
  );
}

/** Changes of a clinic not in use wait in the store: they go out when it is used again. */
function WaitingChanges({ clinic, demo, count }: { clinic: string; demo: boolean; count: number }) {
  const t = useTranslate();
  const name = demo ? t('settings.clinic.demoClinic') : clinic;
  return (
    <span className="mode-waiting" title={t('settings.clinic.waiting', { count, clinic: name })} data-testid="mode-waiting">
      {t('settings.mode.waiting', { count, clinic: name })}
    </span>
  );
}

function ClinicInUse({ infoDemo }: { infoDemo: boolean | null }) {
  const t = useTranslate();
  const mode = useSettings((state) => state.view?.mode ?? null);
  // Until main has told the settings, getAppInfo's flag says whether the demo runs.
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
  // Never the raw id: until main knows the name (the first catalog fetch; it pushes the
  // settings then) the badge says "Care unit".
  return (
    <span className="clinic-name" data-testid="clinic-name">
      {mode.careUnitName ?? t('settings.mode.careUnit')}
    </span>
  );
}
