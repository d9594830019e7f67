// After main reloaded a window whose page had died or hung (main/electron/window-recovery.ts),
// the address says so (`?recovered=gone|hung`): the receptionist is told once, and the mark
// is taken out of the address so that a later reload does not say it again.
import { useNotices } from '../common/notices.ts';
import { useLocale } from '../i18n/i18n.ts';

const KEYS = { gone: 'breakage.recoveredGone', hung: 'breakage.recoveredHung' } as const;

export function announceRecovery(): void {
  const url = new URL(window.location.href);
  const reason = url.searchParams.get('recovered');
  if (reason !== 'gone' && reason !== 'hung') return;
  url.searchParams.delete('recovered');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  useNotices.getState().notify('info', useLocale.getState().t(KEYS[reason]));
}
