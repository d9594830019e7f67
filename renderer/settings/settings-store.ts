// What the renderer knows about the settings (main's SettingsView: never the secret), the
// settings dialog's state, and the actions behind it. It also makes the rest of the renderer
// follow the settings: the language, the masking of personal numbers and the EHR that patient
// ids are checked against; when main starts
// working for another clinic it tells whoever asked (the app starts the day view over).
//
// The secret passes through here once, as an argument to saveCredentials, and is not kept:
// no state field, no log, no storage.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { AppError, CareUnitOption, LanguageChoice, Result, SettingsView } from '../../preload/contract/index.ts';
import { i18next, useLocale } from '../i18n/i18n.ts';
import { LANGUAGE_STORAGE_KEY, pickLanguage } from '../i18n/locale.ts';
import type { Translate } from '../i18n/translate.ts';
import { useClinicEhr } from '../patients/clinic-ehr.ts';
import { useMasking } from '../patients/masking.ts';
import { useConnectivity } from '../common/connectivity.ts';
import { frontdesk } from '../common/frontdesk.ts';
import { adoptLook } from '../common/look.ts';
import { usePastChanges } from '../common/past-changes.ts';
import { failureText, successText, type OutcomeText } from './outcome.ts';
import { settingsEn, settingsNb, settingsSv } from './settings-messages.ts';

i18next.addResourceBundle('en', 'translation', { settings: settingsEn }, true, true);
i18next.addResourceBundle('sv', 'translation', { settings: settingsSv }, true, true);
i18next.addResourceBundle('nb', 'translation', { settings: settingsNb }, true, true);

interface CredentialsInput {
  emr: string;
  clientId: string;
  clientSecret: string;
  baseUrl: string | null;
}

type SettingsAction = 'save' | 'test' | 'choose' | 'demo' | 'remove' | 'signOut' | 'preferences';

interface SettingsState {
  view: SettingsView | null;
  open: boolean;
  /** The action waiting for main's answer, if any. */
  busy: SettingsAction | null;
  /** What the last connection test or action came to, in plain words (in the language shown now). */
  outcome: Outcome | null;
  /** Care units the credentials reached at the last successful test. */
  careUnits: CareUnitOption[] | null;
  /** Sign-out was refused because changes wait: offer to sign out anyway. */
  signOutBlocked: ((t: Translate) => string) | null;
  /** Field problems of the last save, by field name (emr, clientId, clientSecret, baseUrl). */
  fieldErrors: Record<string, string>;

  load(): Promise<void>;
  openDialog(): void;
  closeDialog(): void;
  saveCredentials(input: CredentialsInput): Promise<boolean>;
  testConnection(): Promise<void>;
  chooseCareUnit(careUnitId: string): Promise<void>;
  useDemo(): Promise<void>;
  removeSecret(): Promise<void>;
  signOut(discardPendingChanges?: boolean): Promise<void>;
  setLanguage(language: LanguageChoice): Promise<void>;
  setMaskPersonalNumbers(mask: boolean): Promise<void>;
  setAllowPastChanges(allowed: boolean): Promise<void>;
}

/**
 * An outcome is kept as how to say it, not as words: switching the language while it is
 * shown says it again in the new language.
 */
export type Outcome = (t: Translate) => OutcomeText;
const said = (kind: OutcomeText['kind'], key: string, options?: Record<string, unknown>): Outcome => (t) => ({ kind, text: t(key, options), reference: null });

const osLanguages = (): readonly string[] => (navigator.languages.length > 0 ? navigator.languages : [navigator.language]);

/** Makes the screen's language follow the setting (`system`: the computer's, as at first start). */
function applyLanguage(choice: LanguageChoice): void {
  const language = choice === 'system' ? pickLanguage(null, osLanguages()) : choice;
  const locale = useLocale.getState();
  if (locale.language !== language) locale.setLanguage(language);
  // The renderer's own copy of the choice, read before main answers at the next start.
  try {
    if (choice === 'system') localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    else localStorage.setItem(LANGUAGE_STORAGE_KEY, choice);
  } catch {
    // Storage may be unavailable; main's settings still hold the choice.
  }
}

let preferenceEdits = 0;
let started = false;

