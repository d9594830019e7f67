// Choosing what to print: this day (all resources, or those chosen) or one resource's week
// (Monday to Friday, or to Sunday), and whether personal numbers are shown (masked unless
// chosen). Main answers the days (fetched from Leyr first where not fresh); the sheet is
// drawn and printed (print-store.ts), and the dialog closes.
import { DateTime } from 'luxon';
import { useId, useState } from 'react';
import { Dialog } from '../common/Dialog.tsx';
import { frontdesk } from '../common/frontdesk.ts';
import { useTranslate } from '../i18n/translate.ts';
import type { DayModel } from '../day/model/day-model.ts';
import { useUi } from '../day/state/ui-store.ts';
import { usePrint } from './print-store.ts';

/** The Monday of the week `date` (YYYY-MM-DD) falls in. */
export const mondayOf = (date: string): string => DateTime.fromISO(date, { zone: 'UTC' }).startOf('week').toISODate() ?? date;

/** `desktop`: the Electron app, which also saves the printout as a PDF. */
export function PrintDialog({ model, desktop }: { model: DayModel; desktop: boolean }) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const show = usePrint((state) => state.show);
  const listId = useId();
  const [what, setWhat] = useState<'day' | 'week'>('day');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(model.columns.map((r) => r.id)));
  const [weekResource, setWeekResource] = useState(model.columns[0]?.id ?? model.resources[0]?.id ?? '');
  const [weekDays, setWeekDays] = useState<5 | 7>(5);
  const [showNumbers, setShowNumbers] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const all = model.resources.every((r) => chosen.has(r.id));
  const resourceIds = what === 'day' ? model.resources.filter((r) => chosen.has(r.id)).map((r) => r.id) : weekResource === '' ? [] : [weekResource];

  const go = async (output: 'print' | 'pdf'): Promise<void> => {
    if (resourceIds.length === 0) {
      setProblem(t('commentPrint.chooseResource'));
      return;
    }
    setProblem(null);
    setBusy(true);
    const result = await frontdesk().readDaysForPrint({
      from: what === 'day' ? model.snapshot.date : mondayOf(model.snapshot.date),
      days: what === 'day' ? 1 : weekDays,
      ...(!(what === 'day' && all) && { resourceIds }),
      showPersonalNumbers: showNumbers,
    });
    setBusy(false);
    if (!result.ok) {
      setProblem(t('commentPrint.failed', { message: result.error.message }));
      return;
    }
    close();
    show({ data: result.value, mode: what, madeAt: Date.now(), output });
  };

  const toggle = (id: string): void =>
    setChosen((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Dialog
      title={t('commentPrint.title')}
      onClose={close}
      testId="print-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            {t('commentPrint.back')}
          </button>
          {desktop && (
            <button type="button" onClick={() => void go('pdf')} disabled={busy} data-testid="print-pdf">
              {t('commentPrint.savePdf')}
            </button>
          )}
          <button type="button" className="primary" onClick={() => void go('print')} disabled={busy} data-testid="print-go">
            {t('commentPrint.print')}
          </button>
        </>
      }
    >
      <fieldset className="field">
        <legend>{t('commentPrint.what')}</legend>
        <label className="check">
          <input type="radio" name="print-what" checked={what === 'day'} onChange={() => setWhat('day')} data-testid="print-day" />
          {t('commentPrint.day')}
        </label>
        <label className="check">
          <input type="radio" name="print-what" checked={what === 'week'} onChange={() => setWhat('week')} data-testid="print-week" />
          {t('commentPrint.week')}
        </label>
      </fieldset>
      {what === 'day' ? (
        <fieldset className="field">
          <legend>{t('commentPrint.resources')}</legend>
          <label className="check">
            <input type="checkbox" checked={all} onChange={() => setChosen(all ? new Set() : new Set(model.resources.map((r) => r.id)))} aria-controls={listId} data-testid="print-all" />
            {t('commentPrint.allResources')}
          </label>
          <ul id={listId} className="print-choices">
            {model.resources.map((r) => (
              <li key={r.id}>
                <label className="check">
                  <input type="checkbox" checked={chosen.has(r.id)} onChange={() => toggle(r.id)} data-testid={`print-resource-${r.id}`} />
                  {model.resourceNames.get(r.id) ?? r.id}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : (
        <>
          <label className="field">
            <span>{t('commentPrint.resource')}</span>
            <select value={weekResource} onChange={(event) => setWeekResource(event.target.value)} data-testid="print-week-resource">
              {model.resources.map((r) => (
                <option key={r.id} value={r.id}>
                  {model.resourceNames.get(r.id) ?? r.id}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="field">
            <legend>{t('commentPrint.weekDays')}</legend>
            <label className="check">
              <input type="radio" name="print-days" checked={weekDays === 5} onChange={() => setWeekDays(5)} />
              {t('commentPrint.fiveDays')}
            </label>
            <label className="check">
              <input type="radio" name="print-days" checked={weekDays === 7} onChange={() => setWeekDays(7)} />
              {t('commentPrint.sevenDays')}
            </label>
          </fieldset>
        </>
      )}
      <label className="check">
        <input type="checkbox" checked={showNumbers} onChange={(event) => setShowNumbers(event.target.checked)} aria-describedby={`${listId}-hint`} data-testid="print-numbers" />
        {t('commentPrint.showNumbers')}
      </label>
      <p id={`${listId}-hint`} className="muted">
        {t('commentPrint.numbersHint')}
      </p>
      {busy && (
        <p role="status" className="muted">
          {t('commentPrint.loading')}
        </p>
      )}
      {problem !== null && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
