// The bar under the grid while appointments are selected: cancel all (one reason), move all
// to another resource, reschedule one patient's series; and the results of the latest bulk
// change, per appointment (done, pending, refused with Leyr's reason, waiting for a code).
import { useMemo } from 'react';
import type { AppointmentView } from '../../preload/contract/index.ts';
import { formatTimeRange } from '../i18n/format.ts';
import { useTranslate } from '../i18n/translate.ts';
import { changeTitle, failureSentence } from './model/change-words.ts';
import { describeAppointment, type DayModel } from './model/day-model.ts';
import { operationOutcomes, summariseOutcomes, type AppointmentOutcome, type Operation } from './model/operation-results.ts';
import { actionable, continuousRun } from './model/selection-rules.ts';
import { useDay } from './state/day-store.ts';
import { useSelection } from './state/selection-store.ts';
import { useUi } from './state/ui-store.ts';

const SHOWN_RESULTS = 50;

function OperationResults({ model, operation }: { model: DayModel; operation: Operation }) {
  const t = useTranslate();
  const change = useDay((state) => state.changes.get(operation.changeId));
  const openDialog = useUi((state) => state.openDialog);
  const forget = useUi((state) => state.forget);
  const views = useMemo(() => {
    const map = new Map<string, AppointmentView>();
    for (const id of operation.appointmentIds) {
      const entry = model.appointments.get(id);
      if (entry !== undefined) map.set(id, entry.view);
    }
    return map;
  }, [model, operation]);
  const outcomes = operationOutcomes(operation, change, views);
  const counts = summariseOutcomes(outcomes);
  // Names and times as captured when the change was made: an appointment moved off this day keeps them.
  const label = (id: string): string => operation.labels?.[id] ?? describeAppointment(model, id) ?? t('rebook.someAppointment');
  const title = changeTitle(operation, (id) => operation.labels?.[id] ?? describeAppointment(model, id), t);
  /** Leyr's refusal of one appointment, or of the whole change, in the receptionist's words. */
  const refusal = (id: string, fallback: string): string => {
    const own = views.get(id)?.failed;
    const failure = own != null && own.changeId === operation.changeId ? own : (change?.failure ?? null);
    return failure === null ? fallback : failureSentence(failure, operation.kind, t);
  };
  const conflicted = change?.status === 'conflict';
  const describe = (outcome: AppointmentOutcome): string => {
    switch (outcome.state) {
      case 'done':
        return t('selection.resultDone');
      case 'pending': {
        // Still to be tried: what its last attempt met (the EHR failed, Leyr asked to wait) stays in sight.
        const waiting = change?.failure?.status === 'waiting' ? failureSentence(change.failure, operation.kind, t) : null;
        return waiting === null ? t('selection.resultPending') : `${t('selection.resultPending')}: ${waiting}`;
      }
      case 'refused':
        // A collision with another desk is no refusal: its reason says what happened.
        return conflicted ? refusal(outcome.id, outcome.reason) : t('selection.resultRefused', { reason: refusal(outcome.id, outcome.reason) });
      case 'awaiting-code':
        return t('selection.resultAwaitingCode');
      case 'held-back':
        return t('rebook.heldBack', { count: outcome.because.length, who: outcome.because.map(label).join(', ') });
    }
  };
  return (
    <section className="results" aria-label={t('selection.resultsTitle')} data-testid="operation-results">
      <header className="results-header">
        <strong>{title}</strong>
        <span className="results-counts" aria-live="polite">
          {counts.done > 0 && <span className="chip chip-done">{`${t('selection.resultDone')} ${counts.done}`}</span>}
          {counts.pending > 0 && <span className="chip chip-pending">{`${t('selection.resultPending')} ${counts.pending}`}</span>}
          {counts['awaiting-code'] > 0 && <span className="chip chip-code">{`${t('selection.resultAwaitingCode')} ${counts['awaiting-code']}`}</span>}
          {counts['held-back'] > 0 && <span className="chip chip-pending">{`${t('rebook.heldBackChip')} ${counts['held-back']}`}</span>}
          {counts.refused > 0 && <span className="chip chip-refused">{`${t(conflicted ? 'selection.resultConflict' : 'selection.resultRefused', { reason: '' }).replace(/:\s*$/, '')} ${counts.refused}`}</span>}
        </span>
        <button type="button" className="link-button" onClick={() => forget(operation.changeId)}>
          {t('selection.dismiss')}
        </button>
      </header>
      <ul className="results-list">
        {outcomes.slice(0, SHOWN_RESULTS).map((outcome) => {
          const entry = model.appointments.get(outcome.id);
          // The grid's words while the appointment is on the open day with its name; else as captured when the change was made.
          const named = entry !== undefined && entry.view.patientName !== null;
          const shown = named ? `${model.blocks.get(outcome.id)?.patient ?? ''} ${formatTimeRange(entry.startMs, entry.endMs, model.zone, model.locale)}` : label(outcome.id);
          return (
            <li key={outcome.id} data-result={outcome.state} data-appointment-result={outcome.id}>
              <span>{shown}</span>
              <span className={`result result-${outcome.state}`}>{describe(outcome)}</span>
              {outcome.state === 'awaiting-code' && (
                <button type="button" className="link-button" onClick={() => openDialog({ kind: 'code', appointmentId: outcome.appointmentId, purpose: 'cancellation' })}>
                  {t('selection.enterCode')}
                </button>
              )}
            </li>
          );
        })}
        {outcomes.length > SHOWN_RESULTS && <li>… +{outcomes.length - SHOWN_RESULTS}</li>}
      </ul>
    </section>
  );
}

