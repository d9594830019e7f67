// The code the EHR texted to the patient: confirms a booking awaiting confirmation, or a
// two-step cancel. Reopened from the appointment's details or the selection bar's results.
//
// The dialog stays open until the EHR has said whether it took the code: a wrong code is the
// common case, and the receptionist has the patient on the phone to ask again. Offline the
// code waits in the outbox like any change, and the dialog says so and closes.
import { calls } from '../../../preload/contract/calls.ts';
import { useEffect, useState } from 'react';
import { formatTimeRange } from '../../i18n/format.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { Dialog } from '../../common/Dialog.tsx';
import { useConnectivity } from '../../common/connectivity.ts';
import { useNotices } from '../../common/notices.ts';
import { failureSentence } from '../model/change-words.ts';
import type { DayModel } from '../model/day-model.ts';
import { confirmAppointment, errorText } from '../state/actions.ts';
import { useDay } from '../state/day-store.ts';
import { useUi } from '../state/ui-store.ts';

// The code checked with the call's own schema: what the dialog lets through, main accepts.
const codeSchema = calls.confirmAppointment.arg.shape.code;

export function CodeEntryDialog({ model, appointmentId, purpose }: { model: DayModel; appointmentId: string; purpose: 'booking' | 'cancellation' }) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const notify = useNotices((state) => state.notify);
  const watch = useUi((state) => state.watch);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The change that carries the code, while the EHR's answer is awaited. */
  const [waitingFor, setWaitingFor] = useState<string | null>(null);
  const change = useDay((state) => (waitingFor === null ? undefined : state.changes.get(waitingFor)));
  const offline = useConnectivity((state) => state.status?.state === 'offline');
  const entry = model.appointments.get(appointmentId);
  const block = model.blocks.get(appointmentId);
  const subtitle = entry === undefined ? appointmentId : `${formatTimeRange(entry.startMs, entry.endMs, model.zone, model.locale)}, ${block?.patient ?? ''}`;
  const valid = codeSchema.safeParse(code).success;

  // Watched from the moment the receipt is in (see submit) until this dialog lets go of it.
  useEffect(() => {
    if (waitingFor === null) return;
    return () => watch(waitingFor, false);
  }, [waitingFor, watch]);

  const refused = change !== undefined && (change.status === 'refused' || change.status === 'conflict');
  const verdict = refused ? (change.failure === null ? change.status : failureSentence(change.failure, 'confirm', t)) : null;

  useEffect(() => {
    if (waitingFor === null) return;
    if (change?.status === 'applied') {
      notify('success', t('code.accepted'));
      close();
    } else if (offline && !refused) {
      notify('info', t('code.queued'));
      close();
    }
  }, [waitingFor, change, refused, offline, notify, close, t]);

  const submit = async (): Promise<void> => {
    if (!valid) {
      setError(t('code.invalid'));
      return;
    }
    setBusy(true);
    setError(null);
    setWaitingFor(null);
    const result = await confirmAppointment(appointmentId, code.trim());
    setBusy(false);
    if (result.ok) {
      // At once, before Leyr's verdict can arrive: the verdict is said here, not as a notice.
      watch(result.value.changeId, true);
      setWaitingFor(result.value.changeId);
    } else setError(errorText(result.error));
  };

  // Refused: the code can be corrected and sent again.
  const checking = busy || (waitingFor !== null && !refused);
  const shownError = error ?? verdict;
  return (
    <Dialog title={t('code.title')} subtitle={subtitle} onClose={close} testId="code-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!checking) void submit();
        }}
        noValidate
      >
        <p>{purpose === 'booking' ? t('code.hintBooking') : t('code.hintCancel')}</p>
        <label className="field">
          <span>{t('code.label')}</span>
          <input
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setError(null);
              if (refused) setWaitingFor(null);
            }}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            readOnly={checking}
            aria-invalid={shownError !== null || (code !== '' && !valid)}
            aria-describedby="code-hint"
            data-testid="code-input"
          />
        </label>
        <p id="code-hint" className="field-hint">
          {t('code.invalid')}
        </p>
        <div aria-live="polite" className="code-status">
          {checking && waitingFor !== null && (
            <p className="checking" data-testid="code-checking">
              <span className="spinner" aria-hidden="true" /> {t('code.checking')}
            </p>
          )}
        </div>
        {shownError !== null && (
          <p className="error-text" role="alert" data-testid="code-error">
            {shownError}
          </p>
        )}
        <div className="dialog-footer inline-actions">
          <button type="button" onClick={close}>
            {t('code.later')}
          </button>
          <button type="submit" className="primary" disabled={checking}>
            {t('code.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
