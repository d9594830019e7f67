// The week view: its toolbar (Day ⇄ Week, previous / this / next week, 5 or 7 days, the
// resources shown), the day's grid over the week's composition, and the day's selection bar
// (a multi-selection across days cancels as on the day). PageUp/PageDown go a week back/on.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { DateTime } from 'luxon';
import { Notices } from '../common/Notices.tsx';
import { careUnitNow } from '../common/care-unit-clock.ts';
import { addDays, todayIn } from '../i18n/format.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useTranslate } from '../i18n/translate.ts';
import { SelectionBar } from '../day/SelectionBar.tsx';
import { ViewSwitch } from '../day/ViewSwitch.tsx';
import { DayGrid } from '../day/grid/DayGrid.tsx';
import { errorText } from '../day/state/actions.ts';
import { useDay } from '../day/state/day-store.ts';
import { useFocusRequest } from '../day/state/focus-request.ts';
import { useUi } from '../day/state/ui-store.ts';
import { useUndoKeys } from '../day/state/undo-keys.ts';
import { focusedAppointmentId, useViewMode } from '../day/state/view-mode.ts';
import { chosenResources } from './week-compose.ts';
import { mondayOf, useWeek, weekDates } from './week-store.ts';

/** From the day to the week around it, keeping the appointment that has focus (the day's Week button). */
export function enterWeek(keep: string | null): void {
  void useWeek.getState().enterWeek(useDay.getState().date, keep);
}

/** Back to the day: the focused appointment's own day, with it focused; else the week's first day (or today in it). */
function toDay(): void {
  const id = focusedAppointmentId();
  const { model, lens, zone } = useDay.getState();
  const shown = id === null ? undefined : model?.appointments.get(id)?.view;
  const real = shown === undefined || lens === null ? null : lens.toReal(shown);
  const dates = weekDates(useWeek.getState().from, useWeek.getState().days);
  const today = todayIn(zone, careUnitNow());
  const date = real !== null ? DateTime.fromISO(real.start, { zone }).toISODate() ?? dates[0] : dates.includes(today) ? today : dates[0];
  if (date === undefined) return;
  useViewMode.getState().setMode('day');
  void useDay.getState().openDay(date);
  if (id !== null) useFocusRequest.getState().ask({ date, appointmentId: id });
}

/**
 * Escape closes the resource picker and gives focus back to its button, as a menu's would:
 * wherever focus is (ticking a resource redraws the week, and focus may have left the list).
 */
function useEscapeCloses(ref: RefObject<HTMLDetailsElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const picker = ref.current;
      if (event.key !== 'Escape' || picker === null || !picker.open) return;
      picker.open = false;
      picker.querySelector('summary')?.focus();
      event.preventDefault();
      event.stopPropagation();
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [ref]);
}

function WeekToolbar() {
  const t = useTranslate();
  const picker = useRef<HTMLDetailsElement>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  useEscapeCloses(picker);
  const locale = useLocale((state) => state.locale);
  const from = useWeek((state) => state.from);
  const days = useWeek((state) => state.days);
  const loading = useWeek((state) => state.loading);
  const chosen = useWeek((state) => state.resourceIds);
  const zone = useDay((state) => state.zone);
  const all = useWeek((state) => state.resources);
  const effective = chosenResources(all, chosen).map((r) => r.id);
  const start = DateTime.fromISO(from, { locale });
  const end = DateTime.fromISO(addDays(from, days - 1), { locale });
  const thisWeek = mondayOf(todayIn(zone, careUnitNow()));
  const open = (next: string): void => void useWeek.getState().openWeek(next);
  const toggle = (id: string, on: boolean): void => {
    const next = on ? [...effective, id] : effective.filter((x) => x !== id);
    if (next.length > 0) useWeek.getState().setResources(all.filter((r) => next.includes(r.id)).map((r) => r.id));
  };
  return (
    <nav className="day-toolbar" aria-label={t('week.label')}>
      <div className="day-nav">
        <ViewSwitch onSwitch={(mode) => mode === 'day' && toDay()} />
        <button type="button" className="icon-button" onClick={() => open(addDays(from, -7))} aria-label={t('week.previous')} title={`${t('week.previous')} (PageUp)`} aria-keyshortcuts="PageUp">
          <span aria-hidden="true">‹</span>
        </button>
        <button type="button" onClick={() => open(thisWeek)} disabled={from === thisWeek}>
          {t('week.thisWeek')}
        </button>
        <button type="button" className="icon-button" onClick={() => open(addDays(from, 7))} aria-label={t('week.next')} title={`${t('week.next')} (PageDown)`} aria-keyshortcuts="PageDown">
          <span aria-hidden="true">›</span>
        </button>
        <h2 className="day-title" aria-live="polite" data-testid="week-title">
          <span className="day-title-text">{t('week.title', { number: start.weekNumber, from: start.toFormat('d MMM'), to: end.toFormat('d MMM') })}</span>
        </h2>
        {loading && <span className="spinner" role="progressbar" aria-label={t('week.loading')} />}
      </div>
      <div className="day-options">
        <label className="check">
          {t('week.length')}{' '}
          <select value={days} onChange={(event) => useWeek.getState().setDays(event.target.value === '7' ? 7 : 5)} data-testid="week-length">
            <option value="5">{t('week.five')}</option>
            <option value="7">{t('week.seven')}</option>
          </select>
        </label>
        {/* The list is made when opened: a big clinic's eighty checkboxes were a third of what the week draws as it opens. */}
        <details className="shortcuts week-resources" ref={picker} onToggle={(event) => setPickerOpen(event.currentTarget.open)}>
          <summary>{t('week.resources', { count: effective.length })}</summary>
          <fieldset>
            <legend className="visually-hidden">{t('week.resourcesLabel')}</legend>
            {pickerOpen && all.map((resource) => (
              <label key={resource.id} className="check">
                <input type="checkbox" checked={effective.includes(resource.id)} onChange={(event) => toggle(resource.id, event.target.checked)} />
                {resource.name ?? resource.id}
              </label>
            ))}
          </fieldset>
        </details>
      </div>
    </nav>
  );
}

function useWeekShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || useUi.getState().dialog !== null) return;
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
      const week = useWeek.getState();
      if (event.key === 'PageUp') void week.openWeek(addDays(week.from, -7));
      else if (event.key === 'PageDown') void week.openWeek(addDays(week.from, 7));
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function WeekView() {
  const t = useTranslate();
  const model = useDay((state) => (state.lens !== null ? state.model : null));
  const error = useWeek((state) => state.error);
  const loading = useWeek((state) => state.loading);
  useWeekShortcuts();
  useUndoKeys();
  return (
    <>
      <WeekToolbar />
      <main className="app-main" aria-label={t('week.view')} aria-busy={loading} data-testid="week-view">
        {error !== null && (
          <div className="day-error" role="alert">
            {t('week.error', { message: errorText(error) })}
          </div>
        )}
        {model !== null ? <DayGrid model={model} /> : loading && <p className="grid-empty">{t('week.loading')}</p>}
        <Notices />
      </main>
      {model !== null && <SelectionBar model={model} />}
    </>
  );
}
