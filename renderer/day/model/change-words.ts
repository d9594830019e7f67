// A change and its fate in the receptionist's language. Main describes changes and failures
// in English sentences with ids (for its log and audit trail); on screen they are said again
// here from what they are (the kind of change, the appointments, Leyr's error code), in
// Swedish, Norwegian or English, falling back to main's sentence for a failure the app has no words for.
// Pure, for the tests.
import type { AppointmentPlace, ChangeFailureView, ChangeKind, ChangeView, LeyrErrorInfo } from '../../../preload/contract/index.ts';
import { formatTimeRange } from '../../i18n/format.ts';
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
  'CHANGED_AFTER_YOURS',
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
    case 'comment':
      return t('commentPrint.change', { what });
  }
}

/** Main's English sentences end with Leyr's reference; the screen shows it once, its own way. */
const MAIN_REFERENCE = /\s*Reference for Leyr support: [^\s]+?\.?(?=\s|$)/;

/** Leyr's top-level codes for a failure behind Leyr (the EHR, or Leyr itself), at any status. */
const BEHIND_LEYR = new Set(['EMR_ERROR', 'UNKNOWN_ERROR']);

/** Leyr, or a gateway in front of it, asked to wait (SERVICE_UNAVAILABLE, 429, 503). */
export function askedToWait(leyr: Pick<LeyrErrorInfo, 'code' | 'status'> | null | undefined): boolean {
  return leyr != null && (leyr.code === 'SERVICE_UNAVAILABLE' || leyr.status === 429 || leyr.status === 503);
}

/** A failure of the EHR or of Leyr (`EMR_ERROR`, `UNKNOWN_ERROR`): its reference is for Leyr's support. */
export function failedBehindLeyr(leyr: Pick<LeyrErrorInfo, 'code'> | null | undefined): boolean {
  return leyr?.code != null && BEHIND_LEYR.has(leyr.code);
}

/**
 * Why a change did not take effect, in the receptionist's language (Leyr's reference apart).
 * Only Leyr's `UNAUTHORIZED` means this app's credentials; `EMR_ERROR` and `UNKNOWN_ERROR`
 * are failures behind Leyr, said with the EHR's own detail, whatever the HTTP status.
 */
export function failureReason(failure: Pick<ChangeFailureView, 'reason' | 'code' | 'leyr'>, kind: ChangeKind | null, t: Translate): string {
  const code = failure.code;
  const leyr = failure.leyr;
  if (leyr !== null && failedBehindLeyr(leyr)) {
    const detail = leyr.detail?.trim() ?? '';
    const key = leyr.code === 'EMR_ERROR' ? 'emr' : 'unknown';
    return detail === '' ? t(`reasons.${key}`) : t(`reasons.${key}Detail`, { detail });
  }
  if (askedToWait(leyr)) return t('reasons.wait');
  if (leyr?.code === 'UNAUTHORIZED') return t('reasons.unauthorized');
  // A code the EHR did not take is refused as bad input; say it in those words.
  if (kind === 'confirm' && leyr?.status === 400 && code !== 'INVALID_APPOINTMENT_ID') return t('reasons.codeRefused');
  if (code !== null && KNOWN_CODES.has(code)) return t(`reasons.${code}`);
  if (leyr !== null && leyr.status === null) return t('reasons.network');
  if (leyr?.status != null && leyr.status >= 500) return t('reasons.leyrFailed');
  return failure.reason.replace(MAIN_REFERENCE, '');
}

/** Ends a sentence that does not end already (Leyr's `detail` may or may not). */
const sentence = (text: string): string => (/[.!?…]$/.test(text) ? text : `${text}.`);

/**
 * A failure's reason and Leyr's reference, as one sentence for a notice or a dialog: "The EHR
 * (or Leyr) failed: TakeCare is down. Reference for Leyr support: 3f0c…".
 */
export function failureSentence(failure: Pick<ChangeFailureView, 'reason' | 'code' | 'leyr'>, kind: ChangeKind | null, t: Translate): string {
  const reason = failureReason(failure, kind, t);
  const reference = leyrReference(failure, t);
  return reference === null ? reason : `${sentence(reason)} ${reference}`;
}

/** Leyr's reference when it gave one: "Leyr reference: …", or "Reference for Leyr support: …" for a failure behind Leyr. */
export function leyrReference(failure: Pick<ChangeFailureView, 'leyr'>, t: Translate): string | null {
  const instance = failure.leyr?.instance;
  if (instance == null || instance === '') return null;
  return failedBehindLeyr(failure.leyr) ? t('details.supportReference', { instance }) : t('details.leyrInstance', { instance });
}

/** Where an appointment is: "11:15–11:30, Dr. Ek", or "cancelled". */
export function placeWords(place: AppointmentPlace, zone: string, locale: string, resourceName: (id: string) => string | null, t: Translate): string {
  if (place.status === 'cancelled') return t('reasons.cancelledWord');
  const time = formatTimeRange(Date.parse(place.start), Date.parse(place.end), zone, locale);
  const column = place.resourceId === null ? null : (resourceName(place.resourceId) ?? null);
  return column === null ? time : `${time}, ${column}`;
}

/**
 * How a change made at another desk differs from ours, for one appointment: "10:30–10:45 →
 * 11:15–11:30". Several appointments: the count. Null when the change carries no versions.
 */
export function conflictHow(
  conflict: ChangeView['conflict'],
  zone: string,
  locale: string,
  resourceName: (id: string) => string | null,
  t: Translate,
): string | null {
  if (conflict === null || conflict.local.length === 0) return null;
  const [mine] = conflict.local;
  if (conflict.local.length > 1 || mine === undefined) return t('changes.appointmentCount', { count: conflict.local.length });
  const theirs = conflict.remote.find((r) => r.id === mine.id);
  // The column only where it differs: "11:00–11:30 → 09:30–10:00" says a move in one column.
  const columns = theirs === undefined || theirs.resourceId !== mine.resourceId ? resourceName : () => null;
  const now = theirs === undefined ? t('reasons.goneWord') : placeWords(theirs, zone, locale, columns, t);
  return `${placeWords(mine, zone, locale, columns, t)} → ${now}`;
}

/**
 * What became of a change that did not take effect, for a notice: "Leyr refused: …" only
 * when Leyr refused it (a 4xx answer of Leyr's own); a failure behind Leyr, a change held
 * back by the app, and a collision with another desk are each said as what they are.
 */
export function outcomeSentence(change: Pick<ChangeView, 'status' | 'kind' | 'failure' | 'conflict'>, how: string | null, t: Translate): string {
  const failure = change.failure;
  const reason = failure === null ? change.status : failureSentence(failure, change.kind, t);
  if (failure?.code === 'CHANGED_AFTER_YOURS') return t('result.overwritten', { how: how ?? reason });
  if (change.status === 'conflict') return t('result.conflict', { reason });
  const leyr = failure?.leyr ?? null;
  const leyrRefused = leyr !== null && leyr.status !== null && leyr.status >= 400 && leyr.status < 500 && !failedBehindLeyr(leyr) && !askedToWait(leyr);
  return leyrRefused ? t('result.failed', { reason }) : t('result.refused', { reason });
}
