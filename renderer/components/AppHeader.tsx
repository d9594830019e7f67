import { DateTime } from 'luxon';
import { useAppStore } from '../state/app-store.ts';

export function AppHeader() {
  const info = useAppStore((state) => state.info);
  const error = useAppStore((state) => state.error);
  const today = DateTime.local().toLocaleString(DateTime.DATE_HUGE);
  return (
    <header className="app-header" role="banner">
      <h1 className="app-title">Frontdesk</h1>
      <span className="app-today">{today}</span>
      {info?.demo === true && (
        <span className="demo-badge" role="status">
          Demo clinic – no real patients
        </span>
      )}
      <span className="app-info" data-testid="app-info">
        {info !== null && `v${info.version} · ${info.mode} · ${info.platform} · Node ${info.runtime.node}`}
        {error !== null && <span role="alert">Could not reach the app: {error.message}</span>}
      </span>
    </header>
  );
}
