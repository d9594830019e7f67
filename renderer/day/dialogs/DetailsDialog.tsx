// An appointment's details, and what can be done with it from here: cancel, enter the
// patient's code, retry or dismiss a change Leyr refused.
import { formatDateLong, formatTimeRange } from '../../i18n/format.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { Dialog } from '../../common/Dialog.tsx';
import { failureReason, leyrReference } from '../model/change-words.ts';
import { serviceName, statusText, type DayModel } from '../model/day-model.ts';
import { dismissChange, retryChange } from '../state/actions.ts';
import { useUi } from '../state/ui-store.ts';

export function DetailsDialog({ model, appointmentId }: { model: DayModel; appointmentId: string }) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const openDialog = useUi((state) => state.openDialog);
  const entry = model.appointments.get(appointmentId);
  if (entry === undefined) {
    return (
      <Dialog title={t('details.title')} onClose={close}>
        <p>{appointmentId}</p>
      </Dialog>
    );
  }
  const { view } = entry;
  const block = model.blocks.get(appointmentId);
  const changeable = view.status === 'booked' || view.status === 'awaiting_confirmation';
  const needsCode = view.awaitingCancellation || view.status === 'awaiting_confirmation';
  const rows: [string, string][] = [
    [t('details.time'), `${formatDateLong(model.snapshot.date, model.zone, model.locale)}, ${formatTimeRange(entry.startMs, entry.endMs, model.zone, model.locale)}`],
    [t('details.patient'), block?.patient ?? ''],
    [t('details.resource'), model.resourceNames.get(view.resourceId ?? '') ?? view.resourceId ?? ''],
    [t('details.service'), serviceName(view.serviceId === null ? undefined : model.services.get(view.serviceId), t)],
    [t('details.status'), [statusText(view.status, t), view.pending ? t('status.pending') : '', view.awaitingCancellation ? t('status.awaitingCancellation') : ''].filter(Boolean).join(' · ')],
    [t('details.comment'), view.comment === null || view.comment === '' ? t('details.noComment') : view.comment],
  ];
  return (
    <Dialog
      title={t('details.title')}
      subtitle={block?.patient}
      onClose={close}
      testId="details-dialog"
      footer={
        <>
          {needsCode && (
            <button
              type="button"
              onClick={() => openDialog({ kind: 'code', appointmentId, purpose: view.awaitingCancellation ? 'cancellation' : 'booking' })}
              data-testid="open-code"
            >
              {t('details.enterCode')}
            </button>
          )}
          {changeable && !view.awaitingCancellation && (
            <button type="button" className="danger" onClick={() => openDialog({ kind: 'cancel', ids: [appointmentId] })}>
              {t('details.cancel')}
            </button>
          )}
          <button type="button" className="primary" onClick={close}>
            {t('details.close')}
          </button>
        </>
      }
    >
      <dl className="details">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {view.failed !== null && (
        <div className="failure" role="alert">
          <p>{t('status.failed', { reason: failureReason(view.failed, null, t) })}</p>
          {leyrReference(view.failed, t) !== null && <p className="muted">{leyrReference(view.failed, t)}</p>}
          <div className="inline-actions">
            <button type="button" onClick={() => void retryChange(view.failed?.changeId ?? '')}>
              {t('details.retry')}
            </button>
            <button type="button" onClick={() => void dismissChange(view.failed?.changeId ?? '')}>
              {t('details.dismiss')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
