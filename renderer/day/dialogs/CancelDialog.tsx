// Cancel one or many appointments with one reason for all (required; it goes to the EHR).
// Confirming closes at once: the blocks show pending straight away and the selection bar
// follows each appointment's result.
import { useState } from 'react';
import { formatTimeRange } from '../../i18n/format.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { Dialog } from '../../common/Dialog.tsx';
import type { DayModel } from '../model/day-model.ts';
import { cancelAppointments } from '../state/actions.ts';
import { useUi } from '../state/ui-store.ts';

const LISTED = 8;

export function CancelDialog({ model, ids }: { model: DayModel; ids: string[] }) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const empty = reason.trim() === '';
  // The EHR keeps one comment: the reason takes its place (docs/leyr-api.md, cancelling).
  const commentOf = (id: string | undefined): string | null => {
    const comment = id === undefined ? null : (model.appointments.get(id)?.view.comment ?? null);
    return comment === null || comment.trim() === '' ? null : comment;
  };

  const submit = (): void => {
    setTried(true);
    if (empty) return;
    close();
    void cancelAppointments(ids, reason.trim());
  };

  return (
    <Dialog title={t('cancel.title', { count: ids.length })} onClose={close} testId="cancel-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <ul className="compact-list">
          {ids.slice(0, LISTED).map((id) => {
            const entry = model.appointments.get(id);
            return (
              <li key={id}>
                {entry === undefined ? id : `${formatTimeRange(entry.startMs, entry.endMs, model.zone, model.locale)} · ${model.blocks.get(id)?.patient ?? ''} · ${model.resourceNames.get(entry.view.resourceId ?? '') ?? ''}`}
              </li>
            );
          })}
          {ids.length > LISTED && <li>… +{ids.length - LISTED}</li>}
        </ul>
        <label className="field">
          <span>{t('cancel.reason')}</span>
          <textarea
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={500}
            rows={3}
            required
            autoFocus
            aria-invalid={tried && empty}
            aria-describedby={tried && empty ? 'cancel-reason-replaces cancel-reason-error' : 'cancel-reason-replaces'}
            data-testid="cancel-reason"
          />
        </label>
        <p className="muted" id="cancel-reason-replaces" data-testid="cancel-replaces-comment">
          {t('commentPrint.reasonReplaces', { count: ids.length })}
          {ids.length === 1 && commentOf(ids[0]) !== null && ` ${t('commentPrint.commentNow', { comment: commentOf(ids[0]) ?? '' })}`}
        </p>
        {tried && empty && (
          <p id="cancel-reason-error" className="error-text" role="alert">
            {t('cancel.reasonRequired')}
          </p>
        )}
        <div className="dialog-footer inline-actions">
          <button type="button" onClick={close}>
            {t('cancel.back')}
          </button>
          <button type="submit" className="danger" data-testid="confirm-cancel">
            {t('cancel.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
