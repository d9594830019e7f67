// Leyr's continuous reschedule of one patient's back-to-back appointments: a new range on
// the same day and resource; Leyr reuses, adds or cancels appointments to fill it.
//
// The times are chosen from lists in 24-hour form on the clinic's slot grid (a browser's time
// input follows its locale's 12-hour clock in English), and the range is checked against the
// day's free time before anything is sent: "not free" is said here; Leyr's "not free any more"
// can then only mean it was taken after the receptionist looked.
import { useMemo, useState } from 'react';
import { wallClock } from '../../i18n/format.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { careUnitNow } from '../../common/care-unit-clock.ts';
import { Dialog } from '../../common/Dialog.tsx';
import type { DayModel } from '../model/day-model.ts';
import { hasPassed } from '../model/past.ts';
import { appointmentLengthMs, gridTimes, holdsWholeAppointments, rangeFree } from '../model/reschedule-range.ts';
import type { ContinuousRun } from '../model/selection-rules.ts';
import { rescheduleContinuous } from '../state/actions.ts';
import { usePastAllowed } from '../state/past-clock.ts';
import { useUi } from '../state/ui-store.ts';

export function RescheduleDialog({ model, run }: { model: DayModel; run: ContinuousRun }) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const allowPast = usePastAllowed();
  const times = useMemo(() => gridTimes(model.axis, model.slots.gridMinutes), [model.axis, model.slots.gridMinutes]);
  const [startMs, setStartMs] = useState(run.startMs);
  const [endMs, setEndMs] = useState(run.endMs);
  const [problem, setProblem] = useState<string | null>(null);
  const ordered = endMs > startMs;
  const patient = model.blocks.get(run.ids[0] ?? '')?.patient ?? '';
  const resource = model.resourceNames.get(run.resourceId) ?? run.resourceId;
  const label = (ms: number): string => wallClock(ms, model.zone);
  // The run's own times stay offered even off the grid, so the dialog opens on what is there.
  const options = (extra: number): number[] => (times.includes(extra) ? times : [...times, extra].sort((a, b) => a - b));

  const submit = (): void => {
    if (!ordered) return;
    if (hasPassed(startMs, careUnitNow())) {
      if (!allowPast) {
        setProblem(t('fixes.pastHere'));
        return;
      }
      if (!window.confirm(t('fixes.confirmReschedule'))) return;
    }
    // Main plans a whole number of appointments of the service's length into the range.
    const lengthMs = appointmentLengthMs(model.services.get(run.serviceId)?.durationMinutes, { ...run, count: run.ids.length });
    if (!holdsWholeAppointments(startMs, endMs, lengthMs)) {
      setProblem(t('fixes.wholeAppointments', { minutes: Math.round(lengthMs / 60_000) }));
      return;
    }
    if (!rangeFree(model.slots, model.axis.day, run, startMs, endMs)) {
      setProblem(t('fixes.notFree', { resource, from: label(startMs), to: label(endMs) }));
      return;
    }
    close();
    void rescheduleContinuous(run.ids, startMs, endMs);
  };

  const pick = (set: (ms: number) => void) => (value: string) => {
    set(Number(value));
    setProblem(null);
  };

  return (
    <Dialog title={t('reschedule.title', { patient })} subtitle={t('reschedule.hint')} onClose={close} testId="reschedule-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="field-row">
          <label className="field">
            <span>{t('reschedule.start')}</span>
            <select value={startMs} onChange={(event) => pick(setStartMs)(event.target.value)} autoFocus data-testid="reschedule-start">
              {options(run.startMs)
                .filter((ms) => ms < model.axis.endMs)
                .map((ms) => (
                  <option key={ms} value={ms}>
                    {label(ms)}
                  </option>
                ))}
            </select>
          </label>
          <label className="field">
            <span>{t('reschedule.end')}</span>
            <select value={endMs} onChange={(event) => pick(setEndMs)(event.target.value)} data-testid="reschedule-end">
              {options(run.endMs)
                .filter((ms) => ms > model.axis.startMs)
                .map((ms) => (
                  <option key={ms} value={ms}>
                    {label(ms)}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <p className="field-hint">{t('fixes.timeStep', { minutes: model.slots.gridMinutes })}</p>
        {!ordered && (
          <p className="error-text" role="alert">
            {t('reschedule.endBeforeStart')}
          </p>
        )}
        {problem !== null && (
          <p className="error-text" role="alert" data-testid="reschedule-problem">
            {problem}
          </p>
        )}
        <div className="dialog-footer inline-actions">
          <button type="button" onClick={close}>
            {t('reschedule.back')}
          </button>
          <button type="submit" className="primary" disabled={!ordered}>
            {t('reschedule.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
