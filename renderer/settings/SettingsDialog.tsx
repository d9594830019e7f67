// The settings screen: which clinic is in use, the Leyr account (EHR, client id, client
// secret, care unit), switching between the clinic and the demo, signing out, and the
// receptionist's preferences. A modal on the native <dialog> (common/Dialog.tsx): labelled, focus
// trapped, Esc closes.
//
// The secret field is write-only and uncontrolled: its value lives only in the input until
// it is sent, is cleared right after, and never becomes React state (a controlled input
// would also mirror it into the DOM's value attribute). Once saved it shows as "Stored in
// the keychain", with Replace and Remove.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { LanguageChoice, SettingsView } from '../../preload/contract/index.ts';
import { KNOWN_EHR_CODES } from '../../preload/contract/patient-ids.ts';
import { useTranslate } from '../i18n/translate.ts';
import { Dialog } from '../common/Dialog.tsx';
import './settings.css';
import { useSettings } from './settings-store.ts';

/** EHR codes Leyr serves, offered as suggestions; any other code can be typed. */
export const KNOWN_EHRS = KNOWN_EHR_CODES;

const EMR_CODE = /^[a-z][a-z0-9_-]{0,63}$/;
const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['system', 'sv', 'nb', 'en'];

export function SettingsDialog() {
  const t = useTranslate();
  const view = useSettings((state) => state.view);
  const close = useSettings((state) => state.closeDialog);
  return (
    <Dialog
      title={t('settings.title')}
      onClose={close}
      className="settings-dialog"
      testId="settings-dialog"
      footer={
        <button type="button" onClick={close}>
          {t('settings.close')}
        </button>
      }
    >
      {/* Keys typed here are the dialog's: the day view's shortcuts listen on the document. */}
      <div className="settings-body" onKeyDown={(event) => event.stopPropagation()}>
        {view === null ? <p className="muted">{t('settings.account.keychainUnknown')}</p> : <SettingsBody view={view} />}
      </div>
    </Dialog>
  );
}

function SettingsBody({ view }: { view: SettingsView }) {
  return (
    <>
      {view.loadProblem !== null && (
        <p className="error-text" role="alert" data-testid="settings-load-problem">
          {view.loadProblem.message}
        </p>
      )}
      <ClinicSection view={view} />
      {!view.mode.fixed && <AccountSection view={view} />}
      <PreferencesSection view={view} />
    </>
  );
}

function ClinicSection({ view }: { view: SettingsView }) {
  const t = useTranslate();
  const headingId = useId();
  const { mode } = view;
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('settings.clinic.heading')}</h3>
      <p data-testid="settings-mode" data-mode={mode.mode}>
        {mode.mode === 'demo' ? t('settings.clinic.demo') : t('settings.clinic.account', { clinic: mode.careUnitName ?? mode.careUnitId, emr: mode.emr })}
      </p>
      {mode.reason !== null && (
        <p className="settings-warning" data-testid="settings-mode-reason">
          {mode.reason}
        </p>
      )}
      {mode.fixed && <p className="muted">{t('settings.clinic.fixed')}</p>}
      {mode.waiting.map((waiting) => (
        <p key={`${waiting.demo}-${waiting.clinic}`} className="muted" data-testid="settings-waiting">
          {t('settings.clinic.waiting', { count: waiting.count, clinic: waiting.demo ? t('settings.clinic.demoClinic') : waiting.clinic })}
        </p>
      ))}
    </section>
  );
}

function AccountSection({ view }: { view: SettingsView }) {
  // What main saved (another account, a sign-out) is what the form starts from next.
  const account = view.account;
  return <AccountForm key={account === null ? 'none' : `${account.emr}\n${account.clientId}\n${account.baseUrl ?? ''}`} view={view} />;
}

