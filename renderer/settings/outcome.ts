// What a connection test (or saving credentials) came to, in the receptionist's language:
// wrong credentials, no network, the EHR's error with Leyr's reference to quote to support.
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

/** `saving`: the failure of saveCredentials, after which nothing was stored. */
export function failureText(error: AppError, t: Translate, saving = false): OutcomeText {
  const leyr = error.leyr;
  const reference = leyr?.instance ?? null;
  let text: string;
  if (error.code === 'NETWORK') text = t('settings.outcome.network');
  else if (error.code === 'LEYR_ERROR' && (leyr?.status === 401 || leyr?.code === 'UNAUTHORIZED')) text = t('settings.outcome.unauthorized');
  else if (error.code === 'LEYR_ERROR' && leyr?.status === 403) text = t('settings.outcome.forbidden');
  else if (error.code === 'LEYR_ERROR' && leyr?.code === 'EMR_ERROR') text = t('settings.outcome.emr', { detail: leyr.detail ?? '' }).trim();
  else {
    // Main's sentence already says what it could (and, for a save, that nothing was saved);
    // its reference is shown on its own line instead.
    const own = reference === null ? error.message : error.message.replace(/\s*Reference for Leyr support: [^\s]+?\.?(?=\s|$)/, '');
    return { kind: 'error', text: own, reference };
  }
  return { kind: 'error', text: saving ? `${text} ${t('settings.outcome.nothingSaved')}` : text, reference };
}