export function SelectionBar({ model }: { model: DayModel }) {
  const t = useTranslate();
  const selected = useSelection((state) => state.selected);
  const clear = useSelection((state) => state.clear);
  const openDialog = useUi((state) => state.openDialog);
  const operation = useUi((state) => state.operations.find((o) => o.kind !== 'book' && o.kind !== 'confirm') ?? null);
  const views = useMemo(() => [...selected].map((id) => model.appointments.get(id)?.view).filter((view) => view !== undefined), [selected, model]);
  const changeable = useMemo(() => actionable(views), [views]);
  const run = useMemo(
    () =>
      continuousRun(
        changeable.map((view) => {
          const entry = model.appointments.get(view.id);
          return { id: view.id, patientId: view.patientId ?? '', resourceId: view.resourceId ?? '', serviceId: view.serviceId ?? '', startMs: entry?.startMs ?? 0, endMs: entry?.endMs ?? 0, status: view.status };
        }),
      ),
    [changeable, model],
  );
  const lens = useDay((state) => state.lens);
  if (selected.size === 0 && operation === null) return null;
  const ids = changeable.map((view) => view.id);
  // On a composed grid (the week): "the same times at another resource" needs one day, and the
  // rebook proposal speaks of real days rather than the grid's columns, so neither is offered otherwise.
  const first = changeable[0]?.resourceId ?? '';
  const oneDay = lens === null || changeable.every((view) => lens.sameDay(view.resourceId ?? '', first));
  return (
    <div className="selection-area" data-no-grid-gesture>
      {selected.size > 0 && (
        <section className="selection-bar" aria-label={t('selection.label')} data-testid="selection-bar">
          <span className="selection-count" aria-live="polite">
            {t('selection.count', { count: selected.size })}
          </span>
          {ids.length === 0 ? (
            <span className="muted">{t('selection.noneActionable')}</span>
          ) : (
            <>
              <button type="button" className="danger" onClick={() => openDialog({ kind: 'cancel', ids })} aria-keyshortcuts="Delete">
                {t('selection.cancel')}
              </button>
              {oneDay && (
                <button type="button" onClick={() => openDialog({ kind: 'move-resource', ids })}>
                  {t('selection.moveToResource')}
                </button>
              )}
              {lens === null && (
                <button type="button" onClick={() => openDialog({ kind: 'rebook', ids })} data-testid="rebook-selection">
                  {t('rebook.action')}
                </button>
              )}
              {run !== null && (
                <button type="button" onClick={() => openDialog({ kind: 'reschedule', run })}>
                  {t('selection.reschedule')}
                </button>
              )}
            </>
          )}
          <button type="button" className="link-button" onClick={clear} aria-keyshortcuts="Escape">
            {t('selection.clear')}
          </button>
        </section>
      )}
      {operation !== null && <OperationResults model={model} operation={operation} />}
    </div>
  );
}
