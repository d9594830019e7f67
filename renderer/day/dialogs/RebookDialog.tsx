// Rebook a sick resource's appointments: main proposes a free slot for each (the same time
// with a colleague offering the service, else the nearest free time that day, else a later
// day), the receptionist changes any proposal from a short list of alternatives or leaves a
// row out, and only on confirm are the moves sent (one bulk move for those keeping their
// times with one colleague, single moves for the rest). The dialog then stays open and each
// row shows its outcome as Leyr answers, by the name and time captured when it opened.
import { useEffect, useMemo, useState } from 'react';
import { REBOOK_MAX_SPAN_DAYS, type AppError, type ChangeKind, type RebookProposal, type RebookRow, type RebookSlot } from '../../../preload/contract/index.ts';
import { formatDateLong, formatTime, formatTimeRange } from '../../i18n/format.ts';
import { useTranslate, type Translate } from '../../i18n/translate.ts';
import { Dialog } from '../../common/Dialog.tsx';
import { frontdesk } from '../../common/frontdesk.ts';
import { failureSentence } from '../model/change-words.ts';
import type { DayModel } from '../model/day-model.ts';
import { operationOutcomes, type AppointmentOutcome } from '../model/operation-results.ts';
import { choicesOf, chosenSlots, collidingRows, sendPlan, slotKey } from '../model/rebook-plan.ts';
import { errorText, moveAppointment, moveAppointmentsToResource } from '../state/actions.ts';
import { useDay } from '../state/day-store.ts';
import { useUi } from '../state/ui-store.ts';

/** What became of a row once sent: its change, or why nothing was sent. */
type Sent = { changeId: string; kind: ChangeKind } | { error: string };

type Phase = { step: 'loading' } | { step: 'failed'; message: string } | { step: 'choose'; proposal: RebookProposal } | { step: 'sending' | 'sent'; proposal: RebookProposal };