function AccountForm({ view }: { view: SettingsView }) {
  const t = useTranslate();
  const headingId = useId();
  const busy = useSettings((state) => state.busy);
  const outcome = useSettings((state) => state.outcome)?.(t) ?? null;
  const careUnits = useSettings((state) => state.careUnits);
  const signOutBlocked = useSettings((state) => state.signOutBlocked)?.(t) ?? null;
  const fieldErrors = useSettings((state) => state.fieldErrors);
  const actions = useSettings.getState();

  const account = view.account;
  const [emr, setEmr] = useState(account?.emr ?? '');
  const [clientId, setClientId] = useState(account?.clientId ?? '');
  const [baseUrl, setBaseUrl] = useState(account?.baseUrl ?? '');
  const [replacing, setReplacing] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [picked, setPicked] = useState<string | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  // The receptionist's pick, else the care unit in the settings, else the only one listed.
  const careUnitId = picked ?? account?.careUnitId ?? (careUnits?.length === 1 ? (careUnits[0]?.id ?? '') : '');

  const keychainDown = view.keychain.available === false;
  const showStored = view.secretStored && !replacing;
  const changedIdentity = account !== null && (emr.trim() !== account.emr || clientId.trim() !== account.clientId || (baseUrl.trim() || null) !== account.baseUrl);
  const errors = { ...fieldErrors, ...problems };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const code = emr.trim().toLowerCase();
    const id = clientId.trim();
    const secret = secretRef.current?.value ?? '';
    if (code === '') found.emr = t('settings.account.emrRequired');
    else if (!EMR_CODE.test(code)) found.emr = t('settings.account.emrFormat');
    if (id === '') found.clientId = t('settings.account.clientIdRequired');
    if (showStored && changedIdentity) found.clientSecret = t('settings.account.secretForChange');
    else if (!showStored && secret.trim() === '') found.clientSecret = t('settings.account.secretRequired');
    setProblems(found);
    if (Object.keys(found).length > 0) {
      if (found.clientSecret !== undefined && showStored) setReplacing(true);
      return;
    }
    if (showStored) {
      await actions.testConnection();
      return;
    }
    // The secret leaves the field now and is not kept anywhere in the renderer.
    if (secretRef.current !== null) secretRef.current.value = '';
    const saved = await actions.saveCredentials({ emr: code, clientId: id, clientSecret: secret, baseUrl: baseUrl.trim() === '' ? null : baseUrl.trim() });
    if (saved) setReplacing(false);
  };

  const listed = careUnits ?? (account?.careUnitId ? [{ id: account.careUnitId, name: view.mode.mode === 'account' && view.mode.careUnitId === account.careUnitId ? view.mode.careUnitName : null }] : []);
  const inUse = view.mode.mode === 'account' && account !== null && view.mode.careUnitId === careUnitId && careUnitId !== '';
  const fieldError = (name: string) =>
    errors[name] === undefined ? null : (
      <p id={`settings-${name}-error`} className="error-text" role="alert">
        {errors[name]}
      </p>
    );

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('settings.account.heading')}</h3>
      {keychainDown && (
        <p className="settings-warning" data-testid="keychain-status">
          {t('settings.account.keychainUnavailable', { reason: view.keychain.reason ?? '' })}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate className="settings-form">
        <label className="field">
          <span>{t('settings.account.emr')}</span>
          <input
            value={emr}
            onChange={(event) => setEmr(event.target.value)}
            list="settings-known-ehrs"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.emr !== undefined}
            aria-describedby={errors.emr !== undefined ? 'settings-emr-error' : 'settings-emr-hint'}
            data-testid="settings-emr"
          />
          <datalist id="settings-known-ehrs">
            {KNOWN_EHRS.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
          <span id="settings-emr-hint" className="field-hint">
            {t('settings.account.emrHint')}
          </span>
        </label>
        {fieldError('emr')}
        <label className="field">
          <span>{t('settings.account.clientId')}</span>
          <input
            value={clientId}
            onChange={(event) => setClientId(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.clientId !== undefined}
            aria-describedby={errors.clientId !== undefined ? 'settings-clientId-error' : undefined}
            data-testid="settings-client-id"
          />
        </label>
        {fieldError('clientId')}
        {showStored ? (
          <div className="field" role="group" aria-label={t('settings.account.secret')}>
            <span>{t('settings.account.secret')}</span>
            <div className="secret-stored">
              <span data-testid="secret-stored">{t('settings.account.stored')}</span>
              <button type="button" onClick={() => setReplacing(true)} disabled={busy !== null || keychainDown}>
                {t('settings.account.replace')}
              </button>
              <button type="button" className="danger" onClick={() => void actions.removeSecret()} disabled={busy !== null}>
                {t('settings.account.remove')}
              </button>
            </div>
          </div>
        ) : (
          <label className="field">
            <span>{t('settings.account.secret')}</span>
            <input
              ref={secretRef}
              type="password"
              autoComplete="off"
              spellCheck={false}
              disabled={keychainDown}
              aria-invalid={errors.clientSecret !== undefined}
              aria-describedby={errors.clientSecret !== undefined ? 'settings-clientSecret-error' : 'settings-secret-hint'}
              data-testid="settings-secret"
            />
            <span id="settings-secret-hint" className="field-hint">
              {t('settings.account.secretHint')}
            </span>
          </label>
        )}
        {fieldError('clientSecret')}
        {replacing && view.secretStored && (
          <button type="button" className="link-button" onClick={() => setReplacing(false)}>
            {t('settings.account.keepStored')}
          </button>
        )}
        <details className="settings-advanced" open={baseUrl !== ''}>
          <summary>{t('settings.account.advanced')}</summary>
          <label className="field">
            <span>{t('settings.account.baseUrl')}</span>
            <input
              type="url"
              value={baseUrl}
              onChange={(event) => setBaseUrl(event.target.value)}
              placeholder="https://api.leyr.io/api"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={errors.baseUrl !== undefined}
              aria-describedby={errors.baseUrl !== undefined ? 'settings-baseUrl-error' : 'settings-baseurl-hint'}
              data-testid="settings-base-url"
            />
            <span id="settings-baseurl-hint" className="field-hint">
              {t('settings.account.baseUrlHint')}
            </span>
          </label>
          {fieldError('baseUrl')}
        </details>
        <div className="inline-actions settings-test">
          <button type="submit" className="primary" disabled={busy !== null || (keychainDown && !showStored)} data-testid="settings-test">
            {busy === 'save' || busy === 'test' ? t('settings.account.testing') : t('settings.account.test')}
          </button>
        </div>
      </form>

      {outcome !== null && <Outcome kind={outcome.kind} text={outcome.text} reference={outcome.reference} />}

      {account !== null && view.secretStored && (
        <div className="settings-care-unit">
          <label className="field">
            <span>{t('settings.account.careUnit')}</span>
            <select value={careUnitId} onChange={(event) => setPicked(event.target.value)} data-testid="settings-care-unit">
              <option value="" disabled>
                {t('settings.account.careUnitPlaceholder')}
              </option>
              {listed.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.name === null ? unit.id : `${unit.name} (${unit.id})`}
                </option>
              ))}
            </select>
            {careUnits === null && (
              <span className="field-hint">{t('settings.account.careUnitHint')}</span>
            )}
          </label>
        </div>
      )}

      <div className="inline-actions settings-switch">
        {account !== null && view.secretStored && (
          <button type="button" className="primary" disabled={busy !== null || careUnitId === '' || inUse} onClick={() => void actions.chooseCareUnit(careUnitId)} data-testid="settings-use-clinic">
            {inUse ? t('settings.account.inUse') : t('settings.account.useClinic')}
          </button>
        )}
        <button type="button" disabled={busy !== null || view.mode.mode === 'demo'} onClick={() => void actions.useDemo()} data-testid="settings-use-demo">
          {t('settings.account.useDemo')}
        </button>
        {account !== null && (
          <button type="button" className="danger" disabled={busy !== null} onClick={() => void actions.signOut()} data-testid="settings-sign-out">
            {t('settings.account.signOut')}
          </button>
        )}
      </div>
      {signOutBlocked !== null && (
        <div className="settings-warning" role="alert" data-testid="sign-out-blocked">
          <p>{signOutBlocked}</p>
          <button type="button" className="danger" disabled={busy !== null} onClick={() => void actions.signOut(true)}>
            {t('settings.account.signOutAnyway')}
          </button>
        </div>
      )}
    </section>
  );
}

