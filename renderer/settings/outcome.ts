// What a connection test (or saving credentials) came to, in the receptionist's language:
// wrong credentials (Leyr's UNAUTHORIZED only), no network, the EHR's or Leyr's failure with
// Leyr's reference to quote to support, Leyr asking to wait.
// Main's own sentence is the fallback for anything else. Pure, for the tests.
import type { AppError, ConnectionCheck } from '../../preload/contract/index.ts';
import type { Translate } from '../i18n/translate.ts';

export interface OutcomeText {
  kind: 'success' | 'error';
  text: string;
  /** Leyr's `instance` of the failed call, to quote to support; null when there is none. */
  reference: string | null;
}

export function successText(check: ConnectionCheck, t: Translate): OutcomeText {
  const count = check.careUnits.length;
  return { kind: 'success', text: count === 0 ? t('settings.outcome.acceptedNone') : t('settings.outcome.accepted', { count }), reference: null };
}

/** Ends a sentence that does not end already (Leyr's `detail` may or may not). */
const sentence = (text: string): string => (/[.!?…]$/.test(text) ? text : `${text}.`);

/**
 * `saving`: the failure of saveCredentials, after which nothing was stored. Only Leyr's
 * `UNAUTHORIZED` means this app's client id or secret: an `EMR_ERROR` or `UNKNOWN_ERROR` is a
 * failure behind Leyr whatever its status (Leyr's own examples of both are 401s).
 */
export function failureText(error: AppError, t: Translate, saving = false): OutcomeText {
  const leyr = error.leyr;
  const reference = leyr?.instance ?? null;
  const top = error.code === 'LEYR_ERROR' ? (leyr?.code ?? null) : null;
  let text: string;
  if (error.code === 'NETWORK') text = t('settings.outcome.network');
  else if (error.code === 'BUSY') text = t('reasons.busy');
  else if (error.code === 'DISCONNECTED') text = t('reasons.disconnected');
  else if (top === 'UNAUTHORIZED') text = t('settings.outcome.unauthorized');
  else if (top === 'EMR_ERROR' || top === 'UNKNOWN_ERROR') {
    const detail = leyr?.detail?.trim() ?? '';
    text = detail === '' ? sentence(t('settings.outcome.emr', { detail: '' }).replace(/[\s:]+$/, '')) : sentence(t('settings.outcome.emr', { detail }));
  } else if (error.code === 'LEYR_ERROR' && (top === 'SERVICE_UNAVAILABLE' || leyr?.status === 429 || leyr?.status === 503)) text = t('settings.outcome.wait');
  else if (error.code === 'LEYR_ERROR' && leyr?.status === 403) text = t('settings.outcome.forbidden');
  else {
    // Main's sentence already says what it could (and, for a save, that nothing was saved);
    // its reference is shown on its own line instead.
    const own = reference === null ? error.message : error.message.replace(/\s*Reference for Leyr support: [^\s]+?\.?(?=\s|$)/, '');
    return { kind: 'error', text: own, reference };
  }
  return { kind: 'error', text: saving ? `${text} ${t('settings.outcome.nothingSaved')}` : text, reference };
}