export function RebookDialog({ model, ids }: { model: DayModel; ids: string[] }) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const [phase, setPhase] = useState<Phase>({ step: 'loading' });
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const [left, setLeft] = useState<Set<string>>(new Set());
  const [sent, setSent] = useState<Map<string, Sent>>(new Map());

  useEffect(() => {
    let live = true;
    void frontdesk()
      .proposeRebook({ appointmentIds: ids })
      .then((result) => {
        if (!live) return;
        setPhase(result.ok ? { step: 'choose', proposal: result.value } : { step: 'failed', message: refusalWords(result.error, model, t) });
      });
    return () => {
      live = false;
    };
    // The words are made once, from the grid as it was when main answered.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids]);

  const proposal = phase.step === 'loading' || phase.step === 'failed' ? null : phase.proposal;
  const rows = useMemo(() => proposal?.rows ?? [], [proposal]);
  const chosen = useMemo(() => chosenSlots(rows, picked), [rows, picked]);
  const included = useMemo(() => new Set(rows.filter((row) => !left.has(row.appointment.id) && chosen.get(row.appointment.id) != null).map((row) => row.appointment.id)), [rows, left, chosen]);
  const colliding = useMemo(() => collidingRows(rows, chosen, included), [rows, chosen, included]);
  const plan = useMemo(() => sendPlan(rows, chosen, included), [rows, chosen, included]);
  const moving = included.size;
  const place = (slot: RebookSlot): string => slotWords(slot, model, t);
  /** The patient's name: from the grid once it has come (names arrive after the day), else as main proposed it. */
  const whoOf = (appointment: RebookRow['appointment']): string => {
    const name = model.appointments.get(appointment.id)?.view.patientName ?? appointment.patientName;
    if (name !== null) return name;
    return appointment.nameComing === true ? t('block.nameComing') : t('rebook.noName');
  };
  /** "Tolvan Tolvansson 09:00–09:30", the time as the row showed it when the dialog opened. */
  const nameOf = (id: string): string => {
    const appointment = rows.find((row) => row.appointment.id === id)?.appointment;
    if (appointment === undefined) return t('rebook.someAppointment');
    return `${whoOf(appointment)} ${formatTimeRange(Date.parse(appointment.start), Date.parse(appointment.end), model.zone, model.locale)}`;
  };
  const labelsOf = (ids: readonly string[]): Record<string, string> => Object.fromEntries(ids.map((id) => [id, nameOf(id)]));

  const confirm = async (): Promise<void> => {
    if (phase.step !== 'choose' || colliding.size > 0 || moving === 0) return;
    setPhase({ step: 'sending', proposal: phase.proposal });
    const outcomes = new Map<string, Sent>();
    for (const send of plan) {
      if (send.kind === 'bulk') {
        const result = await moveAppointmentsToResource(send.ids, send.resourceId, labelsOf(send.ids));
        for (const id of send.ids) outcomes.set(id, result.ok ? { changeId: result.value.changeId, kind: 'move-to-resource' } : { error: errorText(result.error) });
      } else {
        const result = await moveAppointment(send.id, { resourceId: send.slot.resourceId, startMs: Date.parse(send.slot.start), endMs: Date.parse(send.slot.end) }, labelsOf([send.id]));
        outcomes.set(send.id, result.ok ? { changeId: result.value.changeId, kind: 'move' } : { error: errorText(result.error) });
      }
      setSent(new Map(outcomes));
    }
    setPhase({ step: 'sent', proposal: phase.proposal });
  };

  // Whose day it is, as the dialog opened: once moved, the appointments are no longer that doctor's.
  const [titleFacts] = useState(() => titleFactsOf(ids, model));
  const title = titleOf(ids.length, titleFacts, model, t);
  // Once sent, closing puts the keyboard on the grid: the first moved appointment still on this
  // day, else where the first moved one was (its column's next appointment).
  const closeHere = (): void => {
    if (phase.step === 'sending' || phase.step === 'sent') {
      const moved = phase.proposal.rows.map((row) => row.appointment).filter((appointment) => included.has(appointment.id));
      const onDay = moved.find((appointment) => useDay.getState().model?.layout.blocks.has(appointment.id) === true);
      const first = moved[0];
      if (onDay !== undefined) useUi.getState().returnFocusTo({ date: model.snapshot.date, appointmentId: onDay.id });
      else if (first?.resourceId != null) useUi.getState().returnFocusTo({ date: model.snapshot.date, resourceId: first.resourceId, startMs: Date.parse(first.start) });
    }
    close();
  };
  if (phase.step === 'loading' || phase.step === 'failed') {
    return (
      <Dialog title={title} subtitle={t('rebook.subtitle')} onClose={close} testId="rebook-dialog" className="rebook-dialog">
        {phase.step === 'loading' ? (
          <p role="status">{t('rebook.loading')}</p>
        ) : (
          <p className="error-text" role="alert">
            {t('rebook.failed', { message: phase.message })}
          </p>
        )}
        <div className="dialog-footer inline-actions">
          <button type="button" onClick={close}>
            {t('rebook.back')}
          </button>
        </div>
      </Dialog>
    );
  }

  const choosing = phase.step === 'choose';
  return (
    <Dialog title={title} subtitle={choosing ? t('rebook.subtitle') : phase.step === 'sending' ? t('rebook.sending') : t('rebook.sentSummary', { count: moving })} onClose={closeHere} testId="rebook-dialog" className="rebook-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        {phase.proposal.unreadDays > 0 && <p className="muted">{t('rebook.unreadDays')}</p>}
        <table className="rebook-table">
          <thead>
            <tr>
              <th scope="col">{t('rebook.include')}</th>
              <th scope="col">{t('rebook.patient')}</th>
              <th scope="col">{t('rebook.now')}</th>
              <th scope="col">{t('rebook.proposal')}</th>
              <th scope="col">{choosing ? t('rebook.why') : t('rebook.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {phase.proposal.rows.map((row) => {
              const id = row.appointment.id;
              const who = whoOf(row.appointment);
              const when = formatTimeRange(Date.parse(row.appointment.start), Date.parse(row.appointment.end), model.zone, model.locale);
              const slot = chosen.get(id) ?? null;
              const choices = choicesOf(row);
              const collides = colliding.has(id);
              const errorId = `rebook-collides-${id}`;
              return (
                <tr key={id} data-rebook-row={id} className={left.has(id) ? 'left-out' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      checked={included.has(id)}
                      disabled={!choosing || slot === null}
                      onChange={(event) => {
                        const next = new Set(left);
                        if (event.target.checked) next.delete(id);
                        else next.add(id);
                        setLeft(next);
                      }}
                      aria-label={t('rebook.includeRow', { patient: who, time: when })}
                      data-testid="rebook-include"
                    />
                  </td>
                  <th scope="row">{who}</th>
                  <td className="rebook-when">{when}</td>
                  <td>
                    {row.started ? (
                      <span className="muted" data-testid="rebook-started">{t('rebook.started')}</span>
                    ) : slot === null ? (
                      <span className="muted">{t('rebook.noSlot', { date: formatDateLong(phase.proposal.searchedThrough, model.zone, model.locale) })}</span>
                    ) : choosing ? (
                      <select
                        value={slotKey(slot)}
                        onChange={(event) => setPicked(new Map(picked).set(id, event.target.value))}
                        disabled={left.has(id)}
                        aria-label={t('rebook.choiceLabel', { patient: who, time: when })}
                        aria-invalid={collides}
                        aria-describedby={collides ? errorId : undefined}
                        data-testid="rebook-choice"
                      >
                        {choices.map((choice) => (
                          <option key={slotKey(choice)} value={slotKey(choice)}>
                            {place(choice)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span>{place(slot)}</span>
                    )}
                    {collides && choosing && (
                      <p id={errorId} className="error-text">
                        {t('rebook.collides')}
                      </p>
                    )}
                  </td>
                  <td data-testid="rebook-status">
                    {choosing ? (slot === null ? '' : reasonWords(slot, model, t)) : <RowOutcome id={id} included={included.has(id)} sent={sent.get(id)} nameOf={nameOf} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="dialog-footer inline-actions">
          {choosing ? (
            <>
              <button type="button" onClick={close}>
                {t('rebook.back')}
              </button>
              <button type="submit" className="primary" disabled={moving === 0 || colliding.size > 0} data-testid="rebook-confirm">
                {t('rebook.confirm', { count: moving })}
              </button>
            </>
          ) : (
            <>
              <span role="status" className="muted">
                {phase.step === 'sending' ? t('rebook.sending') : t('rebook.sentSummary', { count: moving })}
              </span>
              {/* Takes the keyboard from the send button it replaces (focus would fall to the page); closing while sending leaves the moves on their way. */}
              <button type="button" className="primary" onClick={closeHere} autoFocus data-testid="rebook-close">
                {t('rebook.close')}
              </button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}

/** One row's outcome, live: left out, not sent (why), waiting, done, or refused in words. */
function RowOutcome({ id, included, sent, nameOf }: { id: string; included: boolean; sent: Sent | undefined; nameOf: (id: string) => string }) {
  const t = useTranslate();
  const change = useDay((state) => (sent !== undefined && 'changeId' in sent ? state.changes.get(sent.changeId) : undefined));
  const view = useDay((state) => state.model?.appointments.get(id)?.view);
  if (!included) return <span className="result">{t('rebook.outcomeLeftOut')}</span>;
  if (sent === undefined) return <span className="result result-pending">{t('rebook.outcomeSending')}</span>;
  if ('error' in sent) return <span className="result result-refused">{t('rebook.outcomeNotSent', { reason: sent.error })}</span>;
  const [outcome] = operationOutcomes({ changeId: sent.changeId, kind: sent.kind, appointmentIds: [id] }, change, view === undefined ? new Map() : new Map([[id, view]]));
  return <span className={`result result-${outcome?.state ?? 'pending'}`} data-outcome={outcome?.state}>{outcomeWords(outcome, change, sent.kind, nameOf, t)}</span>;
}

function outcomeWords(outcome: AppointmentOutcome | undefined, change: Parameters<typeof operationOutcomes>[1], kind: ChangeKind, nameOf: (id: string) => string, t: Translate): string {
  switch (outcome?.state) {
    case 'held-back':
      return t('rebook.heldBack', { count: outcome.because.length, who: outcome.because.map(nameOf).join(', ') });
    case 'done':
      return t('rebook.outcomeDone');
    case 'refused': {
      const failure = change?.failure ?? null;
      const reason = failure === null ? outcome.reason : failureSentence(failure, kind, t);
      return change?.status === 'conflict' ? t('selection.resultConflict', { reason }) : t('rebook.outcomeRefused', { reason });
    }
    case 'awaiting-code':
      return t('selection.resultAwaitingCode');
    default: {
      const waiting = change?.failure?.status === 'waiting' ? failureSentence(change.failure, kind, t) : null;
      // "Waiting" only for a change Leyr asked to wait for; one not yet answered is being sent.
      return waiting === null ? t('rebook.outcomeSending') : `${t('rebook.outcomeWaiting')}: ${waiting}`;
    }
  }
}

/** The resource and the day when all are one resource's on one day, else null. */
function titleFactsOf(ids: readonly string[], model: DayModel): { resourceId: string; date: string } | null {
  const views = ids.map((id) => model.appointments.get(id)?.view);
  const first = views[0];
  if (first === undefined || first.resourceId === null) return null;
  const one = views.every((view) => view !== undefined && view.resourceId === first.resourceId && view.start.slice(0, 10) === first.start.slice(0, 10));
  return one ? { resourceId: first.resourceId, date: first.start.slice(0, 10) } : null;
}

/** "Rebook Dr. Karin Lindqvist's 13 appointments, Monday 7 December" when all are one resource's on one day. */
function titleOf(count: number, facts: { resourceId: string; date: string } | null, model: DayModel, t: Translate): string {
  const resource = facts === null ? undefined : model.resourceNames.get(facts.resourceId);
  if (facts === null || resource === undefined) return t('rebook.title', { count });
  return t('rebook.titleOf', { count, resource, date: formatDateLong(facts.date, model.zone, model.locale) });
}

/** "13:00–13:30, Dr. Ek" and the day when it is another day. */
function slotWords(slot: RebookSlot, model: DayModel, t: Translate): string {
  const time = formatTimeRange(Date.parse(slot.start), Date.parse(slot.end), model.zone, model.locale);
  const resource = model.resourceNames.get(slot.resourceId) ?? t('rebook.anotherResource');
  const day = slot.date === model.snapshot.date ? '' : `${formatDateLong(slot.date, model.zone, model.locale)} `;
  return t('rebook.slot', { time: `${day}${time}`, resource });
}

function reasonWords(slot: RebookSlot, model: DayModel, t: Translate): string {
  if (slot.reason === 'same-time') return t('rebook.sameTime', { resource: model.resourceNames.get(slot.resourceId) ?? t('rebook.anotherResource') });
  return slot.reason === 'same-day' ? t('rebook.sameDay') : t('rebook.laterDay');
}


/** Main's refusal in the receptionist's words: the appointments by the grid's names and times, never their ids. */
function refusalWords(error: AppError, model: DayModel, t: Translate): string {
  const subject = error.subject;
  if (subject === undefined) return errorText(error);
  const who = (id: string): string => {
    const entry = model.appointments.get(id);
    if (entry === undefined) return t('rebook.someAppointment');
    const name = entry.view.patientName ?? t('rebook.noName');
    const day = entry.view.start.slice(0, 10) === model.snapshot.date ? '' : `${formatDateLong(entry.view.start.slice(0, 10), model.zone, model.locale)} `;
    return `${name} ${day}${formatTime(entry.startMs, model.zone, model.locale)}`;
  };
  const list = (ids: readonly string[]): string => ids.slice(0, 5).map(who).join(', ') + (ids.length > 5 ? ' …' : '');
  switch (subject.problem) {
    case 'not-found':
      return t('rebook.refusedMissing', { who: list(subject.appointmentIds) });
    case 'cannot-change':
      return t('rebook.refusedUnchangeable', { who: list(subject.appointmentIds) });
    case 'too-far-apart':
      return t('rebook.refusedSpan', { first: who(subject.appointmentIds[0] ?? ''), last: who(subject.appointmentIds.at(-1) ?? ''), days: REBOOK_MAX_SPAN_DAYS });
  }
}
