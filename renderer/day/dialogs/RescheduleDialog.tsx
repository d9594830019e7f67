// Leyr's continuous reschedule of one patient's back-to-back appointments: a new range on
// the same day and resource; Leyr reuses, adds or cancels appointments to fill it.
import { useState } from 'react';
import { instantOfWallClock, wallClock } from '../../i18n/format.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { Dialog } from '../../common/Dialog.tsx';
import type { DayModel } from '../model/day-model.ts';
import type { ContinuousRun } from '../model/selection-rules.ts';
import { rescheduleContinuous } from '../state/actions.ts';
import { useUi } from '../state/ui-store.ts';

export function RescheduleDialog({ model, run }: { model: DayModel; run: ContinuousRun }) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const [start, setStart] = useState(wallClock(run.startMs, model.zone));
  const [end, setEnd] = useState(wallClock(run.endMs, model.zone));
  const startMs = instantOfWallClock(model.snapshot.date, start, model.zone);
  const endMs = instantOfWallClock(model.snapshot.date, end, model.zone);
  const valid = startMs !== null && endMs !== null && endMs > startMs;
  const patient = model.blocks.get(run.ids[0] ?? '')?.patient ?? '';

  return (
    <Dialog title={t('reschedule.title', { patient })} subtitle={t('reschedule.hint')} onClose={close} testId="reschedule-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!valid || startMs === null || endMs === null) return;
          close();
          void rescheduleContinuous(run.ids, startMs, endMs);
        }}
      >
        <div className="field-row">
          <label className="field">
            <span>{t('reschedule.start')}</span>
            <input type="time" step={300} value={start} onChange={(event) => setStart(event.target.value)} autoFocus required />
          </label>
          <label className="field">
            <span>{t('reschedule.end')}</span>
            <input type="time" step={300} value={end} onChange={(event) => setEnd(event.target.value)} required />
          </label>
        </div>
        {!valid && (
          <p className="error-text" role="alert">
            {t('reschedule.endBeforeStart')}
          </p>
        )}
        <div className="dialog-footer inline-actions">
          <button type="button" onClick={close}>
            {t('reschedule.back')}
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            {t('reschedule.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
