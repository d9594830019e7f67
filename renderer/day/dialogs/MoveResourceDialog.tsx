// Move a selection to another resource at the same times (a sick doctor's day). Leyr moves
// all or none, so the dialog checks each against the free slots first, names those that
// would not fit (who and when), and offers to move only the ones that fit.
import { useMemo, useState } from 'react';
import { formatTime } from '../../i18n/format.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { Dialog } from '../../common/Dialog.tsx';
import type { DayModel } from '../model/day-model.ts';
import { moveAppointmentsToResource } from '../state/actions.ts';
import { useDay } from '../state/day-store.ts';
import { useUi } from '../state/ui-store.ts';

export function MoveResourceDialog({ model, ids }: { model: DayModel; ids: string[] }) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const lens = useDay((state) => state.lens);
  const current = new Set(ids.map((id) => model.appointments.get(id)?.view.resourceId));
  // On the week a column is a resource on a day: only the selection's own day's columns keep "the same times".
  const onDay = (resourceId: string): boolean => lens === null || [...current].every((shown) => lens.sameDay(shown ?? '', resourceId));
  const options = model.resources.filter((resource) => !(current.size === 1 && current.has(resource.id)) && onDay(resource.id));
  const [resourceId, setResourceId] = useState(options[0]?.id ?? '');
  // In time order, each taking its place at the target: two at one time cannot both fit there.
  const misfits = useMemo(() => {
    const taken: { startMs: number; endMs: number }[] = [];
    const ordered = [...ids].sort((a, b) => (model.appointments.get(a)?.startMs ?? 0) - (model.appointments.get(b)?.startMs ?? 0));
    return ordered.filter((id) => {
      const entry = model.appointments.get(id);
      if (entry === undefined) return true;
      if (entry.view.resourceId === resourceId) return false;
      const fits =
        model.slots.checkMove({ id, resourceId: entry.view.resourceId ?? '', serviceId: entry.view.serviceId ?? '', startMs: entry.startMs, endMs: entry.endMs }, resourceId, entry.startMs).ok &&
        !taken.some((place) => place.startMs < entry.endMs && entry.startMs < place.endMs);
      if (fits) taken.push({ startMs: entry.startMs, endMs: entry.endMs });
      return !fits;
    });
  }, [ids, model, resourceId]);
  const fitting = ids.filter((id) => !misfits.includes(id));
  const target = model.resourceNames.get(resourceId) ?? resourceId;
  /** "Sara Gustafsson 13:45: no free slot at Dr. Ek". */
  const blocker = (id: string): string => {
    const entry = model.appointments.get(id);
    const time = entry === undefined ? '' : formatTime(entry.startMs, model.zone, model.locale);
    return t('rebook.blocker', { patient: model.blocks.get(id)?.patient ?? t('rebook.someAppointment'), time, resource: target });
  };
  const send = (which: string[]): void => {
    if (which.length === 0 || resourceId === '') return;
    close();
    void moveAppointmentsToResource(which, resourceId);
  };

  return (
    <Dialog title={t('moveResource.title', { count: ids.length })} subtitle={t('moveResource.hint')} onClose={close} testId="move-resource-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (misfits.length === 0) send(ids);
        }}
      >
        <label className="field">
          <span>{t('moveResource.resource')}</span>
          <select value={resourceId} onChange={(event) => setResourceId(event.target.value)} autoFocus data-testid="move-resource-select">
            {options.map((resource) => (
              <option key={resource.id} value={resource.id}>
                {model.resourceNames.get(resource.id) ?? resource.id}
              </option>
            ))}
          </select>
        </label>
        {misfits.length > 0 && (
          <div role="alert" data-testid="move-resource-blockers">
            <p className="error-text">{t('rebook.blockersTitle', { count: misfits.length })}</p>
            <ul className="move-resource-blockers">
              {misfits.slice(0, 8).map((id) => (
                <li key={id}>{blocker(id)}</li>
              ))}
              {misfits.length > 8 && <li>{t('moveResource.more', { count: misfits.length - 8 })}</li>}
            </ul>
          </div>
        )}
        <div className="dialog-footer inline-actions">
          <button type="button" onClick={close}>
            {t('moveResource.back')}
          </button>
          {misfits.length > 0 && fitting.length > 0 ? (
            <button type="button" className="primary" onClick={() => send(fitting)} data-testid="move-fitting">
              {t('rebook.moveFitting', { count: fitting.length })}
            </button>
          ) : (
            <button type="submit" className="primary" disabled={misfits.length > 0 || resourceId === ''}>
              {t('moveResource.confirm')}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
