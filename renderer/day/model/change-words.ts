// A change and its fate in the receptionist's language. Main describes changes and failures
// in English sentences with ids (for its log and audit trail); on screen they are said again
// here from what they are (the kind of change, the appointments, Leyr's error code), in
// Swedish or English, falling back to main's sentence for a failure the app has no words for.
// Pure, for the tests.
import type { ChangeFailureView, ChangeKind } from '../../../preload/contract/index.ts';
import type { Translate } from '../../i18n/translate.ts';

/** Leyr's `errors[].error_code`s and the app's own codes with words of their own. */
const KNOWN_CODES = new Set([
  'NO_TIMESLOTS_AVAILABLE',
  'AMBIGUOUS_TIMESLOTS',
  'INVALID_PATIENT_ID',
  'INVALID_APPOINTMENT_ID',
  'INVALID_RESOURCE_ID',
  'INVALID_HEALTHCARE_SERVICE_ID',
  'INVALID_CARE_UNIT_ID',
  'INVALID_COMMENT_LENGTH',
  'MAX_ITEMS_EXCEEDED',
  'NOT_SUPPORTED',
  'BAD_INPUT',
  'CHANGED_ELSEWHERE',
  'DEPENDS_ON_FAILED',
]);

/**
 * What a change is about, for a heading or the start of a message: "Cancellation of Tolvan
 * Tolvansson 10:30", "Move of 3 appointments to another resource". `describe` names one
 * appointment (patient and time) when the day shown has it, else null.
 */
export function changeTitle(change: { kind: ChangeKind; appointmentIds: readonly string[] }, describe: (id: string) => string | null, t: Translate): string {
  const count = change.appointmentIds.length;
  const first = change.appointmentIds[0];
  const what = (count === 1 && first !== undefined ? describe(first) : null) ?? t('changes.someAppointment');
  switch (change.kind) {
    case 'move':
      return t('changes.move', { what });
    case 'cancel':
      return count === 1 ? t('changes.cancelOne', { what }) : t('changes.cancelMany', { count });
    case 'move-to-resource':
      return count === 1 ? t('changes.moveToResourceOne', { what }) : t('changes.moveToResourceMany', { count });
    case 'reschedule':
      return t('changes.reschedule', { count });
    case 'book':
      return t('changes.book', { what });
    case 'confirm':
      return t('changes.confirm', { what });
  }
}

/** Main's English sentences end with Leyr's reference; the screen shows it once, its own way. */
const MAIN_REFERENCE = /\s*Reference for Leyr support: [^\s]+?\.?(?=\s|$)/;

/** Why a change did not take effect, in the receptionist's language (Leyr's reference apart). */
export function failureReason(failure: Pick<ChangeFailureView, 'reason' | 'code' | 'leyr'>, kind: ChangeKind | null, t: Translate): string {
  const code = failure.code;
  // A code the EHR did not take is refused as bad input; say it in those words.
  if (kind === 'confirm' && failure.leyr?.status === 400 && code !== 'INVALID_APPOINTMENT_ID') return t('reasons.codeRefused');
  if (code !== null && KNOWN_CODES.has(code)) return t(`reasons.${code}`);
  if (failure.leyr !== null && failure.leyr.status === null) return t('reasons.network');
  if (failure.leyr?.code === 'EMR_ERROR') {
    const detail = failure.leyr.detail;
    return detail !== null && detail !== '' ? t('reasons.emrDetail', { detail }) : t('reasons.emr');
  }
  if (failure.leyr?.status != null && failure.leyr.status >= 500) return t('reasons.leyrFailed');
  return failure.reason.replace(MAIN_REFERENCE, '');
}

/** A failure's reason and Leyr's reference, as one sentence for a notice or a dialog. */
export function failureSentence(failure: Pick<ChangeFailureView, 'reason' | 'code' | 'leyr'>, kind: ChangeKind | null, t: Translate): string {
  const reason = failureReason(failure, kind, t);
  const reference = leyrReference(failure, t);
  return reference === null ? reason : `${reason} ${reference}`;
}

/** Leyr's reference for support, when it gave one: "Leyr reference: …". */
export function leyrReference(failure: Pick<ChangeFailureView, 'leyr'>, t: Translate): string | null {
  const instance = failure.leyr?.instance;
  return instance == null || instance === '' ? null : t('details.leyrInstance', { instance });
}
