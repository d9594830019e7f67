import type { AppInfo } from '../../preload/contract/index.ts';
import { ConnectivityBadge } from '../day/ConnectivityBadge.tsx';
import { startOver } from '../day/state/subscriptions.ts';
import { useUi } from '../day/state/ui-store.ts';
import { useLocale } from '../i18n/i18n.ts';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/locale.ts';
import { useTranslate } from '../i18n/translate.ts';
import { ModeBadge } from '../settings/ModeBadge.tsx';
import { SettingsDialog } from '../settings/SettingsDialog.tsx';
import { useSettings, useSettingsSync } from '../settings/settings-store.ts';
import { useAppStore } from './app-store.ts';

function runtimeDetails(info: AppInfo): string {
  return `${info.mode} · ${info.platform} · Node ${info.runtime.node}${info.runtime.electron === null ? '' : ` · Electron ${info.runtime.electron}`}`;
}

/** Main works for another clinic now: the day view starts over, and the app's facts are asked again. */
function clinicChanged(): void {
  startOver();
  void useAppStore.getState().load();
}

export function AppHeader() {
  const t = useTranslate();
  const info = useAppStore((state) => state.info);
  const error = useAppStore((state) => state.error);
  const language = useLocale((state) => state.language);
  // The language is a setting in main: the switch saves it there too.
  const setLanguage = useSettings((state) => state.setLanguage);
  const settingsOpen = useSettings((state) => state.open);
  const openSettings = useSettings((state) => state.openDialog);
  useSettingsSync(clinicChanged);
  return (
    <header className="app-header" role="banner">
      <h1 className="app-title">{t('app.title')}</h1>
      <ModeBadge demo={info?.demo ?? null} />
      <ConnectivityBadge />
      <span className="app-info" data-testid="app-info" title={info === null ? undefined : runtimeDetails(info)}>
        {/* The version is for the receptionist to quote; the rest is for support, on hover. */}
        {info !== null && (
          <>
            <button type="button" className="link-button" aria-haspopup="dialog" onClick={() => useUi.getState().openDialog({ kind: 'about' })} aria-label={`${t('about.open')}, v${info.version}`} title={t('about.open')} data-testid="open-about">
              {`v${info.version}`}
            </button>
            <span className="visually-hidden">{` · ${runtimeDetails(info)}`}</span>
          </>
        )}
        {error !== null && <span role="alert">{t('app.unreachable', { message: error.message })}</span>}
      </span>
      <div className="language-switch" role="group" aria-label={t('app.language')}>
        {LANGUAGES.map((code) => (
          <button key={code} type="button" lang={code} aria-pressed={language === code} onClick={() => void setLanguage(code)}>
            {LANGUAGE_NAMES[code]}
          </button>
        ))}
      </div>
      <button type="button" aria-haspopup="dialog" onClick={openSettings} disabled={info === null} data-testid="open-settings">
        {t('settings.open')}
      </button>
      {settingsOpen && <SettingsDialog />}
    </header>
  );
}
