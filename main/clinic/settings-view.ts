// The settings as the renderer sees them: the Leyr account (never its secret), what the
// keychain said, the preferences, and which clinic runs with the changes other clinics still
// have waiting.
import { DEFAULT_LOOK, type AccountView, type ModeView, type SettingsView } from '../../preload/contract/index.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { LocalStore } from '../store/store.ts';
import { isDemoClinicKey } from './clinic-keys.ts';
import type { CareUnitsSeen } from './connection-check.ts';
import type { KeychainState } from './keychain.ts';
import type { ClinicSwitcher } from './switcher.ts';

export interface SettingsViewSources {
  settings: SettingsStore;
  switcher: ClinicSwitcher;
  store: LocalStore;
  keychain: KeychainState;
  careUnits: CareUnitsSeen;
  /** A Leyr fixed on the command line: the settings cannot switch the app. */
  fixed: boolean;
}

export function modeView({ settings, switcher, store, careUnits, fixed }: SettingsViewSources): ModeView {
  const clinic = switcher.current();
  const clinics = store.accounts.list();
  const active = clinics.find((record) => record.key === clinic.clinicKey);
  const account = settings.get().account;
  const listed = account === null ? undefined : careUnits.get(account)?.find((unit) => unit.id === clinic.careUnitId);
  const waiting = clinics
    .filter((record) => record.key !== clinic.clinicKey)
    .map((record) => ({ clinic: record.careUnitName ?? record.careUnitId, demo: isDemoClinicKey(record.key), count: store.outbox.activeCount(record.id) }))
    .filter((entry) => entry.count > 0);
  return {
    mode: clinic.target.kind === 'demo' ? 'demo' : 'account',
    reason: clinic.target.kind === 'demo' ? clinic.target.reason : null,
    emr: clinic.emr,
    careUnitId: clinic.careUnitId,
    careUnitName: active?.careUnitName ?? (clinic.target.kind === 'account' ? (listed?.name ?? null) : null),
    waiting,
    fixed,
  };
}

export function settingsView(sources: SettingsViewSources): SettingsView {
  const { settings } = sources;
  const keychain = sources.keychain.current();
  const current = settings.get();
  const account: AccountView | null =
    current.account === null
      ? null
      : { emr: current.account.emr, clientId: current.account.clientId, careUnitId: current.account.careUnitId, baseUrl: current.account.baseUrl ?? null };
  return {
    account,
    secretStored: current.account !== null && keychain.secretStored,
    keychain: { available: keychain.available, reason: keychain.reason },
    language: current.language,
    maskPersonalNumbers: current.maskPersonalNumbers,
    allowPastChanges: current.allowPastChanges,
    mode: modeView(sources),
    look: current.look ?? { ...DEFAULT_LOOK },
    loadProblem: settings.loadProblem === null ? null : { code: settings.loadProblem.code, message: settings.loadProblem.message },
  };
}
