// The day view: toolbar, grid, selection bar and notices (its dialogs are drawn by the app's
// DialogHost, right after it); the day-wide keyboard shortcuts; and the watcher that opens
// the code entry when a booking awaits confirmation.
import { useEffect, useRef } from 'react';
import { addDays, todayIn } from '../i18n/format.ts';
import { useTranslate } from '../i18n/translate.ts';
import { Notices } from '../common/Notices.tsx';
import { DayToolbar, DATE_INPUT_ID } from './DayToolbar.tsx';
import { SelectionBar } from './SelectionBar.tsx';
import { DayGrid } from './grid/DayGrid.tsx';
import { bookedAppointment } from './model/booking-watch.ts';
import { errorText } from './state/actions.ts';
import { useDay } from './state/day-store.ts';
import { useSelection } from './state/selection-store.ts';
import { startSubscriptions } from './state/subscriptions.ts';
import { useUi } from './state/ui-store.ts';
import { useUndoKeys } from './state/undo-keys.ts';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);
}

function useDayShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || isTyping(event.target) || useUi.getState().dialog !== null) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const day = useDay.getState();
      switch (event.key) {
        case 'PageUp':
          void day.openDay(addDays(day.date, -1));
          break;
        case 'PageDown':
          void day.openDay(addDays(day.date, 1));
          break;
        case 't':
        case 'T':
          void day.openDay(todayIn(day.zone));
          break;
        case 'g':
        case 'G':
          document.getElementById(DATE_INPUT_ID)?.focus();
          break;
        case 'Escape':
          useSelection.getState().clear();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Opens the code entry once for a booking Leyr answered with `awaiting_confirmation`. */
function useBookingConfirmation(): void {
  const handled = useRef(new Set<string>());
  const model = useDay((state) => state.model);
  const operations = useUi((state) => state.operations);
  useEffect(() => {
    if (model === null) return;
    for (const operation of operations) {
      if (operation.kind !== 'book' || handled.current.has(operation.changeId)) continue;
      const booked = bookedAppointment(operation, model.snapshot.appointments);
      if (booked === null) continue;
      handled.current.add(operation.changeId);
      const ui = useUi.getState();
      if (booked.status === 'awaiting_confirmation' && ui.dialog === null) ui.openDialog({ kind: 'code', appointmentId: booked.id, purpose: 'booking' });
    }
  }, [model, operations]);
}

function initialDate(): string | null {
  const param = new URLSearchParams(window.location.search).get('date');
  return param !== null && /^\d{4}-\d{2}-\d{2}$/.test(param) ? param : null;
}

let firstDayAsked = false;

/**
 * Subscribes to main's events and asks for the first day, once. Called as the page's script
 * starts (renderer/main.tsx), before React's first render: main starts fetching the day from
 * Leyr meanwhile, which on a first start is the wait before anything can be drawn. The
 * subscriptions come first, so that no snapshot of that fetch is missed.
 */
export function openFirstDay(): void {
  if (firstDayAsked) return;
  firstDayAsked = true;
  startSubscriptions();
  const day = useDay.getState();
  void day.openDay(initialDate() ?? todayIn(day.zone));
}

/** `onWeek`: the Week button (the week is a view above the day's: renderer/week/). */
export function DayView({ onWeek }: { onWeek(keep: string | null): void }) {
  const t = useTranslate();
  const model = useDay((state) => state.model);
  const loading = useDay((state) => state.loading);
  const error = useDay((state) => state.error);
  const switching = useDay((state) => state.model !== null && state.model.snapshot.date !== state.date);
  // Items of the day Leyr sent that could not be read: the rest is shown, and how many are missing said.
  const unreadable = useDay((state) => (state.base !== null && state.base.date === state.date ? state.base.unreadable : 0));
  useDayShortcuts();
  useUndoKeys();
  useBookingConfirmation();
  useEffect(openFirstDay, []);
  return (
    <>
      <DayToolbar onWeek={onWeek} />
      <main className="app-main" aria-label={t('app.dayView')} aria-busy={loading}>
        {/* An overlay rather than a class on the grid: restyling thousands of blocks would cost more than the wait. */}
        {switching && <div className="switching-veil" aria-hidden="true" />}
        {error !== null && (
          <div className="day-error" role="alert">
            <span>{t('app.dayError', { message: errorText(error) })}</span>
            <button type="button" onClick={() => void useDay.getState().openDay(useDay.getState().date)}>
              {t('app.retry')}
            </button>
          </div>
        )}
        {unreadable > 0 && (
          <p className="day-unreadable" role="status" title={t('app.unreadableHint')} data-testid="day-unreadable">
            {t('app.unreadable', { count: unreadable })}
            <span className="visually-hidden">{` ${t('app.unreadableHint')}`}</span>
          </p>
        )}
        {model !== null ? <DayGrid model={model} /> : loading && <p className="grid-empty">{t('app.loading')}</p>}
        {/* Inside the day's area, so that they sit above the selection bar, never over it. */}
        <Notices />
      </main>
      {model !== null && <SelectionBar model={model} />}
    </>
  );
}
