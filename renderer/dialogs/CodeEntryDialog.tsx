// The code the EHR texted to the patient: confirms a booking awaiting confirmation, or a
// two-step cancel. Reopened from the appointment's details or the selection bar's results.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmAppointment, errorText } from '../day/actions.ts';
import type { DayModel } from '../day/day-model.ts';
import { formatTimeRange } from '../i18n/format.ts';
import { useUi } from '../state/ui-store.ts';
import { Dialog } from './Dialog.tsx';

const CODE = /^[A-Za-z0-9]{4,12}$/;

export function CodeEntryDialog({ model, appointmentId, purpose }: { model: DayModel; appointmentId: string; purpose: 'booking' | 'cancellation' }) {
  const { t } = useTranslation();
  const close = useUi((state) => state.closeDialog);
  const notify = useUi((state) => state.notify);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const entry = model.appointments.get(appointmentId);
  const block = model.blocks.get(appointmentId);
  const subtitle = entry === undefined ? appointmentId : `${formatTimeRange(entry.startMs, entry.endMs, model.zone, model.locale)}, ${block?.patient ?? ''}`;
  const valid = CODE.test(code.trim());

  const submit = async (): Promise<void> => {
    if (!valid) {
      setError(t('code.invalid'));
      return;
    }
    setBusy(true);
    const result = await confirmAppointment(appointmentId, code.trim());
    setBusy(false);
    if (result.ok) {
      notify('info', t('code.sent'));
      close();
    } else setError(errorText(result.error));
  };

  return (
    <Dialog title={t('code.title')} subtitle={subtitle} onClose={close} testId="code-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        noValidate
      >
        <p>{purpose === 'booking' ? t('code.hintBooking') : t('code.hintCancel')}</p>
        <label className="field">
          <span>{t('code.label')}</span>
          <input
            value={code}
            onChange={(event) => setCode(event.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            aria-invalid={code !== '' && !valid}
            aria-describedby="code-hint"
            data-testid="code-input"
          />
        </label>
        <p id="code-hint" className="field-hint">
          {t('code.invalid')}
        </p>
        {error !== null && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-footer inline-actions">
          <button type="button" onClick={close}>
            {t('code.later')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('code.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
