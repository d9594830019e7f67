// The find box in the day toolbar (issue 13, "I need to cancel my appointment"): Ctrl/Cmd+F
// focuses it. What is typed is matched at once against the open day's appointments, every
// column drawn or not ("In this day"), and, after a short pause, sent to the patient search
// (a name, or a personal number checked as typed against what the clinic's EHR takes). A
// patient chosen shows their appointments from 30 days back to 90 ahead, with Cancel and Move
// beside each. Arrow keys move between results, Enter opens one: its day, the appointment
// focused and selected, scrolled into view.
import { useEffect, useId, useMemo, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { canChange } from '../../preload/contract/appointment-status.ts';
import type { FoundAppointment, PatientView } from '../../preload/contract/index.ts';
import { classifyPatientQuery } from '../../preload/contract/patient-ids.ts';
import { formatDateLong, formatTimeRange } from '../i18n/format.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useTranslate, type Translate } from '../i18n/translate.ts';
import { useEhrCode } from '../patients/clinic-ehr.ts';
import { searchHint } from '../patients/id-hints.ts';
import { MaskedPersonalNumber } from '../patients/MaskedPersonalNumber.tsx';
import { useNotices } from '../common/notices.ts';
import { statusText } from './model/day-model.ts';
import { findInDay, looksLikeName } from './model/find-in-day.ts';
import { useDay } from './state/day-store.ts';
import { useFind } from './state/find-store.ts';
import { useFocusRequest } from './state/focus-request.ts';
import { useUi } from './state/ui-store.ts';

export const FIND_INPUT_ID = 'find-input';

const patientName = (patient: Pick<PatientView, 'firstName' | 'lastName'>): string => [patient.firstName, patient.lastName].filter((part) => part !== null && part !== '').join(' ');

/** Opens the appointment's day with it focused and selected; resolves once that day is shown. */
async function openAppointment(date: string, appointmentId: string, status: string): Promise<void> {
  useFind.getState().setOpen(false);
  const day = useDay.getState();
  // A cancelled appointment is drawn only while cancelled ones are shown.
  if (status === 'cancelled' && !day.showCancelled) day.setShowCancelled(true);
  useFocusRequest.getState().ask({ date, appointmentId, center: true });
  if (day.date !== date || day.model?.snapshot.date !== date) await day.openDay(date);
  // The grid honours the request as it draws the day; a dialog opened after it returns focus there.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

async function cancelFromFind(found: FoundAppointment): Promise<void> {
  await openAppointment(found.date, found.id, found.status);
  const entry = useDay.getState().model?.appointments.get(found.id);
  if (entry === undefined) return;
  // Back to where it was once the dialog closes: the appointment if kept, else its neighbour in the column.
  const resourceId = entry.view.resourceId ?? found.resourceId;
  useUi.getState().openDialog({ kind: 'cancel', ids: [found.id] }, resourceId === null ? undefined : { date: found.date, resourceId, startMs: entry.startMs });
}

async function moveFromFind(found: FoundAppointment, hint: string): Promise<void> {
  await openAppointment(found.date, found.id, found.status);
  useNotices.getState().notify('info', hint);
}

function statusWords(status: string, pending: boolean, t: Translate): string {
  const words = statusText(status, t);
  return pending ? `${words} (${t('find.pending')})` : words;
}

/**
 * Focuses the find box (Ctrl/Cmd+F, the desktop app's Edit › Find); false when there is none
 * to focus. Focus and select only: the box's focus opens the panel with what it holds; asking
 * Leyr again for a chosen patient is the panel's reload, not every Ctrl+F's.
 */
export function focusFind(): boolean {
  if (useUi.getState().dialog !== null) return false;
  const input = document.getElementById(FIND_INPUT_ID);
  if (!(input instanceof HTMLInputElement)) return false;
  input.focus();
  input.select();
  if (input.value.trim() !== '') useFind.getState().setOpen(true);
  return true;
}

/** Ctrl/Cmd+F anywhere in the day (no dialog open) focuses the box. */
function useFindShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'f') return;
      if (focusFind()) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function FindBox() {
  const t = useTranslate();
  const locale = useLocale((state) => state.locale);
  const emr = useEhrCode();
  const model = useDay((state) => state.model);
  const zone = useDay((state) => state.zone);
  const find = useFind();
  const rootRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const panelId = useId();
  useFindShortcut();

  const query = find.query;
  const inDay = useMemo(() => (model === null ? [] : findInDay(model, query)), [model, query]);
  const parsed = classifyPatientQuery(query, emr);
  const idHint = searchHint(parsed, emr);
  const showPanel = find.open && query.trim() !== '';

  const items = (): HTMLElement[] => [...(rootRef.current?.querySelectorAll<HTMLElement>('[data-find-item]') ?? [])];
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    const input = document.getElementById(FIND_INPUT_ID);
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      if (find.open && query !== '') {
        find.setOpen(false);
        input?.focus();
        return;
      }
      // Nothing left to close: back to the day, where the grid's keys (and F, Delete…) work again.
      find.setOpen(false);
      document.querySelector<HTMLElement>('[data-testid="day-grid"] [tabindex="0"]')?.focus();
      return;
    }
    if (event.key === 'Enter' && event.target === input) {
      // The first result: the day's first match, or the first patient.
      event.preventDefault();
      list[0]?.click();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (list.length === 0) return;
    event.preventDefault();
    if (!find.open) find.setOpen(true);
    if (event.key === 'ArrowDown') list[at === -1 ? 0 : Math.min(list.length - 1, at + 1)]?.focus();
    else if (at <= 0) input?.focus();
    else list[at - 1]?.focus();
  };

  const chosen = find.chosen;
  const found = find.appointments;
  const showAppointments = chosen !== null;
  const describe = (a: FoundAppointment): string =>
    [
      formatDateLong(a.date, found?.timeZone ?? zone, locale),
      formatTimeRange(Date.parse(a.start), Date.parse(a.end), found?.timeZone ?? zone, locale),
      a.resourceName ?? t('find.unknownResource'),
      a.serviceName ?? t('find.unknownService'),
      statusWords(a.status, a.pending, t),
    ].join(', ');

  return (
    <div
      className="find"
      ref={rootRef}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        // Focus left the box and its panel (a click elsewhere, Tab out): the panel closes.
        if (event.relatedTarget !== null && !event.currentTarget.contains(event.relatedTarget)) find.setOpen(false);
      }}
    >
      <label className="visually-hidden" htmlFor={FIND_INPUT_ID}>
        {t('find.label')}
      </label>
      <input
        id={FIND_INPUT_ID}
        type="search"
        className="find-input"
        value={query}
        placeholder={t('find.placeholder')}
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts="Control+F Meta+F"
        aria-controls={showPanel ? panelId : undefined}
        aria-describedby={showPanel ? hintId : undefined}
        aria-invalid={idHint?.state === 'invalid' || idHint?.state === 'refused'}
        title={`${t('find.label')} (Ctrl+F)`}
        onChange={(event) => find.setQuery(event.target.value, emr)}
        onFocus={() => {
          if (query.trim() !== '') find.setOpen(true);
        }}
        data-testid="find-input"
      />
      {showPanel && (
        <section id={panelId} className="find-panel" aria-label={t('find.panel')} data-testid="find-panel" data-query={query}>
          <p id={hintId} className={`field-hint${idHint === null ? '' : ` hint-${idHint.state === 'refused' ? 'invalid' : idHint.state}`}`} data-testid="find-hint">
            {idHint === null ? t('find.hint') : t(idHint.key, idHint.values)}
          </p>
          {looksLikeName(query) && model !== null && (
            <>
              <h3 className="find-heading">{t('find.inDay')}</h3>
              {inDay.length === 0 ? (
                <p className="find-empty">{t('find.inDayNone')}</p>
              ) : (
                <ul className="find-list" data-testid="find-in-day">
                  {inDay.map((match) => {
                    const entry = model.appointments.get(match.id);
                    const block = model.blocks.get(match.id);
                    if (entry === undefined || block === undefined) return null;
                    const resource = entry.view.resourceId === null ? t('find.unknownResource') : (model.resourceNames.get(entry.view.resourceId) ?? t('find.unknownResource'));
                    const text = [block.time, block.patient, resource, block.service, statusText(entry.view.status, t)].join(' · ');
                    return (
                      <li key={match.id}>
                        <button
                          type="button"
                          className="find-item"
                          data-find-item
                          onClick={() => void openAppointment(model.snapshot.date, match.id, entry.view.status)}
                        >
                          {text}
                          {!match.shown && entry.view.status !== 'cancelled' && <span className="find-note"> · {t('find.hidden')}</span>}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              )}
            </>
          )}
          <h3 className="find-heading">{t('find.patients')}</h3>
          <div className="find-status" aria-live="polite">
            {find.searching && <span>{t('find.searching')}</span>}
            {!find.searching && find.patients?.source === 'store' && <span>{t('find.patientsFromStore')}</span>}
            {!find.searching && find.patients !== null && find.patients.patients.length === 0 && <span>{t('find.noPatients')}</span>}
            {find.searchError !== null && <span className="error-text">{find.searchError}</span>}
          </div>
          {find.patients !== null && find.patients.patients.length > 0 && (
            <ul className="find-list" data-testid="find-patients">
              {find.patients.patients.map((patient) => {
                const name = patientName(patient) || t('find.unknownPatient');
                return (
                  <li key={patient.id} className={chosen?.id === patient.id ? 'find-chosen' : undefined}>
                    <button type="button" className="find-item" data-find-item aria-label={t('find.choose', { name })} aria-pressed={chosen?.id === patient.id} onClick={() => void find.choose(patient)}>
                      {name}
                    </button>
                    {patient.personalNumber !== null && <MaskedPersonalNumber value={patient.personalNumber} label={t('patient.personalNumber')} />}
                  </li>
                );
              })}
            </ul>
          )}
          {showAppointments && (
            <div className="find-appointments" data-testid="find-appointments">
              <h3 className="find-heading">
                {t('find.appointmentsOf', { name: patientName(chosen) || t('find.unknownPatient') })}
                {found !== null && <span className="find-window"> {t('find.window', { from: formatDateLong(found.from, found.timeZone, locale), to: formatDateLong(found.to, found.timeZone, locale) })}</span>}
              </h3>
              <div className="find-status" aria-live="polite">
                {find.loading && <span>{t('find.loading')}</span>}
                {!find.loading && found?.source === 'store' && (
                  <span className="find-offline" data-testid="find-from-store">
                    {t('find.fromStore')}
                  </span>
                )}
                {!find.loading && found !== null && found.appointments.length === 0 && <span>{t('find.none')}</span>}
                {find.error !== null && <span className="error-text">{t('find.error', { message: find.error })}</span>}
              </div>
              {found !== null && found.appointments.length > 0 && (
                <ul className="find-list">
                  {found.appointments.map((a) => {
                    const what = describe(a);
                    const changeable = canChange(a.status);
                    return (
                      <li key={a.id} className="find-row" data-testid="find-appointment" data-appointment-id={a.id}>
                        <button type="button" className="find-item" data-find-item onClick={() => void openAppointment(a.date, a.id, a.status)}>
                          <span className="find-when">
                            {formatDateLong(a.date, found.timeZone, locale)}, {formatTimeRange(Date.parse(a.start), Date.parse(a.end), found.timeZone, locale)}
                          </span>
                          <span className="find-what">
                            {a.resourceName ?? t('find.unknownResource')} · {a.serviceName ?? t('find.unknownService')} ·{' '}
                            <span className={`find-state status-${a.status}`}>{statusWords(a.status, a.pending, t)}</span>
                          </span>
                        </button>
                        {changeable && (
                          <span className="find-actions">
                            <button type="button" aria-label={t('find.cancelLabel', { what })} onClick={() => void cancelFromFind(a)} data-testid="find-cancel">
                              {t('find.cancel')}
                            </button>
                            <button type="button" aria-label={t('find.moveLabel', { what })} onClick={() => void moveFromFind(a, t('find.moveHint'))} data-testid="find-move">
                              {t('find.move')}
                            </button>
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
