// Booking from a free slot: find the patient (by name, by a personal number or by the EHR's
// own id, each checked as it is typed against what the clinic's EHR takes), or create them;
// pick the start and a service that fits there; comment; book. A create that Leyr answers
// with a patient already registered is said as such, and the receptionist chooses.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PatientView } from '../../../preload/contract/index.ts';
import { classifyPatientQuery, classifyPersonalNumber, ehrName, looksLikeNumber, phoneRequiredOnCreate, searchQueryFor, type EhrCode } from '../../../preload/contract/patient-ids.ts';
import { formatDateLong, formatTime } from '../../i18n/format.ts';
import { useTranslate, type Translate } from '../../i18n/translate.ts';
import { useEhrCode } from '../../patients/clinic-ehr.ts';
import { alreadyRegistered, creationOf, nameDiffers } from '../../patients/creation.ts';
import { fieldIssues, isEmailAddress, isPhoneNumber, nameProblem, personalNumberHint, searchFieldHint, searchHint, searchLabelKey, type IdHint, type PatientField } from '../../patients/id-hints.ts';
import { MaskedPersonalNumber } from '../../patients/MaskedPersonalNumber.tsx';
import { Dialog } from '../../common/Dialog.tsx';
import { frontdesk } from '../../common/frontdesk.ts';
import { useNotices } from '../../common/notices.ts';
import type { DayModel } from '../model/day-model.ts';
import { realDateOf } from '../model/view-lens.ts';
import { useDay } from '../state/day-store.ts';
import { bookAppointment, errorText } from '../state/actions.ts';
import { useUi } from '../state/ui-store.ts';
import { dismissStaleUndo, undoAction } from '../state/undo-actions.ts';
import { usePastAllowed } from '../state/past-clock.ts';
import { hasPassed } from '../model/past.ts';
import { careUnitNow } from '../../common/care-unit-clock.ts';

interface Props {
  model: DayModel;
  resourceId: string;
  startMs: number;
  bandStartMs: number;
  bandEndMs: number;
  /** The service chosen already (a result of "the first free time"); the first that fits otherwise. */
  serviceId?: string | undefined;
}

const SEARCH_DELAY_MS = 250;

export function patientName(patient: Pick<PatientView, 'firstName' | 'lastName'>): string {
  return [patient.firstName, patient.lastName].filter((part) => part !== null && part !== '').join(' ');
}

/** The hint under an id field: valid, still being typed, wrong, or a type this EHR cannot take. */
function IdHintLine({ hint, id }: { hint: IdHint; id: string }) {
  const t = useTranslate();
  const cls = hint.state === 'refused' ? 'hint-invalid hint-refused' : `hint-${hint.state}`;
  return (
    <p id={id} className={`field-hint ${cls}`} data-testid="pn-hint" data-state={hint.state}>
      {t(hint.key, hint.values)}
    </p>
  );
}