function Outcome({ kind, text, reference }: { kind: 'success' | 'error'; text: string; reference: string | null }) {
  const t = useTranslate();
  const [copied, setCopied] = useState(false);
  const referenceRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  // The button that was pressed is often disabled by its own outcome ("Use this clinic"
  // becomes "In use"), which drops focus out of the dialog: keep it here, on the outcome.
  useEffect(() => {
    const box = boxRef.current;
    const active = document.activeElement;
    const lost = active === null || active === document.body || !box?.closest('dialog')?.contains(active) || (active instanceof HTMLButtonElement && active.disabled);
    if (box !== null && lost) box.focus();
  }, [text]);
  const copy = async (): Promise<void> => {
    if (reference === null) return;
    try {
      await navigator.clipboard.writeText(reference);
    } catch {
      // Where the clipboard API is refused (the desktop shell denies permission requests),
      // copy the selected text the old way.
      referenceRef.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <div ref={boxRef} tabIndex={-1} className={`settings-outcome settings-outcome-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid="settings-outcome" data-kind={kind}>
      <p>{text}</p>
      {reference !== null && (
        <div className="settings-reference">
          <label>
            <span>{t('settings.outcome.reference')}</span>
            <input ref={referenceRef} readOnly value={reference} size={38} onFocus={(event) => event.target.select()} data-testid="settings-reference" />
          </label>
          <button type="button" onClick={() => void copy()}>
            {copied ? t('settings.outcome.copied') : t('settings.outcome.copy')}
          </button>
        </div>
      )}
    </div>
  );
}

function PreferencesSection({ view }: { view: SettingsView }) {
  const t = useTranslate();
  const headingId = useId();
  const actions = useSettings.getState();
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('settings.preferences.heading')}</h3>
      <label className="field">
        <span>{t('settings.preferences.language')}</span>
        <select
          value={view.language}
          onChange={(event) => {
            const choice = LANGUAGE_CHOICES.find((value) => value === event.target.value);
            if (choice !== undefined) void actions.setLanguage(choice);
          }}
          data-testid="settings-language"
        >
          <option value="system">{t('settings.preferences.system')}</option>
          <option value="sv" lang="sv">
            Svenska
          </option>
          <option value="nb" lang="nb">
            Norsk (bokmål)
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={view.maskPersonalNumbers} onChange={(event) => void actions.setMaskPersonalNumbers(event.target.checked)} data-testid="settings-mask" />
        <span>{t('settings.preferences.mask')}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={view.allowPastChanges} onChange={(event) => void actions.setAllowPastChanges(event.target.checked)} data-testid="settings-allow-past" aria-describedby="settings-allow-past-hint" />
        <span>{t('fixes.allowPast')}</span>
      </label>
      <p id="settings-allow-past-hint" className="field-hint">
        {t('fixes.allowPastHint')}
      </p>
    </section>
  );
}
