// An appointment's details, and what can be done with it from here: cancel, enter the
// patient's code, retry or dismiss a change Leyr refused, and choose between ours and another
// desk's version when they collided.
import { formatDateLong, formatTimeRange } from '../../i18n/format.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { Dialog } from '../../common/Dialog.tsx';
import { failureReason, leyrReference, placeWords } from '../model/change-words.ts';
import { serviceName, statusText, type DayModel } from '../model/day-model.ts';
import { realDateOf } from '../model/view-lens.ts';
import { dismissChange, retryChange } from '../state/actions.ts';
import { useDay } from '../state/day-store.ts';
import { useUi } from '../state/ui-store.ts';
import { CommentEditor } from './CommentEditor.tsx';

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
    [t('details.time'), `${formatDateLong(realDateOf(useDay.getState().lens, { resourceId: entry.view.resourceId ?? '', startMs: entry.startMs, endMs: entry.endMs }, model.snapshot.date, model.zone), model.zone, model.locale)}, ${formatTimeRange(entry.startMs, entry.endMs, model.zone, model.locale)}`],
    [t('details.patient'), block?.patient ?? ''],
    [t('details.resource'), model.resourceNames.get(view.resourceId ?? '') ?? view.resourceId ?? ''],
    [t('details.service'), serviceName(view.serviceId === null ? undefined : model.services.get(view.serviceId), t)],
    [t('details.status'), [statusText(view.status, t), view.pending ? t('status.pending') : '', view.awaitingCancellation ? t('status.awaitingCancellation') : ''].filter(Boolean).join(' · ')],
    // A booked one's comment is edited below (CommentEditor); others only show it.
    ...(changeable ? [] : [[t('details.comment'), view.comment === null || view.comment === '' ? t('details.noComment') : view.comment] as [string, string]]),
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
      {changeable && <CommentEditor appointmentId={appointmentId} comment={view.comment} />}
      {view.failed !== null && view.failed.status === 'conflict' && (
        <ConflictChoice model={model} changeId={view.failed.changeId} reason={failureReason(view.failed, null, t)} />
      )}
      {view.failed !== null && view.failed.status !== 'conflict' && (
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

/**
 * A change that collided with another desk's: both versions side by side, and the choice.
 * "Keep theirs" takes ours off the list (the EHR keeps what the other desk did); "Apply mine
 * again" queues ours anew on top of theirs, checked like any change.
 */
function ConflictChoice({ model, changeId, reason }: { model: DayModel; changeId: string; reason: string }) {
  const t = useTranslate();
  const change = useDay((state) => state.changes.get(changeId));
  const name = (id: string): string | null => model.resourceNames.get(id) ?? null;
  const conflict = change?.conflict ?? null;
  const rows = (conflict?.local ?? []).map((mine) => {
    const theirs = conflict?.remote.find((r) => r.id === mine.id);
    // The column only where the two differ.
    const column = theirs === undefined || theirs.resourceId !== mine.resourceId ? name : () => null;
    return {
      id: mine.id,
      mine: placeWords(mine, model.zone, model.locale, column, t),
      theirs: theirs === undefined ? t('reasons.goneWord') : placeWords(theirs, model.zone, model.locale, column, t),
    };
  });
  return (
    <div className="failure conflict" role="alert" data-testid="conflict-choice">
      <p>
        <strong>{reason}</strong>
      </p>
      {rows.length > 0 && (
        <table className="versions">
          <thead>
            <tr>
              <th scope="col">{t('details.yours')}</th>
              <th scope="col">{t('details.theirs')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td data-testid="version-mine">{row.mine}</td>
                <td data-testid="version-theirs">{row.theirs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="inline-actions">
        <button type="button" onClick={() => void dismissChange(changeId)} data-testid="keep-theirs">
          {t('details.keepTheirs')}
        </button>
        <button type="button" onClick={() => void retryChange(changeId)} data-testid="apply-mine">
          {t('details.applyMine')}
        </button>
      </div>
    </div>
  );
}