export const useSettings = create<SettingsState>((set, get) => {
  /** Runs one action; a failure becomes the outcome shown. */
  async function act<T>(action: SettingsAction, call: () => Promise<Result<T>>, onSuccess: (value: T) => void, onFailure?: (error: AppError) => void): Promise<boolean> {
    set({ busy: action });
    const result = await call();
    set({ busy: null });
    if (result.ok) {
      onSuccess(result.value);
      return true;
    }
    if (onFailure) onFailure(result.error);
    else set({ outcome: (t) => failureText(result.error, t) });
    return false;
  }

  const adopt = (view: SettingsView): void => {
    set({ view });
  };

  /** Shown at once, saved in main; put back as it was when main could not save it. */
  async function changePreferences(change: Partial<Pick<SettingsView, 'language' | 'maskPersonalNumbers' | 'allowPastChanges'>>): Promise<void> {
    const before = get().view;
    if (before !== null) set({ view: { ...before, ...change } });
    const saved = await act('preferences', () => frontdesk().updatePreferences(change), adopt);
    if (!saved && before !== null) {
      set({ view: { ...(get().view ?? before), language: before.language, maskPersonalNumbers: before.maskPersonalNumbers, allowPastChanges: before.allowPastChanges } });
      if (change.language !== undefined) applyLanguage(before.language);
    }
  }

  return {
    view: null,
    open: false,
    busy: null,
    outcome: null,
    careUnits: null,
    signOutBlocked: null,
    fieldErrors: {},

    async load() {
      const edits = preferenceEdits;
      const result = await frontdesk().getSettings();
      if (!result.ok) return;
      set({ view: result.value });
      // A preference changed meanwhile on this screen is newer than this answer.
      if (edits === preferenceEdits) applyLanguage(result.value.language);
    },

    openDialog() {
      if (get().open) return;
      set({ open: true, outcome: null, signOutBlocked: null, fieldErrors: {} });
      void frontdesk().setUiBusy({ busy: true });
      // Whether the keychain can take a secret is asked only now, not at every start.
      void frontdesk()
        .getSettings({ checkKeychain: true })
        .then((result) => {
          if (result.ok) adopt(result.value);
        });
    },

    closeDialog() {
      if (!get().open) return;
      set({ open: false, outcome: null, signOutBlocked: null, fieldErrors: {} });
      void frontdesk().setUiBusy({ busy: false });
    },

    saveCredentials(input) {
      set({ outcome: null, fieldErrors: {}, signOutBlocked: null });
      return act(
        'save',
        () =>
          frontdesk().saveCredentials({
            emr: input.emr,
            clientId: input.clientId,
            clientSecret: input.clientSecret,
            ...(input.baseUrl !== null && { baseUrl: input.baseUrl }),
          }),
        (saved) => {
          adopt(saved.settings);
          set({ careUnits: saved.connection.careUnits, outcome: (t) => successText(saved.connection, t) });
        },
        (error) => {
          const fieldErrors: Record<string, string> = {};
          for (const issue of error.issues ?? []) fieldErrors[issue.path] ??= issue.message;
          set({ fieldErrors, outcome: (t) => failureText(error, t, true) });
        },
      );
    },

    async testConnection() {
      set({ outcome: null, signOutBlocked: null });
      await act(
        'test',
        () => frontdesk().testConnection(),
        (check) => set({ careUnits: check.careUnits, outcome: (t) => successText(check, t) }),
      );
    },

    async chooseCareUnit(careUnitId) {
      set({ outcome: null, signOutBlocked: null });
      await act(
        'choose',
        () => frontdesk().chooseCareUnit({ careUnitId }),
        (view) => {
          adopt(view);
          set({ outcome: said('success', 'settings.account.switched', { clinic: view.mode.careUnitName ?? view.mode.careUnitId }) });
        },
      );
    },

    async useDemo() {
      set({ outcome: null, signOutBlocked: null });
      await act(
        'demo',
        () => frontdesk().useDemo(),
        (view) => {
          adopt(view);
          set({ outcome: said('success', 'settings.account.switchedDemo') });
        },
      );
    },

    async removeSecret() {
      set({ outcome: null, signOutBlocked: null });
      await act(
        'remove',
        () => frontdesk().removeSecret(),
        (view) => {
          adopt(view);
          set({ outcome: said('success', 'settings.account.removed') });
        },
      );
    },

    async signOut(discardPendingChanges = false) {
      set({ outcome: null, signOutBlocked: null });
      await act(
        'signOut',
        () => frontdesk().signOut(discardPendingChanges ? { discardPendingChanges } : undefined),
        (out) => {
          adopt(out.settings);
          set({
            careUnits: null,
            outcome: out.warning === null ? said('success', 'settings.account.signedOut') : () => ({ kind: 'error', text: out.warning ?? '', reference: null }),
          });
        },
        (error) => {
          if (error.code !== 'REJECTED' || discardPendingChanges) {
            set({ outcome: (t) => failureText(error, t) });
            return;
          }
          // Main refuses while the clinic's changes wait; the connectivity status counts them.
          const pending = useConnectivity.getState().status?.pendingCount ?? 0;
          set({ signOutBlocked: (t) => (pending > 0 ? t('settings.account.signOutPending', { count: pending }) : error.message) });
        },
      );
    },

    async setLanguage(language) {
      preferenceEdits += 1;
      applyLanguage(language);
      await changePreferences({ language });
    },

    async setMaskPersonalNumbers(maskPersonalNumbers) {
      preferenceEdits += 1;
      await changePreferences({ maskPersonalNumbers });
    },

    async setAllowPastChanges(allowPastChanges) {
      preferenceEdits += 1;
      await changePreferences({ allowPastChanges });
    },
  };
});

// Personal numbers on every screen follow the setting, and patient ids are checked against
// the EHR of the clinic in use.
useSettings.subscribe((state) => {
  const mask = state.view?.maskPersonalNumbers ?? true;
  if (useMasking.getState().mask !== mask) useMasking.setState({ mask });
  const emr = state.view?.mode.emr ?? null;
  if (useClinicEhr.getState().emr !== emr) useClinicEhr.setState({ emr });
  const allowed = state.view?.allowPastChanges ?? false;
  if (usePastChanges.getState().allowed !== allowed) usePastChanges.setState({ allowed });
  adoptLook(state.view?.look);
});

/**
 * Loads the settings once and keeps the renderer in step with main's changes to them;
 * `onClinicChanged` runs when main starts working for another clinic.
 */
export function useSettingsSync(onClinicChanged: () => void): void {
  useEffect(() => {
    if (started) return;
    started = true;
    const api = frontdesk();
    api.on('settings.changed', (view) => useSettings.setState({ view }));
    api.on('mode.changed', () => onClinicChanged());
    void useSettings.getState().load();
  }, [onClinicChanged]);
}
