// The header's promise that nothing is lost: online, or offline with how old the shown data
// is and how many changes wait to be sent.
import { useEffect, useState } from 'react';
import { formatAge } from '../i18n/format.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useTranslate } from '../i18n/translate.ts';
import { useConnectivity } from '../common/connectivity.ts';
import { useDay } from './state/day-store.ts';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function ConnectivityBadge() {
  const t = useTranslate();
  const locale = useLocale((state) => state.locale);
  const connectivity = useConnectivity((state) => state.status);
  const fetchedAt = useDay((state) => state.base?.fetchedAt ?? null);
  const stale = useDay((state) => state.base?.stale ?? false);
  const snapshotPending = useDay((state) => state.base?.pendingCount ?? 0);
  const refresh = useDay((state) => state.refresh);
  const now = useNow(15_000);
  const state = connectivity?.state ?? 'unknown';
  const pending = connectivity?.pendingCount ?? snapshotPending;
  const age = fetchedAt === null ? null : formatAge(fetchedAt, now, locale);
  const parts: string[] = [];
  if (state !== 'online' && state !== 'unknown') {
    parts.push(age === null ? t('connectivity.dataNever') : age === 'recent' ? t('connectivity.dataRecent') : t('connectivity.dataAge', { age }));
  }
  else if (stale) parts.push(t('connectivity.stale'));
  if (pending > 0) parts.push(t('connectivity.pending', { count: pending }));
  return (
    <div className={`connectivity connectivity-${state}`} role="status" aria-live="polite" data-testid="connectivity">
      <span className="connectivity-dot" aria-hidden="true" />
      <span className="connectivity-state">{t(`connectivity.${state}`)}</span>
      {parts.length > 0 && <span className="connectivity-detail">{parts.join(' · ')}</span>}
      {state !== 'online' && (
        <button type="button" className="link-button" onClick={() => void refresh()}>
          {t('connectivity.refresh')}
        </button>
      )}
    </div>
  );
}