function PatientSearch({ emr, onChoose, onCreate }: { emr: EhrCode; onChoose: (patient: PatientView) => void; onCreate: (initial: string) => void }) {
  const t = useTranslate();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ patients: PatientView[]; source: 'leyr' | 'store' } | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  const parsed = classifyPatientQuery(query, emr);
  const hint = searchHint(parsed, emr);
  const general = searchFieldHint(emr);
  // Only what this EHR can look up is sent: a refused or unfinished id never leaves the dialog.
  const term = parsed.kind === 'id' ? searchQueryFor(parsed.id) : parsed.kind === 'name' && parsed.searchable ? parsed.words : null;
  const searchable = term !== null;
  const latest = useRef(0);

  useEffect(() => {
    if (term === null) return;
    const mine = ++latest.current;
    const timer = setTimeout(() => {
      setSearching(true);
      void frontdesk()
        .searchPatients({ query: term })
        .then((result) => {
          if (mine !== latest.current) return;
          setSearching(false);
          if (result.ok) {
            setResults(result.value);
            setError(null);
          } else {
            setResults(null);
            setError(errorText(result.error));
          }
        });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [term]);

  return (
    <div className="patient-search">
      <label className="field">
        <span>{t(searchLabelKey(emr))}</span>
        <input
          type="search"
          value={query}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hintId}
          aria-invalid={hint?.state === 'invalid' || hint?.state === 'refused'}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="patient-query"
        />
      </label>
      {hint !== null ? (
        <IdHintLine hint={hint} id={hintId} />
      ) : (
        <p id={hintId} className="field-hint" data-testid="search-hint">
          {t(general.key, general.values)}
        </p>
      )}
      <div aria-live="polite" className="search-status">
        {searching && <span>{t('booking.searching')}</span>}
        {!searching && results?.source === 'store' && <span>{t('booking.fromStore')}</span>}
        {!searching && results !== null && results.patients.length === 0 && searchable && <span>{t('booking.noMatches')}</span>}
        {error !== null && <span className="error-text">{error}</span>}
      </div>
      {searchable && results !== null && results.patients.length > 0 && (
        <ul className="patient-results" aria-label={t('booking.patient')}>
          {results.patients.map((patient) => (
            <li key={patient.id}>
              <span className="patient-name">{patientName(patient) || patient.id}</span>
              {patient.personalNumber !== null && <MaskedPersonalNumber value={patient.personalNumber} label={t('patient.personalNumber')} />}
              <button type="button" onClick={() => onChoose(patient)} aria-label={`${t('booking.choose')} ${patientName(patient)}`}>
                {t('booking.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="link-button" onClick={() => onCreate(looksLikeNumber(query) ? query : '')}>
        {t('booking.create')}
      </button>
    </div>
  );
}

/** A field's problem in words: the form's own check first, then main's word on it. */
function problemText(field: PatientField, server: string, t: Translate): string {
  if (field === 'email') return t('patient.emailInvalid');
  if (field === 'phone') return t('patient.phoneInvalid');
  if (/too long/i.test(server)) return t('patient.tooLong');
  if (/empty/i.test(server)) return t('patient.required');
  return t('patient.notAccepted', { reason: server });
}

function FieldProblem({ id, text, testId }: { id: string; text: string; testId?: string }) {
  return (
    <span id={id} className="field-hint hint-invalid" data-testid={testId}>
      {text}
    </span>
  );
}

function ExistingPatient({ patient, typedNumber, differs, onUse, onBack }: { patient: PatientView; typedNumber: string; differs: boolean; onUse: () => void; onBack: () => void }) {
  const t = useTranslate();
  const backRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  // The safe way out has the keyboard: Enter never books the other person by accident.
  useEffect(() => backRef.current?.focus(), []);
  return (
    <div className="existing-patient" role="group" aria-labelledby={headingId} data-testid="existing-patient">
      <p id={headingId} className="existing-title" role="alert">
        <span data-testid="existing-name">{t('patient.existing', { name: patientName(patient) || patient.id })}</span>{' '}
        <MaskedPersonalNumber value={patient.personalNumber ?? typedNumber} label={t('patient.personalNumber')} />
      </p>
      <p className="muted">{t('patient.existingHint', { differs: differs ? t('patient.existingDiffers') : '' })}</p>
      <div className="inline-actions">
        <button ref={backRef} type="button" onClick={onBack} data-testid="existing-back">
          {t('patient.changeEntry')}
        </button>
        <button type="button" className="primary" onClick={onUse} data-testid="existing-use">
          {t('patient.useExisting')}
        </button>
      </div>
    </div>
  );
}

function CreatePatient({
  emr,
  initialNumber,
  onCreated,
  onChooseExisting,
  onBack,
}: {
  emr: EhrCode;
  initialNumber: string;
  onCreated: (patient: PatientView) => void;
  onChooseExisting: (patient: PatientView) => void;
  onBack: () => void;
}) {
  const t = useTranslate();
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [number, setNumber] = useState(initialNumber);
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  /** Main's word on fields it refused, until the field changes. */
  const [refused, setRefused] = useState<Partial<Record<PatientField, string>>>({});
  const [existing, setExisting] = useState<{ patient: PatientView; differs: boolean } | null>(null);
  const hintId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const numberRef = useRef<HTMLInputElement>(null);
  const entry = classifyPersonalNumber(number, emr);
  const hint = personalNumberHint(entry, emr);
  const phoneRequired = phoneRequiredOnCreate(emr);
  const missing = (value: string): boolean => tried && value.trim() === '';

  // Each field's problem, in words; null when it is fine or not to be said yet (the form's
  // own checks speak from the first Create on: said on leaving a field, the line it adds would
  // move the Create button from under the pointer between press and release).
  const problems: Record<PatientField, string | null> = {
    firstName: missing(firstName) ? t('patient.required') : tried && nameProblem(firstName) !== null ? t(nameProblem(firstName) ?? 'patient.required') : refused.firstName !== undefined ? problemText('firstName', refused.firstName, t) : null,
    lastName: missing(lastName) ? t('patient.required') : tried && nameProblem(lastName) !== null ? t(nameProblem(lastName) ?? 'patient.required') : refused.lastName !== undefined ? problemText('lastName', refused.lastName, t) : null,
    personalNumber: refused.personalNumber !== undefined ? problemText('personalNumber', refused.personalNumber, t) : null,
    phone:
      phone.trim() === ''
        ? phoneRequired && tried
          ? t('patient.required')
          : null
        : (tried && !isPhoneNumber(phone)) || refused.phone !== undefined
          ? t('patient.phoneInvalid')
          : null,
    email: email.trim() !== '' && ((tried && !isEmailAddress(email)) || refused.email !== undefined) ? t('patient.emailInvalid') : null,
  };
  const complete =
    nameProblem(firstName) === null &&
    nameProblem(lastName) === null &&
    entry.kind === 'valid' &&
    (phone.trim() === '' ? !phoneRequired : isPhoneNumber(phone)) &&
    (email.trim() === '' || isEmailAddress(email));

  const edit =
    (field: PatientField, set: (value: string) => void) =>
    (value: string): void => {
      set(value);
      setError(null);
      if (refused[field] !== undefined) setRefused(({ [field]: _gone, ...rest }) => rest);
    };

  const submit = async (): Promise<void> => {
    setTried(true);
    if (!complete || entry.kind !== 'valid') {
      // Straight to the first field that needs something.
      setTimeout(() => formRef.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    const typed = { firstName: firstName.trim(), lastName: lastName.trim() };
    const result = await frontdesk().createPatient({
      ...typed,
      personalNumber: entry.value,
      ...(phone.trim() !== '' && { phone: phone.trim() }),
      ...(email.trim() !== '' && { email: email.trim() }),
    });
    setBusy(false);
    if (result.ok) {
      const creation = creationOf(result.value);
      if (alreadyRegistered(creation, typed)) {
        setExisting({ patient: creation.patient, differs: nameDiffers(creation.patient, typed) });
      } else onCreated(creation.patient);
      return;
    }
    const byField = result.error.code === 'INVALID_ARGUMENT' ? fieldIssues(result.error.issues) : {};
    if (Object.keys(byField).length > 0) {
      setRefused(byField);
      setTimeout(() => formRef.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus(), 0);
    } else setError(errorText(result.error));
  };

  if (existing !== null) {
    return (
      <ExistingPatient
        patient={existing.patient}
        typedNumber={entry.kind === 'valid' ? entry.value : number}
        differs={existing.differs}
        onUse={() => onChooseExisting(existing.patient)}
        onBack={() => {
          setExisting(null);
          setTimeout(() => numberRef.current?.focus(), 0);
        }}
      />
    );
  }

  const numberInvalid = hint?.state === 'invalid' || hint?.state === 'refused' || problems.personalNumber !== null || (tried && entry.kind !== 'valid');
  return (
    <form
      ref={formRef}
      className="create-patient"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <div className="field-row">
        <label className="field">
          <span>{t('patient.firstName')}</span>
          <input
            value={firstName}
            onChange={(e) => edit('firstName', setFirstName)(e.target.value)}
            required
            aria-invalid={problems.firstName !== null}
            aria-describedby={problems.firstName !== null ? `${hintId}-first` : undefined}
            autoFocus
          />
          {problems.firstName !== null && <FieldProblem id={`${hintId}-first`} text={problems.firstName} />}
        </label>
        <label className="field">
          <span>{t('patient.lastName')}</span>
          <input
            value={lastName}
            onChange={(e) => edit('lastName', setLastName)(e.target.value)}
            required
            aria-invalid={problems.lastName !== null}
            aria-describedby={problems.lastName !== null ? `${hintId}-last` : undefined}
          />
          {problems.lastName !== null && <FieldProblem id={`${hintId}-last`} text={problems.lastName} />}
        </label>
      </div>
      <label className="field">
        <span>{t('patient.personalNumber')}</span>
        <input
          ref={numberRef}
          value={number}
          onChange={(e) => edit('personalNumber', setNumber)(e.target.value)}
          inputMode="numeric"
          autoComplete="off"
          required
          aria-describedby={hintId}
          aria-invalid={numberInvalid}
          data-testid="new-patient-pn"
        />
      </label>
      {problems.personalNumber !== null ? (
        <p id={hintId} className="field-hint hint-invalid" data-testid="pn-hint" data-state="invalid">
          {problems.personalNumber}
        </p>
      ) : tried && hint === null ? (
        <p id={hintId} className="field-hint hint-invalid">
          {t('patient.required')}
        </p>
      ) : (
        hint !== null && <IdHintLine hint={hint} id={hintId} />
      )}
      <div className="field-row">
        <label className="field">
          <span>{phoneRequired ? t('patient.phoneRequired') : t('patient.phone')}</span>
          <input
            type="tel"
            value={phone}
            onChange={(e) => edit('phone', setPhone)(e.target.value)}
            autoComplete="off"
            required={phoneRequired}
            aria-invalid={problems.phone !== null}
            aria-describedby={`${hintId}-phone`}
            data-testid="new-patient-phone"
          />
          {problems.phone !== null ? (
            <FieldProblem id={`${hintId}-phone`} testId="phone-problem" text={phoneRequired && phone.trim() === '' ? `${problems.phone}: ${t('patient.phoneWhy', { ehr: ehrName(emr) })}` : problems.phone} />
          ) : (
            phoneRequired && (
              <span id={`${hintId}-phone`} className="field-hint">
                {t('patient.phoneWhy', { ehr: ehrName(emr) })}
              </span>
            )
          )}
        </label>
        <label className="field">
          <span>{t('patient.email')}</span>
          <input
            type="email"
            value={email}
            onChange={(e) => edit('email', setEmail)(e.target.value)}
            autoComplete="off"
            aria-invalid={problems.email !== null}
            aria-describedby={problems.email !== null ? `${hintId}-email` : undefined}
            data-testid="new-patient-email"
          />
          {problems.email !== null && <FieldProblem id={`${hintId}-email`} testId="email-problem" text={problems.email} />}
        </label>
      </div>
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="inline-actions">
        <button type="button" onClick={onBack}>
          {t('patient.back')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('patient.create')}
        </button>
      </div>
    </form>
  );
}

export function BookingDialog({ model, resourceId, startMs: initialStart, bandStartMs, bandEndMs, serviceId: initialService }: Props) {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const notify = useNotices((state) => state.notify);
  const emr = useEhrCode();
  const [patient, setPatient] = useState<PatientView | null>(null);
  const [creating, setCreating] = useState<string | null>(null);
  const [chosenStart, setStartMs] = useState(initialStart);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resource = model.resourceNames.get(resourceId) ?? resourceId;
  const fmt = (ms: number): string => formatTime(ms, model.zone, model.locale);
  const bookRef = useRef<HTMLButtonElement>(null);
  // Once the patient is chosen the next step is Book: take the keyboard there.
  useEffect(() => {
    if (patient !== null) bookRef.current?.focus();
  }, [patient]);

  // Starts that have passed are not offered, unless the clinic allows it (then Book asks first).
  const allowPast = usePastAllowed();
  const [openedAt] = useState(careUnitNow);
  const slots = useMemo(
    () => model.slots.slotsWithin(resourceId, bandStartMs, bandEndMs).filter((slot) => allowPast || !hasPassed(slot.startMs, openedAt)),
    [model, resourceId, bandStartMs, bandEndMs, allowPast, openedAt],
  );
  const starts = useMemo(() => [...new Set(slots.map((slot) => slot.startMs))], [slots]);
  // The start stays the one the dialog was opened with (or the receptionist chose): one that
  // is no longer free (taken by another desk, passed) is said, never swapped for another.
  const startMs = chosenStart;
  const startFree = starts.includes(startMs);
  const fitting = useMemo(
    () =>
      slots
        .filter((slot) => slot.startMs === startMs)
        .map((slot) => ({ slot, service: model.services.get(slot.serviceId) }))
        .sort((a, b) => (a.service?.durationMinutes ?? 0) - (b.service?.durationMinutes ?? 0)),
    [slots, startMs, model.services],
  );
  const [serviceId, setServiceId] = useState<string | null>(initialService ?? null);
  // A service asked for (the first free time's, or chosen here) that no longer fits is said, not swapped.
  const chosen = serviceId === null ? (fitting[0] ?? null) : (fitting.find((entry) => entry.slot.serviceId === serviceId) ?? null);
  const serviceName = (id: string): string => model.services.get(id)?.name ?? id;
  const problem =
    starts.length === 0
      ? t('fixes.noStartLeft')
      : !startFree
        ? hasPassed(startMs, careUnitNow()) && !allowPast
          ? t('fixes.pastHere')
          : t('booking.startGone', { time: fmt(startMs) })
        : chosen === null
          ? serviceId !== null
            ? t('booking.serviceGone', { service: serviceName(serviceId), time: fmt(startMs) })
            : t('booking.noService')
          : null;

  const book = async (): Promise<void> => {
    if (patient === null) {
      setError(t('booking.pickPatient'));
      return;
    }
    if (chosen === null || problem !== null) {
      setError(problem ?? t('booking.noService'));
      return;
    }
    const now = careUnitNow();
    if (hasPassed(chosen.slot.startMs, now)) {
      if (!allowPast) {
        setError(t('fixes.pastHere'));
        return;
      }
      if (!window.confirm(t('fixes.confirmBook'))) return;
    }
    setBusy(true);
    const result = await bookAppointment({
      patientId: patient.id,
      resourceId,
      serviceId: chosen.slot.serviceId === '' ? null : chosen.slot.serviceId,
      startMs: chosen.slot.startMs,
      endMs: chosen.slot.endMs,
      comment,
    });
    setBusy(false);
    if (result.ok) {
      dismissStaleUndo();
      notify('success', t('booking.booked', { patient: patientName(patient), time: fmt(chosen.slot.startMs) }), undoAction());
      close();
    } else {
      setError(errorText(result.error));
    }
  };

  return (
    <Dialog
      title={t('booking.title')}
      subtitle={t('booking.slot', { date: formatDateLong(realDateOf(useDay.getState().lens, { resourceId, startMs, endMs: startMs }, model.snapshot.date, model.zone), model.zone, model.locale), time: fmt(startMs), resource })}
      onClose={close}
      testId="booking-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            {t('booking.cancel')}
          </button>
          <button ref={bookRef} type="button" className="primary" onClick={() => void book()} disabled={busy || patient === null || chosen === null || problem !== null} data-testid="book-button">
            {t('booking.book')}
          </button>
        </>
      }
    >
      <fieldset className="section">
        <legend>{t('booking.patient')}</legend>
        {patient !== null ? (
          <div className="chosen-patient" data-testid="chosen-patient">
            <span className="patient-name">{patientName(patient) || patient.id}</span>
            {patient.personalNumber !== null && <MaskedPersonalNumber value={patient.personalNumber} label={t('patient.personalNumber')} />}
            <button type="button" className="link-button" onClick={() => setPatient(null)}>
              {t('booking.change')}
            </button>
          </div>
        ) : creating !== null ? (
          <CreatePatient
            emr={emr}
            initialNumber={creating}
            onBack={() => setCreating(null)}
            onCreated={(created) => {
              setCreating(null);
              setPatient(created);
              notify('success', t('patient.created'));
            }}
            onChooseExisting={(registered) => {
              // The registered patient, chosen on purpose: never "created".
              setCreating(null);
              setPatient(registered);
            }}
          />
        ) : (
          <PatientSearch emr={emr} onChoose={setPatient} onCreate={(initial) => setCreating(initial)} />
        )}
      </fieldset>
      <div className="field-row">
        <label className="field">
          <span>{t('booking.start')}</span>
          <select value={startMs} onChange={(event) => setStartMs(Number(event.target.value))} aria-invalid={!startFree} data-testid="booking-start">
            {(startFree ? starts : [startMs, ...starts].sort((a, b) => a - b)).map((ms) => (
              <option key={ms} value={ms}>
                {fmt(ms)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('booking.service')}</span>
          <select value={chosen?.slot.serviceId ?? ''} onChange={(event) => setServiceId(event.target.value)} disabled={fitting.length === 0} data-testid="booking-service">
            {chosen === null && <option value="">{serviceId !== null && fitting.length > 0 ? serviceName(serviceId) : ''}</option>}
            {fitting.map(({ slot, service }) => (
              <option key={slot.serviceId} value={slot.serviceId}>
                {t('booking.serviceOption', { name: service?.name ?? slot.serviceId, minutes: Math.round((slot.endMs - slot.startMs) / 60_000) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem !== null && (
        <p className="error-text" role="alert" data-testid="booking-problem">
          {problem}
        </p>
      )}
      <label className="field">
        <span>{t('booking.comment')}</span>
        <textarea value={comment} maxLength={500} rows={2} onChange={(event) => setComment(event.target.value)} />
      </label>
      {error !== null && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
