// Which clinic the settings ask for, given what the keychain holds.
import { LEYR_DEFAULT_BASE_URL, type AccountSettings, type Settings } from '../../preload/contract/settings-schema.ts';
import { checkBaseUrl } from '../leyr/client.ts';
import type { KeychainKnowledge } from './keychain.ts';
import type { ClinicTarget } from './switcher.ts';

export const MISSING_SECRET_REASON = 'No client secret for the clinic is stored in the keychain, so the demo clinic runs. Enter the secret in Settings to use the clinic.';

/** Leyr's address for an account, normalised (no trailing slash), so two spellings compare equal. */
export const leyrUrl = (baseUrl: string | undefined): string => checkBaseUrl(baseUrl ?? LEYR_DEFAULT_BASE_URL);
export const normalisedUrl = (account: AccountSettings): string => leyrUrl(account.baseUrl);

export function desiredTarget(settings: Settings, keychain: KeychainKnowledge): ClinicTarget {
  const { account } = settings;
  if (account === null || account.careUnitId === null || settings.preferDemo) return { kind: 'demo', reason: null };
  if (!keychain.secretStored) return { kind: 'demo', reason: keychain.available === false && keychain.reason !== null ? keychain.reason : MISSING_SECRET_REASON };
  return { kind: 'account', account: { baseUrl: normalisedUrl(account), emr: account.emr, clientId: account.clientId, careUnitId: account.careUnitId } };
}

/** Whether the keychain is worth asking at start: only when the settings could run the account. */
export const accountCouldRun = (settings: Settings): settings is Settings & { account: AccountSettings } =>
  settings.account !== null && settings.account.careUnitId !== null && !settings.preferDemo;
