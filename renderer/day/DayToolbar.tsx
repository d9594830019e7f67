// Day navigation and view options: previous / today / next, a date picker, cancelled
// appointments shown or not, and the column chooser.
import { addDays, formatDateLong, todayIn } from '../i18n/format.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useTranslate } from '../i18n/translate.ts';
import { DateField } from '../common/DateField.tsx';
import { FreeTimeButton } from './FreeTimeButton.tsx';
import { PrintButton } from '../print/PrintButton.tsx';
import { FindBox } from './FindBox.tsx';
import { LookMenu } from './LookMenu.tsx';
import { useDay } from './state/day-store.ts';
import { useUi } from './state/ui-store.ts';
import { focusedAppointmentId } from './state/view-mode.ts';
import { ViewSwitch } from './ViewSwitch.tsx';

export const DATE_INPUT_ID = 'day-date-input';

/** `onWeek`: opens the week around the day, keeping the appointment that has focus (renderer/week/). */
export function DayToolbar({ onWeek }: { onWeek(keep: string | null): void }) {
  const t = useTranslate();
  const locale = useLocale((state) => state.locale);
  const date = useDay((state) => state.date);
  const zone = useDay((state) => state.zone);
  const loading = useDay((state) => state.loading);
  const showCancelled = useDay((state) => state.showCancelled);
  const hiddenCount = useDay((state) => state.prefs.hidden.filter((id) => state.base?.resources.some((r) => r.id === id) ?? false).length);
  const openDay = useDay((state) => state.openDay);
  const setShowCancelled = useDay((state) => state.setShowCancelled);
  const openDialog = useUi((state) => state.openDialog);
  const today = todayIn(zone);
  return (
    <nav className="day-toolbar" aria-label={t('nav.label')}>
      <div className="day-nav">
        <ViewSwitch onSwitch={(mode) => mode === 'week' && onWeek(focusedAppointmentId())} />
        <button type="button" className="icon-button" onClick={() => void openDay(addDays(date, -1))} aria-label={t('nav.previous')} title={`${t('nav.previous')} (PageUp)`} aria-keyshortcuts="PageUp">
          <span aria-hidden="true">‹</span>
        </button>
        <button type="button" onClick={() => void openDay(today)} aria-keyshortcuts="T" title={`${t('nav.today')} (T)`} disabled={date === today}>
          {t('nav.today')}
        </button>
        <button type="button" className="icon-button" onClick={() => void openDay(addDays(date, 1))} aria-label={t('nav.next')} title={`${t('nav.next')} (PageDown)`} aria-keyshortcuts="PageDown">
          <span aria-hidden="true">›</span>
        </button>
        <h2 className="day-title" aria-live="polite" data-testid="day-title">
          {/* Capitalised by CSS only: the text stays as the language writes it, mid-sentence too. */}
          <span className="day-title-text">{formatDateLong(date, zone, locale)}</span>
          {date === today && <span className="today-chip">{t('nav.today')}</span>}
        </h2>
        <DateField id={DATE_INPUT_ID} date={date} locale={locale} onDate={(next) => void openDay(next)} />
        {loading && <span className="spinner" role="progressbar" aria-label={t('app.loading')} />}
      </div>
      <div className="day-options">
        <FreeTimeButton />
        <FindBox />
        <label className="check">
          <input type="checkbox" checked={showCancelled} onChange={(event) => setShowCancelled(event.target.checked)} />
          {t('nav.showCancelled')}
        </label>
        <button type="button" onClick={() => openDialog({ kind: 'columns' })} aria-haspopup="dialog">
          {t('nav.columns')}
          {hiddenCount > 0 && <span className="count-chip">{t('columns.hiddenCount', { count: hiddenCount })}</span>}
        </button>
        <LookMenu />
        <PrintButton />
        <details className="shortcuts">
          <summary>{t('nav.shortcuts')}</summary>
          <p>{t('nav.shortcutsHelp')}</p>
          <p>{t('rebook.shortcut')}</p>
        </details>
      </div>
    </nav>
  );
}
