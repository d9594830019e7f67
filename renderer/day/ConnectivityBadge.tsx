// The header's promise that nothing is lost: online, or offline with how old the shown data
// is and how many changes wait to be sent; and, while Leyr (or a gateway in front of it) has
// asked to wait, until when. While the day's first fetch or its patients' names are on their
// way it says so ("Loading the day…", "Loading names… 120/1,400"), not "Online".
import { useEffect, useState } from 'react';
import { formatAge, formatClock } from '../i18n/format.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useTranslate } from '../i18n/translate.ts';
import { useConnectivity } from '../common/connectivity.ts';
import type { DaySnapshot } from '../../preload/contract/index.ts';
import { useDay } from './state/day-store.ts';

/** Appointments of the day with a patient, and how many of those still wait for the name. */
function nameCounts(base: DaySnapshot | null): { total: number; coming: number } {
  let total = 0;
  let coming = 0;
  if (base === null) return { total, coming };
  for (const view of base.appointments) {
    if (view.patientId === null) continue;
    total += 1;
    if (view.nameComing === true) coming += 1;
  }
  return { total, coming };
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The instant Leyr asked to wait until, while it is still ahead; null otherwise. Re-renders when it passes. */
function useWaitUntil(waitUntil: string | null | undefined): number | null {
  const until = waitUntil == null ? Number.NaN : Date.parse(waitUntil);
  const [now, setNow] = useState(() => Date.now());
  const ahead = Number.isFinite(until) && until > now;
  useEffect(() => {
    if (!Number.isFinite(until)) return;
    const left = until - Date.now();
    // Once more when the time has come (also when a new time arrives: `now` is refreshed).
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, left) + 50);
    return () => clearTimeout(timer);
  }, [until]);
  return ahead ? until : null;
}

export function ConnectivityBadge() {
  const t = useTranslate();
  const locale = useLocale((state) => state.locale);
  const connectivity = useConnectivity((state) => state.status);
  const fetchedAt = useDay((state) => state.base?.fetchedAt ?? null);
  const stale = useDay((state) => state.base?.stale ?? false);
  // Leyr answers (so the line is "online"), but the day's last read came back failed, e.g. the
  // EHR behind Leyr failing: the header says that, not a mere "may be out of date".
  const readFailed = useDay((state) => state.base?.lastFetchFailed === true);
  const snapshotPending = useDay((state) => state.base?.pendingCount ?? 0);
  const refresh = useDay((state) => state.refresh);
  const now = useNow(15_000);
  const zone = useDay((state) => state.zone);
  const waitUntil = useWaitUntil(connectivity?.waitUntil);
  const bridge = useConnectivity((state) => state.bridge);
  const state = connectivity?.state ?? 'unknown';
  // The first fetch of the day shown is on its way (a switch to another day keeps what was said until that day is in).
  const dayLoading = useDay((s) => s.base === null || (s.base.date === s.date && s.base.fetchedAt === null && s.base.lastFetchFailed !== true));
  const total = useDay((s) => nameCounts(s.base).total);
  const coming = useDay((s) => nameCounts(s.base).coming);
  const numbers = new Intl.NumberFormat(locale);
  // Loading is said only while Leyr answers: offline or slow, the header says that instead.
  const loading = state === 'online' || state === 'unknown' ? (dayLoading ? t('connectivity.loadingDay') : coming > 0 ? t('connectivity.loadingNames', { done: numbers.format(total - coming), total: numbers.format(total) }) : null) : null;
  const pending = connectivity?.pendingCount ?? snapshotPending;
  const age = fetchedAt === null ? null : formatAge(fetchedAt, now, locale);
  const parts: string[] = [];
  if ((state !== 'online' && state !== 'unknown') || readFailed) {
    if (readFailed) parts.push(t('connectivity.readFailed'));
    parts.push(age === null ? t('connectivity.dataNever') : age === 'recent' ? t('connectivity.dataRecent') : t('connectivity.dataAge', { age }));
  }
  // While the first fetch is on its way, "loading" says it all.
  else if (stale && !dayLoading) parts.push(t('connectivity.stale'));
  if (pending > 0) parts.push(t('connectivity.pending', { count: pending }));
  if (bridge !== 'connected') {
    // The window's own link to main is down: what main said last (Online or not) is not
    // current, so it is not shown. Reconnecting happens by itself; a reload cannot.
    return (
      <div className="connectivity connectivity-offline connectivity-disconnected" role="status" aria-live="polite" data-testid="connectivity" data-bridge={bridge}>
        <span className="connectivity-dot" aria-hidden="true" />
        <span className="connectivity-state">{t(bridge === 'reload' ? 'connectivity.reload' : 'connectivity.disconnected')}</span>
        {bridge === 'reload' && (
          <button type="button" className="link-button" onClick={() => window.location.reload()}>
            {t('connectivity.reloadButton')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className={`connectivity connectivity-${loading === null ? state : 'loading'}`} role="status" aria-live="polite" data-testid="connectivity" data-loading={loading === null ? undefined : dayLoading ? 'day' : 'names'}>
      <span className="connectivity-dot" aria-hidden="true" />
      <span className="connectivity-state">{loading ?? t(`connectivity.${state}`)}</span>
      {parts.length > 0 && <span className="connectivity-detail" title={parts.join(' · ')}>{parts.join(' · ')}</span>}
      {waitUntil !== null && (
        <span className="connectivity-wait" data-testid="connectivity-wait">
          {t('connectivity.waitUntil', { time: formatClock(waitUntil, zone, locale) })}
        </span>
      )}
      {(state !== 'online' || readFailed) && (
        <button type="button" className="link-button" onClick={() => void refresh()}>
          {t('connectivity.refresh')}
        </button>
      )}
    </div>
  );
}
